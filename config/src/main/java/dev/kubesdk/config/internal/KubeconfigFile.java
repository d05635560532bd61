package dev.kubesdk.config.internal;

import dev.kubesdk.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One parsed kubeconfig file: its clusters, contexts and users by name, and its current-context. */
public final class KubeconfigFile {
  private static final Logger log = LoggerFactory.getLogger(KubeconfigFile.class);

  private final Path path;
  private final @Nullable String currentContext;
  private final Map<String, KubeconfigEntry> clusters;
  private final Map<String, KubeconfigEntry> contexts;
  private final Map<String, KubeconfigEntry> users;

  private KubeconfigFile(Path path, @Nullable String currentContext, Map<String, KubeconfigEntry> clusters, Map<String, KubeconfigEntry> contexts, Map<String, KubeconfigEntry> users) {
    this.path = path;
    this.currentContext = currentContext;
    this.clusters = clusters;
    this.contexts = contexts;
    this.users = users;
  }

  /**
   * Parses the text of the kubeconfig at {@code path}.
   *
   * @throws ConfigException listing every structural problem (bad YAML, wrong types, unnamed entries)
   */
  public static KubeconfigFile parse(Path path, String text) {
    Map<String, Object> doc = KubeconfigYaml.parse(text, path.toString());
    List<String> problems = new ArrayList<>();
    Map<String, KubeconfigEntry> clusters = entries(path, doc, "clusters", "cluster", problems);
    Map<String, KubeconfigEntry> contexts = entries(path, doc, "contexts", "context", problems);
    Map<String, KubeconfigEntry> users = entries(path, doc, "users", "user", problems);
    Object current = doc.get("current-context");
    String currentContext = null;
    if (current instanceof String s && !s.isEmpty()) {
      currentContext = s;
    } else if (current != null && !(current instanceof String)) {
      problems.add(path + ": current-context must be a string, but is a " + YamlValues.typeName(current) + ". Fix it with `kubectl config use-context NAME`.");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new KubeconfigFile(path, currentContext, clusters, contexts, users);
  }

  private static Map<String, KubeconfigEntry> entries(Path path, Map<String, Object> doc, String list, String body, List<String> problems) {
    Map<String, KubeconfigEntry> out = new LinkedHashMap<>();
    Object raw = doc.get(list);
    if (raw == null) {
      return out;
    }
    if (!(raw instanceof List<?> items)) {
      problems.add(path + ": " + list + " must be a list of {name, " + body + "} entries, but is a " + YamlValues.typeName(raw) + ". Fix the file.");
      return out;
    }
    for (int i = 0; i < items.size(); i++) {
      Map<String, Object> item = KubeconfigYaml.stringKeyed(items.get(i));
      String at = path + ": " + list + "[" + i + "]";
      if (item == null) {
        problems.add(at + " must be a mapping with name and " + body + ", but is a " + YamlValues.typeName(items.get(i)) + ". Fix the file.");
        continue;
      }
      Object name = item.get("name");
      if (!(name instanceof String n) || n.isEmpty()) {
        problems.add(at + ".name is missing or not a string. Give every entry a name.");
        continue;
      }
      Object fieldsRaw = item.get(body);
      Map<String, Object> fields = fieldsRaw == null ? new LinkedHashMap<>() : KubeconfigYaml.stringKeyed(fieldsRaw);
      if (fields == null) {
        problems.add(at + " \"" + n + "\": " + body + " must be a mapping, but is a " + YamlValues.typeName(fieldsRaw) + ". Fix the file.");
        continue;
      }
      KubeconfigEntry previous = out.put(n, new KubeconfigEntry(path, list, body, i, n, fields));
      if (previous != null) {
        // client-go converts the list into a map entry by entry, so the last duplicate wins.
        log.warn("{}: {} \"{}\" is defined more than once; the last definition ({}[{}]) is used", path, list, n, list, i);
      }
    }
    return out;
  }

  /** The file's path. */
  public Path path() {
    return path;
  }

  /** The file's current-context, or null. */
  public @Nullable String currentContext() {
    return currentContext;
  }

  /** Clusters by name. */
  public Map<String, KubeconfigEntry> clusters() {
    return clusters;
  }

  /** Contexts by name. */
  public Map<String, KubeconfigEntry> contexts() {
    return contexts;
  }

  /** Users by name. */
  public Map<String, KubeconfigEntry> users() {
    return users;
  }

  /** True when the file defines nothing at all. */
  public boolean isEmpty() {
    return currentContext == null && clusters.isEmpty() && contexts.isEmpty() && users.isEmpty();
  }
}
