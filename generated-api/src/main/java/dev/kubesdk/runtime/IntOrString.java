package dev.kubesdk.runtime;

import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes {@code intstr.IntOrString}: either a 32-bit integer or a string, such as a port
 * ({@code 8080} or {@code "http"}) or a rollout budget ({@code 1} or {@code "25%"}). Immutable and
 * thread-safe.
 *
 * <p>The kind is part of the value: {@code of(8080)} and {@code of("8080")} are different, and each
 * is written back to JSON as it was read (a number stays a number, a string a string).
 *
 * <pre>{@code
 * IntOrString port = IntOrString.of("http");
 * if (port.isInt()) {
 *   connect(port.intValue());
 * } else {
 *   connect(lookUpNamedPort(port.stringValue()));
 * }
 * }</pre>
 */
@JsonAdapter(IntOrString.GsonAdapter.class)
public final class IntOrString {
  private final int intValue;
  private final @Nullable String stringValue;

  private IntOrString(int intValue, @Nullable String stringValue) {
    this.intValue = intValue;
    this.stringValue = stringValue;
  }

  /**
   * An integer value, written to JSON as a number.
   *
   * @param value the integer
   * @return the value
   */
  public static IntOrString of(int value) {
    return new IntOrString(value, null);
  }

  /**
   * A string value, written to JSON as a string, even when it holds digits.
   *
   * @param value the string, such as {@code "http"} or {@code "25%"}
   * @return the value
   */
  public static IntOrString of(String value) {
    return new IntOrString(0, Objects.requireNonNull(value, "value"));
  }

  /**
   * Whether this holds an integer.
   *
   * @return {@code true} for an integer, {@code false} for a string
   */
  public boolean isInt() {
    return stringValue == null;
  }

  /**
   * The integer.
   *
   * @return the integer
   * @throws IllegalStateException if this holds a string; check {@link #isInt()} first
   */
  public int intValue() {
    if (stringValue != null) {
      throw new IllegalStateException(
          "IntOrString holds the string \""
              + stringValue
              + "\", not an integer: check isInt() before intValue()");
    }
    return intValue;
  }

  /**
   * The string.
   *
   * @return the string
   * @throws IllegalStateException if this holds an integer; check {@link #isInt()} first
   */
  public String stringValue() {
    if (stringValue == null) {
      throw new IllegalStateException(
          "IntOrString holds the integer "
              + intValue
              + ", not a string: check isInt() before stringValue()");
    }
    return stringValue;
  }

  /** Equal when both hold an integer and the integers are equal, or both hold equal strings. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof IntOrString that
        && intValue == that.intValue
        && Objects.equals(stringValue, that.stringValue);
  }

  /** A hash of the kind and the value, consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return stringValue == null ? Integer.hashCode(intValue) : 31 + stringValue.hashCode();
  }

  /** The value as text: the integer's digits, or the string itself. */
  @Override
  public String toString() {
    return stringValue == null ? Integer.toString(intValue) : stringValue;
  }

  /**
   * Reads a JSON number or string, writes the same kind back. Found by Gson through the {@link
   * JsonAdapter} annotation on {@link IntOrString}, so {@code gson.getAdapter(IntOrString.class)}
   * works on any Gson instance; there is no need to use this class directly.
   *
   * <p>Like apimachinery's {@code IntOrString.UnmarshalJSON}, a number must be an integer in the
   * 32-bit range ({@code 1.5} and {@code 1e3} are rejected); {@code null} reads as {@code null}.
   * Stateless and thread-safe.
   */
  public static final class GsonAdapter extends TypeAdapter<IntOrString> {
    /** Creates the adapter; called by Gson. */
    public GsonAdapter() {}

    @Override
    public void write(JsonWriter out, @Nullable IntOrString value) throws IOException {
      if (value == null) {
        out.nullValue();
      } else if (value.stringValue == null) {
        out.value(value.intValue);
      } else {
        out.value(value.stringValue);
      }
    }

    @Override
    public @Nullable IntOrString read(JsonReader in) throws IOException {
      JsonToken token = in.peek();
      switch (token) {
        case NULL:
          in.nextNull();
          return null;
        case STRING:
          return of(in.nextString());
        case NUMBER:
          // nextString() keeps the literal, so 1.0 and 1e3 are seen as written and rejected,
          // where nextInt() would accept them.
          String number = in.nextString();
          try {
            return of(Integer.parseInt(number));
          } catch (NumberFormatException e) {
            throw new JsonSyntaxException(
                "Invalid int-or-string at "
                    + in.getPreviousPath()
                    + ": "
                    + number
                    + " is not a 32-bit integer; write an integer such as 8080 or a string such"
                    + " as \"http\" or \"25%\"",
                e);
          }
        default:
          throw new JsonSyntaxException(
              "Invalid int-or-string at "
                  + in.getPath()
                  + ": expected an integer or a string, found "
                  + token);
      }
    }
  }
}
