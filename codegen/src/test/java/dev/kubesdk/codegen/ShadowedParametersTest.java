package dev.kubesdk.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShadowedParametersTest {
  private static List<String> parameters(JsonObject spec, String path) {
    List<String> result = new ArrayList<>();
    for (JsonElement parameter : spec.getAsJsonObject("paths").getAsJsonObject(path).getAsJsonArray("parameters")) {
      JsonObject resolved = SpecTree.resolveParameter(spec, parameter.getAsJsonObject());
      result.add(resolved.get("in").getAsString() + " " + resolved.get("name").getAsString());
    }
    return result;
  }

  @Test
  void aProxyPathKeepsItsPathSegmentAndLosesTheQueryOfTheSameName() {
    JsonObject spec = Fragments.miniSpec();
    String proxy = "/api/v1/namespaces/{namespace}/pods/{name}/proxy/{path}";
    assertThat(parameters(spec, proxy)).contains("path path", "query path");

    ShadowedParameters.remove(spec);

    assertThat(parameters(spec, proxy)).containsExactly("path name", "path namespace", "path path");
  }

  @Test
  void queryParametersWithOtherNamesStay() {
    JsonObject spec = Fragments.miniSpec();
    String exec = "/api/v1/namespaces/{namespace}/pods/{name}/exec";

    ShadowedParameters.remove(spec);

    assertThat(parameters(spec, exec)).containsExactly("query command", "path name", "path namespace");
  }
}
