package dev.kubesdk.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.controller.internal.TokenBucketRateLimiter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void theExponentialLimiterDoublesPerItemUpToItsMaximum() {
    RateLimiter<String> limiter = RateLimiter.exponential(Duration.ofMillis(5), Duration.ofSeconds(1000));

    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(10));
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(20));
    assertThat(limiter.when("b")).as("each item on its own").isEqualTo(Duration.ofMillis(5));
    for (int i = 0; i < 100; i++) {
      limiter.when("a");
    }
    assertThat(limiter.when("a")).isEqualTo(Duration.ofSeconds(1000));
    assertThat(limiter.requeues("a")).isEqualTo(104);

    limiter.forget("a");
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void theTokenBucketLetsABurstThroughThenSpacesRetriesAtItsRate() {
    AtomicLong now = new AtomicLong();
    RateLimiter<String> bucket = new TokenBucketRateLimiter<>(10, 100, now::get);

    for (int i = 0; i < 100; i++) {
      assertThat(bucket.when("x" + i)).isZero();
    }
    assertThat(bucket.when("y")).isEqualTo(Duration.ofMillis(100));
    assertThat(bucket.when("z")).isEqualTo(Duration.ofMillis(200));

    now.addAndGet(Duration.ofSeconds(60).toNanos());
    assertThat(bucket.when("later")).as("refilled, but never past the burst").isZero();
  }

  @Test
  void theControllerDefaultWaitsTheLongerOfItsTwoLimiters() {
    RateLimiter<String> limiter = RateLimiter.controllerDefault();

    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(10));
    assertThat(limiter.requeues("a")).isEqualTo(2);
    for (int i = 0; i < 200; i++) {
      limiter.when("item-" + i);
    }
    assertThat(limiter.when("fresh")).as("the bucket is empty after a burst of 100: about 10 per second").isGreaterThan(Duration.ofSeconds(5));
  }
}
