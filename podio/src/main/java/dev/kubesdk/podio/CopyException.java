package dev.kubesdk.podio;

/**
 * A copy to or from a pod did not complete: the archive from the pod holds an entry that would
 * land outside the destination (an absolute path, a {@code ..} that climbs out, a symbolic or hard
 * link pointing outside, a path through a link), or an entry of a kind that is not copied (device,
 * FIFO), or {@code tar} in the pod failed. Nothing is ever written outside the destination; what
 * was extracted before the refused entry stays.
 */
public final class CopyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public CopyException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public CopyException(String message, Throwable cause) {
    super(message, cause);
  }
}
