package dev.kubesdk.manifests;

import org.jspecify.annotations.Nullable;

/**
 * A manifest cannot be read or written: not YAML, not an object with {@code apiVersion} and {@code
 * kind}, a value that does not fit the kind's model, or over a safety limit. The message names the
 * source, the document and the line, e.g. {@code deploy.yaml: document 2 (line 14): ...}; it never
 * quotes the document's values (they may be secret data).
 */
public final class ManifestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Where the manifest came from: a file, or the name given to a text or a stream. */
  private final String source;
  /** The document's position in the stream, from 1; 0 for none. */
  private final int document;
  /** The line in the source, from 1; 0 when unknown. */
  private final int line;

  /**
   * A problem in {@code source}.
   *
   * @param source the file, URL-less stream name or {@code <string>}
   * @param document the document's position in the stream, from 1; 0 when the problem is not in one
   * @param line the line in the source, from 1; 0 when unknown
   * @param problem what is wrong and how to fix it
   * @param cause the underlying failure, or null
   */
  public ManifestException(String source, int document, int line, String problem, @Nullable Throwable cause) {
    super(where(source, document, line) + problem, cause);
    this.source = source;
    this.document = document;
    this.line = line;
  }

  /** The file or stream name the manifest came from. */
  public String source() {
    return source;
  }

  /** The document's position in the stream, from 1 ({@code ---} separates documents); 0 for none. */
  public int document() {
    return document;
  }

  /** The line in the source, from 1; 0 when unknown. */
  public int line() {
    return line;
  }

  private static String where(String source, int document, int line) {
    StringBuilder b = new StringBuilder(source);
    if (document > 0) {
      b.append(": document ").append(document);
    }
    if (line > 0) {
      b.append(document > 0 ? " (line " + line + ")" : ": line " + line);
    }
    return b.append(": ").toString();
  }
}
