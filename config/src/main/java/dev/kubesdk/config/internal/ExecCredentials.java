package dev.kubesdk.config.internal;

import dev.kubesdk.config.CredentialsTimeoutException;
import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.Sensitive;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.X509KeyManager;
import org.jspecify.annotations.Nullable;

/**
 * Credentials from an exec plugin, cached until {@code status.expirationTimestamp} (or until the
 * server rejects them when the plugin gives no expiry). Thread-safe; share one instance.
 *
 * <p>Refresh is single-flight: the first thread to find the credential missing or expired runs
 * the plugin (bounded by its timeout), and every other thread waits for its result, no longer than
 * the {@code maxWait} it passes. No lock is held while the plugin runs or while others wait. A
 * client certificate the plugin returns is handed to each TLS handshake through {@link
 * #handshakeCredential()}, so a renewed certificate reaches new connections.
 */
public final class ExecCredentials implements Credentials {
  private final ExecPlugin plugin;
  private final Clock clock;
  private final SingleFlight<Issued> refresh = new SingleFlight<>();
  private final ReentrantLock invalidation = new ReentrantLock();
  private final AtomicLong generations = new AtomicLong();
  private volatile @Nullable Issued cached;
  private volatile byte @Nullable [] firstCertificate;

  /**
   * One plugin result as it is handed out: the header built once, and for a certificate whether a
   * handshake has presented it yet (a certificate no connection has shown cannot have been
   * rejected).
   */
  static final class Issued {
    final ExecPlugin.Result result;
    final long generation;
    final Optional<Sensitive> header;
    volatile boolean presented;
    private volatile @Nullable X509KeyManager keyManager;

    Issued(ExecPlugin.Result result, long generation) {
      this.result = result;
      this.generation = generation;
      Sensitive token = result.token();
      this.header = token == null ? Optional.empty() : Optional.of(Sensitive.of("Bearer " + token.reveal()));
    }

    boolean hasCertificate() {
      return result.clientCertificate() != null && result.clientKey() != null;
    }

    /** The JDK key manager for this result's certificate and key, built on first use. */
    X509KeyManager keyManager(String where) {
      X509KeyManager km = keyManager;
      if (km == null) {
        km = TlsContextFactory.keyManager(Objects.requireNonNull(result.clientCertificate()), Objects.requireNonNull(result.clientKey()),
            where + " (status.clientCertificateData)");
        keyManager = km;
      }
      return km;
    }
  }

  /** Credentials from {@code plugin}, with expiry judged by {@code clock}. */
  public ExecCredentials(ExecPlugin plugin, Clock clock) {
    this.plugin = Objects.requireNonNull(plugin, "plugin");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Names the user entry in messages. */
  String where() {
    return plugin.where();
  }

  /** The current credential, running the plugin when none is cached or it has expired. */
  public ExecPlugin.Result current() {
    return issued(Duration.ZERO).result;
  }

  private Issued issued(Duration maxWait) {
    Issued i = cached;
    if (fresh(i)) {
      return i;
    }
    return refresh.get(() -> fresh(cached) ? cached : null, this::runPlugin, maxWait, this::waitedTooLong);
  }

  private boolean fresh(@Nullable Issued i) {
    return i != null && (i.result.expiration() == null || clock.instant().isBefore(i.result.expiration()));
  }

  private Issued runPlugin() {
    Issued i = new Issued(plugin.run(), generations.incrementAndGet());
    if (i.hasCertificate() && firstCertificate == null) {
      firstCertificate = i.result.clientCertificate();
    }
    cached = i;
    return i;
  }

  private CredentialsTimeoutException waitedTooLong(Duration maxWait) {
    return new CredentialsTimeoutException(plugin.where() + ": timed out after " + Durations.format(maxWait) + " waiting for exec plugin \""
        + plugin.command() + "\", which another request started and is still running. The request gives up; the plugin keeps its own deadline.", maxWait);
  }

  @Override
  public Optional<Sensitive> authorization() {
    return issued(Duration.ZERO).header;
  }

  @Override
  public Optional<Sensitive> authorization(Duration maxWait) {
    return issued(Objects.requireNonNull(maxWait, "maxWait")).header;
  }

  /**
   * The credential a TLS handshake presents now: the cached one while fresh, else a new plugin
   * run. Called from the TLS key manager on the connecting thread.
   */
  Issued handshakeCredential() {
    return issued(Duration.ZERO);
  }

  /**
   * The client certificate of the first plugin run that returned one, or null. The loader copies
   * it into the Configuration; while the Configuration still holds exactly this certificate, its
   * TLS context asks this source at every handshake instead.
   */
  byte @Nullable [] firstCertificate() {
    byte[] c = firstCertificate;
    return c == null ? null : c.clone();
  }

  @Override
  public boolean invalidate(Sensitive rejected) {
    invalidation.lock();
    try {
      Issued i = cached;
      if (i == null) {
        return true;
      }
      if (i.header.isEmpty()) {
        // No header was ours to reject; a certificate is dropped through invalidateClientCertificate.
        return false;
      }
      if (i.header.get().equals(rejected)) {
        cached = null;
      }
      // Either dropped now, or another thread already fetched a new one: a retry may succeed.
      return true;
    } finally {
      invalidation.unlock();
    }
  }

  @Override
  public boolean invalidateClientCertificate() {
    invalidation.lock();
    try {
      Issued i = cached;
      if (i == null) {
        // Dropped already: the next handshake runs the plugin, if it ever issued certificates.
        return firstCertificate != null;
      }
      if (!i.hasCertificate()) {
        return false;
      }
      // A certificate no handshake has presented yet was fetched after the rejected one: keep it.
      if (i.presented) {
        cached = null;
      }
      return true;
    } finally {
      invalidation.unlock();
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
