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
  // One slot per index, in the same order: its function and its value → keys map.
  private final Function<T, Collection<String>>[] indexFunctions;
  private final Map<String, Set<ObjectKey>>[] indexMaps;
  private final Map<String, Map<String, Set<ObjectKey>>> indices = new HashMap<>();

  /** A store with these indexes (name → function giving an object's values). */
  @SuppressWarnings("unchecked")
  public IndexedStore(Map<String, Function<T, Collection<String>>> indexers) {
    int n = indexers.size();
    indexFunctions = new Function[n];
    indexMaps = new Map[n];
    int i = 0;
    for (Map.Entry<String, Function<T, Collection<String>>> e : indexers.entrySet()) {
      indexFunctions[i] = Objects.requireNonNull(e.getValue(), "index function");
      indexMaps[i] = new HashMap<>();
      indices.put(e.getKey(), indexMaps[i]);
      i++;
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
    // Only this thread writes, so reading the map without the lock sees its latest state.
    T old = items.get(key);
    Collection<String>[] oldValues = old == null ? null : indexValues(old);
    Collection<String>[] newValues = indexValues(object);
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
    T old = items.get(key);
    if (old == null) {
      return null;
    }
    Collection<String>[] oldValues = indexValues(old);
    lock.writeLock().lock();
    try {
      items.remove(key);
      unindex(key, oldValues);
    } finally {
      lock.writeLock().unlock();
    }
    return old;
  }

  /**
   * Makes the store hold exactly {@code state} (a complete list), under one write lock: readers see
   * the old state or the new one, never a mix. Index functions run before the lock is taken.
   * Writer thread only.
   *
   * @return the objects that were replaced (by key) and those removed because absent from {@code state}
   */
  public Replaced<T> replace(Map<ObjectKey, T> state) {
    int n = state.size();
    ObjectKey[] keys = new ObjectKey[n];
    Object[] objects = new Object[n];
    Collection<String>[][] oldValues = newValueTable(n);
    Collection<String>[][] newValues = newValueTable(n);
    Map<ObjectKey, T> previous = new HashMap<>(Math.max(16, (int) (items.size() / 0.75f) + 1));
    int i = 0;
    for (Map.Entry<ObjectKey, T> e : state.entrySet()) {
      ObjectKey key = e.getKey();
      T object = e.getValue();
      T old = items.get(key);
      if (old != null) {
        previous.put(key, old);
        oldValues[i] = indexValues(old);
      }
      keys[i] = key;
      objects[i] = object;
      newValues[i] = indexValues(object);
      i++;
    }
    Map<ObjectKey, T> removed = new HashMap<>();
    for (Map.Entry<ObjectKey, T> e : items.entrySet()) {
      if (!state.containsKey(e.getKey())) {
        removed.put(e.getKey(), e.getValue());
      }
    }
    List<Collection<String>[]> removedValues = new ArrayList<>(removed.size());
    for (T gone : removed.values()) {
      removedValues.add(indexValues(gone));
    }
    lock.writeLock().lock();
    try {
      int r = 0;
      for (ObjectKey key : removed.keySet()) {
        items.remove(key);
        unindex(key, removedValues.get(r++));
      }
      for (int j = 0; j < n; j++) {
        @SuppressWarnings("unchecked")
        T object = (T) objects[j];
        items.put(keys[j], object);
        unindex(keys[j], oldValues[j]);
        index(keys[j], newValues[j]);
      }
    } finally {
      lock.writeLock().unlock();
    }
    return new Replaced<>(previous, removed);
  }

  /**
   * What a {@link #replace} changed.
   *
   * @param previous the cached objects that {@code state} replaced, by key
   * @param removed the cached objects that were not in {@code state}, by key
   */
  public record Replaced<T>(Map<ObjectKey, T> previous, Map<ObjectKey, T> removed) {}

  @SuppressWarnings("unchecked")
  private Collection<String>[][] newValueTable(int n) {
    return new Collection[n][];
  }

  /**
   * The values of {@code object} for each index, in {@link #indexFunctions}' order, an element null
   * where the object has none; null when the store has no index.
   */
  @SuppressWarnings("unchecked")
  private Collection<String> @Nullable [] indexValues(T object) {
    if (indexFunctions.length == 0) {
      return null;
    }
    Collection<String>[] values = new Collection[indexFunctions.length];
    for (int i = 0; i < indexFunctions.length; i++) {
      Collection<String> v = indexFunctions[i].apply(object);
      values[i] = v == null || v.isEmpty() ? null : v;
    }
    return values;
  }

  private void index(ObjectKey key, Collection<String>[] values) {
    if (values == null) {
      return;
    }
    for (int i = 0; i < values.length; i++) {
      Collection<String> v = values[i];
      if (v == null) {
        continue;
      }
      Map<String, Set<ObjectKey>> index = indexMaps[i];
      for (String value : v) {
        index.computeIfAbsent(value, x -> new HashSet<>()).add(key);
      }
    }
  }

  private void unindex(ObjectKey key, Collection<String>[] values) {
    if (values == null) {
      return;
    }
    for (int i = 0; i < values.length; i++) {
      Collection<String> v = values[i];
      if (v == null) {
        continue;
      }
      Map<String, Set<ObjectKey>> index = indexMaps[i];
      for (String value : v) {
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
