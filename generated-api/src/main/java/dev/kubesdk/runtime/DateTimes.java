package dev.kubesdk.runtime;

import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reading and writing Kubernetes timestamps: the Gson adapters for {@code meta/v1.Time} ({@link
 * #TIME}) and {@code meta/v1.MicroTime} ({@link #MICRO_TIME}), and the same conversions for text.
 * Thread-safe.
 *
 * <p>Reading accepts any RFC 3339 date-time: {@code T} or {@code t}, {@code Z}, {@code z} or a
 * numeric offset ({@code +02:00}, {@code -00:00}), and any number of fraction digits (digits past
 * nanoseconds are dropped, as Go's {@code time.Parse} does). The result keeps the offset of the
 * text. An offset beyond Java's ±18:00 range is read as the same instant in UTC.
 *
 * <p>Writing gives what kube-apiserver writes, so a timestamp read from the server is written back
 * byte for byte: UTC with {@code Z}, whole seconds for {@code Time} ({@code 2024-05-01T10:00:00Z})
 * and exactly six fraction digits for {@code MicroTime} ({@code 2024-05-01T10:00:00.123456Z}).
 * Finer digits are truncated, not rounded, as Go's {@code Time.Format} does.
 *
 * <p>Both adapters read JSON {@code null} as {@code null} and write {@code null} as JSON {@code
 * null}. Text that is not RFC 3339 is reported as a {@link JsonSyntaxException} (a {@code
 * JsonParseException}) naming the text and its JSON path.
 */
public final class DateTimes {

  /**
   * The adapter for {@code meta/v1.Time} fields (creationTimestamp, lastTransitionTime...): reads
   * any RFC 3339 date-time, writes UTC with whole seconds, as {@code 2024-05-01T10:00:00Z}.
   */
  public static final TypeAdapter<OffsetDateTime> TIME = new Rfc3339Adapter(false);

  /**
   * The adapter for {@code meta/v1.MicroTime} fields (Lease renewTime, Event eventTime...): reads
   * any RFC 3339 date-time, writes UTC with six fraction digits, as {@code
   * 2024-05-01T10:00:00.123456Z}.
   */
  public static final TypeAdapter<OffsetDateTime> MICRO_TIME = new Rfc3339Adapter(true);

  private static final String EXPECTED =
      "expected an RFC 3339 date-time such as 2024-05-01T10:00:00Z or"
          + " 2024-05-01T12:00:00.123456+02:00";

  private static final int[] NANO_FACTORS = {
    100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private static final int MAX_JAVA_OFFSET_SECONDS = 18 * 3600;

  private DateTimes() {}

  /**
   * Parses an RFC 3339 date-time as the adapters read it, keeping the text's offset.
   *
   * @param text the date-time, such as {@code 2024-05-01T10:00:00Z}
   * @return the date-time
   * @throws IllegalArgumentException if {@code text} is not an RFC 3339 date-time; the message
   *     names the text and what is wrong
   */
  public static OffsetDateTime parse(String text) {
    Objects.requireNonNull(text, "text");
    // A hand-written scanner: Kubernetes lists carry several timestamps per object, and this is
    // several times faster than DateTimeFormatter.ISO_OFFSET_DATE_TIME, which also rejects some
    // RFC 3339 forms (more than nine fraction digits).
    int length = text.length();
    if (length < 20) {
      throw invalid(text, "it is too short");
    }
    int year = digits(text, 0, 4);
    expect(text, 4, '-');
    int month = digits(text, 5, 2);
    expect(text, 7, '-');
    int day = digits(text, 8, 2);
    char separator = text.charAt(10);
    if (separator != 'T' && separator != 't') {
      throw invalid(text, "expected 'T' between date and time at index 10");
    }
    int hour = digits(text, 11, 2);
    expect(text, 13, ':');
    int minute = digits(text, 14, 2);
    expect(text, 16, ':');
    int second = digits(text, 17, 2);

    int pos = 19;
    int nano = 0;
    if (text.charAt(pos) == '.') {
      int start = ++pos;
      while (pos < length && isDigit(text.charAt(pos))) {
        if (pos - start < 9) {
          nano += (text.charAt(pos) - '0') * NANO_FACTORS[pos - start];
        }
        pos++;
      }
      if (pos == start) {
        throw invalid(text, "expected digits after '.' at index " + start);
      }
    }
    if (pos == length) {
      throw invalid(text, "the offset is missing: end with Z or an offset such as +02:00");
    }
    int offsetSeconds;
    char zone = text.charAt(pos);
    if ((zone == 'Z' || zone == 'z') && pos + 1 == length) {
      offsetSeconds = 0;
    } else if ((zone == '+' || zone == '-') && pos + 6 == length) {
      int offsetHours = digits(text, pos + 1, 2);
      expect(text, pos + 3, ':');
      int offsetMinutes = digits(text, pos + 4, 2);
      // Go's time.Parse lets offsets reach 24:60, and the API server keeps custom resources' text.
      if (offsetHours > 24 || offsetMinutes > 60) {
        throw invalid(text, "the offset is out of range");
      }
      offsetSeconds = offsetHours * 3600 + offsetMinutes * 60;
      if (zone == '-') {
        offsetSeconds = -offsetSeconds;
      }
    } else {
      throw invalid(
          text, "expected Z or an offset such as +02:00 at index " + pos + ", and nothing after");
    }

    if (month < 1 || month > 12) {
      throw invalid(text, "month " + month + " is out of range");
    }
    if (day < 1 || day > daysInMonth(year, month)) {
      throw invalid(text, "day " + day + " is out of range for the month");
    }
    if (hour > 23 || minute > 59) {
      throw invalid(text, "the time of day is out of range");
    }
    if (second > 59) {
      // RFC 3339 allows a leap second (:60); neither Go's time.Parse nor java.time does.
      throw invalid(text, "second " + second + " is out of range");
    }
    if (Math.abs(offsetSeconds) <= MAX_JAVA_OFFSET_SECONDS) {
      ZoneOffset offset =
          offsetSeconds == 0 ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(offsetSeconds);
      return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
    }
    // Go accepts offsets up to ±24:60, java.time only ±18:00: keep the instant, in UTC.
    return OffsetDateTime.of(year, month, day, hour, minute, second, nano, ZoneOffset.UTC)
        .minusSeconds(offsetSeconds);
  }

  /**
   * Formats a date-time as kube-apiserver writes a {@code meta/v1.Time}: in UTC, whole seconds (the
   * fraction is truncated), e.g. {@code 2024-05-01T10:00:00Z}. Use it for {@code date-time} query
   * parameters such as {@code sinceTime}.
   *
   * @param dateTime the date-time, at any offset
   * @return the text
   */
  public static String formatTime(OffsetDateTime dateTime) {
    return format(Objects.requireNonNull(dateTime, "dateTime"), false);
  }

  /**
   * Formats a date-time as kube-apiserver writes a {@code meta/v1.MicroTime}: in UTC, with exactly
   * six fraction digits (finer digits truncated), e.g. {@code 2024-05-01T10:00:00.123456Z}.
   *
   * @param dateTime the date-time, at any offset
   * @return the text
   */
  public static String formatMicroTime(OffsetDateTime dateTime) {
    return format(Objects.requireNonNull(dateTime, "dateTime"), true);
  }

  private static String format(OffsetDateTime dateTime, boolean micro) {
    OffsetDateTime utc =
        dateTime.getOffset().getTotalSeconds() == 0
            ? dateTime
            : dateTime.withOffsetSameInstant(ZoneOffset.UTC);
    int year = utc.getYear();
    if (year < 0 || year > 9999) {
      // Go's Time.Format writes such years with a sign or more digits; so does this.
      String yearText = year < 0 ? "-" + pad4(-(long) year) : Integer.toString(year);
      return yearText + format(utc.withYear(2000), micro).substring(4);
    }
    char[] out = new char[micro ? 27 : 20];
    put(out, 0, year, 4);
    out[4] = '-';
    put(out, 5, utc.getMonthValue(), 2);
    out[7] = '-';
    put(out, 8, utc.getDayOfMonth(), 2);
    out[10] = 'T';
    put(out, 11, utc.getHour(), 2);
    out[13] = ':';
    put(out, 14, utc.getMinute(), 2);
    out[16] = ':';
    put(out, 17, utc.getSecond(), 2);
    if (micro) {
      out[19] = '.';
      put(out, 20, utc.getNano() / 1000, 6);
    }
    out[out.length - 1] = 'Z';
    return new String(out);
  }

  private static final class Rfc3339Adapter extends TypeAdapter<OffsetDateTime> {
    private final boolean micro;

    Rfc3339Adapter(boolean micro) {
      this.micro = micro;
    }

    @Override
    public void write(JsonWriter out, @Nullable OffsetDateTime value) throws IOException {
      if (value == null) {
        out.nullValue();
      } else {
        out.value(format(value, micro));
      }
    }

    @Override
    public @Nullable OffsetDateTime read(JsonReader in) throws IOException {
      JsonToken token = in.peek();
      if (token == JsonToken.NULL) {
        in.nextNull();
        return null;
      }
      if (token != JsonToken.STRING) {
        throw new JsonSyntaxException(
            in.getPath() + ": " + EXPECTED + " as a JSON string, found " + token);
      }
      String text = in.nextString();
      try {
        return parse(text);
      } catch (IllegalArgumentException e) {
        throw new JsonSyntaxException(in.getPreviousPath() + ": " + e.getMessage(), e);
      }
    }

    @Override
    public String toString() {
      return micro ? "DateTimes.MICRO_TIME" : "DateTimes.TIME";
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digits(String text, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        throw invalid(text, "expected a digit at index " + i);
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static void expect(String text, int index, char expected) {
    if (text.charAt(index) != expected) {
      throw invalid(text, "expected '" + expected + "' at index " + index);
    }
  }

  private static int daysInMonth(int year, int month) {
    if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) {
      return 29;
    }
    return DAYS_IN_MONTH[month - 1];
  }

  private static void put(char[] out, int start, int value, int width) {
    for (int i = start + width - 1; i >= start; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  private static String pad4(long value) {
    String digits = Long.toString(value);
    return digits.length() >= 4 ? digits : "0".repeat(4 - digits.length()) + digits;
  }

  private static IllegalArgumentException invalid(String text, String reason) {
    String shown =
        text.length() <= 80
            ? text
            : text.substring(0, 64) + "... (" + text.length() + " characters)";
    return new IllegalArgumentException(
        "Invalid date-time \"" + shown + "\": " + reason + "; " + EXPECTED);
  }
}
