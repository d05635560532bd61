package dev.kubesdk.manifests;

/**
 * The server serves no resource for a kind or resource name, even after discovery was refreshed:
 * the CRD is not installed (or not Established yet), the group or version is not served, or the
 * name is misspelt. apimachinery's {@code NoKindMatchError} / {@code NoResourceMatchError}.
 */
public final class NoMappingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}, which names what was looked up and what is served. */
  public NoMappingException(String message) {
    super(message);
  }
}
