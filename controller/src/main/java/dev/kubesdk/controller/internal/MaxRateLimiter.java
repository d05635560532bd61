package dev.kubesdk.controller.internal;

import dev.kubesdk.controller.RateLimiter;
import java.time.Duration;
import java.util.List;

/**
 * client-go's {@code MaxOfRateLimiter}: asks every limiter (each counts the failure) and waits the
 * longest. Thread-safe when its limiters are.
 *
 * @param <K> the item type
 */
public final class MaxRateLimiter<K> implements RateLimiter<K> {
  private final List<RateLimiter<K>> limiters;

  /** The maximum of {@code limiters}, at least one. */
  public MaxRateLimiter(List<RateLimiter<K>> limiters) {
    if (limiters.isEmpty()) {
      throw new IllegalArgumentException("max() needs at least one rate limiter");
    }
    this.limiters = List.copyOf(limiters);
  }

  @Override
  public Duration when(K item) {
    Duration longest = Duration.ZERO;
    for (RateLimiter<K> l : limiters) {
      Duration d = l.when(item);
      if (d.compareTo(longest) > 0) {
        longest = d;
      }
    }
    return longest;
  }

  @Override
  public void forget(K item) {
    for (RateLimiter<K> l : limiters) {
      l.forget(item);
    }
  }

  @Override
  public int requeues(K item) {
    int most = 0;
    for (RateLimiter<K> l : limiters) {
      most = Math.max(most, l.requeues(item));
    }
    return most;
  }
}
