package dev.kubesdk.controller.internal;

import dev.kubesdk.controller.RateLimiter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * client-go's {@code BucketRateLimiter}: golang.org/x/time/rate's {@code Limiter.Reserve().Delay()},
 * a bucket of {@code burst} tokens refilled at {@code qps}; each call takes a token, borrowing
 * ahead when the bucket is empty, and waits for the borrowed one to be refilled. Thread-safe.
 *
 * @param <K> the item type
 */
public final class TokenBucketRateLimiter<K> implements RateLimiter<K> {
  private final double qps;
  private final int burst;
  private final LongSupplier nanoTime;
  private final ReentrantLock lock = new ReentrantLock();
  private double tokens;
  private long lastNanos;

  /** A bucket of {@code burst} tokens, full, refilled at {@code qps} per second. */
  public TokenBucketRateLimiter(double qps, int burst, LongSupplier nanoTime) {
    if (!(qps > 0) || burst < 1) {
      throw new IllegalArgumentException("need qps > 0 and burst >= 1, got qps " + qps + " and burst " + burst);
    }
    this.qps = qps;
    this.burst = burst;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.tokens = burst;
    this.lastNanos = nanoTime.getAsLong();
  }

  @Override
  public Duration when(K item) {
    lock.lock();
    try {
      long now = nanoTime.getAsLong();
      tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * qps);
      lastNanos = now;
      tokens -= 1;
      if (tokens >= 0) {
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) Math.ceil(-tokens / qps * 1e9));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void forget(K item) {}

  @Override
  public int requeues(K item) {
    return 0;
  }
}
