package dev.kubesdk.runtime.internal;

import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Configuration;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The two OkHttp clients an API client sends with: one for calls, one for watches, each on
 * connections of its own (so that events do not wait behind the answers to calls; see {@link
 * HttpClientFactory#forWatches}). Immutable and thread-safe.
 *
 * <p>{@link #shared} gives every equal {@link Configuration} the same transport, with a connection
 * pool of its own and the dispatcher threads of {@link HttpClientFactory#sharedBase()}: {@code new
 * CoreV1Api()} in a loop (each takes {@code Configuration.getDefaultCopy()}) then reuses one
 * connection for calls (and one for watches) and no new threads. OkHttp reuses a
 * pooled connection only for a request whose TLS socket factory, hostname verifier, proxy and
 * proxy authenticator are the same objects, so equal configurations must share the very client,
 * not just the pool. The registry holds transports weakly: one that no API client uses any more is
 * dropped by the garbage collector, and its idle connections close after the pool's keep-alive.
 *
 * @param calls the client for calls that end
 * @param watches the client for watches: no whole-call limit, no read timeout on the event stream
 */
public record HttpTransport(OkHttpClient calls, OkHttpClient watches) {
  private static final ConcurrentHashMap<Configuration, Entry> SHARED = new ConcurrentHashMap<>();
  private static final ReferenceQueue<HttpTransport> COLLECTED = new ReferenceQueue<>();

  /** Checks that both clients are present. */
  public HttpTransport {
    Objects.requireNonNull(calls, "calls");
    Objects.requireNonNull(watches, "watches");
  }

  /**
   * The transport of {@code configuration} on the process-wide pool and dispatcher, the same
   * object for every equal configuration while any client uses it.
   *
   * @throws ConfigException when the TLS material or proxy of the configuration is not usable
   */
  public static HttpTransport shared(Configuration configuration) {
    Objects.requireNonNull(configuration, "configuration");
    expungeCollected();
    Entry entry = SHARED.get(configuration);
    HttpTransport transport = entry == null ? null : entry.get();
    if (transport != null) {
      return transport;
    }
    HttpTransport[] made = new HttpTransport[1];
    SHARED.compute(
        configuration,
        (key, old) -> {
          HttpTransport existing = old == null ? null : old.get();
          if (existing != null) {
            made[0] = existing;
            return old;
          }
          // A pool per configuration, not per process: OkHttp matches a pooled connection on an
          // address that leaves out the socket factory, so a TLS connection to an https proxy
          // made under one configuration's trust could otherwise serve another configuration.
          made[0] = on(key, HttpClientFactory.sharedBase().newBuilder().connectionPool(new ConnectionPool()).build());
          return new Entry(key, made[0]);
        });
    return made[0];
  }

  /**
   * A transport of its own for {@code configuration}: calls on {@code base}'s pool, watches on a
   * pool of their own, both with {@code base}'s dispatcher, interceptors and event listener.
   *
   * @throws ConfigException when the TLS material or proxy of the configuration is not usable
   */
  public static HttpTransport on(Configuration configuration, OkHttpClient base) {
    OkHttpClient calls = HttpClientFactory.create(configuration, base);
    return new HttpTransport(calls, HttpClientFactory.forWatches(calls));
  }

  /** How many configurations have a shared transport that is still in use; for tests. */
  static int sharedCount() {
    expungeCollected();
    return SHARED.size();
  }

  private static void expungeCollected() {
    for (Object ref; (ref = COLLECTED.poll()) != null; ) {
      Entry gone = (Entry) ref;
      SHARED.remove(gone.key, gone);
    }
  }

  private static final class Entry extends WeakReference<HttpTransport> {
    final Configuration key;

    Entry(Configuration key, @Nullable HttpTransport transport) {
      super(transport, COLLECTED);
      this.key = key;
    }
  }
}
