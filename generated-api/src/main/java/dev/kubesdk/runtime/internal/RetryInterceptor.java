package dev.kubesdk.runtime.internal;

import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.RateLimit;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a call again when it may succeed the next time, and takes a token of the client-side rate
 * limit before each attempt. Thread-safe; one per transport, so every client of a configuration
 * shares its bucket.
 *
 * <p>Retried, up to {@link Configuration#maxRetries()} times: a 429 for any method (API Priority
 * and Fairness rejected it before any work); for idempotent methods, and for all when {@link
 * Configuration#retryNonIdempotent()}, a 5xx or an I/O failure (refused, reset, broken). A 401 is
 * the authorization interceptor's, which runs inside this one. The wait is the server's {@code
 * Retry-After} (capped at {@link #MAX_RETRY_AFTER}) or an exponential backoff from {@link
 * #INITIAL_BACKOFF}, doubling to {@link #MAX_BACKOFF}, of which a random half to all is waited (so
 * that clients that failed together do not retry together). No wait goes past the call's own timeout: the
 * last answer or failure is returned instead. Mirrors client-go's {@code rest/with_retry.go}, which
 * retries responses carrying {@code Retry-After}, and its exponential backoff.
 */
final class RetryInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(RetryInterceptor.class);
  static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

  private final int maxRetries;
  private final boolean retryNonIdempotent;
  private final @Nullable TokenBucket bucket;

  RetryInterceptor(Configuration configuration) {
    this.maxRetries = configuration.maxRetries();
    this.retryNonIdempotent = configuration.retryNonIdempotent();
    RateLimit limit = configuration.rateLimit().orElse(null);
    this.bucket = limit == null ? null : TokenBucket.of(limit);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    long timeout = chain.call().timeout().timeoutNanos();
    long deadline = timeout == 0 ? 0 : System.nanoTime() + timeout;
    boolean mayRepeat = retryNonIdempotent || IDEMPOTENT.contains(request.method());
    boolean oneShot = request.body() != null && request.body().isOneShot();
    for (int attempt = 0; ; attempt++) {
      if (bucket != null) {
        bucket.acquire(deadline);
      }
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        if (!mayRepeat || oneShot || attempt >= maxRetries || chain.call().isCanceled() || !pause(request, attempt, waitNanos(attempt, null), deadline, e.toString())) {
          throw e;
        }
        continue;
      }
      int code = response.code();
      boolean retryable = code == 429 || (code >= 500 && mayRepeat && code != 501);
      if (!retryable || oneShot || attempt >= maxRetries) {
        return response;
      }
      long wait = waitNanos(attempt, response.header("Retry-After"));
      if (passes(deadline, wait)) {
        // The caller gets this answer rather than a timeout after a wait that cannot end in time.
        return response;
      }
      response.close();
      if (!pause(request, attempt, wait, deadline, "HTTP " + code)) {
        throw new InterruptedIOException("interrupted while waiting to retry after HTTP " + code);
      }
    }
  }

  private static boolean passes(long deadline, long wait) {
    return deadline != 0 && System.nanoTime() + wait - deadline > 0;
  }

  /** Waits {@code wait} ns before the next attempt; false when that would pass the deadline or the thread was interrupted. */
  private boolean pause(Request request, int attempt, long wait, long deadline, String why) {
    if (passes(deadline, wait)) {
      return false;
    }
    log.debug("{} {}: {}; retry {} of {} in {} ms", request.method(), request.url().encodedPath(), why, attempt + 1, maxRetries, TimeUnit.NANOSECONDS.toMillis(wait));
    try {
      TimeUnit.NANOSECONDS.sleep(wait);
      CallTrace trace = request.tag(CallTrace.class);
      if (trace != null) {
        trace.retried();
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static long waitNanos(int attempt, @Nullable String retryAfter) {
    if (retryAfter != null) {
      try {
        long seconds = Long.parseLong(retryAfter.trim());
        if (seconds >= 0) {
          return Math.min(TimeUnit.SECONDS.toNanos(seconds), MAX_RETRY_AFTER.toNanos());
        }
      } catch (NumberFormatException e) {
        // An HTTP date, which kube-apiserver never sends: fall back to the backoff.
      }
    }
    long ceiling = Math.min(MAX_BACKOFF.toNanos(), INITIAL_BACKOFF.toNanos() << Math.min(attempt, 20));
    return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
  }
}
