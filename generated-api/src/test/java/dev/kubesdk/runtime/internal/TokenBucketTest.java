package dev.kubesdk.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.config.RateLimit;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bucket on a clock that moves only when the bucket sleeps, so every wait is exact. */
class TokenBucketTest {
  private long now = 1_000_000_000L;
  private final List<Long> waits = new ArrayList<>();

  private TokenBucket bucket(double qps, int burst) {
    return new TokenBucket(
        new RateLimit(qps, burst),
        () -> now,
        nanos -> {
          waits.add(nanos);
          now += nanos;
        });
  }

  @Test
  void aBurstGoesAtOnceThenOneRequestPerInterval() throws InterruptedIOException {
    TokenBucket bucket = bucket(5, 3);

    for (int i = 0; i < 6; i++) {
      bucket.acquire(0);
    }

    long interval = TimeUnit.MILLISECONDS.toNanos(200);
    assertThat(waits).containsExactly(interval, interval, interval);
  }

  @Test
  void aQuietPeriodRefillsTheBucketButNoFurtherThanTheBurst() throws InterruptedIOException {
    TokenBucket bucket = bucket(10, 2);
    bucket.acquire(0);
    bucket.acquire(0);

    now += TimeUnit.SECONDS.toNanos(60);
    for (int i = 0; i < 3; i++) {
      bucket.acquire(0);
    }

    assertThat(waits).containsExactly(TimeUnit.MILLISECONDS.toNanos(100));
  }

  @Test
  void aWaitPastTheDeadlineFailsAtOnceAndTakesNoToken() throws InterruptedIOException {
    TokenBucket bucket = bucket(1, 1);
    bucket.acquire(0);

    assertThatThrownBy(() -> bucket.acquire(now + TimeUnit.MILLISECONDS.toNanos(500)))
        .isInstanceOf(InterruptedIOException.class)
        .hasMessageContaining("requestTimeout");
    bucket.acquire(0);

    assertThat(waits).containsExactly(TimeUnit.SECONDS.toNanos(1));
  }
}
