package dev.kubesdk.runtime.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The start and the retry count of one call, carried as a tag of its OkHttp request so that the
 * retry interceptor, which resends it, and the client, which reports it, see the same one.
 */
public final class CallTrace {
  private final Instant started = Instant.now();
  private final long startNanos = System.nanoTime();
  private final AtomicInteger retries = new AtomicInteger();

  /** A trace starting now. */
  public CallTrace() {}

  void retried() {
    retries.incrementAndGet();
  }

  /** When the call started. */
  public Instant started() {
    return started;
  }

  /** Nanoseconds since the call started. */
  public long elapsedNanos() {
    return System.nanoTime() - startNanos;
  }

  /** How often the call was sent again so far. */
  public int retries() {
    return retries.get();
  }
}
