package dev.kubesdk.codegen;

import com.google.gson.JsonObject;
import java.util.HashSet;
import java.util.Set;

/**
 * Removes every query parameter that has the name of a path parameter of the same operation. The generator
 * keeps one parameter per name, and for the {@code *ProxyWithPath} operations ({@code
 * .../proxy/{path}}, which also declare the {@code path} query parameter of {@code PodProxyOptions}) it kept
 * the query parameter: the {@code {path}} segment was never set and every such call failed before it was
 * sent. The path segment is what the API server proxies to; kubectl sends no {@code path} query with it.
 */
public final class ShadowedParameters {
  private ShadowedParameters() {}

  /** Removes the query parameters shadowed by a path parameter, at the operation and at the path level. */
  public static void remove(JsonObject spec) {
    for (SpecTree.Operation operation : SpecTree.operations(spec)) {
      Set<String> pathNames = new HashSet<>();
      for (JsonObject parameter : operation.parameters(spec)) {
        if ("path".equals(parameter.get("in").getAsString())) {
          pathNames.add(parameter.get("name").getAsString());
        }
      }
      SpecTree.removeParameters(
          spec,
          operation,
          parameter -> "query".equals(parameter.get("in").getAsString())
              && pathNames.contains(parameter.get("name").getAsString()));
    }
  }
}
