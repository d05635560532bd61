package dev.kubesdk.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A credential could not be had in time: an exec plugin ran past its deadline and was stopped
 * (see {@link LoadOptions#execPluginTimeout()}), or a request waited longer than it may for a
 * refresh that another thread is running ({@link Credentials#authorization(Duration)}). The
 * message names the user entry, the plugin command or credential source, and the limit; never the
 * plugin's output.
 */
public class CredentialsTimeoutException extends ConfigException {
  private static final long serialVersionUID = 1L;

  /** The deadline the credential source did not meet. */
  private final Duration timeout;

  /**
   * A timeout.
   *
   * @param message names the entry, the source and the limit; holds no secret
   * @param timeout the limit that was exceeded
   */
  public CredentialsTimeoutException(String message, Duration timeout) {
    super(message);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** The limit that was exceeded. */
  public Duration timeout() {
    return timeout;
  }
}
