package dev.kubesdk.codegen;

/**
 * Spec text (descriptions of definitions, properties, operations and parameters) made safe to place in a
 * Javadoc comment, as it should read there: quotes, apostrophes and backticks as written, and only what
 * Javadoc or the Java compiler would misread escaped.
 *
 * <ul>
 *   <li>{@code &}, {@code <} and {@code >} become {@code &amp;}, {@code &lt;}, {@code &gt;}: Javadoc is HTML,
 *       and {@code <none>} would be read as a tag;
 *   <li>{@code @} becomes {@code &#64;}: a line starting with {@code @param} would start a block tag, and
 *       {@code {@code}} an inline one;
 *   <li>{@code *}{@code /} becomes {@code *&#47;}, which would end the comment;
 *   <li>a backslash becomes {@code &#92;}: the compiler reads {@code \}{@code u0041} as a character in any
 *       part of a source file, comments included;
 *   <li>line breaks and tabs become spaces, so the text stays on the comment's line.
 * </ul>
 *
 * <p>The generator's own escaping is meant for Java string literals and then HTML-escaped again by the
 * template engine, which put {@code \&quot;default\&quot;} in the Javadoc; templates print this text with
 * triple braces instead.
 */
public final class JavadocText {
  private JavadocText() {}

  /**
   * {@code text} escaped for a Javadoc comment; null for null or blank text, so that a template section
   * falls back to its default wording.
   */
  public static String of(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    StringBuilder result = new StringBuilder(text.length() + 16);
    String trimmed = text.strip();
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      switch (c) {
        case '&' -> result.append("&amp;");
        case '<' -> result.append("&lt;");
        case '>' -> result.append("&gt;");
        case '@' -> result.append("&#64;");
        case '\\' -> result.append("&#92;");
        case '\n', '\r', '\t' -> result.append(' ');
        case '/' -> result.append(i > 0 && trimmed.charAt(i - 1) == '*' ? "&#47;" : "/");
        default -> result.append(c);
      }
    }
    return result.toString();
  }
}
