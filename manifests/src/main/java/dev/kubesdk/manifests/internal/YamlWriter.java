package dev.kubesdk.manifests.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Writes a JSON tree as block YAML in kubectl's layout (list items at their key's indentation, two
 * spaces per level). A string is written plain only when every YAML 1.1 reader, go-yaml included,
 * reads it back as that same string; otherwise it is double-quoted with JSON escapes (valid YAML), or
 * written as a literal block when it spans lines. Numbers, booleans and null are written as JSON
 * writes them, so the YAML reads back to the same tree.
 */
public final class YamlWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private YamlWriter() {}

  /** Appends {@code tree} as one YAML document (no {@code ---}). */
  public static void write(JsonElement tree, StringBuilder out) {
    if (tree instanceof JsonObject object && !object.isEmpty()) {
      mapping(object, 0, false, out);
    } else if (tree instanceof JsonArray array && !array.isEmpty()) {
      sequence(array, 0, false, out);
    } else {
      scalarOrEmpty(tree, 2, out);
      out.append('\n');
    }
  }

  private static void mapping(JsonObject object, int indent, boolean inline, StringBuilder out) {
    boolean first = true;
    for (Map.Entry<String, JsonElement> e : object.entrySet()) {
      if (!first || !inline) {
        pad(indent, out);
      }
      first = false;
      string(e.getKey(), out);
      out.append(':');
      JsonElement v = e.getValue();
      if (v instanceof JsonObject child && !child.isEmpty()) {
        out.append('\n');
        mapping(child, indent + 2, false, out);
      } else if (v instanceof JsonArray child && !child.isEmpty()) {
        out.append('\n');
        sequence(child, indent, false, out);
      } else {
        out.append(' ');
        scalarOrEmpty(v, indent + 2, out);
        out.append('\n');
      }
    }
  }

  private static void sequence(JsonArray array, int indent, boolean inline, StringBuilder out) {
    boolean first = true;
    for (JsonElement v : array) {
      if (!first || !inline) {
        pad(indent, out);
      }
      first = false;
      out.append("- ");
      if (v instanceof JsonObject child && !child.isEmpty()) {
        mapping(child, indent + 2, true, out);
      } else if (v instanceof JsonArray child && !child.isEmpty()) {
        sequence(child, indent + 2, true, out);
      } else {
        scalarOrEmpty(v, indent + 2, out);
        out.append('\n');
      }
    }
  }

  /** A scalar, {@code {}} or {@code []}; {@code blockIndent} is where a literal block's lines go. */
  private static void scalarOrEmpty(JsonElement v, int blockIndent, StringBuilder out) {
    if (v instanceof JsonObject) {
      out.append("{}");
    } else if (v instanceof JsonArray) {
      out.append("[]");
    } else if (v instanceof JsonPrimitive p) {
      if (p.isString()) {
        String s = p.getAsString();
        if (s.indexOf('\n') >= 0 && literalFits(s)) {
          literal(s, blockIndent, out);
        } else {
          string(s, out);
        }
      } else if (p.isBoolean()) {
        out.append(p.getAsBoolean());
      } else {
        out.append(p.getAsNumber().toString());
      }
    } else {
      out.append("null");
    }
  }

  private static void string(String s, StringBuilder out) {
    if (plainFits(s)) {
      out.append(s);
    } else {
      quoted(s, out);
    }
  }

  /** Whether {@code s} can be written without quotes and still read back as this string. */
  static boolean plainFits(String s) {
    int n = s.length();
    if (n == 0) {
      return false;
    }
    char c0 = s.charAt(0);
    // Indicators, white space at the ends, and anything that starts like a number (YAML 1.1 has
    // many number forms: 0x1f, 1_000, 190:20:30, .5, +1).
    if ("-?:,[]{}#&*!|>'\"%@`~=<. +".indexOf(c0) >= 0 || (c0 >= '0' && c0 <= '9') || s.charAt(n - 1) == ' ' || s.charAt(n - 1) == ':') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\ufeff' || (c >= 0xd800 && c <= 0xdfff)) {
        return false;
      }
      if (c == ':' && i + 1 < n && s.charAt(i + 1) == ' ') {
        return false;
      }
      if (c == '#' && s.charAt(i - 1) == ' ') {
        return false;
      }
    }
    if (n == 1 && "yYnN".indexOf(c0) >= 0) {
      // go-yaml reads y and n as booleans.
      return false;
    }
    return Scalars.resolve(s).equals(Tag.STR);
  }

  /** Whether a multi-line string reads back unchanged from a literal block. */
  private static boolean literalFits(String s) {
    if (s.charAt(0) == ' ' || s.charAt(0) == '\n') {
      // A leading space or empty first line would need an indentation indicator.
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\n') || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\ufeff' || (c >= 0xd800 && c <= 0xdfff)) {
        return false;
      }
      // Trailing white space on a line is kept by a literal block, but a line of spaces only
      // before a more indented one is not worth the risk.
      if (c == '\n' && i > 0 && s.charAt(i - 1) == ' ') {
        return false;
      }
    }
    return true;
  }

  private static void literal(String s, int indent, StringBuilder out) {
    int end = s.length();
    int trailing = 0;
    while (end > 0 && s.charAt(end - 1) == '\n') {
      end--;
      trailing++;
    }
    out.append(trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+");
    int start = 0;
    while (start <= end) {
      int nl = s.indexOf('\n', start);
      if (nl < 0 || nl > end) {
        nl = end;
      }
      out.append('\n');
      if (nl > start) {
        pad(indent, out);
        out.append(s, start, nl);
      }
      start = nl + 1;
    }
    for (int i = 1; i < trailing; i++) {
      out.append('\n');
    }
  }

  private static void quoted(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\ufeff' || (Character.isSurrogate(c) && !validPair(s, i))) {
            out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  private static void pad(int indent, StringBuilder out) {
    for (int i = 0; i < indent; i++) {
      out.append(' ');
    }
  }
}
