package dev.kubesdk.runtime;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.kubesdk.runtime.internal.Utf8JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes {@code meta/v1.FieldsV1}: the set of fields one manager owns in an object's {@code
 * metadata.managedFields}, as the server's field-manager JSON ({@code {"f:spec":{"f:replicas":{}}}}).
 * Immutable and thread-safe.
 *
 * <p>The value is kept as its compact JSON text rather than as a tree: a field set is a deep object
 * of mostly empty objects, and a tree of it costs several times the memory of the pod it describes.
 * {@link #asJsonObject()} parses the text when a caller wants to walk it.
 *
 * <pre>{@code
 * for (V1ManagedFieldsEntry entry : pod.getMetadata().getManagedFields()) {
 *   if (entry.getFieldsV1().asJsonObject().has("f:spec")) {
 *     owners.add(entry.getManager());
 *   }
 * }
 * }</pre>
 */
@JsonAdapter(FieldsV1.GsonAdapter.class)
public final class FieldsV1 {
  /** A JSON number literal (RFC 8259), to refuse the {@code NaN} and {@code Infinity} a tree may hold. */
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

  private static final int TO_STRING_LIMIT = 80;

  private final String json;

  private FieldsV1(String json) {
    this.json = json;
  }

  /**
   * The field set written as {@code json}, kept in its compact form (insignificant white space
   * removed; everything else, key order included, as written).
   *
   * @param json a JSON object, such as {@code {"f:metadata":{"f:labels":{".":{}}}}}
   * @return the value
   * @throws IllegalArgumentException if {@code json} is null, not well-formed JSON, or not an object
   */
  public static FieldsV1 of(String json) {
    if (json == null) {
      throw new IllegalArgumentException(
          "FieldsV1.of: json is null; pass a JSON object such as \"{}\"");
    }
    // The same reader and compaction as a value read from a response, so equal input gives equal values.
    Utf8JsonReader in = new Utf8JsonReader(json.getBytes(StandardCharsets.UTF_8));
    try {
      JsonToken first = in.peek();
      if (first != JsonToken.BEGIN_OBJECT) {
        throw new IllegalArgumentException(
            "FieldsV1.of: json starts with " + first + ", not an object; pass a JSON object such as"
                + " {\"f:spec\":{}}");
      }
      String compact = in.nextCompactJson();
      if (in.peek() != JsonToken.END_DOCUMENT) {
        throw new IllegalArgumentException(
            "FieldsV1.of: json has more after its object, at " + in.getPath()
                + "; pass exactly one JSON object");
      }
      return new FieldsV1(compact);
    } catch (IOException | IllegalStateException | JsonSyntaxException e) {
      // IOException here is a MalformedJsonException: reading from memory does not fail on its own.
      throw new IllegalArgumentException(
          "FieldsV1.of: json is not well-formed JSON (" + e.getMessage() + "); pass exactly one JSON"
              + " object such as {\"f:spec\":{}}",
          e);
    }
  }

  /**
   * The field set held by {@code tree}, for building a value by hand.
   *
   * @param tree the JSON object; it is copied, later changes to it do not reach this value
   * @return the value
   */
  public static FieldsV1 of(JsonObject tree) {
    Objects.requireNonNull(tree, "tree");
    // Gson's toString of a tree is compact JSON; of(String) checks it once more.
    return of(tree.toString());
  }

  /**
   * The compact JSON text of this field set, exactly as it is written to the server.
   *
   * @return the JSON object as text
   */
  public String json() {
    return json;
  }

  /**
   * This field set parsed into a new tree, one per call: changing it does not change this value.
   *
   * @return the JSON object
   */
  public JsonObject asJsonObject() {
    return JsonParser.parseString(json).getAsJsonObject();
  }

  /** Equal when the compact texts are equal; key order counts, as it does on the wire. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof FieldsV1 that && json.equals(that.json);
  }

  /** The hash of the compact text, consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return json.hashCode();
  }

  /**
   * The text, cut after 80 characters with its full length named: field sets are long, and a
   * printed pod is read for its spec, not its managed fields. Use {@link #json()} for the text.
   */
  @Override
  public String toString() {
    if (json.length() <= TO_STRING_LIMIT) {
      return json;
    }
    return json.substring(0, TO_STRING_LIMIT) + "... (" + json.length() + " chars)";
  }

  /** Copies the value {@code in} is at, token by token, into compact text; builds no tree. */
  private static String copy(JsonReader in) throws IOException {
    StringWriter text = new StringWriter(256);
    JsonWriter out = new JsonWriter(text);
    out.setSerializeNulls(true);
    copy(in, out);
    out.flush();
    return text.toString();
  }

  /** Copies one complete value (scalar, object or array) from {@code in} to {@code out}. */
  private static void copy(JsonReader in, JsonWriter out) throws IOException {
    int depth = 0;
    do {
      JsonToken token = in.peek();
      switch (token) {
        case BEGIN_OBJECT -> {
          in.beginObject();
          out.beginObject();
          depth++;
        }
        case END_OBJECT -> {
          in.endObject();
          out.endObject();
          depth--;
        }
        case BEGIN_ARRAY -> {
          in.beginArray();
          out.beginArray();
          depth++;
        }
        case END_ARRAY -> {
          in.endArray();
          out.endArray();
          depth--;
        }
        case NAME -> out.name(in.nextName());
        case STRING -> out.value(in.nextString());
        case NUMBER -> {
          // nextString() keeps the literal as written, so 1.0 stays 1.0 and 10000000000000001
          // keeps all its digits.
          String number = in.nextString();
          if (!JSON_NUMBER.matcher(number).matches()) {
            throw new JsonSyntaxException(
                "Invalid FieldsV1 at " + in.getPreviousPath() + ": " + number
                    + " is not a JSON number");
          }
          out.jsonValue(number);
        }
        case BOOLEAN -> out.value(in.nextBoolean());
        case NULL -> {
          in.nextNull();
          out.nullValue();
        }
        default ->
            throw new JsonSyntaxException(
                "Invalid FieldsV1 at " + in.getPath() + ": unexpected " + token);
      }
    } while (depth > 0);
  }

  /**
   * Reads a JSON object into its compact text without building a tree, and writes the text back as
   * it is. Found by Gson through the {@link JsonAdapter} annotation on {@link FieldsV1}, so {@code
   * gson.getAdapter(FieldsV1.class)} works on any Gson instance; there is no need to use this class
   * directly.
   *
   * <p>{@code null} reads as {@code null}; any other value that is not an object is refused with a
   * {@link JsonSyntaxException} naming its path. Stateless and thread-safe.
   */
  public static final class GsonAdapter extends TypeAdapter<FieldsV1> {
    /** Creates the adapter; called by Gson. */
    public GsonAdapter() {}

    @Override
    public void write(JsonWriter out, @Nullable FieldsV1 value) throws IOException {
      if (value == null) {
        out.nullValue();
        return;
      }
      try {
        out.jsonValue(value.json);
      } catch (UnsupportedOperationException e) {
        // Gson's tree writer (behind Gson.toJsonTree) takes no raw JSON; it throws before writing
        // anything, so the value can still be given to it token by token.
        JsonReader in = new JsonReader(new StringReader(value.json));
        copy(in, out);
      }
    }

    @Override
    public @Nullable FieldsV1 read(JsonReader in) throws IOException {
      JsonToken token = in.peek();
      if (token == JsonToken.NULL) {
        in.nextNull();
        return null;
      }
      if (token != JsonToken.BEGIN_OBJECT) {
        throw new JsonSyntaxException(
            "Invalid FieldsV1 at " + in.getPath() + ": expected an object, found " + token);
      }
      if (in instanceof Utf8JsonReader bytes) {
        // One pass over the bytes: the value's text with the white space between tokens removed.
        return new FieldsV1(bytes.nextCompactJson());
      }
      return new FieldsV1(copy(in));
    }
  }
}
