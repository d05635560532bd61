package dev.kubesdk.controller.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final AtomicLong now = new AtomicLong();
  private final Backoff backoff = new Backoff(Duration.ofMillis(800), Duration.ofSeconds(30), Duration.ofMinutes(2), 1.0, now::get);

  @Test
  void waitsDoubleFrom800MillisToTheCapEachStretchedByUpToItself() {
    long[] bases = {800, 1600, 3200, 6400, 12800, 25600, 30000, 30000};
    for (long base : bases) {
      Duration wait = backoff.next();
      assertThat(wait).isBetween(Duration.ofMillis(base), Duration.ofMillis(2 * base));
      now.addAndGet(Duration.ofSeconds(1).toNanos());
    }
  }

  @Test
  void twoQuietMinutesStartItOver() {
    backoff.next();
    backoff.next();
    backoff.next();
    now.addAndGet(Duration.ofMinutes(2).plusMillis(1).toNanos());

    assertThat(backoff.next()).isBetween(Duration.ofMillis(800), Duration.ofMillis(1600));
  }
}
