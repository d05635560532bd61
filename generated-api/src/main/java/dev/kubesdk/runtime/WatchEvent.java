package dev.kubesdk.runtime;

import java.util.Objects;

/**
 * One event of a {@link Watch}: what happened and the object it happened to. Immutable when the
 * object is not changed.
 *
 * @param type what happened
 * @param object the object after the change ({@link Type#DELETED}: its last state; {@link
 *     Type#BOOKMARK}: only {@code metadata.resourceVersion} is set)
 * @param <T> the model type of the watched resource, e.g. {@code V1Pod}
 */
public record WatchEvent<T>(Type type, T object) {
  /** Checks that both parts are present. */
  public WatchEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(object, "object");
  }

  /** The kinds of watch event the API server sends. */
  public enum Type {
    /** The object was created, or existed when a watch with {@code sendInitialEvents} started. */
    ADDED,
    /** The object changed. */
    MODIFIED,
    /** The object was deleted. */
    DELETED,
    /** A progress marker: resume a later watch from its {@code resourceVersion}. */
    BOOKMARK,
    /**
     * The watch failed. Never delivered as an event: {@link Watch} throws an {@link ApiException}
     * instead ({@link GoneException} when the resourceVersion expired).
     */
    ERROR
  }
}
