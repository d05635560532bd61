package dev.kubesdk.runtime;

import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks a property against inputs drawn from a fixed seed, so every run tries the same inputs and a
 * failure can be replayed.
 *
 * <p>The seed drives a {@code new Random(seed)} that hands out one seed per case; each case's input is
 * drawn from its own {@code new Random(caseSeed)}. A failure names the seed, the case, the case seed and
 * the input, so the failing input can be regenerated alone: {@code generator.apply(new
 * Random(caseSeed))}.
 *
 * @param <T> the kind of input
 */
final class SeededCases<T> {
  /** Draws candidates until one passes a filter; past this many, the filter is too strict. */
  private static final int MAX_FILTER_ATTEMPTS = 10_000;

  /** A property of one input; it fails by throwing, as an assertion does. */
  @FunctionalInterface
  interface Property<T> {
    void check(T input) throws Exception;
  }

  /** Characters JSON writers escape, and the ones gson escapes to keep HTML safe. */
  private static final String ESCAPED = "\"\\/<>&='\u2028\u2029";

  private final long seed;
  private final int tries;
  private final Function<Random, T> generator;

  private SeededCases(long seed, int tries, Function<Random, T> generator) {
    this.seed = seed;
    this.tries = tries;
    this.generator = generator;
  }

  /** {@code tries} inputs from {@code generator}, the first drawn from {@code seed}. */
  static <T> SeededCases<T> of(long seed, int tries, Function<Random, T> generator) {
    return new SeededCases<>(seed, tries, generator);
  }

  /**
   * A generator that draws from {@code generator} until {@code accepted} holds, failing after {@value
   * #MAX_FILTER_ATTEMPTS} rejected draws instead of looping forever.
   */
  static <T> Function<Random, T> filtered(Function<Random, T> generator, Predicate<T> accepted) {
    return random -> {
      for (int attempt = 0; attempt < MAX_FILTER_ATTEMPTS; attempt++) {
        T candidate = generator.apply(random);
        if (accepted.test(candidate)) {
          return candidate;
        }
      }
      throw new IllegalStateException(
          "The filter rejected " + MAX_FILTER_ATTEMPTS + " draws in a row; loosen it or the generator");
    };
  }

  /** Runs {@code property} on every input; the first failure stops the run and names its input. */
  void check(Property<T> property) {
    Random caseSeeds = new Random(seed);
    for (int index = 1; index <= tries; index++) {
      long caseSeed = caseSeeds.nextLong();
      T input = generator.apply(new Random(caseSeed));
      try {
        property.check(input);
      } catch (Exception | AssertionError e) {
        throw new AssertionError(
            String.format(
                "Property failed on case %d of %d (seed %dL, case seed %dL) for input %s%n%s",
                index, tries, seed, caseSeed, describe(input), e.getMessage()),
            e);
      }
    }
  }

  /**
   * Any string of UTF-16 units, up to 255 long and mostly short: printable ASCII, control characters,
   * characters JSON or HTML writers escape, any BMP unit (lone surrogates included) and surrogate pairs.
   */
  static String unicodeString(Random random) {
    int length = random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(17);
    StringBuilder text = new StringBuilder(length + 1);
    while (text.length() < length) {
      int kind = random.nextInt(10);
      if (kind < 3) {
        text.append((char) (0x20 + random.nextInt(0x5f)));
      } else if (kind == 3) {
        text.append((char) (random.nextInt(9) == 0 ? 0x7f : random.nextInt(0x20)));
      } else if (kind == 4) {
        text.append(ESCAPED.charAt(random.nextInt(ESCAPED.length())));
      } else if (kind < 9) {
        text.append((char) random.nextInt(0x10000));
      } else {
        text.appendCodePoint(0x10000 + random.nextInt(0x110000 - 0x10000));
      }
    }
    return text.toString();
  }

  /** The input as it would be written in Java, so an odd character is visible and can be copied. */
  static String describe(Object input) {
    if (!(input instanceof String text)) {
      return String.valueOf(input);
    }
    StringBuilder literal = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> literal.append("\\\"");
        case '\\' -> literal.append("\\\\");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            literal.append(c);
          } else {
            literal.append(String.format("\\u%04x", (int) c));
          }
        }
      }
    }
    return literal.append('"').toString();
  }
}
