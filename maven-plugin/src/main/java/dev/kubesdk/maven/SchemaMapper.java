package dev.kubesdk.maven;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.kubesdk.codegen.FieldType;
import dev.kubesdk.codegen.JavadocText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Maps the structural {@code openAPIV3Schema} of one CRD version to the classes that model it. Every
 * object with {@code properties} becomes a class named after its path ({@code CronTab}, {@code
 * CronTabSpec}, {@code CronTabSpecPorts}), a second class that would take a name already given gets a
 * number ({@code CronTabSpecPorts2}); properties are read in JSON-name order, so the same schema gives the
 * same classes whichever order its file lists them in (a CRD read from the cluster comes back sorted).
 * A construct with no faithful Java mapping fails with a {@link CrdGenerationException}; nothing falls
 * back to {@code Object}.
 */
final class SchemaMapper {
  /** controller-gen's pattern for a {@code resource.Quantity} field: such fields get {@code Quantity}. */
  static final String QUANTITY_PATTERN =
      "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

  static final FieldType.Adapted OBJECT_META = apiModel("V1ObjectMeta");
  static final FieldType.Adapted LIST_META = apiModel("V1ListMeta");
  static final FieldType.Adapted JSON = FieldType.Adapted.viaGson("JsonElement");
  static final FieldType.Adapted TIME = FieldType.Adapted.constant("OffsetDateTime", "DateTimes.TIME");

  private final SchemaContext where;
  private final String original;
  private final Set<String> taken;
  private final List<ModelSpec> models = new ArrayList<>();

  /**
   * @param where the CRD and version, for messages
   * @param original the prefix of each class's description, e.g. {@code stable.example.com/v1 CronTab}
   * @param reserved class names already in use in the package
   */
  SchemaMapper(SchemaContext where, String original, Set<String> reserved) {
    this.where = where;
    this.original = original;
    this.taken = new HashSet<>(reserved);
  }

  /** The classes mapped so far, the kind's class first. */
  List<ModelSpec> models() {
    return models;
  }

  /**
   * Maps the root schema to the kind's class: {@code apiVersion}, {@code kind} and {@code metadata}
   * ({@code V1ObjectMeta}) always, then what the schema declares.
   */
  void root(JsonObject schema, String className, String apiVersion, String kind, String doc) {
    checkObjectRoot(schema);
    Map<String, FieldType> forced = new LinkedHashMap<>();
    forced.put("apiVersion", FieldType.Scalar.STRING);
    forced.put("kind", FieldType.Scalar.STRING);
    forced.put("metadata", OBJECT_META);
    objectClass(schema, "", className, forced, doc, apiVersion, kind);
  }

  /** The list kind's class: {@code apiVersion}, {@code items}, {@code kind}, {@code metadata} ({@code V1ListMeta}). */
  void list(String className, String itemClass, String apiVersion, String listKind, String listOriginal) {
    taken.add(className);
    List<ModelSpec.Property> properties =
        List.of(
            property("apiVersion", FieldType.Scalar.STRING, false, apiVersionDoc()),
            property("items", new FieldType.ListOf(FieldType.Adapted.viaGson(itemClass)), true, "The objects listed."),
            property("kind", FieldType.Scalar.STRING, false, null),
            property("metadata", LIST_META, false, "The list's resourceVersion and continue token."));
    models.add(
        new ModelSpec(className, listOriginal, "A list of {@link " + itemClass + "}.", properties, apiVersion, listKind));
  }

  private static String apiVersionDoc() {
    return "The group and version, e.g. as in {@code API_VERSION}.";
  }

  private void checkObjectRoot(JsonObject schema) {
    String type = text(schema, "type");
    if (type != null && !type.equals("object")) {
      throw CrdGenerationException.at(where, "openAPIV3Schema", "the root schema has type " + type,
          "a custom resource is a JSON object: give the root schema type: object");
    }
  }

  /** The Java type of the value {@code schema} describes at {@code path}; a class is named {@code className}. */
  FieldType type(JsonObject schema, String path, String className) {
    if (schema.has("$ref")) {
      throw CrdGenerationException.at(where, path, "$ref is not allowed in a CRD schema",
          "inline the referenced schema (kube-apiserver rejects $ref in openAPIV3Schema)");
    }
    boolean intOrString = flag(schema, "x-kubernetes-int-or-string");
    boolean preserve = flag(schema, "x-kubernetes-preserve-unknown-fields");
    boolean embedded = flag(schema, "x-kubernetes-embedded-resource");
    String type = text(schema, "type");
    if (intOrString) {
      if (type != null) {
        throw CrdGenerationException.at(where, path, "x-kubernetes-int-or-string with type " + type,
            "remove the type (int-or-string values have none), or remove x-kubernetes-int-or-string");
      }
      return QUANTITY_PATTERN.equals(text(schema, "pattern"))
          ? FieldType.Adapted.viaGson("Quantity")
          : FieldType.Adapted.viaGson("IntOrString");
    }
    if (embedded && !"object".equals(type)) {
      throw CrdGenerationException.at(where, path, "x-kubernetes-embedded-resource on a schema of type " + type,
          "an embedded resource is an object: give it type: object");
    }
    if (type == null) {
      if (preserve && !schema.has("properties")) {
        return JSON;
      }
      throw CrdGenerationException.at(where, path, "no type",
          "a structural schema gives every node a type; add one, or mark a free-form value"
              + " x-kubernetes-preserve-unknown-fields: true to keep it as JSON");
    }
    switch (type) {
      case "string":
        return string(schema, path);
      case "integer":
        return integer(schema, path);
      case "number":
        return number(schema, path);
      case "boolean":
        return FieldType.Scalar.BOOLEAN;
      case "array":
        return array(schema, path, className);
      case "object":
        return object(schema, path, className, preserve, embedded);
      default:
        throw CrdGenerationException.at(where, path, "type " + type + " is not a JSON schema type kube-apiserver accepts",
            "use one of string, integer, number, boolean, array, object");
    }
  }

  private FieldType string(JsonObject schema, String path) {
    String format = text(schema, "format");
    if ("byte".equals(format)) {
      return FieldType.Scalar.BYTES;
    }
    if ("date-time".equals(format)) {
      return TIME;
    }
    return FieldType.Scalar.STRING;
  }

  private FieldType integer(JsonObject schema, String path) {
    String format = text(schema, "format");
    if (format == null || format.equals("int64")) {
      return FieldType.Scalar.LONG;
    }
    if (format.equals("int32")) {
      return FieldType.Scalar.INTEGER;
    }
    throw CrdGenerationException.at(where, path, "integer format " + format + " has no Java mapping",
        "use format int32 (Integer) or int64 (Long), or leave the format out (Long)");
  }

  private FieldType number(JsonObject schema, String path) {
    String format = text(schema, "format");
    if (format == null || format.equals("double") || format.equals("float")) {
      return FieldType.Scalar.DOUBLE;
    }
    throw CrdGenerationException.at(where, path, "number format " + format + " has no Java mapping",
        "use format double or float (Double), or leave the format out");
  }

  private FieldType array(JsonObject schema, String path, String className) {
    JsonElement items = schema.get("items");
    if (items == null || items.isJsonNull()) {
      throw CrdGenerationException.at(where, path, "an array without items",
          "a structural schema says what an array holds: add items: {type: ...}");
    }
    if (!items.isJsonObject()) {
      throw CrdGenerationException.at(where, path, "items is a list of schemas (a tuple)",
          "give items one schema; tuples have no Java mapping");
    }
    return new FieldType.ListOf(type(items.getAsJsonObject(), path + "[*]", className));
  }

  private FieldType object(JsonObject schema, String path, String className, boolean preserve, boolean embedded) {
    JsonElement additional = schema.get("additionalProperties");
    boolean hasProperties = schema.has("properties");
    if (additional != null && additional.isJsonPrimitive() && !additional.getAsBoolean()) {
      throw CrdGenerationException.at(where, path, "additionalProperties: false",
          "remove it: without additionalProperties an object already has only its properties");
    }
    if (additional != null && hasProperties) {
      throw CrdGenerationException.at(where, path, "both properties and additionalProperties",
          "kube-apiserver accepts one or the other: use properties for a fixed set of fields or"
              + " additionalProperties for a map");
    }
    if (additional != null) {
      if (additional.isJsonObject()) {
        return new FieldType.MapOf(type(additional.getAsJsonObject(), path + "{*}", className + "Value"));
      }
      return new FieldType.MapOf(JSON);
    }
    if (hasProperties || embedded) {
      Map<String, FieldType> forced = new LinkedHashMap<>();
      if (embedded) {
        forced.put("apiVersion", FieldType.Scalar.STRING);
        forced.put("kind", FieldType.Scalar.STRING);
        forced.put("metadata", OBJECT_META);
      }
      String name = unique(className);
      objectClass(schema, path, name, forced, JavadocText.of(text(schema, "description")), null, null);
      return FieldType.Adapted.viaGson(name);
    }
    // An object with no declared fields: free-form when preserved, else empty (the server prunes every
    // field); either way the value is kept as JSON, as the built-in empty marker objects are.
    return JSON;
  }

  private void objectClass(
      JsonObject schema, String path, String className, Map<String, FieldType> forced, @Nullable String doc, @Nullable String apiVersion, @Nullable String kind) {
    taken.add(className);
    int index = models.size();
    models.add(null);
    Set<String> required = new HashSet<>();
    if (schema.get("required") instanceof JsonArray names) {
      names.forEach(n -> required.add(n.getAsString()));
    }
    TreeMap<String, JsonObject> declared = new TreeMap<>();
    if (schema.get("properties") instanceof JsonObject properties) {
      for (Map.Entry<String, JsonElement> p : properties.entrySet()) {
        if (!p.getValue().isJsonObject()) {
          throw CrdGenerationException.at(where, path + "." + p.getKey(), "the property's schema is not an object",
              "write the property as a schema, e.g. {type: string}");
        }
        declared.put(p.getKey(), p.getValue().getAsJsonObject());
      }
    }
    TreeMap<String, Object> all = new TreeMap<>(declared);
    all.putAll(forced);
    Set<String> fields = new HashSet<>(Set.of("unknownFields"));
    List<ModelSpec.Property> properties = new ArrayList<>();
    for (String json : all.keySet()) {
      String propertyPath = path + "." + json;
      JsonObject propertySchema = declared.get(json);
      FieldType type =
          forced.containsKey(json)
              ? forced.get(json)
              : type(propertySchema, propertyPath, className + JavaNames.pascal(json));
      String field = JavaNames.field(json);
      if (field == null) {
        throw CrdGenerationException.at(where, propertyPath, "the property name has no letter or digit to name a Java field",
            "rename the property");
      }
      String unique = field;
      for (int n = 2; !fields.add(unique); n++) {
        unique = field + n;
      }
      properties.add(
          new ModelSpec.Property(json, unique, capitalized(unique), type, required.contains(json),
              propertySchema == null ? forcedDoc(json) : propertyDoc(propertySchema)));
    }
    String originalText = original + (path.isEmpty() ? "" : " " + path);
    models.set(index, new ModelSpec(className, originalText, doc, List.copyOf(properties), apiVersion, kind));
  }

  private static String capitalized(String field) {
    String c = JavaNames.capitalized(field);
    // getClass() is final on Object; openapi-generator's name for such a getter.
    return c.equals("Class") ? "PropertyClass" : c;
  }

  private static String forcedDoc(String json) {
    switch (json) {
      case "apiVersion":
        return apiVersionDoc();
      case "kind":
        return "The kind, e.g. as in {@code KIND}.";
      default:
        return "Standard object metadata: name, namespace, labels, annotations.";
    }
  }

  private static ModelSpec.Property property(String json, FieldType type, boolean required, @Nullable String doc) {
    return new ModelSpec.Property(json, json, JavaNames.capitalized(json), type, required, doc);
  }

  /** The property's Javadoc: its description, then its default, enum values and format. */
  static @Nullable String propertyDoc(JsonObject schema) {
    List<String> parts = new ArrayList<>();
    String description = JavadocText.of(text(schema, "description"));
    if (description != null) {
      parts.add(description.endsWith(".") ? description : description + ".");
    }
    if (schema.get("enum") instanceof JsonArray values) {
      List<String> codes = new ArrayList<>();
      values.forEach(v -> codes.add("<code>" + JavadocText.of(v.isJsonPrimitive() ? v.getAsString() : v.toString()) + "</code>"));
      parts.add("One of " + String.join(", ", codes) + ".");
    }
    if (schema.has("default")) {
      parts.add("Defaults to <code>" + JavadocText.of(schema.get("default").toString()) + "</code> on the server.");
    }
    String format = text(schema, "format");
    if (format != null && !format.equals("byte") && !format.equals("date-time") && "string".equals(text(schema, "type"))) {
      parts.add("Format <code>" + JavadocText.of(format) + "</code>, checked by the server.");
    }
    return parts.isEmpty() ? null : String.join(" ", parts);
  }

  private String unique(String name) {
    String candidate = name;
    for (int n = 2; taken.contains(candidate); n++) {
      candidate = name + n;
    }
    taken.add(candidate);
    return candidate;
  }

  private static FieldType.Adapted apiModel(String simpleName) {
    String qualified = "dev.kubesdk.api.model." + simpleName;
    String field = "adapter" + simpleName;
    return new FieldType.Adapted(qualified, field, field + "()", "gson.getAdapter(" + qualified + ".class)");
  }

  static boolean flag(JsonObject schema, String name) {
    JsonElement e = schema.get(name);
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() && e.getAsBoolean();
  }

  static @Nullable String text(JsonObject schema, String name) {
    JsonElement e = schema.get(name);
    return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
  }
}
