package dev.kubesdk.runtime;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;
import com.google.gson.TypeAdapter;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.Type;
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

  /** Reads one value of {@code type} from the stream, for bodies too large to copy into a String. */
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
