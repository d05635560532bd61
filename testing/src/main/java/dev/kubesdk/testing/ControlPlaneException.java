package dev.kubesdk.testing;

/**
 * The local control plane, or the cluster a test asked for, could not be built, started or reached.
 * The message says which part failed and ends with the last lines of its log when there is one.
 */
public class ControlPlaneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with no underlying exception. */
  public ControlPlaneException(String message) {
    super(message);
  }

  /** A failure caused by {@code cause}. */
  public ControlPlaneException(String message, Throwable cause) {
    super(message, cause);
  }
}
