package dev.kubesdk.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
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

  private final JsonObject definitions;

  SampleJson(JsonObject spec) {
    this.definitions = spec.getAsJsonObject("definitions");
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
        result.add(property.getKey(), value(property.getValue().getAsJsonObject(), property.getKey(), depth));
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
