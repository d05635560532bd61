package dev.kubesdk.controller;

import java.time.Duration;

/**
 * One handler added to a {@link SharedInformer}: client-go's {@code
 * ResourceEventHandlerRegistration}. Thread-safe.
 */
public interface HandlerRegistration {

  /**
   * True once this handler has been given every object of the informer's first complete state (a
   * handler added later: every object cached when it was added). A controller starts its workers
   * after this, so that its first decisions see the whole cache.
   */
  boolean hasSynced();

  /**
   * Waits up to {@code timeout} for {@link #hasSynced()}; true when it turned true. When
   * interrupted it returns false with the interrupt flag set.
   */
  boolean awaitSynced(Duration timeout);

  /** Stops delivering to this handler; notifications not yet delivered are dropped. */
  void remove();
}
