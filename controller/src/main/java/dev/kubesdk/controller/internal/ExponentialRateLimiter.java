package dev.kubesdk.controller.internal;

import dev.kubesdk.controller.RateLimiter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * client-go's {@code ItemExponentialFailureRateLimiter}: base × 2^failures per item, capped.
 * Thread-safe.
 *
 * @param <K> the item type
 */
public final class ExponentialRateLimiter<K> implements RateLimiter<K> {
  private final long baseNanos;
  private final long maxNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<K, Integer> failures = new HashMap<>();

  /** A limiter from {@code base} doubling to {@code max}. */
  public ExponentialRateLimiter(Duration base, Duration max) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= max, got base " + base + " and max " + max);
    }
    this.baseNanos = base.toNanos();
    this.maxNanos = max.toNanos();
  }

  @Override
  public Duration when(K item) {
    int exp;
    lock.lock();
    try {
      exp = failures.getOrDefault(item, 0);
      failures.put(item, exp + 1);
    } finally {
      lock.unlock();
    }
    // Past 62 doublings any base overflows a long; the cap applies long before.
    if (exp >= 62 || baseNanos > (maxNanos >> exp)) {
      return Duration.ofNanos(maxNanos);
    }
    return Duration.ofNanos(baseNanos << exp);
  }

  @Override
  public void forget(K item) {
    lock.lock();
    try {
      failures.remove(item);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int requeues(K item) {
    lock.lock();
    try {
      return failures.getOrDefault(item, 0);
    } finally {
      lock.unlock();
    }
  }
}
