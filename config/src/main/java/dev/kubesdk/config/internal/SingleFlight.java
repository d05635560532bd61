package dev.kubesdk.config.internal;

import dev.kubesdk.config.ConfigException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs a credential refresh at most once at a time: the first caller to find the cached value
 * stale runs the refresh on its own thread, and every other caller waits for that result, each no
 * longer than it may. The lock only guards who runs; nobody holds it while refreshing or waiting,
 * so a hung refresh blocks only those who chose to wait for it. Thread-safe.
 *
 * @param <T> the refreshed value
 */
final class SingleFlight<T> {
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable CompletableFuture<T> running;

  /**
   * The fresh value: {@code fresh} if it answers, else the result of the refresh already running,
   * else the result of running {@code refresh} here.
   *
   * @param fresh the cached value when it is still good, or null; asked again under the lock, so
   *     a refresh that finished just now is not repeated
   * @param refresh fetches a new value (and caches it) on the calling thread
   * @param maxWait how long to wait for another thread's refresh; zero for no limit
   * @param timedOut the exception to throw when {@code maxWait} passes first
   */
  T get(Supplier<@Nullable T> fresh, Supplier<T> refresh, Duration maxWait, Function<Duration, ? extends RuntimeException> timedOut) {
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
    }
    CompletableFuture<T> other;
    CompletableFuture<T> mine = null;
    lock.lock();
    try {
      T now = fresh.get();
      if (now != null) {
        return now;
      }
      other = running;
      if (other == null) {
        mine = new CompletableFuture<>();
        running = mine;
      }
    } finally {
      lock.unlock();
    }
    if (mine != null) {
      return runHere(mine, refresh);
    }
    return await(other, maxWait, timedOut);
  }

  private T runHere(CompletableFuture<T> mine, Supplier<T> refresh) {
    try {
      T value = refresh.get();
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      lock.lock();
      try {
        if (running == mine) {
          running = null;
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private static long saturatedNanos(Duration d) {
    return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toNanos();
  }

  private static <T> T await(CompletableFuture<T> other, Duration maxWait, Function<Duration, ? extends RuntimeException> timedOut) {
    try {
      return maxWait.isZero() ? other.get() : other.get(saturatedNanos(maxWait), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw timedOut.apply(maxWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException("interrupted while waiting for a credential refresh that another request is running.", e);
    } catch (ExecutionException e) {
      // The refreshing thread's own error (a typed ConfigException) is the one to report here too.
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }
}
