package dev.kubesdk.runtime;

import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes {@code resource.Quantity}: an exact decimal amount such as {@code 500m} (half a
 * CPU), {@code 1.5Gi} (bytes) or {@code 1e3}. Immutable and thread-safe.
 *
 * <p>{@link #parse(String)} accepts every form apimachinery's {@code ParseQuantity} accepts, with
 * the same value: an optional sign, a decimal number ({@code 1}, {@code 1.5}, {@code .5}, {@code
 * 1.}) and an optional suffix, one of
 *
 * <ul>
 *   <li>decimal SI ({@link Format#DECIMAL_SI}): {@code n u m k M G T P E} (10<sup>-9</sup> to
 *       10<sup>18</sup>) or none, as in {@code 100m}, {@code 1k}, {@code 1.5};
 *   <li>binary SI ({@link Format#BINARY_SI}): {@code Ki Mi Gi Ti Pi Ei} (2<sup>10</sup> to
 *       2<sup>60</sup>), as in {@code 512Mi}, {@code 1.5Gi};
 *   <li>a decimal exponent ({@link Format#DECIMAL_EXPONENT}): {@code e} or {@code E} and a signed
 *       integer, as in {@code 1e3}, {@code 1E-3}.
 * </ul>
 *
 * <p>Like apimachinery, values are rounded away from zero to a multiple of 10<sup>-9</sup> ({@code
 * 0.1n} is {@code 1n}) and binary SI values are capped at 2<sup>63</sup>-1.
 *
 * <p><b>Text.</b> {@link #toString()} and the JSON adapter give back exactly the text that was
 * parsed, so an object read from the API server is written back byte for byte. {@link #canonical()}
 * gives the text the API server itself would write for this value (apimachinery's {@code
 * Quantity.String()}): {@code 1000m} becomes {@code 1}, {@code 1.5Gi} becomes {@code 1536Mi}.
 *
 * <p><b>Comparison and equality.</b> Both are numeric and ignore the text and the format, as
 * apimachinery's {@code Quantity.Cmp} and {@code Equal} do: {@code 1000m} equals {@code 1}, {@code
 * 1Ki} equals {@code 1024}, and {@code 1Gi} is greater than {@code 1G}. {@link #compareTo} is
 * therefore consistent with {@link #equals}. Compare {@link #toString()} to tell spellings apart.
 *
 * <pre>{@code
 * Quantity limit = Quantity.parse("512Mi");
 * Quantity used = Quantity.parse("600M");
 * boolean over = used.compareTo(limit) > 0;               // true: 600,000,000 > 536,870,912
 * BigDecimal cores = Quantity.parse("250m").toBigDecimal(); // 0.250
 * }</pre>
 */
@JsonAdapter(Quantity.GsonAdapter.class)
public final class Quantity implements Comparable<Quantity> {

  /** How a quantity is written: the kind of suffix it was parsed with and is formatted with. */
  public enum Format {
    /** A decimal SI suffix or none: {@code 100m}, {@code 1k}, {@code 1.5}, {@code 2G}. */
    DECIMAL_SI,
    /** A binary SI suffix: {@code 512Mi}, {@code 1.5Gi}. */
    BINARY_SI,
    /** A decimal exponent: {@code 1e3}, {@code 1E-3}. */
    DECIMAL_EXPONENT
  }

  private static final String ACCEPTED_FORMS =
      "a quantity is an optional sign, a decimal number and an optional suffix: decimal SI"
          + " (n, u, m, k, M, G, T, P, E, as in 100m or 1.5), binary SI (Ki, Mi, Gi, Ti, Pi, Ei,"
          + " as in 512Mi) or an exponent (e or E and an integer, as in 1e3 or 1E-3)";

  /** The smallest magnitude apimachinery keeps: 1n; anything finer is rounded up to it. */
  private static final int NANO_SCALE = 9;

  /** apimachinery's cap on binary SI values: the largest int64. */
  private static final BigDecimal MAX_BINARY = BigDecimal.valueOf(Long.MAX_VALUE);

  /** The largest multiple of 3 that the parser's 32-bit exponent holds. */
  private static final long MAX_EXPONENT = 2_147_483_646L;

  private static final BigDecimal BINARY_SI_THRESHOLD = BigDecimal.valueOf(1024);

  /** Decimal SI suffixes by (exponent + 9) / 3. */
  private static final String[] DECIMAL_SUFFIXES = {
    "n", "u", "m", "", "k", "M", "G", "T", "P", "E"
  };

  /** Binary SI suffixes by exponent / 10. */
  private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  private final String text;
  private final BigDecimal value;
  private final Format format;
  private final boolean textIsCanonical;

  // Computed on first use. Racy single-check, as in String.hashCode: every thread computes the same
  // immutable result, so a lost race only repeats the work.
  private @Nullable String canonical;
  private int hash;

  private Quantity(String text, BigDecimal value, Format format, boolean textIsCanonical) {
    this.text = text;
    this.value = value;
    this.format = format;
    this.textIsCanonical = textIsCanonical;
  }

  /**
   * Parses a quantity as apimachinery's {@code ParseQuantity} does: same accepted forms, same
   * value, same format. The result keeps {@code text} for {@link #toString()} and JSON.
   *
   * <p>apimachinery's leniencies are kept, because the API server accepts and stores them: a sign
   * alone, {@code .} or a suffix alone ({@code Ki}, {@code m}) mean zero, and {@code 1.} means
   * {@code 1}. Whitespace is not accepted (the JSON adapter trims it first, as the server does).
   *
   * @param text the quantity, such as {@code 500m}, {@code 1.5Gi} or {@code 1e3}
   * @return the quantity
   * @throws IllegalArgumentException if {@code text} is not a quantity; the message names the text
   *     and the accepted forms
   */
  public static Quantity parse(String text) {
    Objects.requireNonNull(text, "text");
    // Mirrors ParseQuantity and parseQuantityString in k8s.io/apimachinery
    // pkg/api/resource/quantity.go step by step: which texts fail, which take the int64 fast path
    // (and keep their text as the canonical form) and which take the inf.Dec path (and get rounded
    // and capped) all follow from that code, and the server's answers depend on them.
    int end = text.length();
    if (end == 0) {
      throw invalid(text, "it is empty");
    }
    if (text.equals("0")) {
      return new Quantity(text, BigDecimal.ZERO, Format.DECIMAL_SI, true);
    }
    boolean positive = true;
    int pos = 0;
    char first = text.charAt(0);
    if (first == '-') {
      positive = false;
      pos++;
    } else if (first == '+') {
      pos++;
    }
    int zerosStart = pos;
    while (pos < end && text.charAt(pos) == '0') {
      pos++;
    }
    boolean leadingZeros = pos > zerosStart;
    if (pos == end) {
      // Only a sign and zeros (or only a sign): zero, like apimachinery.
      return new Quantity(text, BigDecimal.ZERO, Format.DECIMAL_SI, false);
    }
    int numStart = pos;
    while (pos < end && isDigit(text.charAt(pos))) {
      pos++;
    }
    int numEnd = pos;
    int denomStart = pos;
    int denomEnd = pos;
    if (pos < end && text.charAt(pos) == '.') {
      pos++;
      denomStart = pos;
      while (pos < end && isDigit(text.charAt(pos))) {
        pos++;
      }
      denomEnd = pos;
    }
    int suffixStart = pos;
    while (pos < end && isSuffixLetter(text.charAt(pos))) {
      pos++;
    }
    if (pos < end) {
      char c = text.charAt(pos);
      if (c == '+' || c == '-') {
        pos++;
      }
      while (pos < end && isDigit(text.charAt(pos))) {
        pos++;
      }
      if (pos < end) {
        throw invalid(text, "unexpected '" + text.charAt(pos) + "' at index " + pos);
      }
    }
    String suffix = text.substring(suffixStart, end);

    // interpret(suffix): base, exponent, format
    int base = 10;
    int exponent;
    Format format = Format.DECIMAL_SI;
    switch (suffix) {
      case "" -> exponent = 0;
      case "n" -> exponent = -9;
      case "u" -> exponent = -6;
      case "m" -> exponent = -3;
      case "k" -> exponent = 3;
      case "M" -> exponent = 6;
      case "G" -> exponent = 9;
      case "T" -> exponent = 12;
      case "P" -> exponent = 15;
      case "E" -> exponent = 18;
      case "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" -> {
        base = 2;
        format = Format.BINARY_SI;
        exponent = 10 * (1 + "KMGTPE".indexOf(suffix.charAt(0)));
      }
      default -> {
        char c = suffix.charAt(0);
        if (suffix.length() < 2 || (c != 'e' && c != 'E')) {
          throw invalid(text, "unknown suffix \"" + suffix + "\"");
        }
        long parsed;
        try {
          parsed = Long.parseLong(suffix, 1, suffix.length(), 10);
        } catch (NumberFormatException e) {
          throw invalid(text, "unknown suffix \"" + suffix + "\"");
        }
        // apimachinery keeps the exponent in an int32 and converts without a range check; the
        // cast wraps the same way, so the server and this class agree on the value.
        exponent = (int) parsed;
        format = Format.DECIMAL_EXPONENT;
      }
    }

    int numLength = Math.max(1, numEnd - numStart);
    int denomLength = denomEnd - denomStart;
    int precision;
    int scale;
    long mantissa = 1;
    if (format == Format.BINARY_SI) {
      scale = 0;
      if (denomLength == 0) {
        mantissa = 1L << exponent;
        // 1Mi (2^20) has ~6 digits of decimal precision, so exponent*3/10 approximates them.
        precision = 15 - numLength - exponent * 3 / 10 - 1;
      } else {
        precision = -1;
      }
    } else {
      scale = exponent;
      precision = 18 - (numLength + denomLength);
    }

    if (precision >= 0) {
      scale -= denomLength;
      if (scale >= -NANO_SCALE) {
        long shifted = 0;
        for (int i = numStart; i < numEnd; i++) {
          shifted = shifted * 10 + (text.charAt(i) - '0');
        }
        for (int i = denomStart; i < denomEnd; i++) {
          shifted = shifted * 10 + (text.charAt(i) - '0');
        }
        if (shifted <= Long.MAX_VALUE / mantissa) {
          long result = shifted * mantissa;
          if (!positive) {
            result = -result;
          }
          boolean canonicalText;
          if (format == Format.BINARY_SI) {
            canonicalText = (shifted & 0x07) != 0;
          } else {
            // apimachinery's test on its "shifted" digit string (numerator without leading
            // zeros, "0" when empty, then denominator): no leading 0 and no trailing 000.
            canonicalText =
                scale % 3 == 0
                    && numEnd > numStart
                    && !endsWithThreeZeros(text, numStart, numEnd, denomStart, denomEnd);
          }
          return new Quantity(text, BigDecimal.valueOf(result, -scale), format, canonicalText);
        }
      }
    }

    // The inf.Dec path: exact arithmetic, then apimachinery's rounding and cap.
    if (!leadingZeros && numEnd == numStart && denomLength == 0) {
      throw invalid(text, "there are no digits before the suffix");
    }
    BigInteger unscaled = digits(text, numStart, numEnd, denomStart, denomEnd);
    int decimalScale = denomLength;
    if (base == 10) {
      // int arithmetic wraps like inf.Scale (int32) does.
      decimalScale = decimalScale + (-exponent);
    } else {
      unscaled = unscaled.shiftLeft(exponent);
    }
    BigDecimal amount = roundUpToNano(new BigDecimal(unscaled, decimalScale));
    if (format == Format.BINARY_SI) {
      if (amount.compareTo(MAX_BINARY) > 0) {
        amount = MAX_BINARY;
      }
      if (amount.signum() > 0 && amount.compareTo(BigDecimal.ONE) < 0) {
        format = Format.DECIMAL_SI;
      }
    }
    return new Quantity(text, positive ? amount : amount.negate(), format, false);
  }

  /**
   * A quantity with this value, written in {@code format}'s canonical form ({@link #canonical()}
   * and {@link #toString()} give the same text). Like {@link #parse(String)}, the value is rounded
   * away from zero to a multiple of 10<sup>-9</sup>.
   *
   * @param value the amount, e.g. {@code new BigDecimal("0.25")} for {@code 250m}
   * @param format how to write it; {@link Format#BINARY_SI} falls back to decimal SI for values
   *     that are not whole multiples of 1024, as apimachinery does
   * @return the quantity
   */
  public static Quantity of(BigDecimal value, Format format) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(format, "format");
    BigDecimal rounded =
        value.signum() < 0 ? roundUpToNano(value.negate()).negate() : roundUpToNano(value);
    String text = canonicalText(rounded, format);
    return new Quantity(text, rounded, format, true);
  }

  /**
   * The exact value, after apimachinery's rounding to 10<sup>-9</sup> and binary SI cap: {@code
   * 500m} is {@code 0.500}, {@code 1Ki} is {@code 1024}.
   *
   * @return the value
   */
  public BigDecimal toBigDecimal() {
    return value;
  }

  /**
   * The format this quantity was parsed with, used by {@link #canonical()}. A binary SI text whose
   * value lies strictly between 0 and 1 ({@code 0.5Ki} is 512, but {@code .000000000001Ki} is not)
   * reports {@link Format#DECIMAL_SI}, as in apimachinery.
   *
   * @return the format
   */
  public Format format() {
    return format;
  }

  /**
   * The text the API server writes for this quantity: apimachinery's {@code Quantity.String()}.
   *
   * <p>Its canonical form has no fraction digits and the largest suffix of the format that keeps
   * the value exact: {@code 1.5} becomes {@code 1500m}, {@code 1000m} becomes {@code 1}, {@code
   * 1.5Gi} becomes {@code 1536Mi}, {@code 12e6} stays {@code 12e6}. A binary SI value below 1024 in
   * magnitude, or not a whole number, is written in decimal SI ({@code 0.5Ki} becomes {@code 512}).
   *
   * <p>Like {@code String()}, a text that apimachinery's parser already recognises as canonical is
   * returned as written, even with an explicit {@code +}, leading zeros or a capital {@code E}
   * exponent ({@code +1}, {@code 01}, {@code 1E3}): that is what the server stores and returns.
   *
   * <p>One deliberate difference: apimachinery drops the suffix of a decimal SI value of 1000E
   * (10<sup>21</sup>) or more, writing {@code 1000E} as {@code 1}; this method writes such values
   * with an exponent ({@code 1e21}), which keeps the value.
   *
   * @return the canonical text
   */
  public String canonical() {
    String result = canonical;
    if (result == null) {
      result = textIsCanonical ? text : canonicalText(value, format);
      canonical = result;
    }
    return result;
  }

  /**
   * Compares values numerically, whatever their text or format: {@code 1Gi} is greater than {@code
   * 1G}, {@code 1000m} and {@code 1} compare as equal.
   *
   * @param other the quantity to compare with
   * @return a negative number, zero or a positive number as this is less than, equal to or greater
   *     than {@code other}
   */
  @Override
  public int compareTo(Quantity other) {
    return value.compareTo(other.value);
  }

  /**
   * Equal when the values are numerically equal, as in {@link #compareTo}: {@code 1000m} equals
   * {@code 1}. Text and format are ignored; compare {@link #toString()} for those.
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Quantity that && value.compareTo(that.value) == 0;
  }

  /** A hash of the numeric value, consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    int result = hash;
    if (result == 0) {
      Decimal normal = Decimal.of(value);
      result = 31 * normal.mantissa.hashCode() + Long.hashCode(normal.exponent);
      hash = result;
    }
    return result;
  }

  /**
   * The text this quantity was parsed from, exactly: the form written back to JSON. For a quantity
   * made by {@link #of}, its canonical text.
   */
  @Override
  public String toString() {
    return text;
  }

  /**
   * Reads a quantity from a JSON string (or number) and writes back the text it was read from.
   * Found by Gson through the {@link JsonAdapter} annotation on {@link Quantity}, so {@code
   * gson.getAdapter(Quantity.class)} works on any Gson instance; there is no need to use this class
   * directly.
   *
   * <p>As apimachinery's {@code UnmarshalJSON} does, surrounding whitespace is trimmed and a JSON
   * number is read as the quantity it spells ({@code 1.5} as {@code 1.5}); a quantity is always
   * written as a JSON string. {@code null} reads as {@code null}. Invalid text is reported as a
   * {@link JsonSyntaxException} naming the JSON path. Stateless and thread-safe.
   */
  public static final class GsonAdapter extends TypeAdapter<Quantity> {
    private static final Quantity[] SHARED = new Quantity[1024];

    /** Creates the adapter; called by Gson. */
    public GsonAdapter() {}

    @Override
    public void write(JsonWriter out, @Nullable Quantity value) throws IOException {
      if (value == null) {
        out.nullValue();
      } else {
        out.value(value.text);
      }
    }

    @Override
    public @Nullable Quantity read(JsonReader in) throws IOException {
      JsonToken token = in.peek();
      switch (token) {
        case NULL:
          in.nextNull();
          return null;
        case STRING:
        case NUMBER:
          String text = in.nextString().strip();
          // The same few quantities ("100m", "128Mi") repeat across every object of a list or a
          // watch: one shared instance per text, from a small bounded table, keeps an informer's
          // cache from holding a Quantity and a BigDecimal per field. Quantities are immutable, and
          // their final fields make a racing read see a whole one or none.
          int slot = text.hashCode() & (SHARED.length - 1);
          Quantity shared = SHARED[slot];
          if (shared != null && shared.text.equals(text)) {
            return shared;
          }
          try {
            Quantity parsed = parse(text);
            SHARED[slot] = parsed;
            return parsed;
          } catch (IllegalArgumentException e) {
            throw new JsonSyntaxException(in.getPreviousPath() + ": " + e.getMessage(), e);
          }
        default:
          throw new JsonSyntaxException(
              in.getPath()
                  + ": expected a quantity as a JSON string, such as \"500m\" or \"1Gi\", found "
                  + token);
      }
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSuffixLetter(char c) {
    return switch (c) {
      case 'e', 'E', 'i', 'n', 'u', 'm', 'k', 'K', 'M', 'G', 'T', 'P' -> true;
      default -> false;
    };
  }

  /** Whether the numerator digits followed by the denominator digits end in "000". */
  private static boolean endsWithThreeZeros(
      String text, int numStart, int numEnd, int denomStart, int denomEnd) {
    int zeros = 0;
    for (int i = denomEnd - 1; i >= denomStart && zeros < 3; i--) {
      if (text.charAt(i) != '0') {
        return false;
      }
      zeros++;
    }
    for (int i = numEnd - 1; i >= numStart && zeros < 3; i--) {
      if (text.charAt(i) != '0') {
        return false;
      }
      zeros++;
    }
    return zeros == 3;
  }

  private static BigInteger digits(
      String text, int numStart, int numEnd, int denomStart, int denomEnd) {
    StringBuilder digits = new StringBuilder(numEnd - numStart + denomEnd - denomStart + 1);
    digits.append(text, numStart, numEnd).append(text, denomStart, denomEnd);
    return digits.length() == 0 ? BigInteger.ZERO : new BigInteger(digits.toString());
  }

  /** Rounds a non-negative amount up to a multiple of 10^-9, without ever padding its scale. */
  private static BigDecimal roundUpToNano(BigDecimal amount) {
    if (amount.signum() == 0 || amount.scale() <= NANO_SCALE) {
      return amount;
    }
    // Below 10^-9 (precision - scale <= -9) the answer is 1n; deciding that first keeps a text
    // like 1e-999999999 from costing a division by 10^999999990.
    if ((long) amount.precision() - amount.scale() <= -NANO_SCALE) {
      return BigDecimal.ONE.movePointLeft(NANO_SCALE);
    }
    return amount.setScale(NANO_SCALE, RoundingMode.UP);
  }

  /** apimachinery's CanonicalizeBytes for a value computed afresh. */
  private static String canonicalText(BigDecimal value, Format format) {
    if (value.signum() == 0) {
      return "0";
    }
    Decimal normal = Decimal.of(value);
    BigInteger mantissa = normal.mantissa;
    long exponent = normal.exponent;
    if (format == Format.BINARY_SI) {
      BigDecimal magnitude = value.abs();
      // Above 2^63-1 (only reachable through of()) apimachinery would run out of suffixes and
      // drop the suffix; decimal SI keeps the value.
      if (exponent >= 0
          && magnitude.compareTo(BINARY_SI_THRESHOLD) >= 0
          && magnitude.compareTo(MAX_BINARY) <= 0) {
        BigInteger whole = mantissa.multiply(BigInteger.TEN.pow((int) exponent));
        // Each factor of 1024 is ten trailing zero bits, whatever the sign.
        int steps = Math.min(whole.getLowestSetBit() / 10, BINARY_SUFFIXES.length - 1);
        return whole.shiftRight(10 * steps) + BINARY_SUFFIXES[steps];
      }
      format = Format.DECIMAL_SI;
    }
    int extra = (int) Math.floorMod(exponent, 3L);
    if (extra != 0) {
      mantissa = mantissa.multiply(BigInteger.TEN.pow(extra));
      exponent -= extra;
    }
    if (exponent > MAX_EXPONENT) {
      // The parser reads exponents as int32, so a longer one would come back as another value;
      // move the excess into the mantissa (only reachable near the int range, so it is short).
      mantissa = mantissa.multiply(BigInteger.TEN.pow((int) (exponent - MAX_EXPONENT)));
      exponent = MAX_EXPONENT;
    }
    if (format == Format.DECIMAL_SI && exponent >= -9 && exponent <= 18) {
      return mantissa + DECIMAL_SUFFIXES[(int) (exponent + 9) / 3];
    }
    // A decimal exponent, or decimal SI beyond E (see canonical()).
    return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
  }

  /**
   * A non-zero value as mantissa * 10^exponent with no factor of 10 left in the mantissa. Unlike
   * BigDecimal.stripTrailingZeros(), the exponent is a long: exponents near the int range, which
   * apimachinery accepts ("100e2147483647"), cannot overflow.
   */
  private static final class Decimal {
    final BigInteger mantissa;
    final long exponent;

    private Decimal(BigInteger mantissa, long exponent) {
      this.mantissa = mantissa;
      this.exponent = exponent;
    }

    static Decimal of(BigDecimal value) {
      BigInteger mantissa = value.unscaledValue();
      long exponent = -(long) value.scale();
      if (mantissa.signum() == 0) {
        return new Decimal(mantissa, 0);
      }
      while (!mantissa.testBit(0)) {
        BigInteger[] quotientAndRemainder = mantissa.divideAndRemainder(BigInteger.TEN);
        if (quotientAndRemainder[1].signum() != 0) {
          break;
        }
        mantissa = quotientAndRemainder[0];
        exponent++;
      }
      return new Decimal(mantissa, exponent);
    }
  }

  private static IllegalArgumentException invalid(String text, String reason) {
    String shown =
        text.length() <= 80
            ? text
            : text.substring(0, 64) + "... (" + text.length() + " characters)";
    return new IllegalArgumentException(
        "Invalid quantity \"" + shown + "\": " + reason + "; " + ACCEPTED_FORMS);
  }
}
