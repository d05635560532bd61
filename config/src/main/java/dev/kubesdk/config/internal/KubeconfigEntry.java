package dev.kubesdk.config.internal;

import dev.kubesdk.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One named entry of a kubeconfig ({@code clusters[i]}, {@code contexts[i]} or {@code users[i]})
 * with the file it came from, so every message and every provenance line can name the file, the
 * entry and the field, and relative paths resolve against that file.
 */
public final class KubeconfigEntry {
  private final Path file;
  private final String list;
  private final String body;
  private final int index;
  private final String name;
  private final Map<String, Object> fields;

  KubeconfigEntry(Path file, String list, String body, int index, String name, Map<String, Object> fields) {
    this.file = file;
    this.list = list;
    this.body = body;
    this.index = index;
    this.name = name;
    this.fields = fields;
  }

  /** The kubeconfig file that defined this entry. */
  public Path file() {
    return file;
  }

  /** The entry's name. */
  public String name() {
    return name;
  }

  /** The list the entry is in: clusters, contexts or users. */
  String list() {
    return list;
  }

  /** {@code /path/config: users[1] "ci-bot"}. */
  public String where() {
    return file + ": " + list + "[" + index + "] \"" + name + "\"";
  }

  /** {@code /path/config: users[1] "ci-bot": user.token}. */
  public String where(String field) {
    return where() + ": " + body + "." + field;
  }

  /** The YAML path of a field, as {@code users[1].user.client-key}. */
  String path(String field) {
    return list + "[" + index + "]." + body + "." + field;
  }

  boolean has(String field) {
    Object v = fields.get(field);
    return v != null && !(v instanceof String s && s.isEmpty());
  }

  @Nullable String string(String field) {
    Object v = fields.get(field);
    if (v == null) {
      return null;
    }
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      String s = v.toString();
      return s.isEmpty() ? null : s;
    }
    throw new ConfigException(where(field) + " must be a string, but is a " + YamlValues.typeName(v) + ". Fix the value in the file.");
  }

  boolean bool(String field) {
    Object v = fields.get(field);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    throw new ConfigException(where(field) + " must be true or false, but is a " + YamlValues.typeName(v) + ". Fix the value in the file.");
  }

  @Nullable Map<String, Object> map(String field) {
    Object v = fields.get(field);
    if (v == null) {
      return null;
    }
    Map<String, Object> m = KubeconfigYaml.stringKeyed(v);
    if (m == null) {
      throw new ConfigException(where(field) + " must be a mapping, but is a " + YamlValues.typeName(v) + ". Fix the value in the file.");
    }
    return m;
  }

  List<Object> list(String field) {
    Object v = fields.get(field);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    throw new ConfigException(where(field) + " must be a list, but is a " + YamlValues.typeName(v) + ". Fix the value in the file.");
  }

  /** Decodes a {@code *-data} field (base64, as kubeconfig stores it), or null when absent. */
  byte @Nullable [] base64(String field) {
    String s = string(field);
    if (s == null) {
      return null;
    }
    try {
      return Base64.getMimeDecoder().decode(s.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where(field) + " is not valid base64. Encode the PEM file with `base64 -w0 file.pem`, or use the field without -data to name a file.");
    }
  }

  /** The raw field map (a copy). */
  Map<String, Object> fields() {
    return new LinkedHashMap<>(fields);
  }

  /**
   * Resolves a path field against the directory of the file that defined it, as client-go's
   * ResolveLocalPaths does; absolute paths are kept. Like client-go, {@code ~} is not expanded.
   */
  Path resolve(String field, String value) {
    Path p;
    try {
      p = Path.of(value);
    } catch (java.nio.file.InvalidPathException e) {
      throw new ConfigException(where(field) + " is not a valid path: " + e.getReason() + ". Fix the path.");
    }
    if (p.isAbsolute()) {
      return p.normalize();
    }
    Path dir = file.toAbsolutePath().getParent();
    return (dir == null ? p : dir.resolve(p)).normalize();
  }
}
