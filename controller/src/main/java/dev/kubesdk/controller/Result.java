package dev.kubesdk.controller;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Reconciler} asks for after handling a key: nothing more, a retry with the rate
 * limiter's backoff, or another look after a fixed delay (controller-runtime's {@code
 * reconcile.Result}). Immutable and thread-safe.
 */
public final class Result {
  private static final Result DONE = new Result(Kind.DONE, null);
  private static final Result REQUEUE = new Result(Kind.REQUEUE, null);

  private enum Kind {
    DONE,
    REQUEUE,
    REQUEUE_AFTER
  }

  private final Kind kind;
  private final @Nullable Duration after;

  private Result(Kind kind, @Nullable Duration after) {
    this.kind = kind;
    this.after = after;
  }

  /** The key is handled; its failures are forgotten. */
  public static Result done() {
    return DONE;
  }

  /** Retry the key after the work queue's rate-limited backoff, counting a failure. */
  public static Result requeue() {
    return REQUEUE;
  }

  /** Look at the key again after {@code delay}, e.g. to poll something outside the cluster; its failures are forgotten. */
  public static Result requeueAfter(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("requeueAfter needs a delay that is not negative: " + delay);
    }
    return new Result(Kind.REQUEUE_AFTER, delay);
  }

  /** True for {@link #requeue()}. */
  public boolean rateLimitedRequeue() {
    return kind == Kind.REQUEUE;
  }

  /** The delay of {@link #requeueAfter}; empty otherwise. */
  public Optional<Duration> requeueDelay() {
    return Optional.ofNullable(after);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Result r && kind == r.kind && Objects.equals(after, r.after);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, after);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case DONE -> "Result.done()";
      case REQUEUE -> "Result.requeue()";
      case REQUEUE_AFTER -> "Result.requeueAfter(" + after + ")";
    };
  }
}
