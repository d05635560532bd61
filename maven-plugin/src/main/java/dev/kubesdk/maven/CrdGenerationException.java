package dev.kubesdk.maven;

/**
 * A CustomResourceDefinition that cannot be turned into Java: the message names the file, the CRD, the
 * version and the JSON path of the schema node, what is wrong there and how to fix it. {@link GenerateMojo}
 * reports it as a build failure.
 */
public final class CrdGenerationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CrdGenerationException(String message) {
    super(message);
  }

  CrdGenerationException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The message for a schema node: {@code file: CRD name, version v: path: problem; fix}. */
  static CrdGenerationException at(SchemaContext where, String path, String problem, String fix) {
    return new CrdGenerationException(where.describe() + ": " + path + ": " + problem + "; " + fix);
  }
}
