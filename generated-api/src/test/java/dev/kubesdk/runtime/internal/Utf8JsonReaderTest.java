package dev.kubesdk.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Utf8JsonReader} against gson's own reader in strict mode: the same documents, the
 * same calls, the same answers, paths and exception types.
 */
class Utf8JsonReaderTest {
  private static final TypeAdapter<JsonElement> ELEMENTS = new Gson().getAdapter(JsonElement.class);

  /** Property names the models use, so that the name cache sees both hits and misses. */
  private static final String[] NAMES = {
    "apiVersion",
    "kind",
    "metadata",
    "name",
    "namespace",
    "labels",
    "spec",
    "status",
    "items",
    "containers",
    "image",
    "f:metadata",
    "k:{\"name\":\"web\"}",
    "caf\u00e9",
    "\ud83d\ude80",
    "line\nbreak",
    "tab\there",
    "a\\b",
    "slash/",
    ""
  };

  /** Number literals of every shape, including those that overflow an int, a long or a double. */
  private static final String[] NUMBERS = {
    "0",
    "-0",
    "1",
    "-1",
    "42",
    "1e5",
    "1E+5",
    "1e-5",
    "0.5",
    "-0.5",
    "1.0",
    "1.50",
    "-12.5e-3",
    "0e0",
    "2147483647",
    "2147483648",
    "-2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "9223372036854777856",
    "12345678901234567890123",
    "1e400",
    "-1e400",
    "4.9e-324",
    "1e-400",
    "123456789.123456789"
  };

  /** Texts that numeric reads parse from strings, and some they refuse. */
  private static final String[] NUMERIC_STRINGS = {
    "1",
    "-1",
    "1.0",
    "1.5",
    "12",
    "+5",
    "1e3",
    "2147483648",
    "9223372036854775808",
    "1e30",
    "NaN",
    "Infinity",
    "-Infinity",
    " 5",
    "0x10",
    "abc",
    "",
    "1d",
    "\u0661",
    "-0",
    "0.0"
  };

  // ---- differential runs ----

  @Test
  void repeatedShortValuesAreOneInstanceAndLongOnesAreNot() throws IOException {
    String longValue = "x".repeat(100);
    // "Aa" and "BB" have the same hash, so they meet in the same slot of the reader's value table.
    String json = "[\"IfNotPresent\",\"IfNotPresent\",\"Aa\",\"BB\",\"Aa\",\"" + longValue + "\",\"" + longValue + "\"]";
    try (Utf8JsonReader in = new Utf8JsonReader(json.getBytes(StandardCharsets.UTF_8))) {
      in.beginArray();
      String first = in.nextString();
      String again = in.nextString();
      List<String> colliding = List.of(in.nextString(), in.nextString(), in.nextString());
      String longFirst = in.nextString();
      String longAgain = in.nextString();

      assertThat(again).isEqualTo("IfNotPresent").isSameAs(first);
      assertThat(colliding).containsExactly("Aa", "BB", "Aa");
      assertThat(longAgain).isEqualTo(longFirst).isNotSameAs(longFirst);
    }
  }

  @Test
  void randomDocumentsReadAlikeFromBytes() throws IOException {
    runDifferential(1L, 400, false);
  }

  @Test
  void randomDocumentsReadAlikeFromATricklingStream() throws IOException {
    runDifferential(2L, 400, true);
  }

  @Test
  void longStringsAcrossBufferBoundariesReadAlike() throws IOException {
    Random random = new Random(3L);
    for (int round = 0; round < 8; round++) {
      StringBuilder json = new StringBuilder("[");
      for (int i = 0; i < 4; i++) {
        if (i > 0) {
          json.append(',');
        }
        json.append('"');
        int length = 10_000 + random.nextInt(30_000);
        for (int k = 0; k < length; k++) {
          appendStringChar(json, random);
        }
        json.append('"');
      }
      json.append(",{");
      json.append(quote("x".repeat(16_380 + random.nextInt(10))))
          .append(':')
          .append("12345678901234567890");
      json.append("}]");
      byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
      long seed = random.nextLong();
      compareScript(bytes, seed, false);
      compareScript(bytes, seed, true);
    }
  }

  private void runDifferential(long seed, int documents, boolean trickle) throws IOException {
    Random seeds = new Random(seed);
    for (int i = 0; i < documents; i++) {
      long caseSeed = seeds.nextLong();
      Random random = new Random(caseSeed);
      String json = randomDocument(random);
      compareScript(json.getBytes(StandardCharsets.UTF_8), caseSeed, trickle);
    }
  }

  /** Runs the same random calls on gson's reader and ours and fails on the first difference. */
  private void compareScript(byte[] json, long seed, boolean trickle) throws IOException {
    Random random = new Random(seed);
    JsonReader gson = gsonReader(json);
    Utf8JsonReader ours = ourReader(json, trickle, random.nextLong());
    List<String> trace = new ArrayList<>();
    try {
      for (int step = 0; step < 5000; step++) {
        JsonToken next = tokenOrNull(gson);
        String call = chooseCall(random, next);
        String expected = perform(gson, call);
        String actual = perform(ours, call);
        trace.add(call + " -> " + expected);
        assertThat(actual).as("result of %s", call).isEqualTo(expected);
        assertThat(ours.getPath()).as("path after %s", call).isEqualTo(gson.getPath());
        assertThat(ours.getPreviousPath())
            .as("previous path after %s", call)
            .isEqualTo(gson.getPreviousPath());
        if (expected.startsWith("!") && isIoFailure(expected) || next == JsonToken.END_DOCUMENT) {
          break;
        }
      }
    } catch (AssertionError e) {
      throw new AssertionError(
          "seed "
              + seed
              + "L, trickle "
              + trickle
              + ", input "
              + JavaLiterals.of(new String(json, StandardCharsets.UTF_8))
              + "\ncalls:\n"
              + String.join("\n", trace.subList(Math.max(0, trace.size() - 30), trace.size())),
          e);
    }
  }

  private static boolean isIoFailure(String outcome) {
    return !outcome.startsWith("!IllegalStateException")
        && !outcome.startsWith("!NumberFormatException");
  }

  private static JsonToken tokenOrNull(JsonReader reader) {
    try {
      return reader.peek();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String chooseCall(Random random, JsonToken next) {
    String[] all = {
      "peek", "hasNext", "beginArray", "endArray", "beginObject", "endObject", "nextName",
      "nextString", "nextInt", "nextLong", "nextDouble", "nextBoolean", "nextNull", "skipValue",
      "compact"
    };
    if (next == null || random.nextInt(5) == 0) {
      return all[random.nextInt(all.length)];
    }
    switch (next) {
      case BEGIN_ARRAY:
        return pick(random, "beginArray", "beginArray", "beginArray", "skipValue", "compact");
      case BEGIN_OBJECT:
        return pick(random, "beginObject", "beginObject", "beginObject", "skipValue", "compact");
      case END_ARRAY:
        return pick(random, "endArray", "endArray", "endArray", "skipValue", "hasNext");
      case END_OBJECT:
        return pick(random, "endObject", "endObject", "endObject", "skipValue", "hasNext");
      case NAME:
        return pick(random, "nextName", "nextName", "nextName", "skipValue", "peek");
      case STRING:
        return pick(
            random, "nextString", "nextString", "nextInt", "nextLong", "nextDouble", "skipValue");
      case NUMBER:
        return pick(
            random, "nextString", "nextInt", "nextLong", "nextDouble", "skipValue", "compact");
      case BOOLEAN:
        return pick(random, "nextBoolean", "nextBoolean", "skipValue", "compact");
      case NULL:
        return pick(random, "nextNull", "nextNull", "skipValue", "compact");
      default:
        return pick(random, "peek", "hasNext", "skipValue");
    }
  }

  private static String pick(Random random, String... calls) {
    return calls[random.nextInt(calls.length)];
  }

  /**
   * The outcome of one call: its value, or "!" and the exception's type and the start of its
   * message.
   */
  private static String perform(JsonReader reader, String call) {
    try {
      switch (call) {
        case "peek":
          return String.valueOf(reader.peek());
        case "hasNext":
          return String.valueOf(reader.hasNext());
        case "beginArray":
          reader.beginArray();
          return "ok";
        case "endArray":
          reader.endArray();
          return "ok";
        case "beginObject":
          reader.beginObject();
          return "ok";
        case "endObject":
          reader.endObject();
          return "ok";
        case "nextName":
          return JavaLiterals.of(reader.nextName());
        case "nextString":
          return JavaLiterals.of(reader.nextString());
        case "nextInt":
          return String.valueOf(reader.nextInt());
        case "nextLong":
          return String.valueOf(reader.nextLong());
        case "nextDouble":
          return String.valueOf(reader.nextDouble());
        case "nextBoolean":
          return String.valueOf(reader.nextBoolean());
        case "nextNull":
          reader.nextNull();
          return "ok";
        case "skipValue":
          reader.skipValue();
          return "ok";
        case "compact":
          // Ours returns text; gson's reader builds the same value as a tree.
          JsonElement value;
          if (reader instanceof Utf8JsonReader utf8) {
            String compact = utf8.nextCompactJson();
            assertThat(compact).doesNotContain("\n").doesNotContain("\t");
            value = JsonParser.parseString(compact);
          } else {
            JsonToken next = reader.peek();
            if (next == JsonToken.NAME
                || next == JsonToken.END_ARRAY
                || next == JsonToken.END_OBJECT
                || next == JsonToken.END_DOCUMENT) {
              throw new IllegalStateException(
                  "Expected a value but was " + next + " at line " + reader);
            }
            value = ELEMENTS.read(reader);
          }
          return String.valueOf(value);
        default:
          throw new AssertionError(call);
      }
    } catch (IOException | RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      int location = message.indexOf(" at line ");
      String what = location < 0 ? "" : message.substring(0, location);
      if (!(e instanceof IllegalStateException || e instanceof NumberFormatException)) {
        what = ""; // wording of syntax errors is our own
      }
      return "!" + e.getClass().getSimpleName() + ": " + what;
    }
  }

  // ---- targeted cases ----

  @Test
  void malformedDocumentsFailLikeGsonWithALocation() throws IOException {
    String[] malformed = {
      "",
      "   ",
      "{",
      "[",
      "[1,",
      "[1,]",
      "[,1]",
      "[1,,2]",
      "{\"a\":1,}",
      "{,}",
      "{\"a\" 1}",
      "{\"a\"}",
      "{\"a\":}",
      "{\"a\":1 \"b\":2}",
      "{a:1}",
      "{'a':1}",
      "['a']",
      "[1 2]",
      "[1}",
      "{]",
      "// c\n[]",
      "/* c */[]",
      "# c\n[]",
      "[NaN]",
      "[Infinity]",
      "[-Infinity]",
      "[01]",
      "[-01]",
      "[00]",
      "[1.]",
      "[.5]",
      "[+1]",
      "[1e]",
      "[1e+]",
      "[-]",
      "[1x]",
      "[1/]",
      "[tru]",
      "[True]",
      "[TRUE]",
      "[nul]",
      "[nulls]",
      "[falsey]",
      "[true/]",
      "[\"\\x\"]",
      "[\"\\u12\"]",
      "[\"\\u12G4\"]",
      "[\"\\'\"]",
      "[\"a\tb\"]",
      "[\"a\nb\"]",
      "[\"a\u0000b\"]",
      "[\"abc",
      "[\"abc\\",
      "[\"\\u00",
      "[1] [2]",
      "1 2",
      "[1;2]",
      "{\"a\"=1}",
      "{\"a\"=>1}",
      ")]}'\n[]",
      "[\"\\ud800\"]",
      "{\"\\udc00\":1}",
      "[\"\\ud83d\\u0041\"]",
      "[1]x",
      "\"a\" \"b\"",
      "\u00ff",
      "[\u00e9]",
      "{\"a\":1",
      "{\"a\"",
      "[true",
      "[-",
      "[\"\\\n\"]"
    };
    for (String json : malformed) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      Exception expected = readFully(gsonReader(bytes));
      Exception fromBytes = readFully(new Utf8JsonReader(bytes));
      Exception fromStream = readFully(ourReader(bytes, true, json.hashCode()));

      assertThat(expected).as("gson on %s", JavaLiterals.of(json)).isInstanceOf(IOException.class);
      for (Exception actual : List.of(fromBytes, fromStream)) {
        assertThat(actual)
            .as("%s", JavaLiterals.of(json))
            .isInstanceOf(
                expected instanceof EOFException
                    ? EOFException.class
                    : MalformedJsonException.class)
            .hasMessageContaining(" at line ")
            .hasMessageContaining(" path $");
      }
    }
  }

  @Test
  void validDocumentsOfEveryTopLevelKindReadAlike() throws IOException {
    String[] valid = {
      "[]",
      "{}",
      " [ ] ",
      "\"top\"",
      "12",
      "-0",
      "1.5e3",
      "true",
      "false",
      "null",
      "[[[]],{},{\"a\":{}}]",
      "{\"a\":[1,2,{\"b\":null}]}",
      "\r\n\t[1]\n",
      "\"\\u00e9\\uD83D\\uDE80\""
    };
    for (String json : valid) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      assertThat(readFully(new Utf8JsonReader(bytes))).as(json).isNull();
      assertThat(readFully(gsonReader(bytes))).as(json).isNull();
      for (long seed = 0; seed < 20; seed++) {
        compareScript(bytes, seed, seed % 2 == 0);
      }
    }
  }

  @Test
  void unescapedControlCharactersFailEvenInSkippedStrings() throws IOException {
    Utf8JsonReader reader = new Utf8JsonReader("[\"a\u0001b\"]".getBytes(StandardCharsets.UTF_8));
    reader.beginArray();

    assertThatThrownBy(reader::skipValue)
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("control characters");
  }

  @Test
  void malformedUtf8BecomesReplacementCharactersLikeTheJdkDecoder() throws IOException {
    Random random = new Random(4L);
    for (int round = 0; round < 3000; round++) {
      byte[] content = new byte[random.nextInt(12)];
      for (int i = 0; i < content.length; i++) {
        int b;
        do {
          b = random.nextInt(3) == 0 ? 'a' + random.nextInt(3) : 0x80 + random.nextInt(0x80);
        } while (b == '"' || b == '\\');
        content[i] = (byte) b;
      }
      byte[] json = new byte[content.length + 4];
      json[0] = '[';
      json[1] = '"';
      System.arraycopy(content, 0, json, 2, content.length);
      json[json.length - 2] = '"';
      json[json.length - 1] = ']';
      String expected = new String(content, StandardCharsets.UTF_8);

      for (boolean trickle : new boolean[] {false, true}) {
        Utf8JsonReader reader = ourReader(json, trickle, round);
        reader.beginArray();
        assertThat(reader.nextString()).as("bytes %s", hex(content)).isEqualTo(expected);
        reader.endArray();
        assertThat(reader.peek()).isEqualTo(JsonToken.END_DOCUMENT);
      }
      compareScript(json, round, round % 2 == 0);
    }
  }

  @Test
  void numericReadsOfStringsAndNumbersMatchGson() throws IOException {
    String[] calls = {"nextInt", "nextLong", "nextDouble", "nextString", "skipValue", "compact"};
    List<String> values = new ArrayList<>();
    for (String number : NUMBERS) {
      values.add(number);
    }
    for (String text : NUMERIC_STRINGS) {
      values.add(quote(text));
    }
    for (String value : values) {
      for (String first : calls) {
        for (String second : calls) {
          byte[] json = ("[" + value + "]").getBytes(StandardCharsets.UTF_8);
          JsonReader gson = gsonReader(json);
          Utf8JsonReader ours = new Utf8JsonReader(json);
          gson.beginArray();
          ours.beginArray();
          for (String call : new String[] {first, second, "peek"}) {
            String expected = perform(gson, call);
            assertThat(perform(ours, call))
                .as("%s then %s on %s", first, second, value)
                .isEqualTo(expected);
            assertThat(ours.getPath()).isEqualTo(gson.getPath());
            if (expected.startsWith("!") && isIoFailure(expected)) {
              break; // after a syntax error neither reader promises anything
            }
          }
        }
      }
    }
  }

  @Test
  void longReadsFollowGson() throws IOException {
    assertThat(new Utf8JsonReader(bytes("\"1.0\"")).nextLong()).isEqualTo(1L);
    assertThat(new Utf8JsonReader(bytes("-9223372036854775808")).nextLong())
        .isEqualTo(Long.MIN_VALUE);
    assertThatThrownBy(() -> new Utf8JsonReader(bytes("\"1.5\"")).nextLong())
        .isInstanceOf(NumberFormatException.class)
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> new Utf8JsonReader(bytes("1e30")).nextLong())
        .isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> new Utf8JsonReader(bytes("\"NaN\"")).nextDouble())
        .isInstanceOf(MalformedJsonException.class);
  }

  @Test
  void wrongCallsNameWhatWasExpectedWhatWasFoundAndWhere() throws IOException {
    Utf8JsonReader reader = new Utf8JsonReader(bytes("{\"items\":[\"a\"]}"));
    reader.beginObject();
    reader.nextName();
    reader.beginArray();

    assertThatThrownBy(reader::nextBoolean)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Expected a boolean but was STRING at line 1 column 12 path $.items[0]");
  }

  @Test
  void nestingLimitIsHonouredLikeGson() throws IOException {
    String deepest = "[".repeat(255) + "]".repeat(255);
    String tooDeep = "[".repeat(256) + "]".repeat(256);
    assertThat(readFully(new Utf8JsonReader(bytes(deepest)))).isNull();
    assertThat(readFully(new Utf8JsonReader(bytes(tooDeep))))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("Nesting limit 255 reached");
    assertThat(readFully(gsonReader(bytes(tooDeep)))).isInstanceOf(MalformedJsonException.class);

    Utf8JsonReader limited = new Utf8JsonReader(bytes("{\"a\":{\"b\":{\"c\":1}}}"));
    limited.setNestingLimit(2);
    limited.beginObject();
    limited.nextName();
    assertThatThrownBy(limited::skipValue)
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("Nesting limit 2 reached");
  }

  @Test
  void compactJsonDropsWhitespaceAndKeepsStringsAndNumbersByteForByte() throws IOException {
    String json =
        "{ \"f:metadata\" : { \"f:labels\" : { \".\" : { } , \"k:{\\\"name\\\":\\\"a b\\\"}\" : {}"
            + " } },\n"
            + "  \"list\" : [ 1E+5 , -0 , 1.50 , true , false , null , \"caf\u00e9 \\u00e9\\n"
            + "\\/\" ] , \"after\" : 1 }";
    for (boolean trickle : new boolean[] {false, true}) {
      Utf8JsonReader reader = ourReader(bytes(json), trickle, 7L);
      reader.beginObject();
      assertThat(reader.nextName()).isEqualTo("f:metadata");

      assertThat(reader.nextCompactJson())
          .isEqualTo("{\"f:labels\":{\".\":{},\"k:{\\\"name\\\":\\\"a b\\\"}\":{}}}");
      assertThat(reader.getPath()).isEqualTo("$.f:metadata");
      assertThat(reader.nextName()).isEqualTo("list");
      assertThat(reader.nextCompactJson())
          .isEqualTo("[1E+5,-0,1.50,true,false,null,\"caf\u00e9 \\u00e9\\n\\/\"]");
      assertThat(reader.nextName()).isEqualTo("after");
      assertThat(reader.nextCompactJson()).isEqualTo("1");
      reader.endObject();
      assertThat(reader.peek()).isEqualTo(JsonToken.END_DOCUMENT);
    }
  }

  @Test
  void compactJsonRejectsInvalidValuesAndMisplacedCalls() throws IOException {
    for (String invalid :
        new String[] {
          "{\"a\":[1,}", "{\"a\" 1}", "[1 2]", "[\"\\q\"]", "{\"a\":tru}", "[01]", "[\"a"
        }) {
      assertThatThrownBy(() -> new Utf8JsonReader(bytes(invalid)).nextCompactJson())
          .as(invalid)
          .isInstanceOf(IOException.class);
    }
    Utf8JsonReader reader = new Utf8JsonReader(bytes("{\"a\":1}"));
    reader.beginObject();
    assertThatThrownBy(reader::nextCompactJson)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("but was NAME");
  }

  @Test
  void knownNamesAreTheSameInstancesAsStringLiterals() throws IOException {
    byte[] json =
        bytes("{\"metadata\":{\"name\":\"x\",\"namespace\":\"y\"},\"apiVersion\":\"v1\"}");
    for (int round = 0; round < 2; round++) {
      Utf8JsonReader reader = new Utf8JsonReader(json);
      reader.beginObject();
      assertThat(reader.nextName()).isSameAs("metadata");
      reader.beginObject();
      assertThat(reader.nextName()).isSameAs("name");
      reader.skipValue();
      assertThat(reader.nextName()).isSameAs("namespace");
      reader.skipValue();
      reader.endObject();
      assertThat(reader.nextName()).isSameAs("apiVersion");
    }
  }

  @Test
  void knownNamesAndIntegersAreReadWithoutAllocating() throws IOException {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    assumeTrue(
        threads instanceof com.sun.management.ThreadMXBean counting
            && counting.isThreadAllocatedMemorySupported()
            && counting.isThreadAllocatedMemoryEnabled(),
        "this JVM does not count allocated bytes per thread");
    com.sun.management.ThreadMXBean counting = (com.sun.management.ThreadMXBean) threads;
    int fields = 20_000;
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < fields; i++) {
      json.append(i == 0 ? "" : ",").append("\"").append(NAMES[i % 10]).append("\":").append(i);
    }
    byte[] bytes = bytes(json.append('}').toString());
    // A first pass puts the names in the cache and lets the methods compile.
    readNamesAndInts(new Utf8JsonReader(bytes));
    Utf8JsonReader reader = new Utf8JsonReader(bytes);
    long threadId = Thread.currentThread().getId();

    long before = counting.getThreadAllocatedBytes(threadId);
    long sum = readNamesAndInts(reader);
    long allocated = counting.getThreadAllocatedBytes(threadId) - before;

    assertThat(sum).isEqualTo((long) fields * (fields - 1) / 2);
    assertThat(allocated).as("bytes allocated for %d names and numbers", fields).isLessThan(fields);
  }

  private static long readNamesAndInts(Utf8JsonReader reader) throws IOException {
    long sum = 0;
    reader.beginObject();
    while (reader.hasNext()) {
      reader.nextName();
      sum += reader.nextInt();
    }
    reader.endObject();
    return sum;
  }

  @Test
  void concatenatedValuesAreReadOneAfterAnotherOnlyWhenAllowed() throws IOException {
    byte[] events = bytes("{\"type\":\"ADDED\"}\n{\"type\":\"DELETED\"}\n 7 \"x\"\n");
    for (boolean trickle : new boolean[] {false, true}) {
      Utf8JsonReader reader = ourReader(events, trickle, 11L);
      reader.allowConcatenatedValues();
      List<String> read = new ArrayList<>();
      while (reader.peek() != JsonToken.END_DOCUMENT) {
        read.add(reader.nextCompactJson());
        assertThat(reader.getPath()).isEqualTo("$");
      }
      assertThat(read)
          .containsExactly("{\"type\":\"ADDED\"}", "{\"type\":\"DELETED\"}", "7", "\"x\"");
    }

    Utf8JsonReader strict = new Utf8JsonReader(events);
    strict.skipValue();
    assertThatThrownBy(strict::peek)
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("allowConcatenatedValues()");
  }

  @Test
  void closeClosesTheStreamAndLaterReadsFail() throws IOException {
    AtomicBoolean closed = new AtomicBoolean();
    InputStream stream =
        new ByteArrayInputStream(bytes("[1]")) {
          @Override
          public void close() {
            closed.set(true);
          }
        };
    Utf8JsonReader reader = new Utf8JsonReader(stream);
    reader.beginArray();
    reader.close();

    assertThat(closed).isTrue();
    assertThatThrownBy(reader::peek).isInstanceOf(IllegalStateException.class);
    assertThat(reader.getPath()).isEqualTo("$");
  }

  @Test
  void toStringNamesTheClassAndTheLocation() throws IOException {
    Utf8JsonReader reader = new Utf8JsonReader(bytes("{\"a\":\n[1]}"));
    reader.beginObject();
    reader.nextName();
    reader.beginArray();

    assertThat(reader.toString()).isEqualTo("Utf8JsonReader at line 2 column 2 path $.a[0]");
  }

  // ---- helpers ----

  private static Exception readFully(JsonReader reader) {
    try {
      int depth = 0;
      do {
        switch (reader.peek()) {
          case BEGIN_ARRAY -> {
            reader.beginArray();
            depth++;
          }
          case BEGIN_OBJECT -> {
            reader.beginObject();
            depth++;
          }
          case END_ARRAY -> {
            reader.endArray();
            depth--;
          }
          case END_OBJECT -> {
            reader.endObject();
            depth--;
          }
          case NAME -> reader.nextName();
          case STRING, NUMBER -> reader.nextString();
          case BOOLEAN -> reader.nextBoolean();
          case NULL -> reader.nextNull();
          case END_DOCUMENT -> throw new AssertionError("unexpected end");
        }
      } while (depth > 0);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new AssertionError("not at the end");
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return e;
    }
  }

  private static JsonReader gsonReader(byte[] json) {
    JsonReader reader =
        new JsonReader(
            new InputStreamReader(new ByteArrayInputStream(json), StandardCharsets.UTF_8));
    reader.setStrictness(Strictness.STRICT);
    return reader;
  }

  private static Utf8JsonReader ourReader(byte[] json, boolean trickle, long seed) {
    if (!trickle) {
      return new Utf8JsonReader(json);
    }
    Random random = new Random(seed);
    InputStream trickling =
        new ByteArrayInputStream(json) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
          }
        };
    return new Utf8JsonReader(trickling);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String randomDocument(Random random) {
    StringBuilder json = new StringBuilder();
    whitespace(json, random);
    if (random.nextInt(10) == 0) {
      appendScalar(json, random);
    } else {
      appendValue(json, random, 0);
    }
    whitespace(json, random);
    return json.toString();
  }

  private static void appendValue(StringBuilder json, Random random, int depth) {
    int kind = depth > 6 ? 2 + random.nextInt(3) : random.nextInt(5);
    if (kind == 0) {
      json.append('[');
      int size = random.nextInt(4) == 0 ? 0 : random.nextInt(6);
      for (int i = 0; i < size; i++) {
        if (i > 0) {
          json.append(',');
        }
        whitespace(json, random);
        appendValue(json, random, depth + 1);
        whitespace(json, random);
      }
      whitespace(json, random);
      json.append(']');
    } else if (kind == 1) {
      json.append('{');
      int size = random.nextInt(4) == 0 ? 0 : random.nextInt(6);
      for (int i = 0; i < size; i++) {
        if (i > 0) {
          json.append(',');
        }
        whitespace(json, random);
        json.append(
            random.nextBoolean()
                ? quote(NAMES[random.nextInt(NAMES.length)])
                : randomString(random));
        whitespace(json, random);
        json.append(':');
        whitespace(json, random);
        appendValue(json, random, depth + 1);
        whitespace(json, random);
      }
      json.append('}');
    } else {
      appendScalar(json, random);
    }
  }

  private static void appendScalar(StringBuilder json, Random random) {
    switch (random.nextInt(7)) {
      case 0, 1 -> json.append(randomString(random));
      case 2 -> json.append(NUMBERS[random.nextInt(NUMBERS.length)]);
      case 3 -> json.append(randomNumber(random));
      case 4 -> json.append(quote(NUMERIC_STRINGS[random.nextInt(NUMERIC_STRINGS.length)]));
      case 5 -> json.append(random.nextBoolean() ? "true" : "false");
      default -> json.append("null");
    }
  }

  private static String randomNumber(Random random) {
    StringBuilder number = new StringBuilder();
    if (random.nextBoolean()) {
      number.append('-');
    }
    int digits = 1 + random.nextInt(random.nextInt(4) == 0 ? 25 : 6);
    number.append(1 + random.nextInt(9));
    for (int i = 1; i < digits; i++) {
      number.append(random.nextInt(10));
    }
    if (random.nextInt(3) == 0) {
      number.append('.').append(random.nextInt(1000));
    }
    if (random.nextInt(4) == 0) {
      number.append(random.nextBoolean() ? 'e' : 'E');
      number.append(random.nextBoolean() ? "" : random.nextBoolean() ? "+" : "-");
      number.append(random.nextInt(30));
    }
    return number.toString();
  }

  private static String randomString(Random random) {
    StringBuilder json = new StringBuilder("\"");
    int length = random.nextInt(10) == 0 ? random.nextInt(300) : random.nextInt(12);
    for (int i = 0; i < length; i++) {
      appendStringChar(json, random);
    }
    return json.append('"').toString();
  }

  /**
   * One character of a JSON string body: plain, escaped in every way, or non-ASCII of any width.
   */
  private static void appendStringChar(StringBuilder json, Random random) {
    int kind = random.nextInt(20);
    if (kind < 10) {
      char c;
      do {
        c = (char) (0x20 + random.nextInt(0x5f));
      } while (c == '"' || c == '\\');
      json.append(c);
    } else if (kind < 13) {
      json.append('\\').append("\"\\/bfnrt".charAt(random.nextInt(8)));
    } else if (kind == 13) {
      json.append(
          String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", random.nextInt(0xd800)));
    } else if (kind == 14) {
      int codePoint = 0x10000 + random.nextInt(0x100000);
      json.append(
          String.format(
              "\\u%04x\\u%04x",
              (int) Character.highSurrogate(codePoint), (int) Character.lowSurrogate(codePoint)));
    } else if (kind < 17) {
      json.append((char) (0x80 + random.nextInt(0x780)));
    } else if (kind < 19) {
      char c;
      do {
        c = (char) (0x800 + random.nextInt(0x10000 - 0x800));
      } while (Character.isSurrogate(c));
      json.append(c);
    } else {
      json.appendCodePoint(0x10000 + random.nextInt(0x100000));
    }
  }

  private static void whitespace(StringBuilder json, Random random) {
    while (random.nextInt(4) == 0) {
      json.append(" \n\r\t".charAt(random.nextInt(4)));
    }
  }

  private static String quote(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\t' -> json.append("\\t");
        default -> json.append(c);
      }
    }
    return json.append('"').toString();
  }

  private static String hex(byte[] bytes) {
    StringBuilder hex = new StringBuilder();
    for (byte b : bytes) {
      hex.append(String.format("%02x ", b & 0xff));
    }
    return hex.toString().trim();
  }
}
