package dev.kubesdk.runtime.internal;

/** Text written as a Java string literal, so that odd characters are visible, and copyable, in a failure. */
final class JavaLiterals {
  private JavaLiterals() {}

  static String of(String text) {
    StringBuilder literal = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        literal.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        literal.append(c);
      } else {
        literal.append(String.format("\\u%04x", (int) c));
      }
    }
    return literal.append('"').toString();
  }
}
