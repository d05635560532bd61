package dev.kubesdk.config;

import java.util.Base64;
import java.util.Random;
import java.util.function.Function;

/**
 * Checks a property against inputs drawn from a fixed seed, so every run tries the same inputs and a
 * failure can be replayed.
 *
 * <p>The seed drives a {@code new Random(seed)} that hands out one seed per case; each case's input is
 * drawn from its own {@code new Random(caseSeed)}. A failure names the seed, the case, the case seed and
 * the input, so the failing input can be regenerated alone: {@code generator.apply(new
 * Random(caseSeed))}, or pasted from the message.
 *
 * @param <T> the kind of input
 */
final class SeededCases<T> {
  /** A property of one input; it fails by throwing, as an assertion does. */
  @FunctionalInterface
  interface Property<T> {
    void check(T input) throws Exception;
  }

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

  /** Runs {@code property} on every input; the first failure stops the run and names its input. */
  void check(Property<T> property) {
    Random caseSeeds = new Random(seed);
    for (int index = 1; index <= tries; index++) {
      long caseSeed = caseSeeds.nextLong();
      T input = generator.apply(new Random(caseSeed));
      try {
        property.check(input);
      } catch (Exception | AssertionError | StackOverflowError e) {
        // StackOverflowError too: deeply nested input is exactly what a parser fuzz test looks for.
        throw new AssertionError(
            String.format(
                "Property failed on case %d of %d (seed %dL, case seed %dL) for input %s%n%s: %s",
                index, tries, seed, caseSeed, describe(input), e.getClass().getName(), e.getMessage()),
            e);
      }
    }
  }

  /**
   * The input as it would be written in Java, so an odd character is visible and the input can be
   * pasted into a test: a string as a literal, bytes as the Base64 text that decodes to them.
   */
  static String describe(Object input) {
    if (input instanceof byte[] bytes) {
      return "byte[" + bytes.length + "] Base64.getDecoder().decode(\""
          + Base64.getEncoder().encodeToString(bytes) + "\")";
    }
    if (!(input instanceof String text)) {
      return String.valueOf(input);
    }
    StringBuilder literal = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> literal.append("\\\"");
        case '\\' -> literal.append("\\\\");
        case '\n' -> literal.append("\\n");
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
