package dev.kubesdk.codegen;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inlines the Kubernetes definitions that are values rather than objects, so that every use of them is a
 * string schema whose format (or {@link Extensions#TIME} extension) names the runtime type to use.
 *
 * <ul>
 *   <li>{@code meta/v1.Time} → {@code date-time} with {@code x-kubesdk-time: TIME} → {@code DateTimes.TIME}
 *   <li>{@code meta/v1.MicroTime} → {@code date-time} with {@code x-kubesdk-time: MICRO_TIME}
 *   <li>{@code intstr.IntOrString} → format {@code int-or-string} → {@code IntOrString}
 *   <li>{@code resource.Quantity} → format {@code quantity} → {@code Quantity}
 *   <li>{@code meta/v1.Patch} → format {@code patch} → {@code V1Patch} (the body of PATCH calls)
 *   <li>{@code meta/v1.FieldsV1} → format {@code fields-v1} → {@code FieldsV1}, which keeps the field set
 *       as compact JSON text: as a JsonElement tree, the managed fields of a pod cost more memory than the
 *       rest of the pod together.
 *   <li>{@code runtime.RawExtension}, apiextensions {@code JSON}, {@code JSONSchemaPropsOrArray},
 *       {@code JSONSchemaPropsOrBool} and {@code JSONSchemaPropsOrStringArray} → format {@code
 *       free-form-json} → {@code com.google.gson.JsonElement}. A JsonElement keeps numbers exactly as
 *       written (a free-form {@code Object} would turn {@code 1} into {@code 1.0}), so these values
 *       round-trip unchanged.
 *   <li>Every other definition of type {@code object} with neither {@code properties} nor {@code
 *       additionalProperties} (empty marker structs such as apiextensions {@code
 *       CustomResourceSubresourceStatus}, whose presence is what matters) → format {@code free-form-json}:
 *       openapi-generator does not generate a class for a schema without properties and inlines references to
 *       it, so the value is a JsonElement ({@code new JsonObject()} for {@code {}}).
 * </ul>
 *
 * <p>A description written next to the {@code $ref} is kept. The inlined definitions are removed.
 */
public final class PrimitiveTypes {
  private static final String APIEXTENSIONS = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.";
  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

  /** Definition name → the schema that replaces every reference to it. */
  static final Map<String, JsonObject> REPLACEMENTS = new LinkedHashMap<>();

  static {
    REPLACEMENTS.put(META + "Time", time(Extensions.TIME_SECONDS));
    REPLACEMENTS.put(META + "MicroTime", time(Extensions.TIME_MICROS));
    REPLACEMENTS.put("io.k8s.apimachinery.pkg.util.intstr.IntOrString", string(Extensions.FORMAT_INT_OR_STRING));
    REPLACEMENTS.put("io.k8s.apimachinery.pkg.api.resource.Quantity", string(Extensions.FORMAT_QUANTITY));
    REPLACEMENTS.put(META + "Patch", string(Extensions.FORMAT_PATCH));
    REPLACEMENTS.put("io.k8s.apimachinery.pkg.runtime.RawExtension", string(Extensions.FORMAT_JSON));
    REPLACEMENTS.put(META + "FieldsV1", string(Extensions.FORMAT_FIELDS_V1));
    for (String name :
        new String[] {"JSON", "JSONSchemaPropsOrArray", "JSONSchemaPropsOrBool", "JSONSchemaPropsOrStringArray"}) {
      REPLACEMENTS.put(APIEXTENSIONS + name, string(Extensions.FORMAT_JSON));
    }
  }

  private PrimitiveTypes() {}

  /** Replaces every reference to a value definition by its inline schema and removes the definitions. */
  public static void inline(JsonObject spec) {
    Map<String, JsonObject> replacements = new LinkedHashMap<>(REPLACEMENTS);
    for (Map.Entry<String, JsonElement> definition : SpecTree.definitions(spec).entrySet()) {
      if (isEmptyObject(definition.getValue().getAsJsonObject())) {
        replacements.putIfAbsent(definition.getKey(), string(Extensions.FORMAT_JSON));
      }
    }
    SpecTree.rewriteRefs(
        spec,
        ref -> {
          String target = SpecTree.definitionRef(ref);
          JsonObject replacement = target == null ? null : replacements.get(target);
          if (replacement == null) {
            return ref;
          }
          JsonObject inlined = replacement.deepCopy();
          for (Map.Entry<String, JsonElement> sibling : ref.entrySet()) {
            if (!sibling.getKey().equals("$ref")) {
              inlined.add(sibling.getKey(), sibling.getValue());
            }
          }
          return inlined;
        });
    JsonObject definitions = SpecTree.definitions(spec);
    for (String name : replacements.keySet()) {
      definitions.remove(name);
    }
  }

  static boolean isEmptyObject(JsonObject definition) {
    return definition.has("type")
        && definition.get("type").isJsonPrimitive()
        && definition.get("type").getAsString().equals("object")
        && !definition.has("properties")
        && !definition.has("additionalProperties");
  }

  private static JsonObject string(String format) {
    JsonObject schema = new JsonObject();
    schema.addProperty("type", "string");
    schema.addProperty("format", format);
    return schema;
  }

  private static JsonObject time(String adapter) {
    JsonObject schema = string("date-time");
    schema.addProperty(Extensions.TIME, adapter);
    return schema;
  }
}
