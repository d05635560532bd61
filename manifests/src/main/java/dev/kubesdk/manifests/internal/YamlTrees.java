package dev.kubesdk.manifests.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.kubesdk.manifests.ManifestException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads a YAML stream into JSON trees, one per document, straight from the parser's events: no Java
 * object is ever built from a tag (only plain maps, lists and scalars exist), aliases, nesting and
 * size are limited, and scalars resolve as YAML 1.1 does in go-yaml (what kubectl reads with), so
 * {@code yes} is a boolean and {@code "yes"} a string. Skipping snakeyaml's node graph and its Java
 * collections is what makes this fast.
 */
public final class YamlTrees {
  /** A document larger than this is refused before it is parsed further (snakeyaml counts per document). */
  public static final int MAX_DOCUMENT_CODE_POINTS = 8 * 1024 * 1024;

  /**
   * The longest line accepted: the YAML scanner slows down sharply on very long tokens (the same
   * guard as for kubeconfig files, with room for a ConfigMap holding a large one-line JSON value).
   */
  public static final int MAX_LINE = 4 * 1024 * 1024;

  /** Manifests rarely use aliases; a few dozen are allowed per document, a "billion laughs" is not. */
  public static final int MAX_ALIASES = 64;

  /** Deeper than any Kubernetes object. */
  public static final int MAX_DEPTH = 100;

  private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

  /**
   * One document of a stream.
   *
   * @param index its position in the stream, from 1
   * @param line the line it starts on, from 1
   * @param tree its content; {@link JsonNull} for an empty document
   */
  public record Document(int index, int line, JsonElement tree) {}

  /**
   * One document of a stream as compact JSON text, with its top-level {@code apiVersion} and {@code
   * kind} when they are text.
   *
   * @param index its position in the stream, from 1
   * @param line the line it starts on, from 1
   * @param json its content as JSON; {@code null} for an empty document
   * @param apiVersion the top-level apiVersion, or null
   * @param kind the top-level kind, or null
   * @param object whether the document is a mapping
   */
  public record JsonDocument(int index, int line, String json, @Nullable String apiVersion, @Nullable String kind, boolean object) {}

  /** Thrown by the JSON path on anchors, aliases and merge keys, which need the tree path. */
  private static final class NeedsTree extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NeedsTree() {
      super(null, null, false, false);
    }
  }

  private final String source;
  private final Parser parser;
  private final Map<String, JsonElement> anchors = new HashMap<>();
  private int document;
  private int aliases;

  private YamlTrees(String source, String text) {
    this.source = source;
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    this.parser = new ParserImpl(new StreamReader(text), options);
  }

  /**
   * Every document of {@code text}, empty ones included (as {@link JsonNull}) so positions match
   * what the reader counts.
   *
   * @param source names the text in messages
   * @throws ManifestException when the text is not YAML, uses a tag, or exceeds a limit
   */
  public static List<Document> parse(String source, String text) {
    checkLines(source, text);
    return new YamlTrees(source, text).documents();
  }

  /**
   * Every document of {@code text} as JSON text, written straight from the parser's events: the fast
   * path for typed loading, which reads the text with the models' streaming adapters instead of
   * walking a tree. Empty when the stream uses anchors, aliases or merge keys; {@link #parse} reads
   * those.
   *
   * @throws ManifestException as {@link #parse} does
   */
  public static @Nullable List<JsonDocument> parseJson(String source, String text) {
    checkLines(source, text);
    List<JsonDocument> block = BlockYaml.read(source, text);
    if (block != null) {
      return block;
    }
    return parseJsonWithSnakeyaml(source, text);
  }

  /** {@link #parseJson} without the block-YAML shortcut: what the shortcut must agree with. */
  static @Nullable List<JsonDocument> parseJsonWithSnakeyaml(String source, String text) {
    try {
      return new YamlTrees(source, text).jsonDocuments();
    } catch (NeedsTree e) {
      return null;
    }
  }

  private List<JsonDocument> jsonDocuments() {
    List<JsonDocument> out = new ArrayList<>();
    StringBuilder json = new StringBuilder(4096);
    try {
      expect(Event.ID.StreamStart);
      while (!parser.checkEvent(Event.ID.StreamEnd)) {
        Event start = parser.getEvent();
        document++;
        int line = start.getStartMark().getLine() + 1;
        json.setLength(0);
        topApiVersion = null;
        topKind = null;
        boolean object = false;
        if (parser.checkEvent(Event.ID.DocumentEnd)) {
          json.append("null");
        } else {
          object = parser.checkEvent(Event.ID.MappingStart);
          json(0, json);
        }
        expect(Event.ID.DocumentEnd);
        out.add(new JsonDocument(document, line, json.toString(), topApiVersion, topKind, object));
      }
      return out;
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      throw new ManifestException(source, document, mark == null ? 0 : mark.getLine() + 1, "not valid YAML: " + e.getProblem() + at(mark), null);
    } catch (YAMLException e) {
      throw new ManifestException(source, document, 0, "not valid YAML: " + shortMessage(e), null);
    }
  }

  private @Nullable String topApiVersion;
  private @Nullable String topKind;

  private void json(int depth, StringBuilder out) {
    Event event = parser.getEvent();
    int line = event.getStartMark().getLine() + 1;
    if (depth > MAX_DEPTH) {
      throw new ManifestException(source, document, line, "nested deeper than " + MAX_DEPTH + " levels", null);
    }
    if (event.is(Event.ID.Alias) || ((NodeEvent) event).getAnchor() != null) {
      throw new NeedsTree();
    }
    switch (event.getEventId()) {
      case Scalar -> writeJson(scalar((ScalarEvent) event, line), out);
      case SequenceStart -> {
        checkTag(((CollectionStartEvent) event).getTag(), Tag.SEQ, line);
        out.append('[');
        boolean first = true;
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
          if (!first) {
            out.append(',');
          }
          first = false;
          json(depth + 1, out);
        }
        parser.getEvent();
        out.append(']');
      }
      case MappingStart -> {
        checkTag(((CollectionStartEvent) event).getTag(), Tag.MAP, line);
        out.append('{');
        boolean first = true;
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
          String key = key(parser.peekEvent());
          if (!first) {
            out.append(',');
          }
          first = false;
          quote(key, out);
          out.append(':');
          if (depth == 0 && (key.equals("apiVersion") || key.equals("kind")) && parser.peekEvent() instanceof ScalarEvent value) {
            JsonElement v = scalar(value, value.getStartMark().getLine() + 1);
            if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
              if (key.equals("apiVersion")) {
                topApiVersion = v.getAsString();
              } else {
                topKind = v.getAsString();
              }
            }
          }
          json(depth + 1, out);
        }
        parser.getEvent();
        out.append('}');
      }
      default -> throw new ManifestException(source, document, line, "unexpected " + event.getEventId(), null);
    }
  }

  /** Consumes a mapping key and returns its text, as {@link #mapping} reads keys. */
  private String key(Event keyEvent) {
    int keyLine = keyEvent.getStartMark().getLine() + 1;
    if (!(keyEvent instanceof ScalarEvent keyScalar)) {
      if (keyEvent.is(Event.ID.Alias)) {
        throw new NeedsTree();
      }
      throw new ManifestException(source, document, keyLine, "a mapping key must be a plain value, not a mapping or list", null);
    }
    parser.getEvent();
    if (keyScalar.getAnchor() != null) {
      throw new NeedsTree();
    }
    String key = keyScalar.getValue();
    if (keyScalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN && keyScalar.getTag() == null) {
      if (key.equals("<<")) {
        throw new NeedsTree();
      }
      return plainKey(key);
    }
    return key;
  }

  static String plainKey(String key) {
    Tag tag = Scalars.resolve(key);
    if (tag.equals(Tag.BOOL) || (key.length() == 1 && "yYnN".indexOf(key.charAt(0)) >= 0)) {
      // kubectl reads a key y as "true" and n as "false" (go-yaml's YAML 1.1 booleans).
      return String.valueOf(bool(key));
    }
    return tag.equals(Tag.NULL) ? "null" : key;
  }

  static void writeJson(JsonElement value, StringBuilder out) {
    if (value.isJsonNull()) {
      out.append("null");
      return;
    }
    JsonPrimitive p = value.getAsJsonPrimitive();
    if (p.isString()) {
      quote(p.getAsString(), out);
    } else if (p.isBoolean()) {
      out.append(p.getAsBoolean());
    } else {
      out.append(p.getAsNumber().toString());
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  private List<Document> documents() {
    List<Document> out = new ArrayList<>();
    try {
      expect(Event.ID.StreamStart);
      while (!parser.checkEvent(Event.ID.StreamEnd)) {
        Event start = parser.getEvent();
        document++;
        anchors.clear();
        aliases = 0;
        int line = start.getStartMark().getLine() + 1;
        JsonElement tree = parser.checkEvent(Event.ID.DocumentEnd) ? JsonNull.INSTANCE : node(0);
        expect(Event.ID.DocumentEnd);
        out.add(new Document(document, line, tree));
      }
      return out;
    } catch (MarkedYAMLException e) {
      // snakeyaml's own message quotes the offending text, which may be secret data; keep only the
      // problem and its position.
      Mark mark = e.getProblemMark();
      throw new ManifestException(source, document, mark == null ? 0 : mark.getLine() + 1, "not valid YAML: " + e.getProblem() + at(mark), null);
    } catch (YAMLException e) {
      throw new ManifestException(source, document, 0, "not valid YAML: " + shortMessage(e), null);
    }
  }

  private void expect(Event.ID id) {
    Event e = parser.getEvent();
    if (!e.is(id)) {
      throw new ManifestException(source, document, e.getStartMark().getLine() + 1, "expected " + id + " but found " + e.getEventId(), null);
    }
  }

  private JsonElement node(int depth) {
    Event event = parser.getEvent();
    int line = event.getStartMark().getLine() + 1;
    if (depth > MAX_DEPTH) {
      throw new ManifestException(source, document, line, "nested deeper than " + MAX_DEPTH + " levels", null);
    }
    JsonElement value;
    switch (event.getEventId()) {
      case Alias -> {
        String anchor = ((AliasEvent) event).getAnchor();
        if (++aliases > MAX_ALIASES) {
          throw new ManifestException(source, document, line, "more than " + MAX_ALIASES + " aliases in one document; expand them", null);
        }
        JsonElement target = anchors.get(anchor);
        if (target == null) {
          throw new ManifestException(source, document, line, "alias *" + anchor + " names no anchor defined before it", null);
        }
        // A copy, so changing one place of a loaded object never changes another.
        return target.deepCopy();
      }
      case Scalar -> value = scalar((ScalarEvent) event, line);
      case MappingStart -> {
        checkTag(((CollectionStartEvent) event).getTag(), Tag.MAP, line);
        value = mapping(depth, line);
      }
      case SequenceStart -> {
        checkTag(((CollectionStartEvent) event).getTag(), Tag.SEQ, line);
        JsonArray array = new JsonArray();
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
          array.add(node(depth + 1));
        }
        parser.getEvent();
        value = array;
      }
      default -> throw new ManifestException(source, document, line, "unexpected " + event.getEventId(), null);
    }
    String anchor = ((NodeEvent) event).getAnchor();
    if (anchor != null) {
      anchors.put(anchor, value);
    }
    return value;
  }

  private JsonObject mapping(int depth, int line) {
    JsonObject object = new JsonObject();
    List<JsonObject> merges = null;
    while (!parser.checkEvent(Event.ID.MappingEnd)) {
      Event keyEvent = parser.peekEvent();
      int keyLine = keyEvent.getStartMark().getLine() + 1;
      if (!(keyEvent instanceof ScalarEvent keyScalar)) {
        throw new ManifestException(source, document, keyLine, "a mapping key must be a plain value, not a " + (keyEvent.is(Event.ID.Alias) ? "alias" : "mapping or list"), null);
      }
      parser.getEvent();
      String key = keyScalar.getValue();
      boolean plain = keyScalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN && keyScalar.getTag() == null;
      if (plain && key.equals("<<")) {
        // YAML 1.1 merge key, which go-yaml honours: the entries of the mapping (or list of
        // mappings) are added where the mapping does not set them itself.
        JsonElement merged = node(depth + 1);
        if (merges == null) {
          merges = new ArrayList<>();
        }
        addMerges(merged, merges, keyLine);
        continue;
      }
      if (plain) {
        // sigs.k8s.io/yaml turns non-string keys into their JSON text.
        key = plainKey(key);
      }
      object.add(key, node(depth + 1));
    }
    parser.getEvent();
    if (merges != null) {
      for (JsonObject m : merges) {
        for (Map.Entry<String, JsonElement> e : m.entrySet()) {
          if (!object.has(e.getKey())) {
            object.add(e.getKey(), e.getValue());
          }
        }
      }
    }
    return object;
  }

  private void addMerges(JsonElement merged, List<JsonObject> merges, int line) {
    if (merged instanceof JsonObject m) {
      merges.add(m);
    } else if (merged instanceof JsonArray list) {
      for (JsonElement e : list) {
        if (!(e instanceof JsonObject m)) {
          throw new ManifestException(source, document, line, "a merge key (<<) takes a mapping or a list of mappings", null);
        }
        merges.add(m);
      }
    } else {
      throw new ManifestException(source, document, line, "a merge key (<<) takes a mapping or a list of mappings", null);
    }
  }

  private void checkTag(@Nullable String tag, Tag allowed, int line) {
    if (tag != null && !tag.equals(allowed.getValue())) {
      throw new ManifestException(source, document, line, "tag " + tag + " is not allowed: manifests hold plain mappings, lists and scalars only; remove the tag", null);
    }
  }

  private JsonElement scalar(ScalarEvent event, int line) {
    String value = event.getValue();
    String tag = event.getTag();
    Tag resolved;
    if (tag == null || tag.equals("!")) {
      if (event.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN || tag != null) {
        return new JsonPrimitive(value);
      }
      resolved = Scalars.resolve(value);
      if (value.length() == 1 && "yYnN".indexOf(value.charAt(0)) >= 0) {
        // go-yaml's YAML 1.1 booleans include y and n, which snakeyaml's resolver leaves as text.
        resolved = Tag.BOOL;
      }
    } else {
      resolved = new Tag(tag);
      if (!(resolved.equals(Tag.STR) || resolved.equals(Tag.INT) || resolved.equals(Tag.FLOAT) || resolved.equals(Tag.BOOL) || resolved.equals(Tag.NULL)
          || resolved.equals(Tag.BINARY) || resolved.equals(Tag.TIMESTAMP))) {
        throw new ManifestException(source, document, line, "tag " + tag + " is not allowed: manifests hold plain mappings, lists and scalars only; remove the tag", null);
      }
    }
    return valueOf(resolved, value, source, document, line);
  }

  /**
   * The JSON value of scalar {@code value} resolved as {@code resolved}. go-yaml keeps a timestamp
   * as its text when there is no time.Time to decode into; !!merge and !!value in value position
   * are plain text too.
   */
  private static JsonElement valueOf(Tag resolved, String value, String source, int document, int line) {
    if (resolved.equals(Tag.NULL)) {
      return JsonNull.INSTANCE;
    }
    if (resolved.equals(Tag.BOOL)) {
      return new JsonPrimitive(bool(value));
    }
    if (resolved.equals(Tag.INT)) {
      return integer(value);
    }
    if (resolved.equals(Tag.FLOAT)) {
      return floating(value, source, document, line);
    }
    return new JsonPrimitive(value);
  }

  /** A plain, untagged scalar as go-yaml reads it. */
  static JsonElement plain(String value, String source, int document, int line) {
    Tag resolved = Scalars.resolve(value);
    if (value.length() == 1 && "yYnN".indexOf(value.charAt(0)) >= 0) {
      resolved = Tag.BOOL;
    }
    return valueOf(resolved, value, source, document, line);
  }

  private static boolean bool(String value) {
    return switch (value) {
      case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y" -> true;
      default -> false;
    };
  }

  static JsonPrimitive integer(String value) {
    if (JSON_NUMBER.matcher(value).matches()) {
      return new JsonPrimitive(new NumberText(value));
    }
    String text = value.replace("_", "");
    boolean negative = text.startsWith("-");
    if (negative || text.startsWith("+")) {
      text = text.substring(1);
    }
    BigInteger n;
    try {
      if (text.startsWith("0x")) {
        n = new BigInteger(text.substring(2), 16);
      } else if (text.startsWith("0o")) {
        n = new BigInteger(text.substring(2), 8);
      } else if (text.startsWith("0b")) {
        n = new BigInteger(text.substring(2), 2);
      } else if (text.contains(":")) {
        n = BigInteger.ZERO;
        for (String part : text.split(":")) {
          n = n.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
        }
      } else if (text.length() > 1 && text.startsWith("0")) {
        n = new BigInteger(text.substring(1), 8);
      } else {
        n = new BigInteger(text);
      }
    } catch (NumberFormatException e) {
      return new JsonPrimitive(value);
    }
    return new JsonPrimitive(negative ? n.negate() : n);
  }

  static JsonPrimitive floating(String value, String source, int document, int line) {
    if (JSON_NUMBER.matcher(value).matches()) {
      return new JsonPrimitive(new NumberText(value));
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.contains("inf") || lower.contains("nan")) {
      throw new ManifestException(source, document, line, "the number " + value + " has no JSON form; quote it if it is meant as text", null);
    }
    try {
      return new JsonPrimitive(new BigDecimal(value.replace("_", "").replace("+.", ".")));
    } catch (NumberFormatException e) {
      return new JsonPrimitive(value);
    }
  }

  static void checkLines(String source, String text) {
    int line = 1;
    int lineStart = 0;
    int length = text.length();
    for (int i = text.indexOf('\n'); ; i = text.indexOf('\n', i + 1)) {
      int end = i < 0 ? length : i;
      if (end - lineStart > MAX_LINE) {
        throw new ManifestException(source, 0, line, "the line is longer than the limit of " + MAX_LINE + " characters; split the value over several lines", null);
      }
      if (i < 0) {
        return;
      }
      line++;
      lineStart = i + 1;
    }
  }

  private static String at(@Nullable Mark mark) {
    return mark == null ? "" : " at column " + (mark.getColumn() + 1);
  }

  private static String shortMessage(RuntimeException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    m = nl >= 0 ? m.substring(0, nl) : m;
    return m.length() > 160 ? m.substring(0, 160) + "…" : m;
  }
}
