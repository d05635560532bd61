package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DateTimesTest {
  private static final DateTimeFormatter MICRO_PATTERN =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void timeFromTheApiServerIsWrittenBackByteForByte() throws Exception {
    for (String json :
        new String[] {
          "\"2024-05-01T10:00:00Z\"", "\"1970-01-01T00:00:00Z\"", "\"2000-02-29T23:59:59Z\""
        }) {
      assertThat(DateTimes.TIME.toJson(DateTimes.TIME.fromJson(json))).isEqualTo(json);
    }
  }

  @Test
  void microTimeFromTheApiServerIsWrittenBackByteForByte() throws Exception {
    for (String json :
        new String[] {
          "\"2024-05-01T10:00:00.123456Z\"",
          "\"2024-05-01T10:00:00.000000Z\"",
          "\"2024-12-31T23:59:59.999999Z\""
        }) {
      assertThat(DateTimes.MICRO_TIME.toJson(DateTimes.MICRO_TIME.fromJson(json))).isEqualTo(json);
    }
  }

  @Test
  void offsetsAreKeptOnReadAndWrittenAsUtc() throws Exception {
    OffsetDateTime read = DateTimes.TIME.fromJson("\"2024-05-01T12:30:00+02:30\"");

    assertThat(read)
        .isEqualTo(OffsetDateTime.of(2024, 5, 1, 12, 30, 0, 0, ZoneOffset.ofHoursMinutes(2, 30)));
    assertThat(DateTimes.TIME.toJson(read)).isEqualTo("\"2024-05-01T10:00:00Z\"");
    assertThat(
            DateTimes.MICRO_TIME.toJson(
                DateTimes.MICRO_TIME.fromJson("\"2024-05-01T00:00:00.5-01:00\"")))
        .isEqualTo("\"2024-05-01T01:00:00.500000Z\"");
    assertThat(DateTimes.parse("2024-05-01T10:00:00-00:00").getOffset()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void anyNumberOfFractionDigitsIsRead() {
    String digits = "123456789";
    for (int count = 1; count <= 9; count++) {
      OffsetDateTime read =
          DateTimes.parse("2024-05-01T10:00:00." + digits.substring(0, count) + "Z");
      int expected = Integer.parseInt(digits.substring(0, count) + "0".repeat(9 - count));
      assertThat(read.getNano()).as("%d digits", count).isEqualTo(expected);
    }
    // Past nanoseconds the digits are dropped, as Go's time.Parse does.
    assertThat(DateTimes.parse("2024-05-01T10:00:00.123456789987Z").getNano()).isEqualTo(123456789);
  }

  @Test
  void lowercaseSeparatorAndZuluAreRead() {
    assertThat(DateTimes.parse("2024-05-01t10:00:00z"))
        .isEqualTo(OffsetDateTime.of(2024, 5, 1, 10, 0, 0, 0, ZoneOffset.UTC));
  }

  @Test
  void offsetsBeyondJavasRangeKeepTheInstant() {
    OffsetDateTime read = DateTimes.parse("2024-05-01T23:59:00+23:59");

    assertThat(read.toInstant()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
    // Go's time.Parse takes up to 24:60 too.
    assertThat(DateTimes.parse("2024-05-01T10:00:00+24:60").toInstant())
        .isEqualTo(Instant.parse("2024-04-30T09:00:00Z"));
    assertThat(DateTimes.parse("2024-05-01T10:00:00+05:60").toInstant())
        .isEqualTo(Instant.parse("2024-05-01T04:00:00Z"));
  }

  @Test
  void timeTruncatesToSecondsAndMicroTimeToMicroseconds() {
    OffsetDateTime value = OffsetDateTime.of(2024, 5, 1, 10, 0, 59, 999_999_999, ZoneOffset.UTC);

    assertThat(DateTimes.formatTime(value)).isEqualTo("2024-05-01T10:00:59Z");
    assertThat(DateTimes.formatMicroTime(value)).isEqualTo("2024-05-01T10:00:59.999999Z");
  }

  @Test
  void yearsOutsideFourDigitsAreWrittenAsGoDoes() {
    assertThat(DateTimes.formatTime(OffsetDateTime.of(12024, 5, 1, 10, 0, 0, 0, ZoneOffset.UTC)))
        .isEqualTo("12024-05-01T10:00:00Z");
    assertThat(
            DateTimes.formatMicroTime(OffsetDateTime.of(-4, 2, 29, 10, 0, 0, 1000, ZoneOffset.UTC)))
        .isEqualTo("-0004-02-29T10:00:00.000001Z");
    assertThat(DateTimes.formatTime(OffsetDateTime.of(7, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)))
        .isEqualTo("0007-01-01T00:00:00Z");
  }

  @Test
  void nullIsReadAndWrittenAsJsonNull() throws Exception {
    assertThat(DateTimes.TIME.fromJson("null")).isNull();
    assertThat(DateTimes.MICRO_TIME.fromJson("null")).isNull();
    assertThat(DateTimes.TIME.toJson(null)).isEqualTo("null");
    assertThat(DateTimes.MICRO_TIME.toJson(null)).isEqualTo("null");
  }

  @Test
  void invalidTextNamesTheTextAndItsPath() {
    Gson gson =
        new GsonBuilder().registerTypeAdapter(OffsetDateTime.class, DateTimes.TIME).create();
    String[][] cases = {
      {"2024-13-01T00:00:00Z", "month 13"},
      {"2024-02-30T00:00:00Z", "day 30"},
      {"2023-02-29T00:00:00Z", "day 29"},
      {"2024-05-01 10:00:00Z", "'T'"},
      {"2024-05-01T10:00:00", "too short"},
      {"2024-05-01T10:00:00.1", "offset is missing"},
      {"2024-05-01T10:00:60Z", "second 60"},
      {"2024-05-01T24:00:00Z", "out of range"},
      {"2024-05-01T10:00:00.Z", "digits after '.'"},
      {"2024-05-01T10:00:00+0200", "offset such as +02:00"},
      {"2024-05-01T10:00:00+25:00", "offset is out of range"},
      {"2024-05-01T10:00:00Zjunk", "nothing after"},
      {"2024-5-01T10:00:00.5Z", "expected a digit at index 6"},
      {"", "too short"},
      {"yesterday", "too short"},
    };
    for (String[] c : cases) {
      String json = "{\"metadata\":{\"creationTimestamp\":\"" + c[0] + "\"}}";
      assertThatThrownBy(
              () ->
                  gson.fromJson(
                      json, new TypeToken<Map<String, Map<String, OffsetDateTime>>>() {}.getType()))
          .as(c[0])
          .isInstanceOf(JsonParseException.class)
          .hasMessageContaining("$.metadata.creationTimestamp")
          .hasMessageContaining("\"" + c[0] + "\"")
          .hasMessageContaining(c[1])
          .hasMessageContaining("such as 2024-05-01T10:00:00Z");
    }
  }

  @Test
  void nonStringJsonIsRejectedWithItsPath() {
    assertThatThrownBy(() -> DateTimes.TIME.fromJson("1714557600"))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("NUMBER");
  }

  @Test
  void parseRejectsNullWithTheParameterName() {
    assertThatThrownBy(() -> DateTimes.parse(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("text");
  }

  // ---------------------------------------------------------------------------------------------
  // Properties

  /** Fixed, so every run tries the same inputs; a failure names it with the case that failed. */
  private static final long SEED = 0x5eed_da7eL;

  private static final long MIN_SECOND = Instant.parse("0000-01-02T00:00:00Z").getEpochSecond();
  private static final long MAX_SECOND = Instant.parse("9999-12-30T23:59:59Z").getEpochSecond();
  private static final int MAX_QUARTER_HOURS = 18 * 4;
  private static final String NOISE_CHARACTERS = "0123456789-+:.TtZz x";
  private static final String ACCEPTED_BEYOND_JAVA_TIME =
      ".*\\.\\d{10,}.*|.*[+-](18:(0[1-9]|[1-5]\\d)|19:\\d\\d|2\\d:\\d\\d|\\d\\d:60)";

  @Test
  void microTimeRoundTripsEveryInstantToTheMicrosecond() {
    SeededCases.of(SEED, 2000, DateTimesTest::dateTime)
        .check(
            value -> {
              String text = DateTimes.formatMicroTime(value);

              assertThat(text).isEqualTo(MICRO_PATTERN.format(value)).hasSize(27);
              assertThat(DateTimes.parse(text).toInstant())
                  .isEqualTo(value.toInstant().truncatedTo(ChronoUnit.MICROS));
              assertThat(DateTimes.formatMicroTime(DateTimes.parse(text))).isEqualTo(text);
            });
  }

  @Test
  void timeRoundTripsEveryInstantToTheSecond() {
    SeededCases.of(SEED, 2000, DateTimesTest::dateTime)
        .check(
            value -> {
              String text = DateTimes.formatTime(value);

              assertThat(DateTimes.parse(text).toInstant())
                  .isEqualTo(value.toInstant().truncatedTo(ChronoUnit.SECONDS));
              assertThat(DateTimes.formatTime(DateTimes.parse(text))).isEqualTo(text);
            });
  }

  @Test
  void readsWhatJavaTimeReadsTheSameWay() {
    SeededCases.of(SEED, 2000, DateTimesTest::dateTime)
        .check(
            value -> {
              String text = value.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

              assertThat(DateTimes.parse(text)).isEqualTo(OffsetDateTime.parse(text));
            });
  }

  @Test
  void anyTextParsesOrIsRejectedWithIllegalArgument() {
    SeededCases.of(SEED, 3000, DateTimesTest::noise)
        .check(
            text -> {
              OffsetDateTime parsed;
              try {
                parsed = DateTimes.parse(text);
              } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).startsWith("Invalid date-time \"");
                return;
              }
              OffsetDateTime javaParsed;
              try {
                javaParsed = OffsetDateTime.parse(text.toUpperCase(Locale.ROOT));
              } catch (DateTimeParseException e) {
                // Accepted here only: more than nine fraction digits, an offset past +-18:00 or a
                // :60 offset minute (Go's time.Parse accepts both).
                assertThat(text).matches(ACCEPTED_BEYOND_JAVA_TIME);
                return;
              }
              assertThat(parsed).isEqualTo(javaParsed);
            });
  }

  /**
   * An instant from year 0 to 9999 with any nanosecond, at any whole quarter-hour offset within
   * +-18:00; each part takes its extreme values now and then.
   */
  private static OffsetDateTime dateTime(Random random) {
    long seconds =
        switch (random.nextInt(20)) {
          case 0 -> MIN_SECOND;
          case 1 -> MAX_SECOND;
          default -> random.nextLong(MIN_SECOND, MAX_SECOND + 1);
        };
    int nanos =
        switch (random.nextInt(20)) {
          case 0 -> 0;
          case 1 -> 999_999_999;
          default -> random.nextInt(1_000_000_000);
        };
    int quarterHours =
        switch (random.nextInt(20)) {
          case 0 -> 0;
          case 1 -> MAX_QUARTER_HOURS;
          case 2 -> -MAX_QUARTER_HOURS;
          default -> random.nextInt(2 * MAX_QUARTER_HOURS + 1) - MAX_QUARTER_HOURS;
        };
    return OffsetDateTime.ofInstant(
        Instant.ofEpochSecond(seconds, nanos), ZoneOffset.ofTotalSeconds(quarterHours * 900));
  }

  /** A valid timestamp with one character replaced, cut short, or with one character inserted. */
  private static String noise(Random random) {
    String text = dateTime(random).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    int at = Math.min(random.nextInt(41), text.length());
    char c = NOISE_CHARACTERS.charAt(random.nextInt(NOISE_CHARACTERS.length()));
    return switch (random.nextInt(3)) {
      case 0 -> text.substring(0, at) + c + text.substring(Math.min(at + 1, text.length()));
      case 1 -> text.substring(0, at);
      default -> text.substring(0, at) + c + text.substring(at);
    };
  }
}
