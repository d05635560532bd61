package dev.kubesdk.codegen;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Navigation of a Swagger 2.0 document held as a gson tree: definitions, operations, parameters and
 * {@code $ref} rewriting. Package-private helpers shared by the preprocessing passes.
 */
final class SpecTree {
  static final String DEFINITION_REF = "#/definitions/";
  static final String PARAMETER_REF = "#/parameters/";
  static final List<String> HTTP_METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch");

  private SpecTree() {}

  /** One operation of the spec with where it lives. */
  record Operation(String path, String method, JsonObject pathItem, JsonObject body) {
    String id() {
      return body.has("operationId") ? body.get("operationId").getAsString() : method + " " + path;
    }

    /** The path-level then operation-level parameters, with {@code $ref}s to global parameters resolved. */
    List<JsonObject> parameters(JsonObject spec) {
      List<JsonObject> result = new ArrayList<>();
      for (String owner : List.of("operation", "path")) {
        JsonObject source = owner.equals("operation") ? body : pathItem;
        if (source.has("parameters")) {
          for (JsonElement p : source.getAsJsonArray("parameters")) {
            result.add(resolveParameter(spec, p.getAsJsonObject()));
          }
        }
      }
      return result;
    }
  }

  static JsonObject definitions(JsonObject spec) {
    if (!spec.has("definitions") || !spec.get("definitions").isJsonObject()) {
      throw new SpecException("spec: no \"definitions\" object; is this a Swagger 2.0 Kubernetes spec?");
    }
    return spec.getAsJsonObject("definitions");
  }

  static JsonObject paths(JsonObject spec) {
    return spec.has("paths") ? spec.getAsJsonObject("paths") : new JsonObject();
  }

  static List<Operation> operations(JsonObject spec) {
    List<Operation> result = new ArrayList<>();
    for (Map.Entry<String, JsonElement> path : paths(spec).entrySet()) {
      JsonObject item = path.getValue().getAsJsonObject();
      for (String method : HTTP_METHODS) {
        if (item.has(method)) {
          result.add(new Operation(path.getKey(), method, item, item.getAsJsonObject(method)));
        }
      }
    }
    return result;
  }

  /**
   * Removes from {@code operation}, at the operation and at the path level, every parameter that, resolved,
   * matches {@code unwanted}.
   */
  static void removeParameters(JsonObject spec, Operation operation, Predicate<JsonObject> unwanted) {
    for (JsonObject owner : List.of(operation.body(), operation.pathItem())) {
      if (!owner.has("parameters")) {
        continue;
      }
      JsonArray kept = new JsonArray();
      for (JsonElement parameter : owner.getAsJsonArray("parameters")) {
        if (!unwanted.test(resolveParameter(spec, parameter.getAsJsonObject()))) {
          kept.add(parameter);
        }
      }
      owner.add("parameters", kept);
    }
  }

  static JsonObject resolveParameter(JsonObject spec, JsonObject parameter) {
    if (!parameter.has("$ref")) {
      return parameter;
    }
    String ref = parameter.get("$ref").getAsString();
    JsonObject globals = spec.has("parameters") ? spec.getAsJsonObject("parameters") : new JsonObject();
    String name = ref.startsWith(PARAMETER_REF) ? ref.substring(PARAMETER_REF.length()) : ref;
    if (!globals.has(name)) {
      throw new SpecException("spec: parameter reference " + ref + " points at no entry of \"parameters\"");
    }
    return globals.getAsJsonObject(name);
  }

  /** The definition name a {@code $ref} object points at, or null if it is not a definition reference. */
  static String definitionRef(JsonObject schema) {
    if (schema.has("$ref") && schema.get("$ref").isJsonPrimitive()) {
      String ref = schema.get("$ref").getAsString();
      if (ref.startsWith(DEFINITION_REF)) {
        return ref.substring(DEFINITION_REF.length());
      }
    }
    return null;
  }

  /**
   * True for a reference object. A string-valued {@code $ref} tells it apart from a {@code properties} map that
   * happens to declare a property named {@code $ref}, as apiextensions' JSONSchemaProps does.
   */
  static boolean isRef(JsonElement value) {
    return value.isJsonObject()
        && value.getAsJsonObject().has("$ref")
        && value.getAsJsonObject().get("$ref").isJsonPrimitive();
  }

  /**
   * Replaces, everywhere in the tree, each object carrying a {@code $ref} by what {@code replacer} returns
   * for it (return the argument to keep it).
   */
  static void rewriteRefs(JsonElement element, UnaryOperator<JsonObject> replacer) {
    if (element.isJsonObject()) {
      JsonObject object = element.getAsJsonObject();
      for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
        JsonElement value = entry.getValue();
        if (isRef(value)) {
          entry.setValue(replacer.apply(value.getAsJsonObject()));
        } else {
          rewriteRefs(value, replacer);
        }
      }
    } else if (element.isJsonArray()) {
      JsonArray array = element.getAsJsonArray();
      for (int i = 0; i < array.size(); i++) {
        JsonElement value = array.get(i);
        if (isRef(value)) {
          array.set(i, replacer.apply(value.getAsJsonObject()));
        } else {
          rewriteRefs(value, replacer);
        }
      }
    }
  }
}
