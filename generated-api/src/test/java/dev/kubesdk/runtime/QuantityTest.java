package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSyntaxException;
import dev.kubesdk.runtime.Quantity.Format;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class QuantityTest {
  private static final Gson GSON = new Gson();

  /** A holder like a generated model's resource map, to see the adapter through a field. */
  static final class Resources {
    Map<String, Quantity> limits;
  }

  // ---------------------------------------------------------------------------------------------
  // apimachinery's own test vectors (quantity-vectors.tsv)

  @Test
  void aQuantityReadAgainIsTheSameInstance() {
    Quantity first = GSON.fromJson("\"128Mi\"", Quantity.class);

    assertThat(GSON.fromJson("\" 128Mi \"", Quantity.class)).isSameAs(first);
    assertThat(GSON.fromJson("\"128M\"", Quantity.class)).isNotEqualTo(first).hasToString("128M");
  }

  @TestFactory
  Stream<DynamicTest> apimachineryVectors() throws IOException {
    List<String[]> vectors = readTsv("quantity-vectors.tsv");
    Map<String, Integer> perTable = new TreeMap<>();
    vectors.forEach(v -> perTable.merge(v[0], 1, Integer::sum));
    // Guards against a broken resource file turning every vector test into nothing.
    assertThat(perTable)
        .containsOnlyKeys("parse", "invalid", "string", "emit", "exact", "cmp", "cmpvalue", "json");
    assertThat(vectors).hasSizeGreaterThan(250);
    return vectors.stream()
        .map(v -> DynamicTest.dynamicTest(String.join(" | ", v), () -> check(v)));
  }

  private static void check(String[] v) {
    switch (v[0]) {
      case "parse" -> {
        BigDecimal value = new BigDecimal(v[2]);
        Format format = Format.valueOf(v[3]);
        assertParsesTo(v[1], value, format);
        assertParsesTo("-" + v[1], value.negate(), format);
        assertParsesTo("+" + v[1], value, format);
      }
      case "invalid" ->
          assertThatThrownBy(() -> Quantity.parse(v[1]))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("\"" + v[1] + "\"")
              .hasMessageContaining("binary SI (Ki, Mi, Gi, Ti, Pi, Ei");
      case "string" -> {
        BigDecimal value = new BigDecimal(v[1]);
        Format format = Format.valueOf(v[2]);
        String expected = v[3];
        Quantity made = Quantity.of(value, format);
        assertThat(made.canonical()).isEqualTo(expected);
        assertThat(made).hasToString(expected);
        // A canonical text is kept as is.
        assertThat(Quantity.parse(expected).canonical()).isEqualTo(expected);
        if (!v[4].equals("-")) {
          assertThat(Quantity.parse(v[4]).canonical()).isEqualTo(expected);
        }
        if (value.signum() != 0) {
          assertThat(Quantity.of(value.negate(), format).canonical()).isEqualTo("-" + expected);
        }
      }
      case "emit" -> {
        assertThat(Quantity.parse(v[1]).canonical()).isEqualTo(v[2]);
        Quantity negative = Quantity.parse("-" + v[1]);
        if (negative.toBigDecimal().signum() != 0) {
          assertThat(negative.canonical()).isEqualTo("-" + v[2]);
        }
      }
      case "exact" -> {
        Quantity quantity = Quantity.parse(v[1]);
        assertThat(quantity.toBigDecimal()).isEqualByComparingTo(v[2]);
        assertThat(quantity.canonical()).isEqualTo(v[3]);
      }
      case "cmp" -> {
        int expected = Integer.parseInt(v[3]);
        assertThat(Integer.signum(Quantity.parse(v[1]).compareTo(Quantity.parse(v[2]))))
            .isEqualTo(expected);
        assertThat(Integer.signum(Quantity.parse(v[2]).compareTo(Quantity.parse(v[1]))))
            .isEqualTo(-expected);
      }
      case "cmpvalue" -> {
        int expected = Integer.parseInt(v[3]);
        Quantity x = Quantity.of(new BigDecimal(v[1]), Format.DECIMAL_SI);
        Quantity y = Quantity.of(new BigDecimal(v[2]), Format.DECIMAL_SI);
        assertThat(Integer.signum(x.compareTo(y))).isEqualTo(expected);
        assertThat(Integer.signum(y.compareTo(x))).isEqualTo(-expected);
        assertThat(x.equals(y)).isEqualTo(expected == 0);
      }
      case "json" -> assertThat(GSON.fromJson(v[1], Quantity.class).canonical()).isEqualTo(v[2]);
      default -> throw new AssertionError("unknown table " + v[0]);
    }
  }

  private static void assertParsesTo(String text, BigDecimal value, Format format) {
    Quantity quantity = Quantity.parse(text);
    assertThat(quantity.toBigDecimal()).as(text).isEqualByComparingTo(value);
    assertThat(quantity.format()).as(text).isEqualTo(format);
    assertThat(quantity).as(text).hasToString(text);
  }

  private static List<String[]> readTsv(String name) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = QuantityTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name + " on the test class path").isNotNull();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          rows.add(line.split("\t", -1));
        }
      }
    }
    return rows;
  }

  @Test
  void agreesWithApimachineryOnARandomCorpus() throws IOException {
    List<String[]> rows = readTsv("quantity-corpus.tsv");
    assertThat(rows).hasSizeGreaterThan(2500);
    SoftAssertions softly = new SoftAssertions();
    for (String[] row : rows) {
      String text = row[0];
      if (row[1].equals("ERR")) {
        softly
            .assertThatThrownBy(() -> Quantity.parse(text))
            .as(text)
            .isInstanceOf(IllegalArgumentException.class);
        continue;
      }
      Quantity quantity;
      try {
        quantity = Quantity.parse(text);
      } catch (IllegalArgumentException e) {
        softly.fail("apimachinery parses \"%s\" but here: %s", text, e.getMessage());
        continue;
      }
      softly.assertThat(quantity.format()).as(text).isEqualTo(Format.valueOf(row[1]));
      softly.assertThat(quantity.canonical()).as(text).isEqualTo(row[2]);
      softly.assertThat(quantity.toBigDecimal()).as(text).isEqualByComparingTo(row[3]);
    }
    softly.assertAll();
  }

  // ---------------------------------------------------------------------------------------------
  // Text, JSON and the API server's spelling

  @Test
  void jsonIsWrittenBackExactlyAsItWasRead() {
    String json =
        "{\"limits\":{\"cpu\":\"1.5\",\"memory\":\"1Gi\",\"a\":\"1000m\",\"b\":\"+1\",\"c\":\"1E3\","
            + "\"d\":\"0.5Ki\",\"e\":\"100.035k\",\"f\":\"007\"}}";

    Resources resources = GSON.fromJson(json, Resources.class);

    assertThat(GSON.toJson(resources)).isEqualTo(json);
  }

  @Test
  void canonicalIsWhatTheApiServerWritesBack() {
    assertThat(Quantity.parse("1.5").canonical()).isEqualTo("1500m");
    assertThat(Quantity.parse("1000m").canonical()).isEqualTo("1");
    assertThat(Quantity.parse("1.5Gi").canonical()).isEqualTo("1536Mi");
    assertThat(Quantity.parse("1536Mi").canonical()).isEqualTo("1536Mi");
    assertThat(Quantity.parse("0.5Ki").canonical()).isEqualTo("512");
    assertThat(Quantity.parse("12e6").canonical()).isEqualTo("12e6");
    assertThat(Quantity.parse("1.5e3").canonical()).isEqualTo("1500");
    assertThat(Quantity.parse("0.1n").canonical()).isEqualTo("1n");
    assertThat(Quantity.parse("-1.5").canonical()).isEqualTo("-1500m");
  }

  @Test
  void textsApimachineryAlreadyDeemsCanonicalAreKeptAsWritten() {
    // apimachinery's parser keeps these spellings and Quantity.String() returns them unchanged,
    // so the API server stores and returns them as written (checked against v0.37.2).
    assertThat(Quantity.parse("+1").canonical()).isEqualTo("+1");
    assertThat(Quantity.parse("01").canonical()).isEqualTo("01");
    assertThat(Quantity.parse("1E3").canonical()).isEqualTo("1E3");
    assertThat(Quantity.parse("1.G").canonical()).isEqualTo("1.G");
    assertThat(Quantity.parse("9Ki").canonical()).isEqualTo("9Ki");
    // ...while these are recomputed: trailing 000, a fraction, or 8 dividing a binary mantissa.
    assertThat(Quantity.parse("+1000").canonical()).isEqualTo("1k");
    assertThat(Quantity.parse("01.0").canonical()).isEqualTo("1");
    assertThat(Quantity.parse("8Ki").canonical()).isEqualTo("8Ki");
    assertThat(Quantity.parse("1024Ki").canonical()).isEqualTo("1Mi");
  }

  @Test
  void decimalSiBeyondExaIsWrittenWithAnExponentInsteadOfLosingTheSuffix() {
    // apimachinery writes 1000E as "1" (no suffix for 10^21); an exponent keeps the value.
    Quantity quantity = Quantity.parse("1000E");

    assertThat(quantity.canonical()).isEqualTo("1e21");
    assertThat(Quantity.parse(quantity.canonical())).isEqualTo(quantity);
  }

  @Test
  void apimachineryLeniencesAreKept() {
    for (String zero : new String[] {".", "-", "+", "-.", "Ki", "m", "E", "e3", "000", "-0"}) {
      assertThat(Quantity.parse(zero).toBigDecimal()).as(zero).isZero();
      assertThat(Quantity.parse(zero).canonical()).as(zero).isEqualTo("0");
    }
    assertThat(Quantity.parse("1.").toBigDecimal()).isEqualByComparingTo("1");
    assertThat(Quantity.parse("1e+3").toBigDecimal()).isEqualByComparingTo("1000");
  }

  @Test
  void exponentsAreThirtyTwoBitsAsInApimachinery() {
    // ParseQuantity reads the exponent as int64 and keeps it in an int32 without a check.
    assertThat(Quantity.parse("1e4294967296").toBigDecimal()).isEqualByComparingTo("1");
    assertThat(Quantity.parse("1e4294967296").canonical()).isEqualTo("1e4294967296");
  }

  @Test
  void extremeExponentsStayCheap() {
    assertThat(Quantity.parse("1e-999999999").canonical()).isEqualTo("1e-9");
    assertThat(Quantity.parse("1e-999999999")).isEqualTo(Quantity.parse("1n"));
    Quantity huge = Quantity.parse("100e2147483647");
    assertThat(Quantity.parse(huge.canonical())).isEqualTo(huge);
    assertThat(huge.compareTo(Quantity.parse("1e2147483647"))).isPositive();
    assertThat(huge.hashCode()).isEqualTo(Quantity.parse(huge.canonical()).hashCode());
    assertThat(Quantity.parse("12345678901234567890123e999999").canonical())
        .isEqualTo("12345678901234567890123e999999");
  }

  @Test
  void binarySiIsCappedAtTheLargestInt64() {
    assertThat(Quantity.parse("9Ei").toBigDecimal()).isEqualByComparingTo("9223372036854775807");
    assertThat(Quantity.parse("-9Ei").toBigDecimal()).isEqualByComparingTo("-9223372036854775807");
  }

  // ---------------------------------------------------------------------------------------------
  // Comparison, equality, accessors

  @Test
  void comparesNumericallyAcrossFormats() {
    assertThat(Quantity.parse("1Gi")).isGreaterThan(Quantity.parse("1G"));
    assertThat(Quantity.parse("999m")).isLessThan(Quantity.parse("1"));
    assertThat(Quantity.parse("1000m").compareTo(Quantity.parse("1"))).isZero();
    assertThat(Quantity.parse("-1Ki")).isLessThan(Quantity.parse("-1k"));
  }

  @Test
  void equalityIsNumericAndIgnoresTextAndFormat() {
    assertThat(Quantity.parse("1000m"))
        .isEqualTo(Quantity.parse("1"))
        .isEqualTo(Quantity.parse("1e0"))
        .hasSameHashCodeAs(Quantity.parse("1"))
        .hasSameHashCodeAs(Quantity.parse("1.000"));
    assertThat(Quantity.parse("1Ki"))
        .isEqualTo(Quantity.parse("1024"))
        .hasSameHashCodeAs(Quantity.parse("1.024k"));
    assertThat(Quantity.parse("1Gi")).isNotEqualTo(Quantity.parse("1G"));
    assertThat(Quantity.parse("1000m").toString()).isNotEqualTo(Quantity.parse("1").toString());
  }

  @Test
  void toBigDecimalIsTheExactValue() {
    assertThat(Quantity.parse("100m").toBigDecimal()).isEqualByComparingTo("0.1");
    assertThat(Quantity.parse("1.5Gi").toBigDecimal()).isEqualByComparingTo("1610612736");
    assertThat(Quantity.parse("1E-3").toBigDecimal()).isEqualByComparingTo("0.001");
    assertThat(Quantity.parse("-1").toBigDecimal()).isEqualByComparingTo("-1");
  }

  @Test
  void formatIsTheKindOfSuffix() {
    assertThat(Quantity.parse("100m").format()).isEqualTo(Format.DECIMAL_SI);
    assertThat(Quantity.parse("1.5").format()).isEqualTo(Format.DECIMAL_SI);
    assertThat(Quantity.parse("512Mi").format()).isEqualTo(Format.BINARY_SI);
    assertThat(Quantity.parse("1e3").format()).isEqualTo(Format.DECIMAL_EXPONENT);
    assertThat(Quantity.parse("1E-3").format()).isEqualTo(Format.DECIMAL_EXPONENT);
  }

  @Test
  void ofWritesTheCanonicalFormOfItsFormat() {
    assertThat(Quantity.of(new BigDecimal("0.25"), Format.DECIMAL_SI)).hasToString("250m");
    assertThat(Quantity.of(new BigDecimal("1610612736"), Format.BINARY_SI)).hasToString("1536Mi");
    assertThat(Quantity.of(new BigDecimal("1500"), Format.DECIMAL_EXPONENT)).hasToString("1500");
    assertThat(Quantity.of(new BigDecimal("15000"), Format.DECIMAL_EXPONENT)).hasToString("15e3");
    assertThat(Quantity.of(new BigDecimal("0.0000000001"), Format.DECIMAL_SI)).hasToString("1n");
    assertThat(Quantity.of(new BigDecimal("2E+30"), Format.BINARY_SI)).hasToString("2e30");
  }

  // ---------------------------------------------------------------------------------------------
  // Errors

  @Test
  void invalidTextIsNamedWithTheAcceptedForms() {
    Throwable thrown = catchThrowable(() -> Quantity.parse("1.5 Gi"));

    assertThat(thrown)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid quantity \"1.5 Gi\": unexpected ' ' at index 3")
        .hasMessageContaining("decimal SI (n, u, m, k, M, G, T, P, E")
        .hasMessageContaining("binary SI (Ki, Mi, Gi, Ti, Pi, Ei")
        .hasMessageContaining("1E-3");
    assertThatThrownBy(() -> Quantity.parse("1mi")).hasMessageContaining("unknown suffix \"mi\"");
    assertThatThrownBy(() -> Quantity.parse("Pi")).hasMessageContaining("no digits");
  }

  @Test
  void longInvalidTextIsShortenedInTheMessage() {
    String text = "1".repeat(200) + "x";

    assertThatThrownBy(() -> Quantity.parse(text))
        .hasMessageContaining("1".repeat(64) + "... (201 characters)")
        .hasMessageNotContaining("1".repeat(65));
  }

  @Test
  void invalidJsonQuantityNamesItsPath() {
    assertThatThrownBy(() -> GSON.fromJson("{\"limits\":{\"cpu\":\"two\"}}", Resources.class))
        .isInstanceOf(JsonSyntaxException.class)
        .hasMessageContaining("$.limits.cpu")
        .hasMessageContaining("\"two\"");
    assertThatThrownBy(() -> GSON.fromJson("{\"limits\":{\"cpu\":true}}", Resources.class))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("$.limits.cpu")
        .hasMessageContaining("BOOLEAN");
  }

  @Test
  void jsonNumbersAreReadAndWrittenBackAsStrings() {
    Resources resources = GSON.fromJson("{\"limits\":{\"cpu\":1.5}}", Resources.class);

    assertThat(resources.limits.get("cpu")).isEqualTo(Quantity.parse("1500m"));
    assertThat(GSON.toJson(resources)).isEqualTo("{\"limits\":{\"cpu\":\"1.5\"}}");
  }

  @Test
  void jsonNullIsNull() {
    assertThat(GSON.fromJson("null", Quantity.class)).isNull();
    assertThat(GSON.getAdapter(Quantity.class).toJson(null)).isEqualTo("null");
  }

  // ---------------------------------------------------------------------------------------------
  // Properties

  /** Fixed, so every run tries the same inputs; a failure names it with the case that failed. */
  private static final long SEED = 0x5eed_0a17L;

  private static final String[] DECIMAL_SUFFIXES = {"", "n", "u", "m", "k", "M", "G", "T", "P", "E"};
  private static final String[] BINARY_SUFFIXES = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final String NOISE_CHARACTERS = "0123456789.+-eEinumkKMGTP xi";
  private static final BigInteger LARGEST_UNSCALED = new BigInteger("99999999999999999999999");

  /** A value and a format for {@link Quantity#of}; prints both, exactly, when a case fails. */
  record ValueInFormat(BigDecimal value, Format format) {}

  @Test
  void canonicalParsesBackToAnEqualQuantity() {
    SeededCases.of(SEED, 3000, SeededCases.filtered(QuantityTest::quantity, QuantityTest::parses))
        .check(
            text -> {
              Quantity quantity = Quantity.parse(text);

              Quantity reparsed = Quantity.parse(quantity.canonical());

              assertThat(reparsed.compareTo(quantity))
                  .as("%s -> %s", text, quantity.canonical())
                  .isZero();
              assertThat(reparsed.canonical()).isEqualTo(quantity.canonical());
            });
  }

  @Test
  void ofRoundTripsThroughItsText() {
    SeededCases.of(SEED, 3000, QuantityTest::valueInFormat)
        .check(
            input -> {
              Quantity quantity = Quantity.of(input.value(), input.format());

              assertThat(Quantity.parse(quantity.toString())).isEqualTo(quantity);
            });
  }

  @Test
  void anyStringParsesOrIsRejectedWithIllegalArgument() {
    SeededCases.of(SEED, 3000, QuantityTest::noise)
        .check(
            text -> {
              Quantity quantity;
              try {
                quantity = Quantity.parse(text);
              } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).startsWith("Invalid quantity \"");
                return;
              }
              assertThat(quantity.toString()).isEqualTo(text);
              assertThat(Quantity.parse(quantity.canonical())).isEqualTo(quantity);
            });
  }

  @Test
  void arbitraryUnicodeParsesOrIsRejectedWithIllegalArgument() {
    SeededCases.of(SEED, 1000, SeededCases::unicodeString)
        .check(
            text -> {
              try {
                Quantity.parse(text);
              } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).startsWith("Invalid quantity");
              }
            });
  }

  /**
   * A sign, up to 22 integer digits, maybe a fraction of up to 12 digits, and a decimal SI, binary SI
   * or exponent suffix: mostly valid, sometimes not (no digits at all, say), hence the filter.
   */
  private static String quantity(Random random) {
    String sign = new String[] {"", "", "-", "+"}[random.nextInt(4)];
    String integer = digits(random, 22);
    String fraction = random.nextBoolean() ? "" : "." + digits(random, 12);
    String suffix =
        switch (random.nextInt(3)) {
          case 0 -> DECIMAL_SUFFIXES[random.nextInt(DECIMAL_SUFFIXES.length)];
          case 1 -> BINARY_SUFFIXES[random.nextInt(BINARY_SUFFIXES.length)];
          default ->
              (new String[] {"e", "E", "e+"}[random.nextInt(3)] + (random.nextInt(61) - 30))
                  .replace("+-", "-");
        };
    return sign + integer + fraction + suffix;
  }

  /** Up to {@code maxLength} digits, short ones as likely as long ones. */
  private static String digits(Random random, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder digits = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    return digits.toString();
  }

  /**
   * An unscaled value of up to 23 digits (zero, one and the largest now and then) with a scale from -15
   * to 25, in any format.
   */
  private static ValueInFormat valueInFormat(Random random) {
    BigInteger unscaled =
        switch (random.nextInt(20)) {
          case 0 -> BigInteger.ZERO;
          case 1 -> BigInteger.ONE;
          case 2 -> LARGEST_UNSCALED;
          default -> {
            String digits = digits(random, 23);
            yield digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits);
          }
        };
    if (random.nextBoolean()) {
      unscaled = unscaled.negate();
    }
    int scale = random.nextInt(41) - 15;
    Format format = Format.values()[random.nextInt(Format.values().length)];
    return new ValueInFormat(new BigDecimal(unscaled, scale), format);
  }

  /** Up to 12 characters a quantity is made of, in any order. */
  private static String noise(Random random) {
    int length = random.nextInt(13);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(NOISE_CHARACTERS.charAt(random.nextInt(NOISE_CHARACTERS.length())));
    }
    return text.toString();
  }

  private static boolean parses(String text) {
    try {
      Quantity.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
