package dev.kubesdk.controller;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The cache and work-queue key of an object: its namespace (absent for cluster-scoped objects) and
 * name. Immutable and thread-safe. {@link #toString()} gives client-go's {@code
 * MetaNamespaceKeyFunc} form, {@code namespace/name} or just {@code name}, and {@link #parse} reads
 * it back.
 *
 * @param namespace the namespace, or null for a cluster-scoped object
 * @param name the name
 */
public record ObjectKey(@Nullable String namespace, String name) {

  /** Checks that the name is present and neither part is empty or holds {@code /}. */
  public ObjectKey {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.indexOf('/') >= 0) {
      throw new IllegalArgumentException("name \"" + name + "\" must be non-empty and without /");
    }
    if (namespace != null && (namespace.isEmpty() || namespace.indexOf('/') >= 0)) {
      throw new IllegalArgumentException("namespace \"" + namespace + "\" must be non-empty and without / (null for cluster-scoped)");
    }
  }

  /** The key of object {@code name} in {@code namespace}. */
  public static ObjectKey of(String namespace, String name) {
    return new ObjectKey(Objects.requireNonNull(namespace, "namespace"), name);
  }

  /** The key of cluster-scoped object {@code name}. */
  public static ObjectKey cluster(String name) {
    return new ObjectKey(null, name);
  }

  /**
   * Reads {@code namespace/name} or {@code name}, as client-go's {@code SplitMetaNamespaceKey}.
   *
   * @throws IllegalArgumentException when the text has more than one {@code /} or an empty part
   */
  public static ObjectKey parse(String key) {
    Objects.requireNonNull(key, "key");
    int slash = key.indexOf('/');
    if (slash < 0) {
      return cluster(key);
    }
    if (key.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("key \"" + key + "\" has more than one /; expected namespace/name or name");
    }
    return of(key.substring(0, slash), key.substring(slash + 1));
  }

  /** The namespace, empty for a cluster-scoped object. */
  public Optional<String> namespaceIfAny() {
    return Optional.ofNullable(namespace);
  }

  /** {@code namespace/name}, or {@code name} for a cluster-scoped object. */
  @Override
  public String toString() {
    return namespace == null ? name : namespace + "/" + name;
  }
}
