package dev.kubesdk.codegen;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gives every definition its Java class name and renames the definitions (and every {@code $ref}) to it.
 *
 * <p>Rules, the same as the other official Kubernetes clients so that names carry over:
 *
 * <ol>
 *   <li>A definition name is split on dots: {@code io.k8s.api.core.v1.Pod} → {@code [io, k8s, api, core, v1,
 *       Pod]}. The class name is built from the last two segments, each with its first letter upper-cased and
 *       {@code -}/{@code _} removed with the next letter upper-cased: {@code V1Pod}, {@code V1beta1Lease},
 *       {@code V1ObjectMeta} (apimachinery), {@code V1CustomResourceDefinition} (apiextensions),
 *       {@code V1APIService} (kube-aggregator), {@code VersionInfo}.
 *   <li>When two or more definitions would get the same name, all of them take one more segment, and this is
 *       repeated until no name is shared: {@code io.k8s.api.core.v1.Event} and {@code
 *       io.k8s.api.events.v1.Event} become {@code CoreV1Event} and {@code EventsV1Event}. Names that do not
 *       collide are never lengthened, so adding an unrelated group never renames an existing class.
 *   <li>A collision that remains when a name has used all its segments fails the build.
 * </ol>
 *
 * The result depends only on the set of definition names, not on their order.
 */
public final class ModelNames {
  private ModelNames() {}

  /** Definition name → class name, for every name given, following the class rules. */
  public static Map<String, String> assign(Collection<String> definitionNames) {
    Map<String, Integer> segments = new TreeMap<>();
    for (String name : definitionNames) {
      segments.put(name, Math.min(2, name.split("\\.").length));
    }
    while (true) {
      Map<String, List<String>> byClass = new TreeMap<>();
      for (Map.Entry<String, Integer> entry : segments.entrySet()) {
        byClass
            .computeIfAbsent(className(entry.getKey(), entry.getValue()), k -> new ArrayList<>())
            .add(entry.getKey());
      }
      boolean grew = false;
      for (Map.Entry<String, List<String>> group : byClass.entrySet()) {
        if (group.getValue().size() < 2) {
          continue;
        }
        for (String name : group.getValue()) {
          int available = name.split("\\.").length;
          int used = segments.get(name);
          if (used >= available) {
            throw new SpecException(
                "spec: definitions "
                    + group.getValue()
                    + " all map to class "
                    + group.getKey()
                    + " and cannot be told apart by a longer prefix; add a rule for them to ModelNames");
          }
          segments.put(name, used + 1);
          grew = true;
        }
      }
      if (!grew) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String name : definitionNames) {
          result.put(name, className(name, segments.get(name)));
        }
        return result;
      }
    }
  }

  /** The class name made of the last {@code count} dot-separated segments of a definition name. */
  static String className(String definitionName, int count) {
    String[] parts = definitionName.split("\\.");
    StringBuilder result = new StringBuilder();
    for (int i = Math.max(0, parts.length - count); i < parts.length; i++) {
      result.append(camelize(parts[i]));
    }
    return result.toString();
  }

  private static String camelize(String segment) {
    StringBuilder result = new StringBuilder();
    boolean upper = true;
    for (char c : segment.toCharArray()) {
      if (c == '-' || c == '_') {
        upper = true;
      } else {
        result.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return result.toString();
  }

  /**
   * Renames every definition to its class name, records the old name in {@link Extensions#ORIGINAL_NAME},
   * and rewrites every {@code $ref} in the spec.
   */
  public static Map<String, String> rename(JsonObject spec) {
    JsonObject definitions = SpecTree.definitions(spec);
    Map<String, String> names = assign(new ArrayList<>(definitions.keySet()));
    Map<String, String> refs = new HashMap<>();
    names.forEach(
        (old, renamed) ->
            refs.put(SpecTree.DEFINITION_REF + old, SpecTree.DEFINITION_REF + renamed));
    SpecTree.rewriteRefs(
        spec,
        ref -> {
          JsonElement target = ref.get("$ref");
          String renamed = target.isJsonPrimitive() ? refs.get(target.getAsString()) : null;
          if (renamed == null) {
            if (SpecTree.definitionRef(ref) != null) {
              throw new SpecException("spec: $ref " + target + " points at no definition");
            }
            return ref;
          }
          JsonObject copy = ref.deepCopy();
          copy.addProperty("$ref", renamed);
          return copy;
        });
    JsonObject renamedDefinitions = new JsonObject();
    for (Map.Entry<String, JsonElement> entry : definitions.entrySet()) {
      JsonObject definition = entry.getValue().getAsJsonObject();
      definition.addProperty(Extensions.ORIGINAL_NAME, entry.getKey());
      renamedDefinitions.add(names.get(entry.getKey()), definition);
    }
    spec.add("definitions", renamedDefinitions);
    return names;
  }
}
