package dev.kubesdk.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Builds, from the processed spec, a JSON document for a definition in which every property holds a valid
 * value of its type: nested objects, two-element arrays, two-entry maps, and an extra unknown field on every
 * object. Recursive definitions (JSONSchemaProps) stop at an empty object after a few levels.
 */
final class SampleJson {
  static final String UNKNOWN_FIELD = "kubesdkUnknownField";
  private static final int MAX_DEPTH = 4;

  /** The extensions of the processed spec that mark secret values (see codegen's SensitiveFields). */
  static final String SENSITIVE = "x-kubesdk-sensitive";
  static final String SENSITIVE_KEYS = "x-kubesdk-sensitive-keys";

  private static final Path PROCESSED_SPEC = Path.of("target/processed-spec/swagger.json");

  private final JsonObject definitions;
  private final String secret;

  /** The processed spec the models were generated from; written during generate-sources by the build. */
  static JsonObject processedSpec() throws IOException {
    assertTrue(
        Files.exists(PROCESSED_SPEC),
        PROCESSED_SPEC.toAbsolutePath() + " is missing; it is written during generate-sources by the build");
    return JsonParser.parseString(Files.readString(PROCESSED_SPEC)).getAsJsonObject();
  }

  SampleJson(JsonObject spec) {
    this(spec, null);
  }

  /**
   * Samples in which every value the spec marks secret, and the value of every secret key of a map, is
   * {@code secret} (as text, or as the bytes of its UTF-8 encoding), so that a test can look for it.
   */
  SampleJson(JsonObject spec, String secret) {
    this.definitions = spec.getAsJsonObject("definitions");
    this.secret = secret;
  }

  JsonObject of(String definition) {
    return object(definition, 0);
  }

  private JsonObject object(String definition, int depth) {
    JsonObject result = new JsonObject();
    if (depth > MAX_DEPTH) {
      return result;
    }
    JsonObject schema = definitions.getAsJsonObject(definition);
    if (schema == null) {
      throw new IllegalArgumentException("processed spec has no definition " + definition);
    }
    JsonObject properties = schema.getAsJsonObject("properties");
    if (properties != null) {
      for (Map.Entry<String, JsonElement> property : properties.entrySet()) {
        JsonObject propertySchema = property.getValue().getAsJsonObject();
        JsonElement value = value(propertySchema, property.getKey(), depth);
        if (secret != null && propertySchema.has(SENSITIVE)) {
          value = secretValue(propertySchema);
        } else if (secret != null && propertySchema.has(SENSITIVE_KEYS)) {
          for (JsonElement key : propertySchema.getAsJsonArray(SENSITIVE_KEYS)) {
            value.getAsJsonObject().addProperty(key.getAsString(), secret);
          }
        }
        result.add(property.getKey(), value);
      }
    }
    JsonObject unknown = new JsonObject();
    unknown.addProperty("text", "kept");
    JsonArray numbers = new JsonArray();
    numbers.add(1);
    numbers.add(JsonParser.parseString("2.50"));
    unknown.add("numbers", numbers);
    result.add(UNKNOWN_FIELD, unknown);
    return result;
  }

  private JsonElement value(JsonObject schema, String property, int depth) {
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").getAsString();
      return object(ref.substring(ref.lastIndexOf('/') + 1), depth + 1);
    }
    String type = schema.get("type").getAsString();
    String format = schema.has("format") ? schema.get("format").getAsString() : null;
    switch (type) {
      case "string":
        return string(schema, format, property);
      case "integer":
        // An int64 beyond double precision proves longs are read and written without a double in between.
        return "int64".equals(format)
            ? new JsonPrimitive(9_007_199_254_740_993L)
            : new JsonPrimitive(2_000_000_001);
      case "number":
        return new JsonPrimitive(0.25);
      case "boolean":
        return new JsonPrimitive(true);
      case "array":
        JsonArray array = new JsonArray();
        array.add(value(schema.getAsJsonObject("items"), property, depth));
        array.add(value(schema.getAsJsonObject("items"), property, depth));
        return array;
      case "object":
        JsonObject map = new JsonObject();
        map.add("first", value(schema.getAsJsonObject("additionalProperties"), property, depth));
        map.add("second.key/with-dots", value(schema.getAsJsonObject("additionalProperties"), property, depth));
        return map;
      default:
        throw new IllegalArgumentException("property " + property + " has type " + type);
    }
  }

  /** A value of the shape of a secret property's schema whose every string is the secret. */
  private JsonElement secretValue(JsonObject schema) {
    switch (schema.get("type").getAsString()) {
      case "string":
        return new JsonPrimitive(
            "byte".equals(schema.has("format") ? schema.get("format").getAsString() : null)
                ? Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8))
                : secret);
      case "array":
        JsonArray array = new JsonArray();
        array.add(secretValue(schema.getAsJsonObject("items")));
        return array;
      case "object":
        JsonObject map = new JsonObject();
        map.add("first", secretValue(schema.getAsJsonObject("additionalProperties")));
        return map;
      default:
        throw new IllegalArgumentException("a secret of type " + schema.get("type") + " has no text to hide");
    }
  }

  private static JsonElement string(JsonObject schema, String format, String property) {
    if (format == null) {
      return new JsonPrimitive(property + " value \u00e9\u4e2d \"quoted\"");
    }
    switch (format) {
      case "byte":
        return new JsonPrimitive(
            Base64.getEncoder().encodeToString(("bytes of " + property).getBytes(StandardCharsets.UTF_8)));
      case "date-time":
        return new JsonPrimitive(
            "MICRO_TIME".equals(schema.get("x-kubesdk-time").getAsString())
                ? "2024-05-01T10:00:00.123456Z"
                : "2024-05-01T10:00:00Z");
      case "int-or-string":
        return property.length() % 2 == 0 ? new JsonPrimitive(8080) : new JsonPrimitive("http-port");
      case "quantity":
        return new JsonPrimitive(property.length() % 2 == 0 ? "1500m" : "1Gi");
      case "free-form-json":
        JsonObject json = new JsonObject();
        json.addProperty("f:metadata", "free");
        JsonArray list = new JsonArray();
        list.add(1);
        list.add(JsonParser.parseString("1.0"));
        list.add(true);
        list.add(JsonNull.INSTANCE);
        json.add("list", list);
        return json;
      case "fields-v1":
        // A field set as the server writes it: nested objects, a key holding escaped JSON, a set entry.
        return JsonParser.parseString(
            "{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{\"f:containers\":"
                + "{\"k:{\\\"name\\\":\\\"c\u00e9\\\"}\":{\".\":{},\"f:image\":{}}}},"
                + "\"f:finalizers\":{\"v:\\\"example.com/x\\\"\":{}}}");
      default:
        throw new IllegalArgumentException("property " + property + " has string format " + format);
    }
  }

  /**
   * The element as text with object keys sorted and numbers exactly as written, so that two trees compare
   * equal only if they hold the same values ({@code JsonPrimitive.equals} would call 1 and 1.0, or two longs
   * beyond double precision, equal).
   */
  static String canonical(JsonElement element) {
    StringBuilder text = new StringBuilder();
    canonical(element, text);
    return text.toString();
  }

  private static void canonical(JsonElement element, StringBuilder text) {
    if (element.isJsonObject()) {
      List<String> keys = new ArrayList<>(element.getAsJsonObject().keySet());
      keys.sort(null);
      text.append('{');
      for (String key : keys) {
        text.append(new JsonPrimitive(key)).append(':');
        canonical(element.getAsJsonObject().get(key), text);
        text.append(',');
      }
      text.append('}');
    } else if (element.isJsonArray()) {
      text.append('[');
      for (JsonElement item : element.getAsJsonArray()) {
        canonical(item, text);
        text.append(',');
      }
      text.append(']');
    } else if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber()) {
      text.append(element.getAsJsonPrimitive().getAsNumber().toString());
    } else {
      text.append(element);
    }
  }
}
