package dev.kubesdk.runtime.internal;

import com.google.gson.FormattingStyle;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A gson {@link JsonWriter} that encodes UTF-8 straight into a byte buffer and hands full buffers to
 * an {@link OutputStream}. Not thread-safe; one instance writes one document.
 *
 * <p>Gson's own writer goes through a {@code Writer}, so every token costs a trip through a
 * {@code CharsetEncoder} and its buffers; this one copies runs of ASCII that need no escape in bulk,
 * encodes every other character by hand, and writes longs without making a String. Type adapters
 * use it unchanged: it writes the same bytes as {@code new JsonWriter(new OutputStreamWriter(out,
 * UTF_8))} for every sequence of calls, honours the settings made through gson's setters ({@link
 * #setHtmlSafe}, {@link #setSerializeNulls}, {@link #setStrictness}) from the next token on, and
 * throws the same exception types for misuse. An unpaired surrogate is written as {@code ?}, as
 * {@code OutputStreamWriter} does.
 *
 * <p>Output is always compact: if a {@link FormattingStyle} other than {@link
 * FormattingStyle#COMPACT} is set, the next write throws {@link UnsupportedOperationException}.
 *
 * <p>{@code Gson.toJson(value, type, writer)} applies the Gson's own HTML escaping, null handling
 * and strictness to the writer for the duration of the call, so this writes exactly what {@code
 * Json.gson().toJson(value)} returns, as UTF-8:
 *
 * <pre>{@code
 * try (Utf8JsonWriter writer = new Utf8JsonWriter(outputStream)) {
 *   Json.gson().toJson(pod, V1Pod.class, writer);
 * }
 * }</pre>
 *
 * <p>{@link #flush()} writes the buffer and flushes the stream; {@link #close()} does the same,
 * closes the stream, and then throws {@link IOException} if the document is incomplete.
 */
public final class Utf8JsonWriter extends JsonWriter {
  /** Large enough that a typical object goes out in a few writes, small enough to stay in cache. */
  private static final int BUFFER_SIZE = 8 * 1024;

  /** The most bytes one UTF-16 unit of a string can become: a {@code u} escape of four hex digits. */
  private static final int MAX_BYTES_PER_CHAR = 6;

  // Scopes of the nesting stack, one per open container plus the document itself; the same states
  // gson's writer moves through, so misuse fails at the same call.
  private static final int EMPTY_ARRAY = 1;
  private static final int NONEMPTY_ARRAY = 2;
  private static final int EMPTY_OBJECT = 3;
  private static final int DANGLING_NAME = 4;
  private static final int NONEMPTY_OBJECT = 5;
  private static final int EMPTY_DOCUMENT = 6;
  private static final int NONEMPTY_DOCUMENT = 7;

  /**
   * For each ASCII character, 0 when it is written as is, otherwise the character after the
   * backslash of its escape; {@code 'u'} means a {@code u} escape of four hex digits.
   */
  private static final byte[] ESCAPES = new byte[128];

  /** {@link #ESCAPES} plus the characters HTML and XML give meaning to. */
  private static final byte[] HTML_SAFE_ESCAPES;

  /** Raw text: nothing is escaped. */
  private static final byte[] NO_ESCAPES = new byte[128];

  private static final byte[] HEX_DIGITS = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
  };

  private static final byte[] LONG_MIN_VALUE = ascii(Long.toString(Long.MIN_VALUE));
  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");
  private static final byte[] NULL = ascii("null");

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = 'u';
    }
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\n'] = 'n';
    ESCAPES['\f'] = 'f';
    ESCAPES['\r'] = 'r';
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
    HTML_SAFE_ESCAPES = ESCAPES.clone();
    for (char c : new char[] {'<', '>', '&', '=', '\''}) {
      HTML_SAFE_ESCAPES[c] = 'u';
    }
  }

  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private int position;

  private int[] scopes = new int[32];
  private int depth;

  /** A name waiting for its value; dropped if the value is a null that is not serialized. */
  private @Nullable String deferredName;

  /**
   * A high surrogate that ended a raw {@link #jsonValue} and was not yet encoded, or 0. {@code
   * OutputStreamWriter} keeps such a unit until it sees the next one, pairing it with a following
   * low surrogate and writing {@code ?} otherwise (also at close).
   */
  private char pendingHighSurrogate;

  /** Set once {@link #close()} closed the stream; later writes fail as they would on gson's. */
  private boolean streamClosed;

  /** The last formatting style found to be compact, so the check is one comparison per token. */
  private @Nullable FormattingStyle compactStyle;

  /**
   * A writer of one JSON document to {@code out}.
   *
   * @param out receives the bytes, a buffer at a time; {@link #flush()} and {@link #close()} flush
   *     and close it
   */
  public Utf8JsonWriter(OutputStream out) {
    // The superclass only holds the settings; everything is written by this class.
    super(Writer.nullWriter());
    this.out = Objects.requireNonNull(out, "out");
    scopes[depth++] = EMPTY_DOCUMENT;
  }

  @Override
  public Utf8JsonWriter beginArray() throws IOException {
    requireCompact();
    writeDeferredName();
    return openScope(EMPTY_ARRAY, '[');
  }

  @Override
  public Utf8JsonWriter endArray() throws IOException {
    requireCompact();
    return closeScope(EMPTY_ARRAY, NONEMPTY_ARRAY, ']');
  }

  @Override
  public Utf8JsonWriter beginObject() throws IOException {
    requireCompact();
    writeDeferredName();
    return openScope(EMPTY_OBJECT, '{');
  }

  @Override
  public Utf8JsonWriter endObject() throws IOException {
    requireCompact();
    return closeScope(EMPTY_OBJECT, NONEMPTY_OBJECT, '}');
  }

  @Override
  public Utf8JsonWriter name(String name) throws IOException {
    Objects.requireNonNull(name, "name");
    if (deferredName != null) {
      throw new IllegalStateException(
          "name(\"" + name + "\") follows name(\"" + deferredName + "\"); write a value for the first name before the next");
    }
    int scope = peek();
    if (scope != EMPTY_OBJECT && scope != NONEMPTY_OBJECT) {
      throw new IllegalStateException(
          "name(\"" + name + "\") outside an object; call beginObject() first");
    }
    deferredName = name;
    return this;
  }

  @Override
  public Utf8JsonWriter value(@Nullable String value) throws IOException {
    if (value == null) {
      return nullValue();
    }
    requireCompact();
    writeDeferredName();
    beforeValue();
    writeString(value);
    return this;
  }

  @Override
  public Utf8JsonWriter value(boolean value) throws IOException {
    requireCompact();
    writeDeferredName();
    beforeValue();
    writeAscii(value ? TRUE : FALSE);
    return this;
  }

  @Override
  public Utf8JsonWriter value(@Nullable Boolean value) throws IOException {
    if (value == null) {
      return nullValue();
    }
    return value(value.booleanValue());
  }

  @Override
  public Utf8JsonWriter value(float value) throws IOException {
    requireCompact();
    writeDeferredName();
    if (!isLenientNow() && (Float.isNaN(value) || Float.isInfinite(value))) {
      throw nonFinite(Float.toString(value));
    }
    beforeValue();
    writeText(Float.toString(value));
    return this;
  }

  @Override
  public Utf8JsonWriter value(double value) throws IOException {
    requireCompact();
    writeDeferredName();
    if (!isLenientNow() && (Double.isNaN(value) || Double.isInfinite(value))) {
      throw nonFinite(Double.toString(value));
    }
    beforeValue();
    writeText(Double.toString(value));
    return this;
  }

  @Override
  public Utf8JsonWriter value(long value) throws IOException {
    requireCompact();
    writeDeferredName();
    beforeValue();
    writeLong(value);
    return this;
  }

  @Override
  public Utf8JsonWriter value(@Nullable Number value) throws IOException {
    if (value == null) {
      return nullValue();
    }
    Class<?> type = value.getClass();
    if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class) {
      // Their toString() is the decimal digits writeLong produces, without the String.
      return value(value.longValue());
    }
    requireCompact();
    writeDeferredName();
    String text = value.toString();
    if (!writesValidNumber(type)) {
      if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
        if (!isLenientNow()) {
          throw nonFinite(text);
        }
      } else if (type != Float.class && type != Double.class && !isJsonNumber(text)) {
        // LazilyParsedNumber and user types can hold any text; written unchecked it would corrupt
        // the document.
        throw new IllegalArgumentException(
            type.getName() + ".toString() gave \"" + text + "\", which is not a JSON number; "
                + "write it with value(String) or fix the Number type");
      }
    }
    beforeValue();
    writeText(text);
    return this;
  }

  @Override
  public Utf8JsonWriter nullValue() throws IOException {
    requireCompact();
    if (deferredName != null) {
      if (getSerializeNulls()) {
        writeDeferredName();
      } else {
        // Neither the name nor the value: the member is left out.
        deferredName = null;
        return this;
      }
    }
    beforeValue();
    writeAscii(NULL);
    return this;
  }

  @Override
  public Utf8JsonWriter jsonValue(@Nullable String value) throws IOException {
    if (value == null) {
      return nullValue();
    }
    requireCompact();
    writeDeferredName();
    beforeValue();
    writeText(value);
    return this;
  }

  /** Writes the buffered bytes to the stream and flushes it. */
  @Override
  public void flush() throws IOException {
    if (depth == 0) {
      throw closedWriter();
    }
    ensureStreamOpen();
    flushBuffer();
    out.flush();
  }

  /**
   * Writes the buffered bytes, closes the stream, then checks the document was complete.
   *
   * @throws IOException if an array or object is still open or no value was written (the stream
   *     is closed all the same)
   */
  @Override
  public void close() throws IOException {
    if (!streamClosed) {
      if (pendingHighSurrogate != 0) {
        writePendingReplacement();
      }
      flushBuffer();
      streamClosed = true;
      out.close();
    }
    if (depth > 1 || depth == 1 && scopes[0] != NONEMPTY_DOCUMENT) {
      throw new IOException(
          "Incomplete document: close() came with "
              + (depth > 1 ? (depth - 1) + " array(s) or object(s) still open" : "no value written"));
    }
    depth = 0;
  }

  private Utf8JsonWriter openScope(int scope, char bracket) throws IOException {
    beforeValue();
    if (depth == scopes.length) {
      scopes = Arrays.copyOf(scopes, depth * 2);
    }
    scopes[depth++] = scope;
    writeAscii(bracket);
    return this;
  }

  private Utf8JsonWriter closeScope(int empty, int nonempty, char bracket) throws IOException {
    int scope = peek();
    if (scope != empty && scope != nonempty) {
      throw new IllegalStateException(
          "end" + (bracket == ']' ? "Array" : "Object") + "() does not match the innermost open "
              + describeScope(scope));
    }
    if (deferredName != null) {
      throw new IllegalStateException(
          "name(\"" + deferredName + "\") has no value; write one before ending the object");
    }
    depth--;
    writeAscii(bracket);
    return this;
  }

  private int peek() {
    if (depth == 0) {
      throw closedWriter();
    }
    return scopes[depth - 1];
  }

  private void writeDeferredName() throws IOException {
    String name = deferredName;
    if (name != null) {
      int scope = peek();
      if (scope == NONEMPTY_OBJECT) {
        writeAscii(',');
      } else if (scope != EMPTY_OBJECT) {
        throw new IllegalStateException(
            "name(\"" + name + "\") is not inside an object but in " + describeScope(scope));
      }
      scopes[depth - 1] = DANGLING_NAME;
      writeString(name);
      deferredName = null;
    }
  }

  /** The separator a value needs in its scope, and the scope's next state. */
  private void beforeValue() throws IOException {
    switch (peek()) {
      case NONEMPTY_DOCUMENT -> {
        if (!isLenientNow()) {
          throw new IllegalStateException(
              "a JSON document holds one top-level value and it was already written; "
                  + "use Strictness.LENIENT to write several");
        }
      }
      case EMPTY_DOCUMENT -> scopes[depth - 1] = NONEMPTY_DOCUMENT;
      case EMPTY_ARRAY -> scopes[depth - 1] = NONEMPTY_ARRAY;
      case NONEMPTY_ARRAY -> writeAscii(',');
      case DANGLING_NAME -> {
        writeAscii(':');
        scopes[depth - 1] = NONEMPTY_OBJECT;
      }
      default ->
          throw new IllegalStateException("a value inside an object needs a name(...) before it");
    }
  }

  private boolean isLenientNow() {
    return getStrictness() == Strictness.LENIENT;
  }

  private void requireCompact() {
    FormattingStyle style = getFormattingStyle();
    if (style == compactStyle) {
      return;
    }
    if (!style.getNewline().isEmpty()
        || !style.getIndent().isEmpty()
        || style.usesSpaceAfterSeparators()) {
      throw new UnsupportedOperationException(
          "Utf8JsonWriter writes compact JSON only; leave its formatting style COMPACT (no setIndent or "
              + "setFormattingStyle), or use gson's JsonWriter for indented output");
    }
    compactStyle = style;
  }

  private static boolean writesValidNumber(Class<?> type) {
    return type == BigDecimal.class
        || type == BigInteger.class
        || type == AtomicInteger.class
        || type == AtomicLong.class;
  }

  /**
   * Whether {@code text} is a JSON number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?}.
   */
  static boolean isJsonNumber(String text) {
    int length = text.length();
    int i = 0;
    if (i < length && text.charAt(i) == '-') {
      i++;
    }
    if (i == length) {
      return false;
    }
    if (text.charAt(i) == '0') {
      i++;
    } else {
      int start = i;
      i = skipDigits(text, i);
      if (i == start) {
        return false;
      }
    }
    if (i < length && text.charAt(i) == '.') {
      int start = ++i;
      i = skipDigits(text, i);
      if (i == start) {
        return false;
      }
    }
    if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int start = i;
      i = skipDigits(text, i);
      if (i == start) {
        return false;
      }
    }
    return i == length;
  }

  private static int skipDigits(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  private static IllegalArgumentException nonFinite(String text) {
    return new IllegalArgumentException(
        "JSON numbers must be finite, not " + text + "; set Strictness.LENIENT to write NaN and infinities");
  }

  private static IllegalStateException closedWriter() {
    return new IllegalStateException("this JsonWriter is closed; write each document with a new writer");
  }

  private static String describeScope(int scope) {
    return switch (scope) {
      case EMPTY_ARRAY, NONEMPTY_ARRAY -> "array";
      case EMPTY_OBJECT, NONEMPTY_OBJECT, DANGLING_NAME -> "object";
      default -> "document (nothing is open)";
    };
  }

  private static byte[] ascii(String text) {
    byte[] bytes = new byte[text.length()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) text.charAt(i);
    }
    return bytes;
  }

  // ---- Encoding into the buffer. Every write starts with reserve(), which settles a pending
  // surrogate and a closed stream before any byte goes out.

  private void reserve(int bytes) throws IOException {
    if (pendingHighSurrogate != 0 || streamClosed) {
      ensureStreamOpen();
      writePendingReplacement();
    }
    if (buffer.length - position < bytes) {
      flushBuffer();
    }
  }

  private void writePendingReplacement() throws IOException {
    if (pendingHighSurrogate != 0) {
      pendingHighSurrogate = 0;
      if (position == buffer.length) {
        flushBuffer();
      }
      buffer[position++] = '?';
    }
  }

  private void ensureStreamOpen() throws IOException {
    if (streamClosed) {
      throw new IOException("Stream closed: this writer was closed before");
    }
  }

  private void flushBuffer() throws IOException {
    if (position > 0) {
      out.write(buffer, 0, position);
      position = 0;
    }
  }

  private void writeAscii(char c) throws IOException {
    reserve(1);
    buffer[position++] = (byte) c;
  }

  private void writeAscii(byte[] text) throws IOException {
    reserve(text.length);
    System.arraycopy(text, 0, buffer, position, text.length);
    position += text.length;
  }

  private void writeLong(long value) throws IOException {
    if (value == Long.MIN_VALUE) {
      // The one long whose magnitude does not fit a long.
      writeAscii(LONG_MIN_VALUE);
      return;
    }
    reserve(20);
    byte[] buf = buffer;
    int pos = position;
    long magnitude = value;
    if (value < 0) {
      buf[pos++] = '-';
      magnitude = -value;
    }
    int digits = 1;
    for (long bound = 10; digits < 19 && magnitude >= bound; bound *= 10) {
      digits++;
    }
    int end = pos + digits;
    int i = end;
    while (magnitude > Integer.MAX_VALUE) {
      buf[--i] = (byte) ('0' + (int) (magnitude % 10));
      magnitude /= 10;
    }
    // Most numbers in API objects (ports, counts, generations) fit an int, whose division is cheaper.
    int rest = (int) magnitude;
    do {
      buf[--i] = (byte) ('0' + rest % 10);
      rest /= 10;
    } while (rest != 0);
    position = end;
  }

  /** A quoted, escaped JSON string. */
  private void writeString(String value) throws IOException {
    byte[] escapes = isHtmlSafe() ? HTML_SAFE_ESCAPES : ESCAPES;
    writeAscii('"');
    encode(value, escapes, true);
    writeAscii('"');
  }

  /**
   * Text as it is, UTF-8 encoded: numbers and raw JSON. A high surrogate at the end stays pending,
   * as in {@code OutputStreamWriter}, so that a low surrogate opening the next raw value pairs with
   * it.
   */
  private void writeText(String text) throws IOException {
    ensureStreamOpen();
    if (text.isEmpty()) {
      return;
    }
    if (pendingHighSurrogate != 0 && Character.isLowSurrogate(text.charAt(0))) {
      int codePoint = Character.toCodePoint(pendingHighSurrogate, text.charAt(0));
      pendingHighSurrogate = 0;
      reserve(4);
      position = encodeCodePoint(codePoint, buffer, position);
      text = text.substring(1);
    }
    reserve(0);
    encode(text, NO_ESCAPES, false);
  }

  /**
   * Encodes {@code text}: runs of ASCII that need no escape are found by a scan and copied with
   * {@link String#getBytes(int, int, byte[], int)} (an array copy for Latin-1 strings); every other
   * character is encoded on its own. In a quoted string the characters {@code escapes} names and the
   * JavaScript line ends are escaped and an unpaired surrogate becomes {@code ?}; in raw text a high
   * surrogate at the end waits for the next text.
   */
  private void encode(String text, byte[] escapes, boolean quoted) throws IOException {
    int length = text.length();
    int i = 0;
    while (i < length) {
      int runStart = i;
      char c = 0;
      while (i < length) {
        c = text.charAt(i);
        if (c >= 0x80 || escapes[c] != 0) {
          break;
        }
        i++;
      }
      if (i > runStart) {
        copyAscii(text, runStart, i);
      }
      if (i == length) {
        return;
      }
      i++;
      if (buffer.length - position < MAX_BYTES_PER_CHAR) {
        flushBuffer();
      }
      byte[] buf = buffer;
      int pos = position;
      if (c < 0x80) {
        byte escape = escapes[c];
        buf[pos++] = '\\';
        buf[pos++] = escape;
        if (escape == 'u') {
          buf[pos++] = '0';
          buf[pos++] = '0';
          buf[pos++] = HEX_DIGITS[c >> 4];
          buf[pos++] = HEX_DIGITS[c & 0xf];
        }
      } else if (quoted && (c == '\u2028' || c == '\u2029')) {
        // JavaScript reads these as line ends, so gson escapes them.
        buf[pos++] = '\\';
        buf[pos++] = 'u';
        buf[pos++] = '2';
        buf[pos++] = '0';
        buf[pos++] = '2';
        buf[pos++] = (byte) (c == '\u2028' ? '8' : '9');
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i < length && Character.isLowSurrogate(text.charAt(i))) {
          pos = encodeCodePoint(Character.toCodePoint(c, text.charAt(i++)), buf, pos);
        } else if (!quoted && i == length && Character.isHighSurrogate(c)) {
          pendingHighSurrogate = c;
        } else {
          buf[pos++] = '?';
        }
      } else {
        pos = encodeCodePoint(c, buf, pos);
      }
      position = pos;
    }
  }

  /** Copies chars {@code from} to {@code to} of {@code text}, all ASCII, as bytes. */
  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) is exact for ASCII, and fast
  private void copyAscii(String text, int from, int to) throws IOException {
    int start = from;
    while (start < to) {
      if (position == buffer.length) {
        flushBuffer();
      }
      int end = Math.min(to, start + buffer.length - position);
      text.getBytes(start, end, buffer, position);
      position += end - start;
      start = end;
    }
  }

  /** Encodes a code point that is not ASCII; the caller has made room for 4 bytes. */
  private static int encodeCodePoint(int codePoint, byte[] buf, int pos) {
    if (codePoint < 0x800) {
      buf[pos++] = (byte) (0xc0 | codePoint >> 6);
    } else if (codePoint < 0x10000) {
      buf[pos++] = (byte) (0xe0 | codePoint >> 12);
      buf[pos++] = (byte) (0x80 | (codePoint >> 6 & 0x3f));
    } else {
      buf[pos++] = (byte) (0xf0 | codePoint >> 18);
      buf[pos++] = (byte) (0x80 | (codePoint >> 12 & 0x3f));
      buf[pos++] = (byte) (0x80 | (codePoint >> 6 & 0x3f));
    }
    buf[pos++] = (byte) (0x80 | (codePoint & 0x3f));
    return pos;
  }
}
