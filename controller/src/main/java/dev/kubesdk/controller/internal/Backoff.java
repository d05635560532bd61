package dev.kubesdk.controller.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Exponential backoff with jitter that starts over after a quiet period: client-go's {@code
 * wait.NewExponentialBackoffManager}. The reflector uses client-go's values ({@link #reflector()}):
 * 800 ms doubling to a 30 s cap, each wait stretched by a random 0–100 % (so the longest wait is
 * just under 60 s), and back to 800 ms once 2 minutes passed without a failure. Not thread-safe:
 * one loop owns it.
 */
public final class Backoff {
  private final long initialNanos;
  private final long capNanos;
  private final long resetNanos;
  private final double jitter;
  private final LongSupplier nanoTime;
  private long nextNanos;
  private long lastNanos;
  private boolean used;

  /**
   * A backoff from {@code initial}, doubling to {@code cap}, starting over after {@code reset}
   * without a call, each wait stretched by up to {@code jitter} times itself.
   */
  public Backoff(Duration initial, Duration cap, Duration reset, double jitter, LongSupplier nanoTime) {
    this.initialNanos = initial.toNanos();
    this.capNanos = cap.toNanos();
    this.resetNanos = reset.toNanos();
    this.jitter = jitter;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.nextNanos = initialNanos;
  }

  /** client-go's reflector backoff: 800 ms → 30 s, factor 2, jitter 1.0, reset after 2 min. */
  public static Backoff reflector() {
    return new Backoff(Duration.ofMillis(800), Duration.ofSeconds(30), Duration.ofMinutes(2), 1.0, System::nanoTime);
  }

  /** The next wait; each call doubles the base of the following one, up to the cap. */
  public Duration next() {
    long now = nanoTime.getAsLong();
    if (used && now - lastNanos > resetNanos) {
      nextNanos = initialNanos;
    }
    used = true;
    lastNanos = now;
    long base = nextNanos;
    nextNanos = Math.min(capNanos, base * 2);
    long wait = base + (long) (ThreadLocalRandom.current().nextDouble() * jitter * base);
    return Duration.ofNanos(wait);
  }
}
