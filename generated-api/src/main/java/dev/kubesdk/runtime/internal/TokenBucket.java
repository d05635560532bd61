package dev.kubesdk.runtime.internal;

import dev.kubesdk.config.RateLimit;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A token bucket of {@link RateLimit#burst()} tokens refilled at {@link RateLimit#qps()} per second,
 * as client-go's {@code tokenBucketRateLimiter}, kept as the "theoretical arrival time" of the next
 * request (the generic cell rate algorithm): after a quiet period {@code burst} requests go at once,
 * then one every {@code 1 / qps} seconds. Thread-safe. A caller reserves its slot under the lock and
 * waits for it outside, so waiters queue in arrival order without holding the lock.
 */
final class TokenBucket {
  /** Sleeps for a number of nanoseconds; the tests pass one that moves a fake clock. */
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final long interval;
  private final long tolerance;
  private final LongSupplier clock;
  private final Sleeper sleeper;
  private final ReentrantLock lock = new ReentrantLock();
  private long arrival;

  TokenBucket(RateLimit limit, LongSupplier clock, Sleeper sleeper) {
    this.interval = Math.max(1, (long) (TimeUnit.SECONDS.toNanos(1) / limit.qps()));
    this.tolerance = (limit.burst() - 1) * interval;
    this.clock = clock;
    this.sleeper = sleeper;
    this.arrival = clock.getAsLong();
  }

  static TokenBucket of(RateLimit limit) {
    return new TokenBucket(limit, System::nanoTime, nanos -> TimeUnit.NANOSECONDS.sleep(nanos));
  }

  /**
   * Takes a token, waiting for it when none is left.
   *
   * @param deadline the {@link System#nanoTime} after which the caller may not wait; 0 for none
   * @throws InterruptedIOException when the token would come after the deadline (nothing is
   *     taken then), or the thread is interrupted
   */
  void acquire(long deadline) throws InterruptedIOException {
    long wait;
    lock.lock();
    try {
      long now = clock.getAsLong();
      long next = Math.max(arrival, now);
      wait = Math.max(0, next - tolerance - now);
      if (deadline != 0 && now + wait - deadline > 0) {
        throw new InterruptedIOException("timeout: the client-side rate limit would delay the request past its requestTimeout");
      }
      arrival = next + interval;
    } finally {
      lock.unlock();
    }
    if (wait > 0) {
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the client-side rate limit");
      }
    }
  }
}
