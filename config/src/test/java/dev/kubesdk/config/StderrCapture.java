package dev.kubesdk.config;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what slf4j-simple writes to System.err while a test runs; restores System.err on close. */
final class StderrCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  StderrCapture() {
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  /** Everything written so far. */
  String text() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** How many lines written so far contain both {@code level} and {@code text}. */
  long lines(String level, String text) {
    return text().lines().filter(l -> l.contains(level) && l.contains(text)).count();
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
