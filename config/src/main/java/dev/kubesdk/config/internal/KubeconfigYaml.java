package dev.kubesdk.config.internal;

import dev.kubesdk.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads kubeconfig YAML with limits that make hostile files fail fast: only plain maps, lists and
 * scalars are built (no Java types), few aliases, bounded size and nesting.
 */
public final class KubeconfigYaml {
  /** A kubeconfig with a thousand clusters, each with its CA inline, stays below this. */
  static final int MAX_CODE_POINTS = 4 * 1024 * 1024;

  /**
   * The longest line accepted. The YAML scanner slows down sharply on very long tokens, so a
   * hostile file made of one huge scalar is refused before parsing; inline CA bundles of a few
   * hundred certificates stay well below this.
   */
  static final int MAX_LINE = 1024 * 1024;

  /** Real kubeconfigs do not use aliases; a few are allowed, a "billion laughs" is not. */
  static final int MAX_ALIASES = 16;

  private KubeconfigYaml() {}

  /**
   * Parses {@code text} into a map; an empty document gives an empty map.
   *
   * @param where names the source in messages (a file path)
   */
  public static Map<String, Object> parse(String text, String where) {
    if (text.length() > MAX_CODE_POINTS) {
      throw new ConfigException(where + ": the file has " + text.length() + " characters, more than the limit of " + MAX_CODE_POINTS
          + " for a kubeconfig. Check that the path names a kubeconfig.");
    }
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - lineStart > MAX_LINE) {
          throw new ConfigException(where + ": line " + line + " is longer than the limit of " + MAX_LINE
              + " characters for a kubeconfig. Check that the path names a kubeconfig.");
        }
        line++;
        lineStart = i + 1;
      }
    }
    Object doc;
    try {
      doc = load(text);
    } catch (MarkedYAMLException e) {
      // The exception's own message quotes the offending lines, which may hold a token; keep only
      // the problem and its position.
      Mark mark = e.getProblemMark();
      String at = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
      throw new ConfigException(where + ": not valid YAML" + at + ": " + e.getProblem() + ". Fix the file, or check it with `kubectl config view`.");
    } catch (RuntimeException e) {
      throw new ConfigException(where + ": not valid YAML (" + e.getClass().getSimpleName() + ": " + safeProblem(e) + "). Fix the file, or check it with `kubectl config view`.");
    }
    if (doc == null) {
      return new LinkedHashMap<>();
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new ConfigException(where + ": a kubeconfig must be a YAML mapping (apiVersion, clusters, contexts, users), but the document is a " + YamlValues.typeName(doc) + ".");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      out.put(String.valueOf(e.getKey()), e.getValue());
    }
    return out;
  }

  /** Writes a kubeconfig map back as block-style YAML. */
  public static String dump(Map<String, Object> doc) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndicatorIndent(0);
    return new Yaml(new SafeConstructor(loaderOptions()), new Representer(options), options).dump(doc);
  }

  /**
   * What {@code new Yaml(new SafeConstructor(options)).load(text)} does, without the {@code Yaml} facade: the
   * facade also builds a representer and a bean introspector for dumping, which load the {@code java.desktop}
   * module and dozens of classes on the first kubeconfig a process reads.
   */
  private static Object load(String text) {
    LoaderOptions options = loaderOptions();
    SafeConstructor constructor = new SafeConstructor(options);
    constructor.setComposer(new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options));
    return constructor.getSingleData(Object.class);
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setNestingDepthLimit(50);
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(true);
    return options;
  }

  private static String safeProblem(RuntimeException e) {
    // Limit messages from unexpected exceptions: they never quote more than a short fragment.
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    m = nl >= 0 ? m.substring(0, nl) : m;
    return m.length() > 120 ? m.substring(0, 120) + "…" : m;
  }

  /** Returns the value as a map with string keys, or null when absent. */
  static @Nullable Map<String, Object> stringKeyed(@Nullable Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      out.put(String.valueOf(e.getKey()), e.getValue());
    }
    return out;
  }
}
