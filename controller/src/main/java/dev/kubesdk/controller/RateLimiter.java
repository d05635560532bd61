package dev.kubesdk.controller;

import dev.kubesdk.controller.internal.ExponentialRateLimiter;
import dev.kubesdk.controller.internal.MaxRateLimiter;
import dev.kubesdk.controller.internal.TokenBucketRateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How long a {@link WorkQueue} holds an item back before it is retried: client-go's {@code
 * workqueue.TypedRateLimiter}. Implementations are thread-safe.
 *
 * <p>{@link #controllerDefault()} is client-go's {@code DefaultTypedControllerRateLimiter}: per
 * item, 5 ms doubling on every failure up to 1000 s; overall, a token bucket of 10 retries per
 * second with a burst of 100; the longer of the two wins. So one failing item backs off on its own
 * while a storm of failures cannot retry more than about 10 items per second.
 *
 * @param <K> the item type
 */
public interface RateLimiter<K> {

  /** The delay before {@code item} is retried this time; counts a failure of it. */
  Duration when(K item);

  /** Forgets {@code item}'s failures: call after it was processed successfully. */
  void forget(K item);

  /** How many failures of {@code item} are counted. */
  int requeues(K item);

  /** client-go's default controller rate limiter; see the class comment. */
  static <K> RateLimiter<K> controllerDefault() {
    return max(exponential(Duration.ofMillis(5), Duration.ofSeconds(1000)), tokenBucket(10, 100));
  }

  /**
   * Per item, {@code base} × 2<sup>failures</sup>, at most {@code max}: client-go's {@code
   * ItemExponentialFailureRateLimiter}.
   */
  static <K> RateLimiter<K> exponential(Duration base, Duration max) {
    return new ExponentialRateLimiter<>(base, max);
  }

  /**
   * For all items together, {@code qps} retries per second with bursts of {@code burst}: client-go's
   * {@code BucketRateLimiter} (golang.org/x/time/rate). Counts no failures per item.
   */
  static <K> RateLimiter<K> tokenBucket(double qps, int burst) {
    return new TokenBucketRateLimiter<>(qps, burst, System::nanoTime);
  }

  /** The longest delay of {@code limiters}: client-go's {@code MaxOfRateLimiter}. */
  @SafeVarargs
  static <K> RateLimiter<K> max(RateLimiter<K>... limiters) {
    List<RateLimiter<K>> all = new ArrayList<>(limiters.length);
    for (RateLimiter<K> limiter : limiters) {
      all.add(Objects.requireNonNull(limiter, "limiter"));
    }
    return new MaxRateLimiter<>(all);
  }
}
