package dev.kubesdk.codegen;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fails the build when a property has a type the generator does not map, instead of letting it become an
 * untyped {@code Object}. Known types: a {@code $ref} to an existing definition; {@code string} (no format,
 * {@code byte}, {@code date-time} with {@link Extensions#TIME}, or one of the runtime formats in {@link
 * Extensions}); {@code integer} {@code int32}/{@code int64}; {@code number} {@code double}; {@code boolean};
 * arrays of a known type; {@code object} with {@code additionalProperties} of a known type (a map). Every
 * problem is listed in one exception, each naming the definition, the property and the fix.
 */
public final class TypeCheck {
  static final Set<String> STRING_FORMATS =
      Set.of(
          "byte",
          Extensions.FORMAT_INT_OR_STRING,
          Extensions.FORMAT_QUANTITY,
          Extensions.FORMAT_PATCH,
          Extensions.FORMAT_JSON,
          Extensions.FORMAT_FIELDS_V1);

  private TypeCheck() {}

  /** Checks every property of every definition and every body parameter. */
  public static void check(JsonObject spec) {
    JsonObject definitions = SpecTree.definitions(spec);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonElement> definition : definitions.entrySet()) {
      JsonObject body = definition.getValue().getAsJsonObject();
      String type = body.has("type") ? body.get("type").getAsString() : null;
      if (!"object".equals(type)) {
        problems.add(
            "definition " + definition.getKey() + ": type " + type + " is not an object; inline it at its uses"
                + " in PrimitiveTypes");
        continue;
      }
      JsonObject properties = body.getAsJsonObject("properties");
      if (properties == null) {
        continue;
      }
      for (Map.Entry<String, JsonElement> property : properties.entrySet()) {
        String problem = problem(definitions, property.getValue().getAsJsonObject());
        if (problem != null) {
          problems.add("definition " + definition.getKey() + ", property " + property.getKey() + ": " + problem);
        }
      }
    }
    for (SpecTree.Operation operation : SpecTree.operations(spec)) {
      for (JsonObject parameter : operation.parameters(spec)) {
        if ("body".equals(parameter.get("in").getAsString())) {
          String problem = problem(definitions, parameter.getAsJsonObject("schema"));
          if (problem != null) {
            problems.add("operation " + operation.id() + ", body parameter: " + problem);
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new SpecException(
          "spec: " + problems.size() + " propert" + (problems.size() == 1 ? "y has" : "ies have")
              + " a type the generator does not map (map it in PrimitiveTypes/TypeCheck and FieldTypes):\n  "
              + String.join("\n  ", problems));
    }
  }

  /** Why a property schema is not a known type, or null when it is. */
  static String problem(JsonObject definitions, JsonObject schema) {
    if (schema == null) {
      return "no schema";
    }
    if (schema.has("$ref")) {
      String target = SpecTree.definitionRef(schema);
      if (target == null || !definitions.has(target)) {
        return "$ref " + schema.get("$ref") + " points at no definition";
      }
      return null;
    }
    String type = schema.has("type") ? schema.get("type").getAsString() : null;
    String format = schema.has("format") ? schema.get("format").getAsString() : null;
    if (type == null) {
      return "no type and no $ref";
    }
    switch (type) {
      case "string":
        if (format == null || STRING_FORMATS.contains(format)) {
          return null;
        }
        if (format.equals("date-time") && schema.has(Extensions.TIME)) {
          return null;
        }
        return "string format " + format + " is not mapped";
      case "integer":
        return "int32".equals(format) || "int64".equals(format) ? null : "integer format " + format + " is not mapped";
      case "number":
        return "double".equals(format) ? null : "number format " + format + " is not mapped";
      case "boolean":
        return null;
      case "array":
        if (!schema.has("items") || !schema.get("items").isJsonObject()) {
          return "array without items";
        }
        String item = problem(definitions, schema.getAsJsonObject("items"));
        return item == null ? null : "array items: " + item;
      case "object":
        if (schema.has("additionalProperties") && schema.get("additionalProperties").isJsonObject()) {
          String value = problem(definitions, schema.getAsJsonObject("additionalProperties"));
          return value == null ? null : "map values: " + value;
        }
        return "object without properties or additionalProperties (free-form); map it to a definition or to"
            + " format " + Extensions.FORMAT_JSON;
      default:
        return "type " + type + " is not mapped";
    }
  }
}
