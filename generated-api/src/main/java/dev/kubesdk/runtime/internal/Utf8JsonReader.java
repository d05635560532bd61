package dev.kubesdk.runtime.internal;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JsonReader} that reads UTF-8 bytes directly, for gson {@code TypeAdapter}s that use only
 * the public streaming API. Not thread-safe; one instance reads one document.
 *
 * <p>It behaves like gson's reader set to {@code Strictness.STRICT} for every public method: the
 * same tokens, values, paths and exception types. It always parses strict RFC 8259 JSON, whatever
 * strictness is set: comments, unquoted or single-quoted strings, NaN and several top-level values
 * (unless {@link #allowConcatenatedValues()} was called, for watch streams) are rejected with
 * {@link MalformedJsonException}, and so are unescaped control characters and invalid escapes in
 * every string, including skipped ones. Malformed UTF-8 inside strings becomes U+FFFD, as {@code
 * new String(bytes, UTF_8)} does. Locations in messages count bytes, not characters.
 *
 * <p>It is faster than gson's reader over an {@code InputStreamReader} because it never decodes
 * through a {@code CharsetDecoder}: a string of plain ASCII becomes a compact {@code String} by a
 * single copy, other strings are decoded into a reused buffer, integers are parsed without
 * allocating, and property names come from a shared cache of interned strings, so a known name
 * allocates nothing and is the very instance of the matching string literal.
 *
 * <p>Gson's internal shortcut that turns a property name into a value (used by gson's own {@code
 * Map} adapter for complex keys) cannot reach this class; read maps with {@link #nextName()}.
 *
 * <pre>{@code
 * try (Utf8JsonReader in = new Utf8JsonReader(response.body().byteStream())) {
 *   V1PodList pods = adapter.read(in);
 * }
 * }</pre>
 */
public final class Utf8JsonReader extends JsonReader {
  private static final int BUFFER_SIZE = 16 * 1024;

  /**
   * Gson reads a number only when it fits its 1024-character buffer; longer ones fail alike here.
   */
  private static final int MAX_NUMBER_LENGTH = 1024;

  /**
   * Strings longer than this that cross the end of the buffer are decoded piecewise, not refilled.
   */
  private static final int MAX_CONTIGUOUS_STRING = BUFFER_SIZE / 2;

  private static final long MIN_INCOMPLETE_INTEGER = Long.MIN_VALUE / 10;
  private static final char REPLACEMENT = '\uFFFD';
  private static final byte[] TRUE_REST = {'r', 'u', 'e'};
  private static final byte[] FALSE_REST = {'a', 'l', 's', 'e'};
  private static final byte[] NULL_REST = {'u', 'l', 'l'};

  // What the next token is, once peeked; the numbering follows gson's so that the code reads alike.
  private static final int PEEKED_NONE = 0;
  private static final int PEEKED_BEGIN_OBJECT = 1;
  private static final int PEEKED_END_OBJECT = 2;
  private static final int PEEKED_BEGIN_ARRAY = 3;
  private static final int PEEKED_END_ARRAY = 4;
  private static final int PEEKED_TRUE = 5;
  private static final int PEEKED_FALSE = 6;
  private static final int PEEKED_NULL = 7;

  /** A string value whose opening quote is consumed; {@code pos} is at its first byte. */
  private static final int PEEKED_STRING = 9;

  /** A value already consumed into {@code peekedString} by a failed numeric read. */
  private static final int PEEKED_BUFFERED = 11;

  /** A property name whose opening quote is consumed. */
  private static final int PEEKED_NAME = 13;

  /** An integer that fits a long, in {@code peekedLong}; its text is at {@code pos}. */
  private static final int PEEKED_LONG = 15;

  /** Any other number; its text is at {@code pos}, {@code peekedNumberLength} bytes long. */
  private static final int PEEKED_NUMBER = 16;

  private static final int PEEKED_EOF = 17;

  private static final int EMPTY_ARRAY = 1;
  private static final int NONEMPTY_ARRAY = 2;
  private static final int EMPTY_OBJECT = 3;
  private static final int DANGLING_NAME = 4;
  private static final int NONEMPTY_OBJECT = 5;
  private static final int EMPTY_DOCUMENT = 6;
  private static final int NONEMPTY_DOCUMENT = 7;
  private static final int CLOSED = 8;

  private static final int NUMBER_NONE = 0;
  private static final int NUMBER_SIGN = 1;
  private static final int NUMBER_DIGIT = 2;
  private static final int NUMBER_DECIMAL = 3;
  private static final int NUMBER_FRACTION_DIGIT = 4;
  private static final int NUMBER_EXP_E = 5;
  private static final int NUMBER_EXP_SIGN = 6;
  private static final int NUMBER_EXP_DIGIT = 7;

  private final @Nullable InputStream in;
  private byte[] buffer;
  private int pos;
  private int limit;

  /** The offset in the document of {@code buffer[0]}. */
  private long bufferStart;

  private int lineNumber;
  private long lineStart;

  private int peeked = PEEKED_NONE;
  private long peekedLong;
  private int peekedNumberLength;
  private @Nullable String peekedString;

  /** The separator (',' or ':') the last {@link #doPeek()} consumed before its token, or 0. */
  private byte separator;

  private int[] stack = new int[32];
  private int stackSize;
  private @Nullable String[] pathNames = new String[32];
  private int[] pathIndices = new int[32];

  private boolean concatenatedValues;

  /** Scratch for strings that need decoding, and for {@link #nextCompactJson()}; reused. */
  private char[] chars = new char[128];

  private int charCount;
  private byte[] bytes = new byte[256];
  private int byteCount;

  /** Short string values seen by this reader, so that repeated ones share one instance. */
  private final RepeatedValues values = new RepeatedValues();

  /** Whether the last escape read was {@code \\uXXXX}, for copying it unchanged. */
  private boolean unicodeEscape;

  /**
   * Reads the UTF-8 JSON document in {@code in}, through its own buffer; {@link #close()} closes
   * it.
   */
  public Utf8JsonReader(InputStream in) {
    super(Reader.nullReader());
    this.in = Objects.requireNonNull(in, "in");
    this.buffer = new byte[BUFFER_SIZE];
    stack[stackSize++] = EMPTY_DOCUMENT;
  }

  /** Reads the UTF-8 JSON document in {@code json}, which is neither copied nor changed. */
  public Utf8JsonReader(byte[] json) {
    super(Reader.nullReader());
    this.in = null;
    this.buffer = Objects.requireNonNull(json, "json");
    this.limit = json.length;
    stack[stackSize++] = EMPTY_DOCUMENT;
  }

  /**
   * Lets this reader read several top-level values one after another, such as the newline-separated
   * events of a watch; {@link #peek()} answers {@code END_DOCUMENT} only after the last. Everything
   * else stays strict. Call it before reading.
   */
  public void allowConcatenatedValues() {
    concatenatedValues = true;
  }

  @Override
  public void beginArray() throws IOException {
    int p = peeked == PEEKED_NONE ? doPeek() : peeked;
    if (p != PEEKED_BEGIN_ARRAY) {
      throw unexpectedToken("BEGIN_ARRAY");
    }
    push(EMPTY_ARRAY);
    pathIndices[stackSize - 1] = 0;
    peeked = PEEKED_NONE;
  }

  @Override
  public void endArray() throws IOException {
    int p = peeked == PEEKED_NONE ? doPeek() : peeked;
    if (p != PEEKED_END_ARRAY) {
      throw unexpectedToken("END_ARRAY");
    }
    stackSize--;
    pathIndices[stackSize - 1]++;
    peeked = PEEKED_NONE;
  }

  @Override
  public void beginObject() throws IOException {
    int p = peeked == PEEKED_NONE ? doPeek() : peeked;
    if (p != PEEKED_BEGIN_OBJECT) {
      throw unexpectedToken("BEGIN_OBJECT");
    }
    push(EMPTY_OBJECT);
    peeked = PEEKED_NONE;
  }

  @Override
  public void endObject() throws IOException {
    int p = peeked == PEEKED_NONE ? doPeek() : peeked;
    if (p != PEEKED_END_OBJECT) {
      throw unexpectedToken("END_OBJECT");
    }
    stackSize--;
    pathNames[stackSize] = null; // so that the name can be collected
    pathIndices[stackSize - 1]++;
    peeked = PEEKED_NONE;
  }

  @Override
  public boolean hasNext() throws IOException {
    int p = peeked == PEEKED_NONE ? doPeek() : peeked;
    return p != PEEKED_END_OBJECT && p != PEEKED_END_ARRAY && p != PEEKED_EOF;
  }

  @Override
  public JsonToken peek() throws IOException {
    int p = peeked == PEEKED_NONE ? doPeek() : peeked;
    switch (p) {
      case PEEKED_BEGIN_OBJECT:
        return JsonToken.BEGIN_OBJECT;
      case PEEKED_END_OBJECT:
        return JsonToken.END_OBJECT;
      case PEEKED_BEGIN_ARRAY:
        return JsonToken.BEGIN_ARRAY;
      case PEEKED_END_ARRAY:
        return JsonToken.END_ARRAY;
      case PEEKED_NAME:
        return JsonToken.NAME;
      case PEEKED_TRUE:
      case PEEKED_FALSE:
        return JsonToken.BOOLEAN;
      case PEEKED_NULL:
        return JsonToken.NULL;
      case PEEKED_STRING:
      case PEEKED_BUFFERED:
        return JsonToken.STRING;
      case PEEKED_LONG:
      case PEEKED_NUMBER:
        return JsonToken.NUMBER;
      case PEEKED_EOF:
        return JsonToken.END_DOCUMENT;
      default:
        throw new AssertionError("Unknown peeked token " + p);
    }
  }

  @Override
  public String nextName() throws IOException {
    int p = peeked == PEEKED_NONE ? doPeek() : peeked;
    if (p != PEEKED_NAME) {
      throw unexpectedToken("a name");
    }
    String result = readQuoted(true);
    peeked = PEEKED_NONE;
    pathNames[stackSize - 1] = result;
    return result;
  }

  @Override
  public String nextString() throws IOException {
    int p = peeked == PEEKED_NONE ? doPeek() : peeked;
    String result;
    if (p == PEEKED_STRING) {
      result = readQuoted(false);
    } else if (p == PEEKED_BUFFERED) {
      result = Objects.requireNonNull(peekedString);
      peekedString = null;
    } else if (p == PEEKED_LONG || p == PEEKED_NUMBER) {
      result = takeNumberText();
    } else {
      throw unexpectedToken("a string");
    }
    peeked = PEEKED_NONE;
    pathIndices[stackSize - 1]++;
    return result;
  }

  @Override
  public boolean nextBoolean() throws IOException {
    int p = peeked == PEEKED_NONE ? doPeek() : peeked;
    if (p != PEEKED_TRUE && p != PEEKED_FALSE) {
      throw unexpectedToken("a boolean");
    }
    peeked = PEEKED_NONE;
    pathIndices[stackSize - 1]++;
    return p == PEEKED_TRUE;
  }

  @Override
  public void nextNull() throws IOException {
    int p = peeked == PEEKED_NONE ? doPeek() : peeked;
    if (p != PEEKED_NULL) {
      throw unexpectedToken("null");
    }
    peeked = PEEKED_NONE;
    pathIndices[stackSize - 1]++;
  }

  @Override
  public double nextDouble() throws IOException {
    int p = peeked == PEEKED_NONE ? doPeek() : peeked;
    if (p == PEEKED_LONG) {
      pos += peekedNumberLength;
      peeked = PEEKED_NONE;
      pathIndices[stackSize - 1]++;
      return (double) peekedLong;
    }
    if (p == PEEKED_NUMBER) {
      bufferNumber();
    } else if (p == PEEKED_STRING) {
      bufferString();
    } else if (p != PEEKED_BUFFERED) {
      throw unexpectedToken("a double");
    }
    String text = Objects.requireNonNull(peekedString);
    double result;
    try {
      result = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw numberError("a double", text, e);
    }
    // Gson outside lenient mode refuses what JSON cannot express, also when it comes quoted.
    if (Double.isNaN(result) || Double.isInfinite(result)) {
      throw syntaxError("JSON forbids NaN and infinities: " + result);
    }
    consumeBuffered();
    return result;
  }

  @Override
  public long nextLong() throws IOException {
    return nextIntegral("a long", Long.MIN_VALUE, Long.MAX_VALUE);
  }

  @Override
  public int nextInt() throws IOException {
    return (int) nextIntegral("an int", Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /**
   * The next value as a whole number between {@code min} and {@code max}, read as gson reads it: a
   * number, or a string holding one; a fraction that is a whole number ("1.0") counts. Out of range or
   * not whole, the value stays next, as in gson.
   */
  private long nextIntegral(String expected, long min, long max) throws IOException {
    int p = peeked == PEEKED_NONE ? doPeek() : peeked;
    if (p == PEEKED_LONG) {
      if (peekedLong < min || peekedLong > max) {
        throw new NumberFormatException("Expected " + expected + " but was " + peekedLong + locationString());
      }
      pos += peekedNumberLength;
      peeked = PEEKED_NONE;
      pathIndices[stackSize - 1]++;
      return peekedLong;
    }
    if (p == PEEKED_NUMBER) {
      bufferNumber();
    } else if (p == PEEKED_STRING) {
      bufferString();
      String text = Objects.requireNonNull(peekedString);
      requireAscii(text);
      try {
        long result = Long.parseLong(text);
        if (result >= min && result <= max) {
          consumeBuffered();
          return result;
        }
      } catch (NumberFormatException ignored) {
        // Not a plain integer: parse it as a double below, as gson does ("1.0" is 1).
      }
    } else {
      // Gson refuses a value already buffered by a failed numeric read here, unlike nextDouble.
      throw unexpectedToken(expected);
    }
    String text = Objects.requireNonNull(peekedString);
    double asDouble;
    try {
      asDouble = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw numberError(expected, text, e);
    }
    // The cast saturates, as gson's does: 9223372036854775808 reads as Long.MAX_VALUE.
    long result = (long) asDouble;
    if (result < min || result > max || result != asDouble) {
      throw numberError(expected, text, null);
    }
    consumeBuffered();
    return result;
  }

  /**
   * Skips the next value as gson 2.15 does: a whole array or object, a primitive, or only a
   * property name (its value stays next, and the path shows {@code <skipped>} for it), or only the
   * end of an array or object; at the end of the document it does nothing.
   */
  @Override
  public void skipValue() throws IOException {
    int count = 0;
    do {
      int p = peeked == PEEKED_NONE ? doPeek() : peeked;
      switch (p) {
        case PEEKED_BEGIN_ARRAY:
          push(EMPTY_ARRAY);
          count++;
          break;
        case PEEKED_BEGIN_OBJECT:
          push(EMPTY_OBJECT);
          count++;
          break;
        case PEEKED_END_ARRAY:
          stackSize--;
          count--;
          break;
        case PEEKED_END_OBJECT:
          if (count == 0) {
            pathNames[stackSize - 1] = null;
          }
          stackSize--;
          count--;
          break;
        case PEEKED_STRING:
          skipQuoted();
          break;
        case PEEKED_NAME:
          skipQuoted();
          if (count == 0) {
            pathNames[stackSize - 1] = "<skipped>";
          }
          break;
        case PEEKED_LONG:
        case PEEKED_NUMBER:
          pos += peekedNumberLength;
          break;
        case PEEKED_BUFFERED:
          peekedString = null;
          break;
        case PEEKED_EOF:
          return;
        default:
          // true, false and null were consumed when peeked
      }
      peeked = PEEKED_NONE;
    } while (count > 0);
    pathIndices[stackSize - 1]++;
  }

  /**
   * Reads the next value, of any kind, and returns it as compact JSON: its bytes as they are in the
   * input, with the whitespace outside strings removed, so strings, escapes and numbers are kept
   * unchanged. The syntax is checked as it is read; the path afterwards is as after {@link
   * #skipValue()}.
   *
   * @throws IllegalStateException if the next token is a property name or the end of an array, an
   *     object or the document
   * @throws MalformedJsonException if the value is not valid JSON
   */
  public String nextCompactJson() throws IOException {
    int p = peeked == PEEKED_NONE ? doPeek() : peeked;
    if (p == PEEKED_NAME || p == PEEKED_END_ARRAY || p == PEEKED_END_OBJECT || p == PEEKED_EOF) {
      throw unexpectedToken("a value");
    }
    byteCount = 0;
    boolean ascii = true;
    int count = 0;
    boolean first = true;
    do {
      if (!first) {
        p = doPeek();
        if (separator != 0) {
          appendByte(separator);
        }
      }
      first = false;
      switch (p) {
        case PEEKED_BEGIN_ARRAY:
          appendByte((byte) '[');
          push(EMPTY_ARRAY);
          count++;
          break;
        case PEEKED_BEGIN_OBJECT:
          appendByte((byte) '{');
          push(EMPTY_OBJECT);
          count++;
          break;
        case PEEKED_END_ARRAY:
          appendByte((byte) ']');
          stackSize--;
          count--;
          break;
        case PEEKED_END_OBJECT:
          appendByte((byte) '}');
          stackSize--;
          count--;
          break;
        case PEEKED_STRING:
        case PEEKED_NAME:
          ascii &= copyQuoted();
          break;
        case PEEKED_TRUE:
          appendAscii("true");
          break;
        case PEEKED_FALSE:
          appendAscii("false");
          break;
        case PEEKED_NULL:
          appendAscii("null");
          break;
        case PEEKED_LONG:
        case PEEKED_NUMBER:
          ensureBytes(peekedNumberLength);
          System.arraycopy(buffer, pos, bytes, byteCount, peekedNumberLength);
          byteCount += peekedNumberLength;
          pos += peekedNumberLength;
          break;
        case PEEKED_BUFFERED:
          String text = Objects.requireNonNull(peekedString);
          peekedString = null;
          ascii &= appendBuffered(text);
          break;
        default:
          throw new AssertionError("Unknown peeked token " + p);
      }
      peeked = PEEKED_NONE;
    } while (count > 0);
    pathIndices[stackSize - 1]++;
    return new String(
        bytes, 0, byteCount, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  /**
   * Closes the input stream, if reading one; any later read throws {@link IllegalStateException}.
   */
  @Override
  public void close() throws IOException {
    peeked = PEEKED_NONE;
    peekedString = null;
    stack[0] = CLOSED;
    stackSize = 1;
    if (in != null) {
      in.close();
    }
  }

  @Override
  public String getPath() {
    return path(false);
  }

  @Override
  public String getPreviousPath() {
    return path(true);
  }

  /** The number of bytes (not characters, unlike gson's reader) read past so far. */
  @Override
  public long getCharacterOffset() {
    return bufferStart + pos;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + locationString();
  }

  private String path(boolean previous) {
    StringBuilder result = new StringBuilder().append('$');
    for (int i = 0; i < stackSize; i++) {
      int scope = stack[i];
      switch (scope) {
        case EMPTY_ARRAY:
        case NONEMPTY_ARRAY:
          int index = pathIndices[i];
          // The previous path names the element just read, so the last index is one back.
          if (previous && index > 0 && i == stackSize - 1) {
            index--;
          }
          result.append('[').append(index).append(']');
          break;
        case EMPTY_OBJECT:
        case DANGLING_NAME:
        case NONEMPTY_OBJECT:
          result.append('.');
          if (pathNames[i] != null) {
            result.append(pathNames[i]);
          }
          break;
        default:
          // documents add nothing to the path
      }
    }
    return result.toString();
  }

  private String locationString() {
    return " at line "
        + (lineNumber + 1)
        + " column "
        + (bufferStart + pos - lineStart + 1)
        + " path "
        + getPath();
  }

  private MalformedJsonException syntaxError(String message) {
    return new MalformedJsonException(message + locationString());
  }

  private IllegalStateException unexpectedToken(String expected) throws IOException {
    return new IllegalStateException(
        "Expected " + expected + " but was " + peek() + locationString());
  }

  private NumberFormatException numberError(
      String expected, String text, @Nullable NumberFormatException cause) {
    NumberFormatException error =
        new NumberFormatException("Expected " + expected + " but was " + text + locationString());
    if (cause != null) {
      error.initCause(cause);
    }
    return error;
  }

  private void push(int scope) throws MalformedJsonException {
    if (stackSize - 1 >= getNestingLimit()) {
      throw syntaxError("Nesting limit " + getNestingLimit() + " reached");
    }
    if (stackSize == stack.length) {
      int size = stackSize * 2;
      stack = Arrays.copyOf(stack, size);
      pathIndices = Arrays.copyOf(pathIndices, size);
      pathNames = Arrays.copyOf(pathNames, size);
    }
    stack[stackSize++] = scope;
  }

  // ---- buffer ----

  /**
   * Makes at least {@code minimum} bytes available from {@code pos}, moving the unread bytes to the
   * start of the buffer first; false if the input ends before that.
   */
  private boolean fill(int minimum) throws IOException {
    if (limit - pos >= minimum) {
      return true;
    }
    InputStream stream = in;
    if (stream == null) {
      return false;
    }
    if (pos > 0) {
      System.arraycopy(buffer, pos, buffer, 0, limit - pos);
      bufferStart += pos;
      limit -= pos;
      pos = 0;
    }
    if (minimum > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(minimum, buffer.length * 2));
    }
    while (limit < minimum) {
      int read = stream.read(buffer, limit, buffer.length - limit);
      if (read < 0) {
        return false;
      }
      limit += read;
    }
    return true;
  }

  /** Consumes and returns the next byte that is not JSON whitespace, or -1 at the end of input. */
  private int nextNonWhitespace(boolean endIsError) throws IOException {
    byte[] b = buffer;
    int p = pos;
    int l = limit;
    while (true) {
      if (p == l) {
        pos = p;
        if (!fill(1)) {
          break;
        }
        b = buffer;
        p = pos;
        l = limit;
      }
      int c = b[p++];
      if (c == ' ' || c == '\r' || c == '\t') {
        continue;
      }
      if (c == '\n') {
        lineNumber++;
        lineStart = bufferStart + p;
        continue;
      }
      pos = p;
      return c & 0xff;
    }
    if (endIsError) {
      throw new EOFException("End of input" + locationString());
    }
    return -1;
  }

  // ---- tokens ----

  private int doPeek() throws IOException {
    separator = 0;
    int peekStack = stack[stackSize - 1];
    if (peekStack == EMPTY_ARRAY) {
      stack[stackSize - 1] = NONEMPTY_ARRAY;
    } else if (peekStack == NONEMPTY_ARRAY) {
      int c = nextNonWhitespace(true);
      if (c == ']') {
        return peeked = PEEKED_END_ARRAY;
      } else if (c != ',') {
        pos--;
        throw syntaxError("Unterminated array");
      }
      separator = ',';
    } else if (peekStack == EMPTY_OBJECT || peekStack == NONEMPTY_OBJECT) {
      stack[stackSize - 1] = DANGLING_NAME;
      if (peekStack == NONEMPTY_OBJECT) {
        int c = nextNonWhitespace(true);
        if (c == '}') {
          return peeked = PEEKED_END_OBJECT;
        } else if (c != ',') {
          pos--;
          throw syntaxError("Unterminated object");
        }
        separator = ',';
      }
      int c = nextNonWhitespace(true);
      if (c == '"') {
        return peeked = PEEKED_NAME;
      } else if (c == '}' && peekStack == EMPTY_OBJECT) {
        return peeked = PEEKED_END_OBJECT;
      }
      pos--;
      throw syntaxError("Expected name");
    } else if (peekStack == DANGLING_NAME) {
      stack[stackSize - 1] = NONEMPTY_OBJECT;
      if (nextNonWhitespace(true) != ':') {
        pos--;
        throw syntaxError("Expected ':'");
      }
      separator = ':';
    } else if (peekStack == EMPTY_DOCUMENT) {
      stack[stackSize - 1] = NONEMPTY_DOCUMENT;
    } else if (peekStack == NONEMPTY_DOCUMENT) {
      if (nextNonWhitespace(false) == -1) {
        return peeked = PEEKED_EOF;
      }
      pos--;
      if (!concatenatedValues) {
        throw syntaxError(
            "Expected the end of the document after the top-level value; a stream of values needs"
                + " allowConcatenatedValues()");
      }
    } else if (peekStack == CLOSED) {
      throw new IllegalStateException("JsonReader is closed");
    }

    int c = nextNonWhitespace(true);
    switch (c) {
      case '"':
        return peeked = PEEKED_STRING;
      case '{':
        return peeked = PEEKED_BEGIN_OBJECT;
      case '[':
        return peeked = PEEKED_BEGIN_ARRAY;
      case ']':
        if (peekStack == EMPTY_ARRAY) {
          return peeked = PEEKED_END_ARRAY;
        }
        break;
      case 't':
        return peekKeyword(TRUE_REST, PEEKED_TRUE);
      case 'f':
        return peekKeyword(FALSE_REST, PEEKED_FALSE);
      case 'n':
        return peekKeyword(NULL_REST, PEEKED_NULL);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          pos--;
          return peekNumber();
        }
    }
    pos--;
    throw syntaxError("Expected value");
  }

  /** True for the bytes that may follow a literal or a number: structure and whitespace. */
  private static boolean endsLiteral(int c) {
    switch (c) {
      case '{':
      case '}':
      case '[':
      case ']':
      case ':':
      case ',':
      case ' ':
      case '\t':
      case '\f':
      case '\r':
      case '\n':
        return true;
      default:
        return false;
    }
  }

  private int peekKeyword(byte[] rest, int token) throws IOException {
    // The first byte is consumed already; rest holds the others.
    int length = rest.length;
    if (limit - pos <= length) {
      fill(length + 1);
    }
    byte[] b = buffer;
    int p = pos;
    int available = limit - p;
    if (available < length) {
      pos--;
      throw syntaxError("Expected value");
    }
    for (int i = 0; i < length; i++) {
      if (b[p + i] != rest[i]) {
        pos--;
        throw syntaxError("Expected value");
      }
    }
    if (available > length && !endsLiteral(b[p + length])) {
      pos--;
      throw syntaxError("Expected value");
    }
    pos = p + length;
    return peeked = token;
  }

  private int peekNumber() throws IOException {
    long value = 0; // negative, to reach Long.MIN_VALUE
    boolean negative = false;
    boolean fitsInLong = true;
    int last = NUMBER_NONE;
    int i = 0;
    characters:
    for (; ; i++) {
      if (pos + i == limit) {
        if (i == MAX_NUMBER_LENGTH || !fill(i + 1)) {
          break;
        }
      }
      if (i == MAX_NUMBER_LENGTH) {
        throw syntaxError("Number longer than " + MAX_NUMBER_LENGTH + " characters");
      }
      int c = buffer[pos + i];
      switch (c) {
        case '-':
          if (last == NUMBER_NONE) {
            negative = true;
            last = NUMBER_SIGN;
            continue;
          } else if (last == NUMBER_EXP_E) {
            last = NUMBER_EXP_SIGN;
            continue;
          }
          throw malformedNumber();
        case '+':
          if (last == NUMBER_EXP_E) {
            last = NUMBER_EXP_SIGN;
            continue;
          }
          throw malformedNumber();
        case 'e':
        case 'E':
          if (last == NUMBER_DIGIT || last == NUMBER_FRACTION_DIGIT) {
            last = NUMBER_EXP_E;
            continue;
          }
          throw malformedNumber();
        case '.':
          if (last == NUMBER_DIGIT) {
            last = NUMBER_DECIMAL;
            continue;
          }
          throw malformedNumber();
        default:
          if (c < '0' || c > '9') {
            if (endsLiteral(c)) {
              break characters;
            }
            throw malformedNumber();
          }
          if (last == NUMBER_SIGN || last == NUMBER_NONE) {
            value = -(c - '0');
            last = NUMBER_DIGIT;
          } else if (last == NUMBER_DIGIT) {
            if (value == 0) {
              throw malformedNumber(); // a leading zero
            }
            long newValue = value * 10 - (c - '0');
            fitsInLong &=
                value > MIN_INCOMPLETE_INTEGER
                    || (value == MIN_INCOMPLETE_INTEGER && newValue < value);
            value = newValue;
          } else if (last == NUMBER_DECIMAL) {
            last = NUMBER_FRACTION_DIGIT;
          } else if (last == NUMBER_EXP_E || last == NUMBER_EXP_SIGN) {
            last = NUMBER_EXP_DIGIT;
          }
      }
    }
    if (i == MAX_NUMBER_LENGTH) {
      throw syntaxError("Number longer than " + MAX_NUMBER_LENGTH + " characters");
    }
    peekedNumberLength = i;
    // -0 stays a NUMBER so that its text keeps the sign, as in gson.
    if (last == NUMBER_DIGIT
        && fitsInLong
        && (value != Long.MIN_VALUE || negative)
        && (value != 0 || !negative)) {
      peekedLong = negative ? value : -value;
      return peeked = PEEKED_LONG;
    } else if (last == NUMBER_DIGIT || last == NUMBER_FRACTION_DIGIT || last == NUMBER_EXP_DIGIT) {
      return peeked = PEEKED_NUMBER;
    }
    throw malformedNumber();
  }

  private MalformedJsonException malformedNumber() {
    return syntaxError("Malformed number");
  }

  /** The text of the peeked number, consumed. */
  private String takeNumberText() {
    String text = new String(buffer, pos, peekedNumberLength, StandardCharsets.ISO_8859_1);
    pos += peekedNumberLength;
    return text;
  }

  private void bufferNumber() {
    peekedString = takeNumberText();
    peeked = PEEKED_BUFFERED;
  }

  private void bufferString() throws IOException {
    peekedString = readQuoted(false);
    peeked = PEEKED_BUFFERED;
  }

  private void consumeBuffered() {
    peekedString = null;
    peeked = PEEKED_NONE;
    pathIndices[stackSize - 1]++;
  }

  private void requireAscii(String text) throws MalformedJsonException {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        throw syntaxError("String contains non-ASCII characters: " + text);
      }
    }
  }

  // ---- strings ----

  /** Reads the rest of a string whose opening quote is consumed. */
  private String readQuoted(boolean name) throws IOException {
    int i = 0;
    int hash = 0;
    while (true) {
      byte[] b = buffer;
      int start = pos;
      int p = start + i;
      int l = limit;
      if (name) {
        while (p < l) {
          byte c = b[p];
          if (c == '"') {
            pos = p + 1;
            return CanonicalNames.of(b, start, p - start, hash);
          }
          if (c < 0x20 || c == '\\') {
            // an escape, a control character or a byte of a multi-byte sequence
            return readQuotedSlowly(p - start);
          }
          hash = 31 * hash + c;
          p++;
        }
      } else {
        while (p < l) {
          byte c = b[p];
          if (c == '"') {
            pos = p + 1;
            return values.of(b, start, p - start, hash);
          }
          if (c < 0x20 || c == '\\') {
            return readQuotedSlowly(p - start);
          }
          hash = 31 * hash + c;
          p++;
        }
      }
      i = p - start;
      if (in == null || i >= MAX_CONTIGUOUS_STRING) {
        return readQuotedSlowly(i);
      }
      // Refill keeping the whole string contiguous, so that it stays one copy.
      if (!fill(i + 1)) {
        pos += i;
        throw syntaxError("Unterminated string");
      }
    }
  }

  /** Decodes a string past its first {@code asciiPrefix} plain bytes into the scratch buffer. */
  private String readQuotedSlowly(int asciiPrefix) throws IOException {
    charCount = 0;
    ensureChars(asciiPrefix + 2);
    char[] out = chars;
    for (int k = 0; k < asciiPrefix; k++) {
      out[k] = (char) buffer[pos + k];
    }
    charCount = asciiPrefix;
    int p = pos + asciiPrefix;
    boolean surrogateEscaped = false;
    while (true) {
      if (p == limit) {
        pos = p;
        if (!fill(1)) {
          throw syntaxError("Unterminated string");
        }
        p = pos;
      }
      int c = buffer[p];
      if (charCount + 2 > chars.length) {
        ensureChars(charCount + 2);
      }
      if (c >= 0x20) {
        if (c == '"') {
          pos = p + 1;
          break;
        }
        if (c == '\\') {
          pos = p + 1;
          char escaped = readEscape();
          surrogateEscaped |= Character.isSurrogate(escaped);
          chars[charCount++] = escaped;
          p = pos;
        } else {
          chars[charCount++] = (char) c;
          p++;
        }
      } else if (c >= 0) {
        pos = p;
        throw syntaxError("Unescaped control characters (\\u0000-\\u001F) are not allowed");
      } else {
        if (limit - p < 4) {
          pos = p;
          fill(4);
          p = pos;
        }
        p = decodeMultiByte(p);
      }
    }
    if (surrogateEscaped) {
      requirePairedSurrogates();
    }
    return new String(chars, 0, charCount);
  }

  private void requirePairedSurrogates() throws MalformedJsonException {
    for (int i = 0; i < charCount; i++) {
      char c = chars[i];
      if (Character.isHighSurrogate(c)
          && i + 1 < charCount
          && Character.isLowSurrogate(chars[i + 1])) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw syntaxError("Unpaired surrogate characters are not allowed");
      }
    }
  }

  /**
   * Decodes the UTF-8 sequence whose lead byte is at {@code p} into the scratch buffer and returns
   * the index past it. Malformed input becomes U+FFFD exactly as the JDK's UTF-8 decoder replaces
   * it: one replacement per maximal invalid prefix, and one for an encoded surrogate.
   */
  private int decodeMultiByte(int p) {
    byte[] b = buffer;
    int l = limit;
    int b1 = b[p++];
    if ((b1 >> 5) == -2 && (b1 & 0x1e) != 0) {
      if (p < l && isContinuation(b[p])) {
        chars[charCount++] = (char) (((b1 & 0x1f) << 6) | (b[p] & 0x3f));
        return p + 1;
      }
      chars[charCount++] = REPLACEMENT;
      return p;
    }
    if ((b1 >> 4) == -2) {
      if (p + 1 < l) {
        int b2 = b[p];
        int b3 = b[p + 1];
        boolean badSecond = (b1 == (byte) 0xe0 && (b2 & 0xe0) == 0x80) || !isContinuation(b2);
        if (badSecond) {
          chars[charCount++] = REPLACEMENT;
          return p;
        }
        if (!isContinuation(b3)) {
          chars[charCount++] = REPLACEMENT;
          return p + 1;
        }
        char c = (char) (((b1 & 0x0f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f));
        chars[charCount++] = Character.isSurrogate(c) ? REPLACEMENT : c;
        return p + 2;
      }
      // The input ends inside the sequence.
      chars[charCount++] = REPLACEMENT;
      if (p < l && ((b1 == (byte) 0xe0 && (b[p] & 0xe0) == 0x80) || !isContinuation(b[p]))) {
        return p;
      }
      return l;
    }
    if ((b1 >> 3) == -2) {
      int lead = b1 & 0xff;
      if (p + 2 < l) {
        int b2 = b[p];
        int b3 = b[p + 1];
        int b4 = b[p + 2];
        int codePoint =
            ((lead & 0x07) << 18) | ((b2 & 0x3f) << 12) | ((b3 & 0x3f) << 6) | (b4 & 0x3f);
        if (isContinuation(b2)
            && isContinuation(b3)
            && isContinuation(b4)
            && Character.isSupplementaryCodePoint(codePoint)) {
          chars[charCount++] = Character.highSurrogate(codePoint);
          chars[charCount++] = Character.lowSurrogate(codePoint);
          return p + 3;
        }
        chars[charCount++] = REPLACEMENT;
        if (badFourByteSecond(lead, b2 & 0xff)) {
          return p;
        }
        return isContinuation(b3) ? p + 2 : p + 1;
      }
      chars[charCount++] = REPLACEMENT;
      if (lead > 0xf4 || (p < l && badFourByteSecond(lead, b[p] & 0xff))) {
        return p;
      }
      p++;
      if (p < l && !isContinuation(b[p])) {
        return p;
      }
      return l;
    }
    chars[charCount++] = REPLACEMENT;
    return p;
  }

  private static boolean isContinuation(int b) {
    return (b & 0xc0) == 0x80;
  }

  private static boolean badFourByteSecond(int lead, int second) {
    return lead > 0xf4
        || (lead == 0xf0 && (second < 0x90 || second > 0xbf))
        || (lead == 0xf4 && (second & 0xf0) != 0x80)
        || !isContinuation(second);
  }

  /** Reads the escape whose backslash is consumed, leaving {@code pos} past it. */
  private char readEscape() throws IOException {
    if (pos == limit && !fill(1)) {
      throw syntaxError("Unterminated escape sequence");
    }
    int c = buffer[pos++];
    unicodeEscape = false;
    switch (c) {
      case 'u':
        unicodeEscape = true;
        if (!fill(4)) {
          throw syntaxError("Unterminated escape sequence");
        }
        int result = 0;
        for (int k = 0; k < 4; k++) {
          int digit = Character.digit(buffer[pos + k], 16);
          if (digit < 0 || buffer[pos + k] < 0) {
            throw syntaxError("Malformed Unicode escape \\u");
          }
          result = (result << 4) | digit;
        }
        pos += 4;
        return (char) result;
      case 't':
        return '\t';
      case 'b':
        return '\b';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 'f':
        return '\f';
      case '"':
      case '\\':
      case '/':
        return (char) c;
      default:
        throw syntaxError("Invalid escape sequence");
    }
  }

  /** Skips the rest of a string whose opening quote is consumed, checking its escapes. */
  private void skipQuoted() throws IOException {
    int p = pos;
    while (true) {
      if (p == limit) {
        pos = p;
        if (!fill(1)) {
          throw syntaxError("Unterminated string");
        }
        p = pos;
      }
      byte c = buffer[p];
      if (c == '"') {
        pos = p + 1;
        return;
      } else if (c == '\\') {
        pos = p + 1;
        readEscape();
        p = pos;
      } else if (c >= 0 && c < 0x20) {
        pos = p;
        throw syntaxError("Unescaped control characters (\\u0000-\\u001F) are not allowed");
      } else {
        p++;
      }
    }
  }

  /**
   * Copies a string whose opening quote is consumed, quotes included, into the byte scratch; true
   * if it is all ASCII.
   */
  private boolean copyQuoted() throws IOException {
    appendByte((byte) '"');
    int signs = 0; // negative once a byte of a multi-byte sequence was copied
    while (true) {
      byte[] b = buffer;
      int p = pos;
      int l = limit;
      int start = p;
      byte c = 0;
      while (p < l) {
        c = b[p];
        if (c == '"' || c == '\\' || (c >= 0 && c < 0x20)) {
          break;
        }
        signs |= c;
        p++;
      }
      int run = p - start;
      ensureBytes(run + 6);
      System.arraycopy(b, start, bytes, byteCount, run);
      byteCount += run;
      pos = p;
      if (p == l) {
        if (!fill(1)) {
          throw syntaxError("Unterminated string");
        }
      } else if (c == '"') {
        pos = p + 1;
        bytes[byteCount++] = '"';
        return signs >= 0;
      } else if (c == '\\') {
        pos = p + 1;
        readEscape();
        bytes[byteCount++] = '\\';
        // The escape's own bytes end at pos; a refill may have moved what came before them.
        if (unicodeEscape) {
          bytes[byteCount++] = 'u';
          System.arraycopy(buffer, pos - 4, bytes, byteCount, 4);
          byteCount += 4;
        } else {
          bytes[byteCount++] = buffer[pos - 1];
        }
      } else {
        throw syntaxError("Unescaped control characters (\\u0000-\\u001F) are not allowed");
      }
    }
  }

  /**
   * Writes a value buffered by a failed numeric read as a JSON string, which is what {@link
   * #peek()} calls it by then; true if it is all ASCII.
   */
  private boolean appendBuffered(String text) {
    StringBuilder json = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    byte[] encoded = json.append('"').toString().getBytes(StandardCharsets.UTF_8);
    ensureBytes(encoded.length);
    System.arraycopy(encoded, 0, bytes, byteCount, encoded.length);
    byteCount += encoded.length;
    return encoded.length == json.length();
  }

  private void appendAscii(String text) {
    ensureBytes(text.length());
    for (int i = 0; i < text.length(); i++) {
      bytes[byteCount++] = (byte) text.charAt(i);
    }
  }

  private void appendByte(byte b) {
    if (byteCount == bytes.length) {
      bytes = Arrays.copyOf(bytes, bytes.length * 2);
    }
    bytes[byteCount++] = b;
  }

  private void ensureBytes(int more) {
    if (byteCount + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(byteCount + more, bytes.length * 2));
    }
  }

  private void ensureChars(int size) {
    if (size > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(size, chars.length * 2));
    }
  }

  /**
   * The short plain-ASCII string values this reader returned, so that a value that repeats (a
   * namespace, an image, {@code IfNotPresent}, a label value) is one instance however many objects
   * hold it: a list of 10,000 pods repeats most of its strings, and an informer keeps them all.
   *
   * <p>Per reader, never shared, so values (which may be secret) live no longer than the reader and
   * what it returned; a direct-mapped table of at most {@value #SIZE} entries, allocated on first
   * use, so any input leaves it bounded. A miss costs what it always cost, one new String.
   */
  private static final class RepeatedValues {
    private static final int SIZE = 2048;
    private static final int MAX_LENGTH = 48;
    private @Nullable String @Nullable [] table;

    /** The value in {@code b[start, start + length)}, plain ASCII whose hash (31-based) is {@code hash}. */
    String of(byte[] b, int start, int length, int hash) {
      if (length > MAX_LENGTH) {
        return new String(b, start, length, StandardCharsets.ISO_8859_1);
      }
      @Nullable String[] t = table;
      if (t == null) {
        t = table = new String[SIZE];
      }
      int index = (hash ^ (hash >>> 11)) & (SIZE - 1);
      String cached = t[index];
      if (cached != null && cached.hashCode() == hash && sameChars(cached, b, start, length)) {
        return cached;
      }
      String value = new String(b, start, length, StandardCharsets.ISO_8859_1);
      t[index] = value;
      return value;
    }

    // String.hashCode of an ISO-8859-1 string is the same 31-based hash of its bytes, and is
    // cached in the String, so a collision is usually told apart without reading the characters.
    private static boolean sameChars(String cached, byte[] b, int start, int length) {
      if (cached.length() != length) {
        return false;
      }
      for (int i = 0; i < length; i++) {
        if (cached.charAt(i) != (char) b[start + i]) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Interned property names shared by every reader, looked up by their UTF-8 bytes so that a known
   * name costs no allocation and is the same instance as the string literal in a {@code switch}.
   *
   * <p>Thread-safe without locks: a direct-mapped table of immutable entries whose fields are
   * final, so a racing reader sees either a whole entry or an older one; a lost write only costs a
   * later miss. It holds at most {@value #SIZE} names, so any input leaves it bounded.
   */
  private static final class CanonicalNames {
    private static final int SIZE = 4096;
    private static final int MAX_LENGTH = 64;
    private static final Entry[] TABLE = new Entry[SIZE];

    private CanonicalNames() {}

    /**
     * The name in {@code b[start, start + length)}, plain ASCII whose hash (31-based) is {@code
     * hash}.
     */
    static String of(byte[] b, int start, int length, int hash) {
      if (length > MAX_LENGTH) {
        return new String(b, start, length, StandardCharsets.ISO_8859_1);
      }
      int index = (hash ^ (hash >>> 12)) & (SIZE - 1);
      Entry entry = TABLE[index];
      if (entry != null && entry.hash == hash && sameBytes(entry.bytes, b, start, length)) {
        return entry.name;
      }
      String name = new String(b, start, length, StandardCharsets.ISO_8859_1).intern();
      TABLE[index] = new Entry(hash, Arrays.copyOfRange(b, start, start + length), name);
      return name;
    }

    /** A plain loop: names are too short for {@code Arrays.equals} to pay for its setup. */
    private static boolean sameBytes(byte[] cached, byte[] b, int start, int length) {
      if (cached.length != length) {
        return false;
      }
      for (int i = 0; i < length; i++) {
        if (cached[i] != b[start + i]) {
          return false;
        }
      }
      return true;
    }

    private static final class Entry {
      final int hash;
      final byte[] bytes;
      final String name;

      Entry(int hash, byte[] bytes, String name) {
        this.hash = hash;
        this.bytes = bytes;
        this.name = name;
      }
    }
  }
}
