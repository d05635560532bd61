package dev.kubesdk.manifests.internal;

import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A reader for the YAML that manifests are made of: block mappings and sequences (kubectl's layout or
 * indented), one-line plain, quoted and flow scalars, literal blocks, comments and {@code ---}. It
 * writes each document straight as JSON text. Anything else (anchors, aliases, tags, folded or
 * multi-line scalars, flow collections over several lines, tabs, directives, explicit keys, CR line
 * ends) makes it give up, and snakeyaml reads the stream instead, so the answer is the same either
 * way, only sooner: snakeyaml's general scanner was most of the time of loading a manifest.
 *
 * <p>Not thread-safe; one instance reads one text.
 */
final class BlockYaml {
  /** Thrown to give the stream to snakeyaml. */
  private static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GiveUp() {
      super(null, null, false, false);
    }
  }

  private static final GiveUp GIVE_UP = new GiveUp();

  private final String text;
  private final String source;
  private final int[] starts;
  private final int[] ends;
  private final int lineCount;
  private int line;
  private int document;
  private @Nullable String apiVersion;
  private @Nullable String kind;

  private BlockYaml(String text, String source) {
    this.text = text;
    this.source = source;
    int n = 1;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      n++;
    }
    starts = new int[n];
    ends = new int[n];
    int at = 0;
    for (int l = 0; l < n; l++) {
      int nl = text.indexOf('\n', at);
      starts[l] = at;
      ends[l] = nl < 0 ? text.length() : nl;
      at = nl + 1;
    }
    lineCount = n;
  }

  /** The documents of {@code text} as JSON, or null when the text needs snakeyaml. */
  static @Nullable List<YamlTrees.JsonDocument> read(String source, String text) {
    if (text.indexOf('\t') >= 0 || text.indexOf('\r') >= 0 || (!text.isEmpty() && text.charAt(0) == '\ufeff')) {
      return null;
    }
    try {
      return new BlockYaml(text, source).documents();
    } catch (GiveUp | ArrayIndexOutOfBoundsException | StringIndexOutOfBoundsException e) {
      return null;
    } catch (dev.kubesdk.manifests.ManifestException e) {
      // A value without a JSON form: snakeyaml's path reports it with its position.
      return null;
    }
  }

  private List<YamlTrees.JsonDocument> documents() {
    List<YamlTrees.JsonDocument> out = new ArrayList<>();
    StringBuilder json = new StringBuilder(4096);
    line = 0;
    while (true) {
      boolean explicit = false;
      int startLine = -1;
      // Skip blank and comment lines; a --- line starts a document explicitly.
      while (line < lineCount) {
        if (isMarker(line, "---")) {
          if (ends[line] - starts[line] > 3) {
            throw GIVE_UP;
          }
          explicit = true;
          startLine = line;
          line++;
          break;
        }
        if (isMarker(line, "...") || (ends[line] > starts[line] && text.charAt(starts[line]) == '%')) {
          throw GIVE_UP;
        }
        if (!blank(line)) {
          break;
        }
        line++;
      }
      skipBlank();
      if (line >= lineCount || isMarker(line, "---")) {
        if (explicit) {
          document++;
          out.add(new YamlTrees.JsonDocument(document, startLine + 1, "null", null, null, false));
          continue;
        }
        return out;
      }
      document++;
      if (startLine < 0) {
        startLine = line;
      }
      json.setLength(0);
      apiVersion = null;
      kind = null;
      int indent = indent(line);
      boolean object = false;
      if (indent != 0) {
        throw GIVE_UP;
      }
      if (isSequenceItem(line, 0)) {
        sequence(0, 0, json);
      } else if (keyEnd(line, 0) >= 0) {
        object = true;
        mapping(0, 0, 0, json);
      } else {
        throw GIVE_UP;
      }
      skipBlank();
      if (line < lineCount && !isMarker(line, "---")) {
        throw GIVE_UP;
      }
      if (json.length() > YamlTrees.MAX_DOCUMENT_CODE_POINTS) {
        throw GIVE_UP;
      }
      out.add(new YamlTrees.JsonDocument(document, startLine + 1, json.toString(), apiVersion, kind, object));
    }
  }

  private boolean isMarker(int l, String marker) {
    int s = starts[l];
    return text.startsWith(marker, s) && (ends[l] == s + 3 || text.charAt(s + 3) == ' ');
  }

  /** Blank or comment only. */
  private boolean blank(int l) {
    for (int i = starts[l]; i < ends[l]; i++) {
      char c = text.charAt(i);
      if (c == '#') {
        return true;
      }
      if (c != ' ') {
        return false;
      }
    }
    return true;
  }

  private void skipBlank() {
    while (line < lineCount && blank(line) && !isMarker(line, "---")) {
      line++;
    }
  }

  private int indent(int l) {
    int i = starts[l];
    while (i < ends[l] && text.charAt(i) == ' ') {
      i++;
    }
    return i - starts[l];
  }

  private boolean isSequenceItem(int l, int column) {
    int i = starts[l] + column;
    return i < ends[l] && text.charAt(i) == '-' && (i + 1 == ends[l] || text.charAt(i + 1) == ' ');
  }

  /**
   * Where the key of a mapping entry starting at {@code column} of line {@code l} ends (the index of
   * its colon), or -1 when the line holds no entry there.
   */
  private int keyEnd(int l, int column) {
    int i = starts[l] + column;
    int end = ends[l];
    if (i >= end) {
      return -1;
    }
    char c = text.charAt(i);
    if (c == '"' || c == '\'') {
      int close = quotedEnd(i, end);
      return close + 1 < end && text.charAt(close + 1) == ':' && (close + 2 == end || text.charAt(close + 2) == ' ') ? close + 1 : -1;
    }
    if ("-?:,[]{}#&*!|>%@`".indexOf(c) >= 0 && !(c == '-' && i + 1 < end && text.charAt(i + 1) != ' ')) {
      if (c == '?' || c == '&' || c == '*' || c == '!') {
        throw GIVE_UP;
      }
      return -1;
    }
    for (; i < end; i++) {
      c = text.charAt(i);
      if (c == ':' && (i + 1 == end || text.charAt(i + 1) == ' ')) {
        return i;
      }
      if (c == '#' && text.charAt(i - 1) == ' ') {
        return -1;
      }
    }
    return -1;
  }

  /** The index of the closing quote of the quoted scalar opening at {@code open}, on this line. */
  private int quotedEnd(int open, int end) {
    char q = text.charAt(open);
    for (int i = open + 1; i < end; i++) {
      char c = text.charAt(i);
      if (q == '"' && c == '\\') {
        i++;
      } else if (c == q) {
        if (q == '\'' && i + 1 < end && text.charAt(i + 1) == '\'') {
          i++;
        } else {
          return i;
        }
      }
    }
    throw GIVE_UP;
  }

  /** A block mapping whose keys start at {@code column}; its first entry may start mid-line (after "- "). */
  private void mapping(int column, int firstColumnOffset, int depth, StringBuilder out) {
    if (depth > YamlTrees.MAX_DEPTH) {
      throw GIVE_UP;
    }
    out.append('{');
    boolean first = true;
    int offset = firstColumnOffset;
    while (true) {
      if (!first) {
        skipBlank();
        if (line >= lineCount || isMarker(line, "---")) {
          break;
        }
        int ind = indent(line);
        if (ind < column) {
          break;
        }
        if (ind > column) {
          throw GIVE_UP;
        }
        if (isSequenceItem(line, column)) {
          break;
        }
        offset = column;
      }
      int colon = keyEnd(line, offset);
      if (colon < 0) {
        throw GIVE_UP;
      }
      int keyStart = starts[line] + offset;
      String key = keyText(keyStart, colon);
      if (!first) {
        out.append(',');
      }
      first = false;
      YamlTrees.quote(key, out);
      out.append(':');
      int valueStart = colon + 1;
      boolean top = depth == 0 && (key.equals("apiVersion") || key.equals("kind"));
      int mark = out.length();
      value(valueStart, column, true, depth, out);
      if (top && out.charAt(mark) == '"') {
        String v = com.google.gson.JsonParser.parseString(out.substring(mark)).getAsString();
        if (key.equals("apiVersion")) {
          apiVersion = v;
        } else {
          kind = v;
        }
      }
    }
    out.append('}');
  }

  private String keyText(int start, int colon) {
    char c = text.charAt(start);
    if (c == '"' || c == '\'') {
      return quoted(start, quotedEnd(start, colon + 1));
    }
    String key = text.substring(start, colon).stripTrailing();
    if (key.equals("<<")) {
      throw GIVE_UP;
    }
    return YamlTrees.plainKey(key);
  }

  /**
   * The value after a key's colon (or a sequence item's dash) at index {@code at} of the current
   * line, whose parent starts at {@code parentColumn}; leaves {@link #line} after the value.
   */
  private void value(int at, int parentColumn, boolean indentless, int depth, StringBuilder out) {
    int end = ends[line];
    int i = at;
    while (i < end && text.charAt(i) == ' ') {
      i++;
    }
    if (i == end || text.charAt(i) == '#') {
      // The value is on the next lines: a deeper block, a sequence at the key's column, or null.
      line++;
      skipBlank();
      if (line < lineCount && !isMarker(line, "---")) {
        int ind = indent(line);
        if (ind > parentColumn) {
          block(ind, depth + 1, out);
          return;
        }
        if (indentless && ind == parentColumn && isSequenceItem(line, ind)) {
          sequence(ind, depth + 1, out);
          return;
        }
      }
      out.append("null");
      return;
    }
    char c = text.charAt(i);
    switch (c) {
      case '|' -> literal(i, parentColumn, out);
      case '>', '&', '*', '!', '?', '%', '@', '`' -> throw GIVE_UP;
      case '"', '\'' -> {
        int close = quotedEnd(i, end);
        YamlTrees.quote(quoted(i, close), out);
        rest(close + 1, end);
        line++;
      }
      case '[', '{' -> {
        int[] pos = {i};
        flow(pos, end, depth, out);
        rest(pos[0], end);
        line++;
      }
      default -> {
        if (",]}".indexOf(c) >= 0 || ((c == '-' || c == ':') && (i + 1 == end || text.charAt(i + 1) == ' '))) {
          throw GIVE_UP;
        }
        int stop = plainEnd(i, end, false);
        String v = text.substring(i, stop).stripTrailing();
        rest(stop, end);
        line++;
        // A deeper line after a plain value would continue it over several lines.
        int save = line;
        skipBlank();
        if (line < lineCount && !isMarker(line, "---") && indent(line) > parentColumn) {
          throw GIVE_UP;
        }
        line = save;
        YamlTrees.writeJson(YamlTrees.plain(v, source, document, line), out);
      }
    }
  }

  /** A node whose first line starts at column {@code column} of the current line. */
  private void block(int column, int depth, StringBuilder out) {
    if (isSequenceItem(line, column)) {
      sequence(column, depth, out);
    } else if (keyEnd(line, column) >= 0) {
      mapping(column, column, depth, out);
    } else {
      throw GIVE_UP;
    }
  }

  private void sequence(int column, int depth, StringBuilder out) {
    if (depth > YamlTrees.MAX_DEPTH) {
      throw GIVE_UP;
    }
    out.append('[');
    boolean first = true;
    while (true) {
      skipBlank();
      if (line >= lineCount || isMarker(line, "---") || indent(line) != column || !isSequenceItem(line, column)) {
        if (line < lineCount && !isMarker(line, "---") && indent(line) > column) {
          throw GIVE_UP;
        }
        break;
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      int afterDash = starts[line] + column + 1;
      int end = ends[line];
      int i = afterDash;
      while (i < end && text.charAt(i) == ' ') {
        i++;
      }
      int itemColumn = i - starts[line];
      if (i < end && text.charAt(i) != '#' && keyEnd(line, itemColumn) >= 0) {
        // A compact mapping: "- name: web" with the next keys under "name".
        mapping(itemColumn, itemColumn, depth + 1, out);
      } else if (i < end && isSequenceItem(line, itemColumn)) {
        throw GIVE_UP;
      } else {
        value(afterDash, column, false, depth, out);
      }
    }
    out.append(']');
  }

  /** Only white space or a comment may follow a value on its line. */
  private void rest(int from, int end) {
    int i = from;
    while (i < end && text.charAt(i) == ' ') {
      i++;
    }
    if (i < end && (text.charAt(i) != '#' || text.charAt(i - 1) != ' ')) {
      throw GIVE_UP;
    }
  }

  /** Where a plain scalar starting at {@code i} ends: a comment, or in flow context a flow indicator or ": ". */
  private int plainEnd(int i, int end, boolean flow) {
    for (int j = i; j < end; j++) {
      char c = text.charAt(j);
      if (c == '#' && j > i && text.charAt(j - 1) == ' ') {
        return j;
      }
      if (c == ':' && (j + 1 == end || text.charAt(j + 1) == ' ' || (flow && ",[]{}".indexOf(text.charAt(j + 1)) >= 0))) {
        if (!flow) {
          throw GIVE_UP;
        }
        return j;
      }
      if (flow && ",[]{}".indexOf(c) >= 0) {
        return j;
      }
    }
    return end;
  }

  private String quoted(int open, int close) {
    char q = text.charAt(open);
    if (q == '\'') {
      return text.substring(open + 1, close).replace("''", "'");
    }
    StringBuilder b = new StringBuilder(close - open);
    for (int i = open + 1; i < close; i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = text.charAt(++i);
      switch (e) {
        case '\\', '"', '/' -> b.append(e);
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case '0' -> b.append('\0');
        case ' ' -> b.append(' ');
        case 'u' -> {
          b.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> throw GIVE_UP;
      }
    }
    return b.toString();
  }

  /** A one-line flow collection at {@code pos[0]}; advances {@code pos[0]} past it. */
  private void flow(int[] pos, int end, int depth, StringBuilder out) {
    if (depth > YamlTrees.MAX_DEPTH) {
      throw GIVE_UP;
    }
    char open = text.charAt(pos[0]);
    char close = open == '[' ? ']' : '}';
    pos[0]++;
    out.append(open);
    boolean first = true;
    while (true) {
      skipSpaces(pos, end);
      if (pos[0] >= end) {
        throw GIVE_UP;
      }
      if (text.charAt(pos[0]) == close) {
        pos[0]++;
        break;
      }
      if (!first) {
        if (text.charAt(pos[0]) != ',') {
          throw GIVE_UP;
        }
        pos[0]++;
        skipSpaces(pos, end);
        if (pos[0] < end && text.charAt(pos[0]) == close) {
          pos[0]++;
          break;
        }
        out.append(',');
      }
      first = false;
      if (open == '{') {
        String key = flowScalarText(pos, end, true);
        YamlTrees.quote(key, out);
        skipSpaces(pos, end);
        if (pos[0] >= end || text.charAt(pos[0]) != ':') {
          throw GIVE_UP;
        }
        pos[0]++;
        out.append(':');
        skipSpaces(pos, end);
      }
      flowNode(pos, end, depth, out);
    }
    out.append(close);
  }

  private void flowNode(int[] pos, int end, int depth, StringBuilder out) {
    char c = text.charAt(pos[0]);
    if (c == '[' || c == '{') {
      flow(pos, end, depth + 1, out);
    } else if (c == '"' || c == '\'') {
      int close = quotedEnd(pos[0], end);
      YamlTrees.quote(quoted(pos[0], close), out);
      pos[0] = close + 1;
    } else if ("&*!?|>%@`#".indexOf(c) >= 0 || ((c == '-' || c == ':') && (pos[0] + 1 == end || text.charAt(pos[0] + 1) == ' '))) {
      throw GIVE_UP;
    } else {
      int stop = plainEnd(pos[0], end, true);
      String v = text.substring(pos[0], stop).strip();
      if (v.isEmpty()) {
        throw GIVE_UP;
      }
      pos[0] = stop;
      YamlTrees.writeJson(YamlTrees.plain(v, source, document, line + 1), out);
    }
  }

  private String flowScalarText(int[] pos, int end, boolean key) {
    char c = text.charAt(pos[0]);
    if (c == '"' || c == '\'') {
      int close = quotedEnd(pos[0], end);
      String v = quoted(pos[0], close);
      pos[0] = close + 1;
      return v;
    }
    if ("[]{},&*!?|>%@`#".indexOf(c) >= 0) {
      throw GIVE_UP;
    }
    int stop = plainEnd(pos[0], end, true);
    String v = text.substring(pos[0], stop).strip();
    pos[0] = stop;
    if (v.equals("<<")) {
      throw GIVE_UP;
    }
    return key ? YamlTrees.plainKey(v) : v;
  }

  private void skipSpaces(int[] pos, int end) {
    while (pos[0] < end && text.charAt(pos[0]) == ' ') {
      pos[0]++;
    }
  }

  /** A literal block ({@code |}, {@code |-}, {@code |+}) whose indicator is at {@code at}. */
  private void literal(int at, int parentColumn, StringBuilder out) {
    int end = ends[line];
    char chomp = at + 1 < end ? text.charAt(at + 1) : ' ';
    int after = at + 1;
    if (chomp == '+') {
      // Keep-chomping's trailing lines are not worth the edge cases; snakeyaml reads them.
      throw GIVE_UP;
    }
    if (chomp == '-') {
      after++;
    } else {
      chomp = ' ';
    }
    rest(after, end);
    if (after < end && text.charAt(after) != ' ' && text.charAt(after) != '#') {
      throw GIVE_UP;
    }
    line++;
    // The content's indentation is that of its first non-empty line.
    int first = line;
    while (first < lineCount && ends[first] == starts[first] + indent(first) && !isMarker(first, "---")) {
      first++;
    }
    StringBuilder content = new StringBuilder();
    if (first < lineCount && !isMarker(first, "---") && indent(first) > parentColumn) {
      int ind = indent(first);
      // Lines of spaces only before the first content line longer than it need an indicator.
      for (int l = line; l < first; l++) {
        if (ends[l] - starts[l] > ind) {
          throw GIVE_UP;
        }
      }
      int l = line;
      int lastContent = -1;
      while (l < lineCount && !isMarker(l, "---")) {
        int li = indent(l);
        boolean empty = starts[l] + li == ends[l];
        if (!empty && li < ind) {
          break;
        }
        if (empty && ends[l] - starts[l] > ind) {
          throw GIVE_UP;
        }
        l++;
        if (!empty) {
          lastContent = l;
        }
      }
      for (int k = line; k < lastContent; k++) {
        if (starts[k] + ind <= ends[k]) {
          content.append(text, starts[k] + ind, ends[k]);
        }
        content.append('\n');
      }
      line = lastContent;
      if (chomp == '-' && content.length() > 0) {
        content.setLength(content.length() - 1);
      }
    }
    YamlTrees.quote(content.toString(), out);
  }
}
