package dev.kubesdk.config.internal;

import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.Sensitive;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Credentials from an exec plugin, cached until {@code status.expirationTimestamp} (or until the
 * server rejects them when the plugin gives no expiry). Thread-safe; share one instance.
 *
 * <p>Refresh is single-flight: the first thread to find the credential missing or expired runs
 * the plugin while holding the lock, and every other thread waits and then uses its result.
 */
public final class ExecCredentials implements Credentials {
  private final ExecPlugin plugin;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private ExecPlugin.@Nullable Result cached;

  /** Credentials from {@code plugin}, with expiry judged by {@code clock}. */
  public ExecCredentials(ExecPlugin plugin, Clock clock) {
    this.plugin = Objects.requireNonNull(plugin, "plugin");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The current credential, running the plugin when none is cached or it has expired. */
  public ExecPlugin.Result current() {
    lock.lock();
    try {
      ExecPlugin.Result r = cached;
      if (r == null || (r.expiration() != null && !clock.instant().isBefore(r.expiration()))) {
        r = plugin.run();
        cached = r;
      }
      return r;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Sensitive> authorization() {
    return header(current());
  }

  private static Optional<Sensitive> header(ExecPlugin.Result r) {
    Sensitive token = r.token();
    return token == null ? Optional.empty() : Optional.of(Sensitive.of("Bearer " + token.reveal()));
  }

  @Override
  public boolean invalidate(Sensitive rejected) {
    lock.lock();
    try {
      ExecPlugin.Result r = cached;
      if (r == null) {
        return true;
      }
      Optional<Sensitive> h = header(r);
      if (h.isEmpty()) {
        // A certificate-only credential is fixed in the TLS context for the life of the
        // Configuration, so running the plugin again cannot change what the server sees.
        return false;
      }
      if (h.get().equals(rejected)) {
        cached = null;
      }
      // Either dropped now, or another thread already fetched a new one: a retry may succeed.
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String method() {
    return "exec";
  }

  @Override
  public String toString() {
    return "ExecCredentials[" + plugin + "]";
  }
}
