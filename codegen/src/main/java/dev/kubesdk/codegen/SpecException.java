package dev.kubesdk.codegen;

/**
 * The Kubernetes spec cannot be turned into code as it is: a checksum mismatch, a type the generator does not
 * know, a name collision that cannot be resolved. Its message names the file or definition, the property or
 * operation, and the fix, so a build failure reads as an instruction.
 */
public final class SpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming where the problem is and how to fix it. */
  public SpecException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the I/O or parse failure behind it. */
  public SpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
