package dev.kubesdk.config;

import java.util.List;

/**
 * Configuration cannot be loaded or is invalid. The message names the file, the entry and the
 * field, says what is wrong and how to fix it, and never contains a secret; {@link #problems()}
 * lists every problem found when there is more than one.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Every problem found, one sentence each; the message joins them. */
  private final List<String> problems;

  /** One problem. */
  public ConfigException(String message) {
    this(message, (Throwable) null);
  }

  /** One problem, caused by {@code cause} (whose message must hold no secret). */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of(message);
  }

  /** Several problems, reported together. */
  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, each a complete message. */
  public List<String> problems() {
    return problems;
  }
}
