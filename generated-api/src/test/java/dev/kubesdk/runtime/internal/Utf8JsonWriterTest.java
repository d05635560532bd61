package dev.kubesdk.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.FormattingStyle;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonWriter;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.runtime.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Utf8JsonWriterTest {
  private static final long SEED = 20_261_126L;
  private static final int SCRIPTS_PER_SETTING = 250;

  /** The JSON number grammar of RFC 8259, which value(Number) holds untrusted Number types to. */
  private static final Pattern JSON_NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?");

  /** Characters JSON escapes, HTML-safe mode escapes, and JavaScript line ends. */
  private static final String ESCAPED = "\"\\/<>&='\u2028\u2029\u007f";

  /** One call made on both writers; its description is Java-like so a failing script can be replayed. */
  private record Step(String description, WriterCall call) {
    @Override
    public String toString() {
      return description;
    }
  }

  @FunctionalInterface
  private interface WriterCall {
    void apply(JsonWriter writer) throws IOException;
  }

  /** A Number whose toString() is any text, as a user's Number type may be. */
  private static final class TextNumber extends Number {
    private static final long serialVersionUID = 1L;
    private final String text;

    TextNumber(String text) {
      this.text = text;
    }

    @Override
    public int intValue() {
      return 0;
    }

    @Override
    public long longValue() {
      return 0;
    }

    @Override
    public float floatValue() {
      return 0;
    }

    @Override
    public double doubleValue() {
      return 0;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  static Stream<Arguments> settings() {
    List<Arguments> all = new ArrayList<>();
    for (boolean htmlSafe : new boolean[] {false, true}) {
      for (boolean serializeNulls : new boolean[] {false, true}) {
        for (Strictness strictness : Strictness.values()) {
          all.add(Arguments.of(htmlSafe, serializeNulls, strictness));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "htmlSafe={0} serializeNulls={1} strictness={2}")
  @MethodSource("settings")
  void everyScriptOfCallsWritesTheBytesAndThrowsTheExceptionsOfGsonsWriter(boolean htmlSafe, boolean serializeNulls, Strictness strictness) {
    Random scriptSeeds = new Random(SEED ^ (htmlSafe ? 1 : 0) ^ (serializeNulls ? 2 : 0) ^ ((long) strictness.ordinal() << 2));
    for (int index = 0; index < SCRIPTS_PER_SETTING; index++) {
      long scriptSeed = scriptSeeds.nextLong();
      List<Step> script = script(new Random(scriptSeed));
      String replay = "script seed " + scriptSeed + "L (htmlSafe=" + htmlSafe + ", serializeNulls=" + serializeNulls + ", " + strictness + ")";
      compare(script, htmlSafe, serializeNulls, strictness, replay);
    }
  }

  @Test
  void unpairedSurrogatesAcrossRawValuesAreEncodedAsOutputStreamWriterDoes() {
    String[][] scripts = {
      {"\ud83d", "\ude00x"}, // a pair split over two values: encoded as one code point
      {"a\ud83d", "b"}, // a high surrogate before ASCII
      {"\ud83d", "\ud83d", "\ude00"}, // two highs: the first alone, the second pairs
      {"\ud83d", "", "\ude00"}, // an empty value in between keeps the pending unit
      {"\ude00", "\ud83d"}, // a low then a high, both alone; the high is settled by close()
    };
    for (String[] rawValues : scripts) {
      List<Step> script = new ArrayList<>();
      for (String raw : rawValues) {
        script.add(new Step("jsonValue(" + describe(raw) + ")", writer -> writer.jsonValue(raw)));
      }
      compare(script, false, true, Strictness.LENIENT, "raw values " + describe(String.join("|", rawValues)));
    }
  }

  @Test
  void stringsLongerThanTheBufferAreWrittenWhole() throws IOException {
    Random random = new Random(SEED);
    StringBuilder text = new StringBuilder();
    while (text.length() < 100_000) {
      text.append(randomString(random, 64));
    }
    String value = text.toString();
    List<Step> script = List.of(
        new Step("beginArray()", JsonWriter::beginArray),
        new Step("value(<100k chars>)", writer -> writer.value(value)),
        new Step("jsonValue(<100k chars>)", writer -> writer.jsonValue(value)),
        new Step("endArray()", JsonWriter::endArray));
    compare(script, true, true, Strictness.LENIENT, "long string from seed " + SEED + "L");
  }

  @Test
  void stringsEndingAtEveryOffsetAroundTheBufferBoundaryAreWrittenWhole() {
    // The buffer is 8 KiB; a string may end exactly where it is full, or one escape short of it.
    String[] tails = {"", "\n", "\u00e9", "\u20ac", "\ud83d\ude80", "\ud83d", "\u2028"};
    for (int length = 8_170; length <= 8_200; length++) {
      for (String tail : tails) {
        String value = "a".repeat(length) + tail;
        List<Step> script = List.of(
            new Step("beginArray()", JsonWriter::beginArray),
            new Step("value(<" + length + " a>" + describe(tail) + ")", writer -> writer.value(value)),
            new Step("jsonValue(<" + length + " a>" + describe(tail) + ")", writer -> writer.jsonValue(value)),
            new Step("value(1L)", writer -> writer.value(1L)),
            new Step("endArray()", JsonWriter::endArray));
        compare(script, false, true, Strictness.LEGACY_STRICT, "string of " + length + " a and " + describe(tail));
      }
    }
  }

  @Test
  void aNullMemberWithoutSerializeNullsWritesNeitherNameNorValue() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Utf8JsonWriter writer = new Utf8JsonWriter(bytes)) {
      writer.setSerializeNulls(false);
      writer.beginObject().name("a").nullValue().name("b").value(1L).name("c").value((String) null).endObject();
    }

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("{\"b\":1}");
  }

  @Test
  void anIndentingFormattingStyleIsRefusedAtTheFirstWrite() {
    Utf8JsonWriter writer = new Utf8JsonWriter(new ByteArrayOutputStream());
    writer.setFormattingStyle(FormattingStyle.PRETTY);

    assertThatThrownBy(writer::beginObject).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("compact");
  }

  @Test
  void closingAnUnfinishedDocumentClosesTheStreamAndThrows() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Utf8JsonWriter writer = new Utf8JsonWriter(bytes);
    writer.beginArray().value(true);

    assertThatThrownBy(writer::close).isInstanceOf(IOException.class).hasMessageContaining("Incomplete document");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("[true");
    assertThatThrownBy(writer::endArray).isInstanceOf(IOException.class);
  }

  @Test
  void numberTextIsValidatedAsTheJsonNumberGrammarDoes() {
    Random random = new Random(SEED);
    for (int i = 0; i < 20_000; i++) {
      String text = numberText(random);
      assertThat(Utf8JsonWriter.isJsonNumber(text)).as("isJsonNumber(%s)", describe(text)).isEqualTo(JSON_NUMBER.matcher(text).matches());
    }
  }

  @Test
  void gsonWritesJsonTreesThroughItAsItWritesThemToText() throws IOException {
    Random random = new Random(SEED);
    for (int i = 0; i < 200; i++) {
      JsonElement tree = randomTree(random, 0);
      if (random.nextBoolean()) {
        // Parsed numbers are LazilyParsedNumber, which value(Number) validates.
        tree = JsonParser.parseString(tree.toString());
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (Utf8JsonWriter writer = new Utf8JsonWriter(bytes)) {
        Json.gson().toJson(tree, writer);
      }

      assertThat(bytes.toByteArray()).as("tree %d: %s", i, tree).isEqualTo(Json.gson().toJson(tree).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void gsonWritesAGeneratedModelThroughItAsItWritesItToText() throws IOException {
    String json = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"cart-7d9f","namespace":"shop",
         "labels":{"app":"cart","tier":"<web> & \\"api\\""},
         "annotations":{"note":"caf\\u00e9 \\u2028 \\ud83d\\ude80 a=b","empty":""},
         "creationTimestamp":"2024-05-01T10:00:00Z",
         "managedFields":[{"manager":"kubectl","operation":"Apply","fieldsType":"FieldsV1",
           "fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}}]},
         "spec":{"containers":[{"name":"cart","image":"registry.local/cart:1.2",
           "args":["--port=8080","--greeting=h\\u00e9llo\\n"],
           "ports":[{"containerPort":8080,"protocol":"TCP"}],
           "resources":{"limits":{"cpu":"500m","memory":"128Mi"}}}],
          "terminationGracePeriodSeconds":30,"activeDeadlineSeconds":9223372036854775807}}
        """;
    V1Pod pod = Json.deserialize(json, V1Pod.class);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Utf8JsonWriter writer = new Utf8JsonWriter(bytes)) {
      Json.gson().toJson(pod, V1Pod.class, writer);
    }

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(Json.serialize(pod)).contains("\"cpu\":\"500m\"", "\\u2028");
  }

  /** Applies {@code script} to gson's writer and to ours, asserting the same bytes and exceptions. */
  private static void compare(List<Step> script, boolean htmlSafe, boolean serializeNulls, Strictness strictness, String replay) {
    ByteArrayOutputStream expectedBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream actualBytes = new ByteArrayOutputStream();
    JsonWriter expected = new JsonWriter(new OutputStreamWriter(expectedBytes, StandardCharsets.UTF_8));
    JsonWriter actual = new Utf8JsonWriter(actualBytes);
    for (JsonWriter writer : List.of(expected, actual)) {
      writer.setHtmlSafe(htmlSafe);
      writer.setSerializeNulls(serializeNulls);
      writer.setStrictness(strictness);
    }
    List<Step> all = new ArrayList<>(script);
    all.add(new Step("close()", JsonWriter::close));
    for (int i = 0; i < all.size(); i++) {
      Step step = all.get(i);
      Throwable expectedFailure = run(step, expected);
      Throwable actualFailure = run(step, actual);
      int index = i;
      // Built only on failure: the whole script, so it can be read and replayed.
      Supplier<String> where = () -> replay + ", step " + index + " " + step + " of " + all;
      assertThat(typeOf(actualFailure))
          .as(() -> "exception at " + where.get() + "; gson threw " + expectedFailure + ", this writer " + actualFailure)
          .isEqualTo(typeOf(expectedFailure));
      if (step.description().equals("flush()") || i == all.size() - 1) {
        assertThat(new String(actualBytes.toByteArray(), StandardCharsets.ISO_8859_1))
            .as(() -> "bytes after " + where.get())
            .isEqualTo(new String(expectedBytes.toByteArray(), StandardCharsets.ISO_8859_1));
      }
    }
  }

  private static @Nullable Throwable run(Step step, JsonWriter writer) {
    try {
      step.call().apply(writer);
      return null;
    } catch (IOException | RuntimeException e) {
      return e;
    }
  }

  private static @Nullable Class<?> typeOf(@Nullable Throwable failure) {
    return failure == null ? null : failure.getClass();
  }

  /**
   * A script that mostly follows the JSON grammar, so it builds deep documents, with a misused call
   * (name outside an object, a stray end, a second top-level value) now and then.
   */
  private static List<Step> script(Random random) {
    List<Step> steps = new ArrayList<>();
    // '[' and '{' for open containers; 'n' on top of '{' after a name.
    StringBuilder open = new StringBuilder();
    int length = random.nextInt(120);
    for (int i = 0; i < length; i++) {
      char top = open.isEmpty() ? ' ' : open.charAt(open.length() - 1);
      int roll = random.nextInt(100);
      if (roll < 6) {
        steps.add(anyCall(random));
      } else if (roll < 9) {
        steps.add(setting(random));
      } else if (roll < 11) {
        steps.add(new Step("flush()", JsonWriter::flush));
      } else if (top == '{') {
        if (random.nextInt(6) == 0) {
          steps.add(new Step("endObject()", JsonWriter::endObject));
          open.setLength(open.length() - 1);
        } else {
          steps.add(name(random));
          open.append('n');
        }
      } else if (top == '[' && random.nextInt(6) == 0) {
        steps.add(new Step("endArray()", JsonWriter::endArray));
        open.setLength(open.length() - 1);
      } else {
        if (top == 'n') {
          open.setLength(open.length() - 1);
        }
        int kind = random.nextInt(10);
        if (kind == 0 && open.length() < 40) {
          steps.add(new Step("beginArray()", JsonWriter::beginArray));
          open.append('[');
        } else if (kind == 1 && open.length() < 40) {
          steps.add(new Step("beginObject()", JsonWriter::beginObject));
          open.append('{');
        } else {
          steps.add(value(random));
        }
      }
    }
    for (int i = open.length() - 1; i >= 0; i--) {
      switch (open.charAt(i)) {
        case '[' -> steps.add(new Step("endArray()", JsonWriter::endArray));
        case '{' -> steps.add(new Step("endObject()", JsonWriter::endObject));
        default -> steps.add(value(random));
      }
    }
    return steps;
  }

  private static Step anyCall(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> new Step("beginArray()", JsonWriter::beginArray);
      case 1 -> new Step("endArray()", JsonWriter::endArray);
      case 2 -> new Step("beginObject()", JsonWriter::beginObject);
      case 3 -> new Step("endObject()", JsonWriter::endObject);
      case 4 -> new Step("close()", JsonWriter::close);
      case 5 -> new Step("name(null)", writer -> writer.name(nullString()));
      case 6 -> name(random);
      default -> value(random);
    };
  }

  private static Step setting(Random random) {
    boolean on = random.nextBoolean();
    return switch (random.nextInt(3)) {
      case 0 -> new Step("setHtmlSafe(" + on + ")", writer -> writer.setHtmlSafe(on));
      case 1 -> new Step("setSerializeNulls(" + on + ")", writer -> writer.setSerializeNulls(on));
      default -> {
        Strictness strictness = Strictness.values()[random.nextInt(3)];
        yield new Step("setStrictness(" + strictness + ")", writer -> writer.setStrictness(strictness));
      }
    };
  }

  private static Step name(Random random) {
    String name = randomString(random, random.nextInt(20) == 0 ? 20_000 : 12);
    return new Step("name(" + describe(name) + ")", writer -> writer.name(name));
  }

  private static Step value(Random random) {
    switch (random.nextInt(12)) {
      case 0, 1, 2 -> {
        String text = randomString(random, random.nextInt(30) == 0 ? 20_000 : 24);
        return new Step("value(" + describe(text) + ")", writer -> writer.value(text));
      }
      case 3 -> {
        long number = randomLong(random);
        return new Step("value(" + number + "L)", writer -> writer.value(number));
      }
      case 4 -> {
        double number = randomDouble(random);
        return new Step("value(" + number + "d)", writer -> writer.value(number));
      }
      case 5 -> {
        float number = (float) randomDouble(random);
        return new Step("value(" + number + "f)", writer -> writer.value(number));
      }
      case 6, 7 -> {
        Number number = randomNumber(random);
        String shown = number == null ? "null" : number.getClass().getSimpleName() + "(" + describe(number.toString()) + ")";
        return new Step("value((Number) " + shown + ")", writer -> writer.value(number));
      }
      case 8 -> {
        int which = random.nextInt(5);
        return switch (which) {
          case 0 -> new Step("value(true)", writer -> writer.value(true));
          case 1 -> new Step("value(Boolean.FALSE)", writer -> writer.value(Boolean.FALSE));
          case 2 -> new Step("value((Boolean) null)", writer -> writer.value((Boolean) null));
          case 3 -> new Step("value((String) null)", writer -> writer.value((String) null));
          default -> new Step("jsonValue(null)", writer -> writer.jsonValue(null));
        };
      }
      case 9 -> {
        return new Step("nullValue()", JsonWriter::nullValue);
      }
      default -> {
        String raw = random.nextBoolean() ? randomString(random, 16) : rawJson(random);
        return new Step("jsonValue(" + describe(raw) + ")", writer -> writer.jsonValue(raw));
      }
    }
  }

  private static String rawJson(Random random) {
    String[] pieces = {"{\"a\":[1,2]}", "[]", "\"caf\u00e9\"", "-0.5e7", "\ud83d", "\ude00", "true", ""};
    StringBuilder raw = new StringBuilder();
    for (int i = random.nextInt(3); i >= 0; i--) {
      raw.append(pieces[random.nextInt(pieces.length)]);
    }
    return raw.toString();
  }

  private static long randomLong(Random random) {
    long[] edges = {0, 1, -1, 9, 10, 99, 100, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Integer.MIN_VALUE, Integer.MAX_VALUE,
      999_999_999_999_999_999L, 1_000_000_000_000_000_000L, -1_000_000_000_000_000_000L};
    return switch (random.nextInt(4)) {
      case 0 -> edges[random.nextInt(edges.length)];
      case 1 -> random.nextLong();
      case 2 -> random.nextLong() >> random.nextInt(64);
      default -> random.nextInt(2000) - 1000;
    };
  }

  private static double randomDouble(Random random) {
    double[] edges = {0.0, -0.0, 1e300, -1e-300, 1e7, 1e-3, 0.1, 1.0, 123456789.0, Double.MIN_VALUE, Double.MAX_VALUE,
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.MAX_VALUE, Float.MIN_VALUE};
    return switch (random.nextInt(3)) {
      case 0 -> edges[random.nextInt(edges.length)];
      case 1 -> Double.longBitsToDouble(random.nextLong());
      default -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
    };
  }

  private static @Nullable Number randomNumber(Random random) {
    return switch (random.nextInt(14)) {
      case 0 -> (int) randomLong(random);
      case 1 -> randomLong(random);
      case 2 -> (short) randomLong(random);
      case 3 -> (byte) randomLong(random);
      case 4 -> randomDouble(random);
      case 5 -> (float) randomDouble(random);
      case 6 -> new BigDecimal(BigInteger.valueOf(randomLong(random)), random.nextInt(60) - 30);
      case 7 -> new BigInteger(random.nextInt(300) + 1, random).subtract(BigInteger.ONE.shiftLeft(random.nextInt(200)));
      case 8 -> new AtomicInteger((int) randomLong(random));
      case 9 -> new AtomicLong(randomLong(random));
      case 10, 11 -> new LazilyParsedNumber(numberText(random));
      case 12 -> new TextNumber(numberText(random));
      default -> null;
    };
  }

  /** Number-like text: mostly valid JSON numbers, often slightly wrong, sometimes NaN or Infinity. */
  private static String numberText(Random random) {
    String[] whole = {"0", "00", "01", "7", "123", "", "9007199254740993", "\uff11"};
    String[] fraction = {"", "", ".", ".5", ".05", ".x", "..1"};
    String[] exponent = {"", "", "e", "E+", "e-7", "E10", "e+", "e1.5"};
    String[] special = {"NaN", "Infinity", "-Infinity", "+1", " 1", "0x10", "-", "1_000", "-0"};
    if (random.nextInt(6) == 0) {
      return special[random.nextInt(special.length)];
    }
    return (random.nextBoolean() ? "-" : "") + whole[random.nextInt(whole.length)] + fraction[random.nextInt(fraction.length)]
        + exponent[random.nextInt(exponent.length)];
  }

  /**
   * A string of UTF-16 units up to {@code maxLength} long: printable ASCII, control characters,
   * characters JSON or HTML writers escape, any BMP unit (lone surrogates included) and surrogate pairs.
   */
  private static String randomString(Random random, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder text = new StringBuilder(length + 1);
    boolean mostlyAscii = random.nextBoolean();
    while (text.length() < length) {
      int kind = random.nextInt(mostlyAscii ? 40 : 10);
      if (kind == 0) {
        text.append((char) random.nextInt(0x20));
      } else if (kind == 1) {
        text.append(ESCAPED.charAt(random.nextInt(ESCAPED.length())));
      } else if (kind < 4) {
        text.append((char) random.nextInt(0x10000));
      } else if (kind == 4) {
        text.appendCodePoint(0x10000 + random.nextInt(0x110000 - 0x10000));
      } else if (kind == 5) {
        text.append((char) (0x80 + random.nextInt(0x780)));
      } else {
        text.append((char) (0x20 + random.nextInt(0x5f)));
      }
    }
    return text.toString();
  }

  private static JsonElement randomTree(Random random, int depth) {
    int kind = random.nextInt(depth > 4 ? 6 : 8);
    switch (kind) {
      case 0 -> {
        return JsonNull.INSTANCE;
      }
      case 1 -> {
        return new JsonPrimitive(random.nextBoolean());
      }
      case 2, 3 -> {
        return new JsonPrimitive(randomString(random, 20));
      }
      case 4 -> {
        return new JsonPrimitive(random.nextBoolean() ? (Number) randomLong(random) : (Number) (random.nextGaussian() * 1e6));
      }
      case 5 -> {
        return new JsonPrimitive(new BigDecimal(BigInteger.valueOf(randomLong(random)), random.nextInt(20) - 10));
      }
      case 6 -> {
        JsonArray array = new JsonArray();
        for (int i = random.nextInt(6); i > 0; i--) {
          array.add(randomTree(random, depth + 1));
        }
        return array;
      }
      default -> {
        JsonObject object = new JsonObject();
        for (int i = random.nextInt(6); i > 0; i--) {
          object.add(randomString(random, 10), randomTree(random, depth + 1));
        }
        return object;
      }
    }
  }

  /** A null the compiler lets through to name(String), to check the writer refuses it. */
  private static @Nullable String nullString() {
    return null;
  }

  /** The text as a Java literal, so an odd character is visible and can be copied. */
  private static String describe(String text) {
    if (text.length() > 64) {
      return describe(text.substring(0, 64)) + "+" + (text.length() - 64) + " more chars";
    }
    return JavaLiterals.of(text);
  }
}
