package dev.kubesdk.controller.internal;

import dev.kubesdk.controller.ObjectKey;
import dev.kubesdk.controller.Store;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A thread-safe map from {@link ObjectKey} to object with indexes: client-go's {@code
 * threadSafeMap}. One writer (the informer's reflector thread), any number of readers.
 *
 * <p>Index functions are the caller's code, so they run before the write lock is taken, never under
 * it; that is sound because only the one writer changes the map, so the object being replaced
 * cannot change between computing its index values and updating the indexes.
 *
 * @param <T> the object type
 */
public final class IndexedStore<T> implements Store<T> {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<ObjectKey, T> items = new HashMap<>();
  private final Map<String, Function<T, Collection<String>>> indexers;
  private final Map<String, Map<String, Set<ObjectKey>>> indices = new HashMap<>();

  /** A store with these indexes (name → function giving an object's values). */
  public IndexedStore(Map<String, Function<T, Collection<String>>> indexers) {
    this.indexers = Map.copyOf(indexers);
    for (String name : this.indexers.keySet()) {
      indices.put(name, new HashMap<>());
    }
  }

  @Override
  public Optional<T> get(ObjectKey key) {
    Objects.requireNonNull(key, "key");
    lock.readLock().lock();
    try {
      return Optional.ofNullable(items.get(key));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The object with {@code key}, or null. */
  public @Nullable T getOrNull(ObjectKey key) {
    lock.readLock().lock();
    try {
      return items.get(key);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<T> list() {
    lock.readLock().lock();
    try {
      return new ArrayList<>(items.values());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<T> inNamespace(String namespace) {
    return byIndex(NAMESPACE_INDEX, Objects.requireNonNull(namespace, "namespace"));
  }

  @Override
  public List<T> byIndex(String indexName, String value) {
    Objects.requireNonNull(indexName, "indexName");
    Objects.requireNonNull(value, "value");
    lock.readLock().lock();
    try {
      Map<String, Set<ObjectKey>> index = indices.get(indexName);
      if (index == null) {
        throw new IllegalArgumentException("no index \"" + indexName + "\"; the store has " + indices.keySet());
      }
      Set<ObjectKey> keys = index.get(value);
      if (keys == null) {
        return List.of();
      }
      List<T> out = new ArrayList<>(keys.size());
      for (ObjectKey k : keys) {
        out.add(items.get(k));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<ObjectKey> keys() {
    lock.readLock().lock();
    try {
      return new ArrayList<>(items.keySet());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return items.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Stores {@code object} under {@code key}; returns the object it replaced, or null. Writer thread only. */
  public @Nullable T put(ObjectKey key, T object) {
    T old = getOrNull(key);
    Map<String, Collection<String>> oldValues = old == null ? Map.of() : indexValues(old);
    Map<String, Collection<String>> newValues = indexValues(object);
    lock.writeLock().lock();
    try {
      items.put(key, object);
      unindex(key, oldValues);
      index(key, newValues);
    } finally {
      lock.writeLock().unlock();
    }
    return old;
  }

  /** Removes {@code key}; returns the object removed, or null. Writer thread only. */
  public @Nullable T remove(ObjectKey key) {
    T old = getOrNull(key);
    if (old == null) {
      return null;
    }
    Map<String, Collection<String>> oldValues = indexValues(old);
    lock.writeLock().lock();
    try {
      items.remove(key);
      unindex(key, oldValues);
    } finally {
      lock.writeLock().unlock();
    }
    return old;
  }

  private Map<String, Collection<String>> indexValues(T object) {
    if (indexers.isEmpty()) {
      return Map.of();
    }
    Map<String, Collection<String>> values = new HashMap<>(indexers.size() * 2);
    for (Map.Entry<String, Function<T, Collection<String>>> e : indexers.entrySet()) {
      Collection<String> v = e.getValue().apply(object);
      if (v != null && !v.isEmpty()) {
        values.put(e.getKey(), v);
      }
    }
    return values;
  }

  private void index(ObjectKey key, Map<String, Collection<String>> values) {
    for (Map.Entry<String, Collection<String>> e : values.entrySet()) {
      Map<String, Set<ObjectKey>> index = indices.get(e.getKey());
      for (String value : e.getValue()) {
        index.computeIfAbsent(value, v -> new HashSet<>()).add(key);
      }
    }
  }

  private void unindex(ObjectKey key, Map<String, Collection<String>> values) {
    for (Map.Entry<String, Collection<String>> e : values.entrySet()) {
      Map<String, Set<ObjectKey>> index = indices.get(e.getKey());
      for (String value : e.getValue()) {
        Set<ObjectKey> keys = index.get(value);
        if (keys != null) {
          keys.remove(key);
          if (keys.isEmpty()) {
            // An index of many short-lived values (pod names, node names) must not keep empty sets.
            index.remove(value);
          }
        }
      }
    }
  }
}
