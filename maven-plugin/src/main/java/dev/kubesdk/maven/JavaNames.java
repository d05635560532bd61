package dev.kubesdk.maven;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Java identifiers from JSON names, CRD groups and kinds. */
final class JavaNames {
  static final Set<String> KEYWORDS =
      Set.of(
          "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
          "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
          "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
          "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
          "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "var",
          "record", "yield", "sealed", "permits", "non-sealed", "_");

  private JavaNames() {}

  /**
   * The field name of JSON property {@code json}: camel case over any character a Java identifier cannot
   * hold ({@code max-surge} → {@code maxSurge}), a leading {@code _} before a digit or a keyword. Null when
   * nothing of the name is usable (e.g. {@code "-"}).
   */
  static @Nullable String field(String json) {
    String camel = camel(json, false);
    if (camel.isEmpty()) {
      return null;
    }
    if (!Character.isJavaIdentifierStart(camel.charAt(0)) || KEYWORDS.contains(camel)) {
      return "_" + camel;
    }
    return camel;
  }

  /** The part after {@code get}/{@code set}: the field name without a leading {@code _}, first letter upper case. */
  static String capitalized(String field) {
    String bare = field.startsWith("_") ? field.substring(1) : field;
    String result = bare.isEmpty() ? "" : Character.toUpperCase(bare.charAt(0)) + bare.substring(1);
    return result.isEmpty() || !Character.isJavaIdentifierStart(result.charAt(0)) ? "_" + result : result;
  }

  /** {@code spec} → {@code Spec}, {@code max-surge} → {@code MaxSurge}: a class name part. */
  static String pascal(String json) {
    return camel(json, true);
  }

  /** {@code stable.example.com} and {@code v1} → {@code com.example.stable.v1}. */
  static String packageOf(String group, String version) {
    String[] parts = group.split("\\.");
    StringBuilder name = new StringBuilder();
    for (int i = parts.length - 1; i >= 0; i--) {
      if (!parts[i].isEmpty()) {
        name.append(name.length() == 0 ? "" : ".").append(segment(parts[i]));
      }
    }
    return name.length() == 0 ? segment(version) : name + "." + segment(version);
  }

  /** {@code base} with the version segment appended. */
  static String packageWithVersion(String base, String version) {
    return base + "." + segment(version);
  }

  /** A package segment: lower case, {@code -} as {@code _}, {@code _} before a digit or keyword. */
  static String segment(String text) {
    StringBuilder s = new StringBuilder();
    for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
      s.append(Character.isJavaIdentifierPart(c) ? c : '_');
    }
    String result = s.toString();
    return result.isEmpty() || !Character.isJavaIdentifierStart(result.charAt(0)) || KEYWORDS.contains(result)
        ? "_" + result
        : result;
  }

  /** Whether {@code name} is a dotted sequence of Java identifiers, none a keyword. */
  static boolean isPackage(String name) {
    for (String part : name.split("\\.", -1)) {
      if (part.isEmpty() || KEYWORDS.contains(part) || !Character.isJavaIdentifierStart(part.charAt(0))) {
        return false;
      }
      for (char c : part.toCharArray()) {
        if (!Character.isJavaIdentifierPart(c)) {
          return false;
        }
      }
    }
    return true;
  }

  private static String camel(String json, boolean upperFirst) {
    StringBuilder s = new StringBuilder();
    boolean upper = upperFirst;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c < 128 && Character.isLetterOrDigit(c)) {
        s.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = s.length() > 0 || upperFirst;
      }
    }
    return s.toString();
  }
}
