package dev.kubesdk.manifests;

import dev.kubesdk.manifests.internal.KindTable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which Java class each {@code apiVersion}/{@code kind} decodes to. {@link #builtIn()} knows every
 * kind of the pinned Kubernetes spec (generated at build time from its {@code
 * x-kubernetes-group-version-kind}); add your own custom resource classes with {@link
 * #toBuilder()}. Kinds without a class load as {@link GenericObject}. Immutable and thread-safe.
 *
 * <pre>{@code
 * KindRegistry kinds = KindRegistry.builtIn().toBuilder()
 *     .add(new GroupVersionKind("stable.example.com", "v1", "CronTab"), CronTab.class)
 *     .build();
 * Manifests manifests = Manifests.of(kinds);
 * }</pre>
 *
 * <p>A class added this way is read and written through {@code dev.kubesdk.runtime.Json#gson()}.
 */
public final class KindRegistry {
  private static final KindRegistry BUILT_IN = new KindRegistry(KindTable.builtIn(), Map.of());

  private final Map<GroupVersionKind, String> names;
  private final Map<GroupVersionKind, Class<?>> added;
  // Built-in classes are loaded on first use: loading all of them would cost a process that reads
  // one ConfigMap hundreds of classes.
  private final ConcurrentHashMap<GroupVersionKind, Class<?>> loaded = new ConcurrentHashMap<>();
  private final Map<Class<?>, GroupVersionKind> byClass = new ConcurrentHashMap<>();

  private KindRegistry(Map<GroupVersionKind, String> names, Map<GroupVersionKind, Class<?>> added) {
    this.names = names;
    this.added = Map.copyOf(added);
    loaded.putAll(added);
  }

  /** Every kind of the pinned Kubernetes spec, each with its generated model. */
  public static KindRegistry builtIn() {
    return BUILT_IN;
  }

  /** A builder starting from this registry's kinds. */
  public Builder toBuilder() {
    return new Builder(names, added);
  }

  /** The class {@code kind} decodes to, if any. */
  public Optional<Class<?>> modelOf(GroupVersionKind kind) {
    Objects.requireNonNull(kind, "kind");
    Class<?> c = loaded.get(kind);
    if (c != null) {
      return Optional.of(c);
    }
    String name = names.get(kind);
    if (name == null) {
      return Optional.empty();
    }
    try {
      c = Class.forName(KindTable.MODEL_PACKAGE + name, true, KindRegistry.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("model " + name + " of " + kind + " is not on the class path; kubesdk-api and kubesdk-manifests must come from the same build", e);
    }
    loaded.put(kind, c);
    return Optional.of(c);
  }

  /**
   * The kind a class is written as when its object does not say: the one group/version/kind the
   * class is registered for (a model served under several, such as {@code DeleteOptions}, has none).
   */
  public Optional<GroupVersionKind> kindOf(Class<?> type) {
    Objects.requireNonNull(type, "type");
    GroupVersionKind known = byClass.get(type);
    if (known != null) {
      return Optional.of(known);
    }
    GroupVersionKind found = null;
    for (Map.Entry<GroupVersionKind, Class<?>> e : added.entrySet()) {
      if (e.getValue() == type) {
        if (found != null) {
          return Optional.empty();
        }
        found = e.getKey();
      }
    }
    if (found == null && type.getName().startsWith(KindTable.MODEL_PACKAGE)) {
      String simple = type.getName().substring(KindTable.MODEL_PACKAGE.length());
      for (Map.Entry<GroupVersionKind, String> e : names.entrySet()) {
        if (e.getValue().equals(simple)) {
          if (found != null) {
            return Optional.empty();
          }
          found = e.getKey();
        }
      }
    }
    if (found != null) {
      byClass.put(type, found);
    }
    return Optional.ofNullable(found);
  }

  /** Every kind this registry knows. */
  public Set<GroupVersionKind> kinds() {
    Set<GroupVersionKind> all = new HashSet<>(names.keySet());
    all.addAll(added.keySet());
    return Set.copyOf(all);
  }

  /** How many kinds are built in and added. */
  @Override
  public String toString() {
    return "KindRegistry[" + names.size() + " built-in kinds, " + added.size() + " added]";
  }

  /** Builds a {@link KindRegistry}. Mutable and not thread-safe. */
  public static final class Builder {
    private final Map<GroupVersionKind, String> names;
    private final Map<GroupVersionKind, Class<?>> added;

    private Builder(Map<GroupVersionKind, String> names, Map<GroupVersionKind, Class<?>> added) {
      this.names = new HashMap<>(names);
      this.added = new LinkedHashMap<>(added);
    }

    /** Decodes {@code kind} as {@code type}, replacing a built-in model of the same kind. */
    public Builder add(GroupVersionKind kind, Class<?> type) {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(type, "type");
      names.remove(kind);
      added.put(kind, type);
      return this;
    }

    /** The registry. */
    public KindRegistry build() {
      return new KindRegistry(Map.copyOf(names), added);
    }
  }
}
