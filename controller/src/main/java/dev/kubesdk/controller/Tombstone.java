package dev.kubesdk.controller;

import java.util.Objects;

/**
 * A delete the informer did not see happen: the object was in the cache, and a re-list (after a
 * 410 Gone or a lost watch) no longer returned it. client-go's {@code DeletedFinalStateUnknown}.
 * Immutable when the object is not changed.
 *
 * @param key the key of the deleted object
 * @param lastKnown the object as the cache last held it; it may have changed on the server before
 *     it was deleted
 * @param <T> the object type
 */
public record Tombstone<T>(ObjectKey key, T lastKnown) {
  /** Checks that both parts are present. */
  public Tombstone {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastKnown, "lastKnown");
  }
}
