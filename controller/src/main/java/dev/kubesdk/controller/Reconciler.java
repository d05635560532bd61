package dev.kubesdk.controller;

/**
 * Brings the world in line with one object: the body of a {@link Controller}. It gets only the
 * key and reads the current state from the informers' stores (and the API), so that it is
 * level-based: it does the same thing however many events led to the call, and a missed event is
 * made up by the next one or a resync.
 *
 * <p>Called on the controller's worker threads; never for the same key on two threads at once.
 * Returning {@link Result#done()} forgets the key's failures; throwing counts as {@link
 * Result#requeue()} (the exception is logged at WARN).
 */
@FunctionalInterface
public interface Reconciler {

  /** Handles {@code key}; the object may be gone (look it up, and clean up when it is). */
  Result reconcile(ObjectKey key);
}
