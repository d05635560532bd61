package dev.kubesdk.controller;

import java.util.List;
import java.util.Optional;

/**
 * The cache of a {@link SharedInformer}, read-only for its users: client-go's {@code Indexer} as its
 * listers see it. Thread-safe; reads never block the informer for long and see every change the
 * informer applied before they started. Objects are shared with the informer and its handlers:
 * read them, never change them (copy first).
 *
 * <p>Every store has the {@link #NAMESPACE_INDEX}; {@link SharedInformer#addIndex} adds more before
 * the informer starts.
 *
 * @param <T> the object type
 */
public interface Store<T> {
  /** The index of objects by namespace; cluster-scoped objects are not in it. */
  String NAMESPACE_INDEX = "namespace";

  /** The object with {@code key}, if cached. */
  Optional<T> get(ObjectKey key);

  /** Every cached object, in no particular order; a copy. */
  List<T> list();

  /** The cached objects of {@code namespace}; a copy. */
  List<T> inNamespace(String namespace);

  /**
   * The cached objects whose index {@code indexName} holds {@code value}; a copy.
   *
   * @throws IllegalArgumentException when there is no such index
   */
  List<T> byIndex(String indexName, String value);

  /** The keys of every cached object; a copy. */
  List<ObjectKey> keys();

  /** How many objects are cached. */
  int size();
}
