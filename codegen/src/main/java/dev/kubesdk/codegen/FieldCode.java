package dev.kubesdk.codegen;

import java.util.List;
import java.util.Map;

/**
 * Java source fragments for one property of a generated model: how its streaming TypeAdapter reads and
 * writes it, and how {@code equals}, {@code hashCode} and {@code toString} treat it. Computing them here, not
 * in the mustache template, keeps the template flat and the logic testable.
 *
 * <p>Reads call the reader directly for scalars ({@code in.nextString()}, {@code in.nextLong()}) and a
 * delegate adapter obtained once per Gson for everything else; arrays and maps are read element by element.
 * No JsonElement tree is built except for free-form JSON values and unknown fields.
 */
public final class FieldCode {
  private FieldCode() {}

  /**
   * Statements that read one JSON value (possibly null) and pass it to {@code assign}, a format with one
   * {@code %s} for the value expression (e.g. {@code "result.items = %s;"}).
   */
  public static String read(FieldType type, String assign, String indent) {
    StringBuilder code = new StringBuilder();
    read(type, assign, indent, 0, code);
    return code.toString();
  }

  private static void read(FieldType type, String assign, String indent, int depth, StringBuilder code) {
    if (type instanceof FieldType.Adapted adapted) {
      code.append(indent).append(String.format(assign, adapted.adapter() + ".read(in)")).append('\n');
      return;
    }
    code.append(indent).append("if (in.peek() == JsonToken.NULL) {\n");
    code.append(indent).append("  in.nextNull();\n");
    code.append(indent).append("  ").append(String.format(assign, "null")).append('\n');
    code.append(indent).append("} else {\n");
    String inner = indent + "  ";
    if (type instanceof FieldType.Scalar scalar) {
      code.append(inner).append(String.format(assign, scalar.read())).append('\n');
    } else if (type instanceof FieldType.ListOf list) {
      String local = "list" + depth;
      code.append(inner)
          .append(list.declaration())
          .append(' ')
          .append(local)
          .append(" = new ArrayList<>();\n");
      code.append(inner).append("in.beginArray();\n");
      code.append(inner).append("while (in.hasNext()) {\n");
      read(list.element(), escape(local) + ".add(%s);", inner + "  ", depth + 1, code);
      code.append(inner).append("}\n");
      code.append(inner).append("in.endArray();\n");
      code.append(inner).append(String.format(assign, local)).append('\n');
    } else if (type instanceof FieldType.MapOf map) {
      String local = "map" + depth;
      String key = "key" + depth;
      code.append(inner)
          .append(map.declaration())
          .append(' ')
          .append(local)
          .append(" = new LinkedHashMap<>();\n");
      code.append(inner).append("in.beginObject();\n");
      code.append(inner).append("while (in.hasNext()) {\n");
      code.append(inner).append("  String ").append(key).append(" = in.nextName();\n");
      read(map.value(), escape(local) + ".put(" + key + ", %s);", inner + "  ", depth + 1, code);
      code.append(inner).append("}\n");
      code.append(inner).append("in.endObject();\n");
      code.append(inner).append(String.format(assign, local)).append('\n');
    }
    code.append(indent).append("}\n");
  }

  /** Statements that write {@code value} (an expression, possibly null) as one JSON value. */
  public static String write(FieldType type, String value, String indent) {
    StringBuilder code = new StringBuilder();
    write(type, value, indent, 0, false, code);
    return code.toString();
  }

  /** Like {@link #write} for a value the caller has already checked is not null. */
  public static String writeNonNull(FieldType type, String value, String indent) {
    StringBuilder code = new StringBuilder();
    write(type, value, indent, 0, true, code);
    return code.toString();
  }

  private static void write(
      FieldType type, String value, String indent, int depth, boolean nonNull, StringBuilder code) {
    if (type instanceof FieldType.Scalar scalar) {
      code.append(indent).append(scalar.write(value)).append('\n');
      return;
    }
    if (type instanceof FieldType.Adapted adapted) {
      code.append(indent).append(adapted.adapter()).append(".write(out, ").append(value).append(");\n");
      return;
    }
    String inner = indent;
    if (!nonNull) {
      code.append(indent).append("if (").append(value).append(" == null) {\n");
      code.append(indent).append("  out.nullValue();\n");
      code.append(indent).append("} else {\n");
      inner = indent + "  ";
    }
    if (type instanceof FieldType.ListOf list) {
      String element = "element" + depth;
      code.append(inner).append("out.beginArray();\n");
      code.append(inner)
          .append("for (")
          .append(list.element().declaration())
          .append(' ')
          .append(element)
          .append(" : ")
          .append(value)
          .append(") {\n");
      write(list.element(), element, inner + "  ", depth + 1, false, code);
      code.append(inner).append("}\n");
      code.append(inner).append("out.endArray();\n");
    } else if (type instanceof FieldType.MapOf map) {
      String entry = "entry" + depth;
      code.append(inner).append("out.beginObject();\n");
      code.append(inner)
          .append("for (Map.Entry<String, ")
          .append(map.value().declaration())
          .append("> ")
          .append(entry)
          .append(" : ")
          .append(value)
          .append(".entrySet()) {\n");
      code.append(inner).append("  out.name(").append(entry).append(".getKey());\n");
      write(map.value(), entry + ".getValue()", inner + "  ", depth + 1, false, code);
      code.append(inner).append("}\n");
      code.append(inner).append("out.endObject();\n");
    }
    if (!nonNull) {
      code.append(indent).append("}\n");
    }
  }

  /** Expression comparing {@code a} and {@code b}, by content for byte arrays. */
  public static String equalsExpression(FieldType type, String a, String b) {
    if (type == FieldType.Scalar.BYTES) {
      return "Arrays.equals(" + a + ", " + b + ")";
    }
    if (type.containsBytes()) {
      // Collections compare their elements with equals(), which is identity for arrays.
      return "Objects.equals(contentOf(" + a + "), contentOf(" + b + "))";
    }
    return "Objects.equals(" + a + ", " + b + ")";
  }

  /** Expression giving a hash code of {@code a} consistent with {@link #equalsExpression}. */
  public static String hashExpression(FieldType type, String a) {
    if (type == FieldType.Scalar.BYTES) {
      return "Arrays.hashCode(" + a + ")";
    }
    if (type.containsBytes()) {
      return "Objects.hashCode(contentOf(" + a + "))";
    }
    return "Objects.hashCode(" + a + ")";
  }

  /**
   * Expression giving the text {@code toString()} prints for {@code a}: {@code <redacted>} when {@code
   * sensitive}, the map with the values of {@code sensitiveKeys} redacted when there are any, and never the
   * content of bytes.
   */
  public static String toStringExpression(
      FieldType type, String a, boolean sensitive, List<String> sensitiveKeys) {
    if (sensitive) {
      return "(" + a + " == null ? \"null\" : \"<redacted>\")";
    }
    if (!sensitiveKeys.isEmpty()) {
      if (!(type instanceof FieldType.MapOf) || type.containsBytes()) {
        throw new SpecException(
            "property " + a + " has sensitive keys but is not a map of text; only string maps can redact keys");
      }
      StringBuilder call = new StringBuilder("dev.kubesdk.runtime.internal.Redaction.mapText(").append(a);
      for (String key : sensitiveKeys) {
        call.append(", ").append(javaString(key));
      }
      return call.append(')').toString();
    }
    if (type == FieldType.Scalar.BYTES) {
      return "(" + a + " == null ? \"null\" : \"<\" + " + a + ".length + \" bytes>\")";
    }
    if (type.containsBytes()) {
      return "String.valueOf(contentOf(" + a + "))";
    }
    return "String.valueOf(" + a + ")";
  }

  /** {@code text} as a Java string literal. */
  static String javaString(String text) {
    StringBuilder literal = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        literal.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        literal.append(String.format("\\u%04x", (int) c));
      } else {
        literal.append(c);
      }
    }
    return literal.append('"').toString();
  }

  /**
   * Expression storing the argument {@code a} of a setter: lists and maps are copied into an {@code
   * ArrayList} or {@code LinkedHashMap}, so that {@code addXItem}/{@code putXItem} work after {@code
   * setX(List.of(..))} and later changes to the caller's collection do not show in the model. The copy is
   * shallow, as the collection's own copy constructors are.
   */
  public static String copyIn(FieldType type, String a) {
    if (type instanceof FieldType.ListOf) {
      return a + " == null ? null : new ArrayList<>(" + a + ")";
    }
    if (type instanceof FieldType.MapOf) {
      return a + " == null ? null : new LinkedHashMap<>(" + a + ")";
    }
    return a;
  }

  /** Adds to {@code fields} (name → initializer) the delegate adapters {@code type} needs. */
  public static void collectAdapters(FieldType type, Map<String, FieldType.Adapted> fields) {
    if (type instanceof FieldType.Adapted adapted && adapted.adapterField() != null) {
      fields.putIfAbsent(adapted.adapterField(), adapted);
    } else if (type instanceof FieldType.ListOf list) {
      collectAdapters(list.element(), fields);
    } else if (type instanceof FieldType.MapOf map) {
      collectAdapters(map.value(), fields);
    }
  }

  private static String escape(String format) {
    return format.replace("%", "%%");
  }
}
