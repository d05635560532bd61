package dev.kubesdk.controller.internal;

import java.util.Collection;

/**
 * Where a {@link Reflector} puts what it lists and watches: client-go's {@code Store} as the
 * reflector sees it (the informer's DeltaFIFO plus indexer). Called only from the reflector's
 * thread, one call at a time; objects have already been transformed.
 *
 * @param <T> the object type
 */
public interface ReflectorSink<T> {

  /** The complete current state at {@code resourceVersion}: from a LIST or a streaming list. */
  void replace(Collection<T> objects, String resourceVersion);

  /** An ADDED watch event. */
  void added(T object);

  /** A MODIFIED watch event. */
  void modified(T object);

  /** A DELETED watch event; the object is its last state. */
  void deleted(T object);

  /**
   * An attempt to list or watch failed with {@code error}; the reflector retries after a backoff.
   * Not called for 410 Gone, which the reflector answers by listing again.
   */
  default void failed(RuntimeException error) {}

  /** A list or watch succeeded after {@link #failed}: the reflector is receiving changes again. */
  default void recovered() {}
}
