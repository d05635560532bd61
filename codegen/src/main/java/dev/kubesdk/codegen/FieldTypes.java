package dev.kubesdk.codegen;

import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Maps a property schema of the processed spec (as openapi-generator parsed it) to its {@link FieldType}. The
 * rules mirror {@link TypeCheck}; an unmapped schema throws a {@link SpecException} naming the definition and
 * property, never falling back to {@code Object}.
 */
public final class FieldTypes {
  static final String SCHEMA_REF = "#/components/schemas/";

  private FieldTypes() {}

  /**
   * The field type of {@code schema}, the property {@code property} of definition {@code definition}.
   *
   * @param modelName maps a referenced schema name to its class name
   */
  public static FieldType of(
      Schema<?> schema, String definition, String property, UnaryOperator<String> modelName) {
    if (schema == null) {
      throw unmapped(definition, property, "no schema");
    }
    if (schema.get$ref() != null) {
      String ref = schema.get$ref();
      String name = ref.startsWith(SCHEMA_REF) ? ref.substring(SCHEMA_REF.length()) : ref;
      return FieldType.Adapted.viaGson(modelName.apply(name));
    }
    String type = schema.getType();
    String format = schema.getFormat();
    if (type == null) {
      throw unmapped(definition, property, "no type and no $ref");
    }
    switch (type) {
      case "string":
        return string(schema, format, definition, property);
      case "integer":
        if ("int32".equals(format)) {
          return FieldType.Scalar.INTEGER;
        }
        if ("int64".equals(format)) {
          return FieldType.Scalar.LONG;
        }
        throw unmapped(definition, property, "integer format " + format);
      case "number":
        if ("double".equals(format)) {
          return FieldType.Scalar.DOUBLE;
        }
        throw unmapped(definition, property, "number format " + format);
      case "boolean":
        return FieldType.Scalar.BOOLEAN;
      case "array":
        return new FieldType.ListOf(of(schema.getItems(), definition, property + "[]", modelName));
      case "object":
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
          return new FieldType.MapOf(of(values, definition, property + "{}", modelName));
        }
        throw unmapped(definition, property, "free-form object");
      default:
        throw unmapped(definition, property, "type " + type);
    }
  }

  private static FieldType string(Schema<?> schema, String format, String definition, String property) {
    if (format == null) {
      return FieldType.Scalar.STRING;
    }
    switch (format) {
      case "byte":
        return FieldType.Scalar.BYTES;
      case "date-time":
        Map<String, Object> extensions = schema.getExtensions();
        Object time = extensions == null ? null : extensions.get(Extensions.TIME);
        if (Extensions.TIME_SECONDS.equals(time) || Extensions.TIME_MICROS.equals(time)) {
          return FieldType.Adapted.constant("OffsetDateTime", "DateTimes." + time);
        }
        throw unmapped(definition, property, "date-time without " + Extensions.TIME + " TIME or MICRO_TIME");
      case Extensions.FORMAT_INT_OR_STRING:
        return FieldType.Adapted.viaGson("IntOrString");
      case Extensions.FORMAT_QUANTITY:
        return FieldType.Adapted.viaGson("Quantity");
      case Extensions.FORMAT_JSON:
        return FieldType.Adapted.viaGson("JsonElement");
      case Extensions.FORMAT_FIELDS_V1:
        return FieldType.Adapted.viaGson("FieldsV1");
      default:
        throw unmapped(definition, property, "string format " + format);
    }
  }

  private static SpecException unmapped(String definition, String property, String what) {
    return new SpecException(
        "processed spec: definition " + definition + ", property " + property + ": " + what
            + " is not mapped to a Java type; map it in PrimitiveTypes/TypeCheck and FieldTypes");
  }
}
