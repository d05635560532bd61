package dev.kubesdk.manifests;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.kubesdk.manifests.internal.YamlTrees;
import dev.kubesdk.manifests.internal.YamlWriter;
import dev.kubesdk.runtime.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes Kubernetes manifests: YAML (or JSON) streams of one or more documents separated
 * by {@code ---}, each an object or a {@code List} of objects. Every object becomes the model its
 * {@code apiVersion}/{@code kind} names in the {@link KindRegistry} ({@code V1Deployment} for {@code
 * apps/v1 Deployment}), or a {@link GenericObject} when it names none. Immutable and thread-safe.
 *
 * <pre>{@code
 * Manifests manifests = Manifests.standard();
 * List<Object> objects = manifests.load(Path.of("deploy/"));       // a file, or every .yaml/.yml/.json of a directory
 * V1Deployment web = (V1Deployment) objects.get(0);
 * String yaml = manifests.dumpAll(objects);                        // kubectl reads it back to the same objects
 * }</pre>
 *
 * <p>Loading is safe: only plain mappings, lists and scalars are read (a tag that would build a Java
 * object is an error), with at most {@value YamlTrees#MAX_ALIASES} aliases and {@value
 * YamlTrees#MAX_DOCUMENT_CODE_POINTS} characters per document and {@value YamlTrees#MAX_LINE} per
 * line. Scalars resolve as kubectl's YAML reader resolves them (YAML 1.1: {@code yes}, {@code on}
 * and {@code y} are booleans). Every problem is a {@link ManifestException} naming the source, the
 * document and the line.
 */
public final class Manifests {
  /** The largest stream {@link #load(InputStream, String)} reads, in characters. */
  public static final int MAX_STREAM_CHARS = 256 * 1024 * 1024;

  private static final Pattern JSON_PATH = Pattern.compile("path (\\$\\S*)");

  private static final Manifests STANDARD = new Manifests(KindRegistry.builtIn());

  private final KindRegistry registry;

  private Manifests(KindRegistry registry) {
    this.registry = registry;
  }

  /** Manifests typed by the built-in models of the pinned Kubernetes version. */
  public static Manifests standard() {
    return STANDARD;
  }

  /** Manifests typed by {@code registry}. */
  public static Manifests of(KindRegistry registry) {
    return new Manifests(Objects.requireNonNull(registry, "registry"));
  }

  /** The registry that chooses the classes. */
  public KindRegistry registry() {
    return registry;
  }

  /**
   * The objects of YAML {@code text}, in order; empty documents are skipped and {@code List} kinds
   * expanded to their items. Messages name the source {@code <string>}.
   *
   * @throws ManifestException when the text is not a manifest
   */
  public List<Object> parse(String text) {
    return objects("<string>", Objects.requireNonNull(text, "text"));
  }

  /**
   * The objects of a file, or of every {@code .yaml}, {@code .yml} and {@code .json} file directly in
   * a directory in name order (as {@code kubectl apply -f DIR} reads them, without recursing).
   *
   * @throws ManifestException when a file cannot be read or is not a manifest
   */
  public List<Object> load(Path fileOrDirectory) {
    Objects.requireNonNull(fileOrDirectory, "fileOrDirectory");
    List<Object> out = new ArrayList<>();
    for (Path file : files(fileOrDirectory)) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ManifestException(file.toString(), 0, 0, "cannot read the file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
      }
      out.addAll(objects(file.toString(), text));
    }
    return out;
  }

  /**
   * The objects of a UTF-8 stream, read to its end (and not closed).
   *
   * @param source names the stream in messages, e.g. {@code stdin}
   * @throws ManifestException when the stream cannot be read, exceeds {@link #MAX_STREAM_CHARS}, or
   *     is not a manifest
   */
  public List<Object> load(InputStream in, String source) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(source, "source");
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_STREAM_CHARS + 1);
    } catch (IOException e) {
      throw new ManifestException(source, 0, 0, "cannot read the stream (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
    if (bytes.length > MAX_STREAM_CHARS) {
      throw new ManifestException(source, 0, 0, "the stream is larger than " + MAX_STREAM_CHARS + " bytes; split it into several files", null);
    }
    return objects(source, new String(bytes, StandardCharsets.UTF_8));
  }

  /**
   * The JSON trees of YAML {@code text}, one per object ({@code List} kinds expanded), without
   * choosing classes: what {@link ServerSideApply} and {@link DynamicClient} send.
   *
   * @param source names the text in messages
   * @throws ManifestException when the text is not a manifest
   */
  public List<JsonObject> parseTrees(String text, String source) {
    List<JsonObject> out = new ArrayList<>();
    for (YamlTrees.Document doc : YamlTrees.parse(source, text)) {
      expand(source, doc, out);
    }
    return out;
  }

  /**
   * {@code object} as one YAML document (no {@code ---}): a model with its {@code apiVersion} and
   * {@code kind} filled in from the registry when unset, a {@link GenericObject} or a {@code
   * JsonObject} as is.
   */
  public String dump(Object object) {
    StringBuilder out = new StringBuilder(1024);
    YamlWriter.write(toJson(object), out);
    return out.toString();
  }

  /** {@code objects} as a YAML stream, the documents separated by {@code ---}. */
  public String dumpAll(List<?> objects) {
    StringBuilder out = new StringBuilder(1024 * Math.max(1, objects.size()));
    boolean first = true;
    for (Object o : objects) {
      if (!first) {
        out.append("---\n");
      }
      first = false;
      YamlWriter.write(toJson(o), out);
    }
    return out.toString();
  }

  /**
   * The JSON tree of {@code object}: a model's (through its generated adapter, with {@code
   * apiVersion} and {@code kind} filled in when unset), a {@link GenericObject}'s own tree, or a
   * {@code JsonObject} as is.
   */
  public JsonObject toJson(Object object) {
    Objects.requireNonNull(object, "object");
    if (object instanceof GenericObject g) {
      return g.json();
    }
    if (object instanceof JsonObject j) {
      return j;
    }
    JsonElement tree = Json.gson().toJsonTree(object);
    if (!(tree instanceof JsonObject json)) {
      throw new IllegalArgumentException(object.getClass().getName() + " is not written as a JSON object, so it is not a Kubernetes object");
    }
    GroupVersionKind kind = null;
    if (!json.has("apiVersion") || !json.has("kind")) {
      kind = registry.kindOf(object.getClass()).orElseThrow(() -> new IllegalArgumentException(
          object.getClass().getSimpleName() + " has no apiVersion/kind set and the registry does not name one; set them on the object"));
    }
    // Models write their fields in name order; apiVersion, kind and metadata go first, as people
    // write manifests.
    JsonObject ordered = new JsonObject();
    ordered.add("apiVersion", kind == null ? json.get("apiVersion") : new JsonPrimitive(kind.apiVersion()));
    ordered.add("kind", kind == null ? json.get("kind") : new JsonPrimitive(kind.kind()));
    JsonElement metadata = json.get("metadata");
    if (metadata != null) {
      ordered.add("metadata", metadata);
    }
    for (Map.Entry<String, JsonElement> e : json.entrySet()) {
      if (!ordered.has(e.getKey())) {
        ordered.add(e.getKey(), e.getValue());
      }
    }
    return ordered;
  }

  /**
   * The object {@code tree} describes: its registered model, or a {@link GenericObject} over the
   * tree itself.
   *
   * @throws ManifestException when the tree lacks {@code apiVersion}/{@code kind} or does not fit its model
   */
  public Object fromJson(JsonObject tree) {
    return typed("<json>", 0, 0, Objects.requireNonNull(tree, "tree"));
  }

  private List<Object> objects(String source, String text) {
    List<YamlTrees.JsonDocument> fast = YamlTrees.parseJson(source, text);
    if (fast != null) {
      List<Object> out = new ArrayList<>(fast.size());
      for (YamlTrees.JsonDocument doc : fast) {
        Class<?> model = modelFor(doc);
        if (model != null) {
          out.add(typed(source, doc, model));
        } else if (!doc.json().equals("null")) {
          // Lists, kinds without a model and malformed documents take the tree path, which names
          // what is wrong.
          List<JsonObject> trees = new ArrayList<>(1);
          expand(source, new YamlTrees.Document(doc.index(), doc.line(), JsonParser.parseString(doc.json())), trees);
          for (JsonObject tree : trees) {
            out.add(typed(source, doc.index(), doc.line(), tree));
          }
        }
      }
      return out;
    }
    List<Object> out = new ArrayList<>();
    for (YamlTrees.Document doc : YamlTrees.parse(source, text)) {
      List<JsonObject> trees = new ArrayList<>(1);
      expand(source, doc, trees);
      for (JsonObject tree : trees) {
        out.add(typed(source, doc.index(), doc.line(), tree));
      }
    }
    return out;
  }

  /** The model of a document the fast path can read straight from its JSON text, or null. */
  private @Nullable Class<?> modelFor(YamlTrees.JsonDocument doc) {
    if (!doc.object() || doc.apiVersion() == null || doc.kind() == null || doc.kind().endsWith("List")) {
      return null;
    }
    try {
      return registry.modelOf(GroupVersionKind.of(doc.apiVersion(), doc.kind())).orElse(null);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A document read straight from its JSON text by the model's generated streaming adapter. */
  private Object typed(String source, YamlTrees.JsonDocument doc, Class<?> model) {
    try {
      Object value = Json.deserialize(new ByteArrayInputStream(doc.json().getBytes(StandardCharsets.UTF_8)), model);
      if (value == null) {
        throw new ManifestException(source, doc.index(), doc.line(), "the object is empty", null);
      }
      return value;
    } catch (JsonParseException | IllegalStateException | NumberFormatException | UnsupportedOperationException e) {
      throw new ManifestException(source, doc.index(), doc.line(), doc.apiVersion() + " " + doc.kind() + " does not fit its model " + model.getSimpleName() + ": " + withoutValue(e.getMessage()), null);
    }
  }

  private static void expand(String source, YamlTrees.Document doc, List<JsonObject> out) {
    JsonElement tree = doc.tree();
    if (tree.isJsonNull()) {
      return;
    }
    if (!(tree instanceof JsonObject object)) {
      throw new ManifestException(source, doc.index(), doc.line(), "a manifest document must be a mapping with apiVersion and kind, not a " + (tree.isJsonArray() ? "list" : "scalar"), null);
    }
    String apiVersion = text(object, "apiVersion");
    String kind = text(object, "kind");
    if (apiVersion == null || kind == null) {
      throw new ManifestException(source, doc.index(), doc.line(), "the object has no " + (apiVersion == null ? "apiVersion" : "kind")
          + "; every document needs both, e.g. apiVersion: v1 and kind: ConfigMap", null);
    }
    JsonElement items = object.get("items");
    if (kind.endsWith("List") && items instanceof JsonArray list) {
      // kubectl treats every kind with an items list as a list (meta.IsListType), and fills in the
      // kind of typed lists' items, which may omit it.
      String itemKind = kind.equals("List") ? null : kind.substring(0, kind.length() - 4);
      int i = 0;
      for (JsonElement item : list) {
        if (!(item instanceof JsonObject o)) {
          throw new ManifestException(source, doc.index(), doc.line(), kind + " items[" + i + "] is not an object", null);
        }
        if (itemKind != null) {
          if (!o.has("apiVersion")) {
            o.addProperty("apiVersion", apiVersion);
          }
          if (!o.has("kind")) {
            o.addProperty("kind", itemKind);
          }
        }
        if (text(o, "apiVersion") == null || text(o, "kind") == null) {
          throw new ManifestException(source, doc.index(), doc.line(), kind + " items[" + i + "] has no apiVersion or kind", null);
        }
        out.add(o);
        i++;
      }
      return;
    }
    out.add(object);
  }

  private Object typed(String source, int document, int line, JsonObject tree) {
    String apiVersion = text(tree, "apiVersion");
    String kind = text(tree, "kind");
    if (apiVersion == null || kind == null) {
      throw new ManifestException(source, document, line, "the object has no apiVersion or kind", null);
    }
    GroupVersionKind gvk;
    try {
      gvk = GroupVersionKind.of(apiVersion, kind);
    } catch (IllegalArgumentException e) {
      throw new ManifestException(source, document, line, e.getMessage(), null);
    }
    Optional<Class<?>> model = registry.modelOf(gvk);
    if (model.isEmpty()) {
      return GenericObject.of(tree);
    }
    try {
      Object value = Json.gson().fromJson(tree, model.get());
      if (value == null) {
        throw new ManifestException(source, document, line, "the object is empty", null);
      }
      return value;
    } catch (JsonParseException | IllegalStateException | NumberFormatException | UnsupportedOperationException e) {
      throw new ManifestException(source, document, line, apiVersion + " " + kind + " does not fit its model " + model.get().getSimpleName() + ": " + withoutValue(e.getMessage()), null);
    }
  }

  /**
   * gson's message without the offending value, which may be secret data: "Expected an int but was
   * many at path $.spec.replicas" becomes "expected an int at path $.spec.replicas".
   */
  static String withoutValue(@Nullable String message) {
    String m = String.valueOf(message);
    Matcher path = JSON_PATH.matcher(m);
    String at = path.find() ? " at path " + path.group(1) : "";
    int was = m.indexOf(" but was ");
    String head = was >= 0 ? m.substring(0, was) : m.split("\\R", 2)[0];
    if (was < 0 && path.find(0)) {
      head = m.substring(0, path.start()).replaceFirst(" at( line \\d+ column \\d+)?\\s*$", "");
    }
    if (head.length() > 120) {
      head = head.substring(0, 120) + "…";
    }
    return head + at;
  }

  private static List<Path> files(Path fileOrDirectory) {
    if (!Files.isDirectory(fileOrDirectory)) {
      if (!Files.exists(fileOrDirectory)) {
        throw new ManifestException(fileOrDirectory.toString(), 0, 0, "no such file or directory", null);
      }
      return List.of(fileOrDirectory);
    }
    try (Stream<Path> list = Files.list(fileOrDirectory)) {
      return list.filter(p -> Files.isRegularFile(p) && manifestName(p.getFileName().toString())).sorted().toList();
    } catch (IOException e) {
      throw new ManifestException(fileOrDirectory.toString(), 0, 0, "cannot list the directory (" + e.getMessage() + ")", e);
    }
  }

  private static boolean manifestName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
  }

  private static @Nullable String text(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
  }

  /** The registry it types objects with. */
  @Override
  public String toString() {
    return "Manifests[" + registry + "]";
  }
}
