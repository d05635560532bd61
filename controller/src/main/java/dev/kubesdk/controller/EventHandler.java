package dev.kubesdk.controller;

/**
 * Receives the changes a {@link SharedInformer} sees, after its cache has applied them. Every method
 * has an empty default, so a handler overrides only what it needs.
 *
 * <p>Each handler registered on an informer runs on a thread of its own ({@code
 * informer-<resource>-handler-<n>}), one call at a time and in the order the changes happened; a
 * slow handler delays only itself (its pending notifications wait in an unbounded buffer, as in
 * client-go's {@code processorListener}). An exception thrown by a handler is logged at WARN and the
 * next notification is delivered. Objects passed in are the cached instances, shared with the cache
 * and with other handlers: read them, never change them (copy first).
 *
 * @param <T> the object type
 */
public interface EventHandler<T> {

  /** {@code object} appeared: in the initial list, a re-list, or a watch event. */
  default void onAdd(T object) {}

  /**
   * {@code oldObject} became {@code newObject}. A periodic resync calls this with the same object
   * twice; a change the server reports with the resourceVersion already cached is not delivered.
   */
  default void onUpdate(T oldObject, T newObject) {}

  /** {@code lastState} was deleted; the object is its state just before deletion. */
  default void onDelete(T lastState) {}

  /**
   * A delete was missed while the watch was down: found at a re-list. By default this calls {@link
   * #onDelete} with {@link Tombstone#lastKnown()}, which suits handlers that only need the key.
   */
  default void onMissedDelete(Tombstone<T> tombstone) {
    onDelete(tombstone.lastKnown());
  }
}
