package dev.kubesdk.config;

/**
 * A client-side limit on the rate of requests: a token bucket that refills at {@code qps} tokens per
 * second and holds at most {@code burst}, as client-go's {@code flowcontrol.NewTokenBucketRateLimiter}.
 * Every request takes one token and waits for it when the bucket is empty. Immutable.
 *
 * @param qps the sustained requests per second; more than zero
 * @param burst how many requests may go at once after a quiet period; at least one
 */
public record RateLimit(double qps, int burst) {
  /** Checks the bounds. */
  public RateLimit {
    if (!(qps > 0) || Double.isInfinite(qps)) {
      throw new IllegalArgumentException("qps must be a positive number: " + qps);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1: " + burst);
    }
  }
}
