package dev.kubesdk.runtime;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import dev.kubesdk.runtime.internal.Utf8JsonReader;
import dev.kubesdk.runtime.internal.Utf8JsonWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one {@link Gson} every call of every {@link ApiClient} uses, and shortcuts to it. Thread-safe.
 *
 * <p>Models are read and written by their generated streaming adapters (found through their
 * {@code @JsonAdapter} annotation), {@code Quantity} and {@code IntOrString} likewise. On top of
 * Gson's defaults this instance:
 *
 * <ul>
 *   <li>reads and writes {@link OffsetDateTime} as RFC 3339 text with {@link DateTimes#TIME}, so
 *       handwritten classes (custom resources) with time fields work too; generated models pick
 *       {@code TIME} or {@code MICRO_TIME} per field themselves;
 *   <li>writes {@code byte[]} as base64 text, as Kubernetes sends {@code []byte} fields (Secret
 *       {@code data});
 *   <li>reads numbers inside {@code Object} and {@code Map<String, Object>} as {@code Long} when
 *       they are integral, {@code Double} otherwise (Gson's default makes every number a Double);
 *   <li>does not escape {@code <}, {@code >}, {@code =} and {@code &} as {@code \u003c}…, so label
 *       selectors and annotations stay readable;
 *   <li>omits null fields, as the API server's own encoding does.
 * </ul>
 */
public final class Json {
  private static final Gson GSON =
      new GsonBuilder()
          .disableHtmlEscaping()
          .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
          .registerTypeAdapter(byte[].class, new Base64Adapter().nullSafe())
          .registerTypeAdapter(OffsetDateTime.class, DateTimes.TIME)
          .create();

  private Json() {}

  /** The Gson all API calls use. */
  public static Gson gson() {
    return GSON;
  }

  /** {@code value} as JSON text; {@code null} gives {@code "null"}. */
  public static String serialize(@Nullable Object value) {
    return GSON.toJson(value);
  }

  /**
   * Reads {@code json} as {@code type} (a class, or a {@link TypeToken}'s type for generic shapes).
   *
   * @throws JsonParseException when the text is not valid JSON or does not fit {@code type}
   */
  public static <T> @Nullable T deserialize(String json, Type type) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(type, "type");
    return GSON.fromJson(json, type);
  }

  /**
   * Reads one JSON value of {@code type} from UTF-8 bytes, as API calls read response bodies: models and
   * JSON trees are read straight from the bytes, without decoding them to characters first. The stream
   * is read to its end and not closed.
   *
   * @param json the UTF-8 JSON text, such as an HTTP body
   * @param type a class, or a {@link TypeToken}'s type for generic shapes
   * @return the value, or {@code null} when the stream is empty or holds {@code null}
   * @throws JsonSyntaxException when the bytes are not valid JSON or do not fit {@code type}
   * @throws JsonIOException when reading the stream fails
   */
  public static <T> @Nullable T deserialize(InputStream json, Type type) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(type, "type");
    try {
      JsonReader in = readerFor(json, type);
      try {
        in.peek();
      } catch (EOFException e) {
        // Nothing but white space: no value, as for Gson.fromJson on an empty text.
        return null;
      }
      T value = read(in, type);
      if (in.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonSyntaxException("more JSON after the value at " + in.getPath() + ": expected one value");
      }
      return value;
    } catch (MalformedJsonException e) {
      throw new JsonSyntaxException(e.getMessage(), e);
    } catch (IOException e) {
      throw new JsonIOException(e);
    }
  }

  /**
   * Writes {@code value} as compact UTF-8 JSON, as API calls write request bodies. The stream is
   * flushed, not closed.
   *
   * @param value the value; {@code null} writes {@code null}
   * @param out where the JSON goes
   * @throws JsonIOException when writing to the stream fails
   */
  public static void serialize(@Nullable Object value, OutputStream out) {
    Objects.requireNonNull(out, "out");
    try {
      JsonWriter writer = new Utf8JsonWriter(out);
      GSON.toJson(value, value == null ? Object.class : value.getClass(), writer);
      writer.flush();
    } catch (IOException e) {
      throw new JsonIOException(e);
    }
  }

  /**
   * A reader over UTF-8 bytes for {@code type}. The byte reader serves every type whose adapter uses only
   * the public streaming API: kubesdk's models and values (each names its adapter with {@code @JsonAdapter})
   * and JSON trees. Gson's own adapters for other classes (a caller's custom-resource classes with
   * {@code Map} fields) reach into its character reader's internals, so those get that reader.
   */
  static JsonReader readerFor(InputStream json, Type type) {
    return readsBytes(type) ? new Utf8JsonReader(json) : new JsonReader(new InputStreamReader(json, StandardCharsets.UTF_8));
  }

  /**
   * A reader of a stream of JSON values separated by white space (a watch response) holding values of
   * {@code type}, chosen as {@link #readerFor} chooses.
   */
  static JsonReader sequenceReaderFor(InputStream json, Type type) {
    if (readsBytes(type)) {
      Utf8JsonReader reader = new Utf8JsonReader(json);
      reader.allowConcatenatedValues();
      return reader;
    }
    JsonReader reader = new JsonReader(new InputStreamReader(json, StandardCharsets.UTF_8));
    // Gson's reader reads more than one top-level value only in lenient mode.
    reader.setStrictness(Strictness.LENIENT);
    return reader;
  }

  private static boolean readsBytes(Type type) {
    Class<?> raw = TypeToken.get(type).getRawType();
    return raw.isAnnotationPresent(JsonAdapter.class) || JsonElement.class.isAssignableFrom(raw);
  }

  /** Reads one value of {@code type} at the reader's position. */
  static <T> @Nullable T read(JsonReader in, Type type) {
    return GSON.fromJson(in, type);
  }

  /** Kubernetes encodes {@code []byte} as standard base64 (encoding/json's default). */
  private static final class Base64Adapter extends TypeAdapter<byte[]> {
    @Override
    public void write(JsonWriter out, byte[] value) throws IOException {
      out.value(Base64.getEncoder().encodeToString(value));
    }

    @Override
    public byte[] read(JsonReader in) throws IOException {
      if (in.peek() != JsonToken.STRING) {
        throw new JsonParseException("expected base64 text at " + in.getPreviousPath() + " but found " + in.peek());
      }
      String text = in.nextString();
      try {
        return Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new JsonParseException("invalid base64 at " + in.getPreviousPath() + ": " + e.getMessage(), e);
      }
    }
  }
}
