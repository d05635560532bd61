package dev.kubesdk.codegen;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Marks the properties that hold secrets with {@link Extensions#SENSITIVE}, so that generated {@code
 * toString()} prints {@code <redacted>} instead of their values: the {@code data} and {@code stringData} of a
 * core/v1 Secret. A marked property missing from the spec fails the build rather than silently printing
 * secrets after an upstream rename.
 */
public final class SensitiveFields {
  /** Class name (after {@link ModelNames#rename}) → properties whose values are secret. */
  static final Map<String, List<String>> SENSITIVE = Map.of("V1Secret", List.of("data", "stringData"));

  private SensitiveFields() {}

  /** Adds the sensitive marker to every listed property. */
  public static void mark(JsonObject spec) {
    JsonObject definitions = SpecTree.definitions(spec);
    for (Map.Entry<String, List<String>> entry : SENSITIVE.entrySet()) {
      JsonObject definition = definitions.getAsJsonObject(entry.getKey());
      for (String property : entry.getValue()) {
        JsonObject properties = definition == null ? null : definition.getAsJsonObject("properties");
        if (properties == null || !properties.has(property)) {
          throw new SpecException(
              "spec: definition " + entry.getKey() + " has no property " + property
                  + " to mark as secret; update SensitiveFields to the spec's new name for it");
        }
        properties.getAsJsonObject(property).addProperty(Extensions.SENSITIVE, true);
      }
    }
  }
}
