package dev.kubesdk.runtime.internal;

import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.TlsContext;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.SocketFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Authenticator;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link OkHttpClient} of a {@link Configuration}: TLS, timeouts, health checks, proxy,
 * redirects and the {@code Authorization} header. Default headers are added per request by the API client, so that clients
 * that differ only in headers share one connection pool.
 */
public final class HttpClientFactory {
  private static final Logger log = LoggerFactory.getLogger(HttpClientFactory.class);

  /** How often an HTTP/2 connection is pinged; one unanswered for this long is closed. */
  public static final Duration PING_INTERVAL = Duration.ofSeconds(15);

  private HttpClientFactory() {}

  /**
   * A client for {@code configuration}, derived from {@code base}: the base's connection pool,
   * dispatcher, interceptors and event listener are kept; TLS (hostname verification included),
   * timeouts, proxy, redirects and authentication come from the configuration and replace the
   * base's.
   *
   * <p>Dead connections are found without a read timeout on watches: every HTTP/2 connection sends
   * a PING each {@link #PING_INTERVAL} and is closed when the answer does not come within the next
   * interval (client-go's {@code http2.Transport} health check: {@code ReadIdleTimeout} 30 s, {@code
   * PingTimeout} 15 s), and every socket uses TCP keepalive ({@link KeepAliveSockets}), which also
   * covers HTTP/1.1.
   *
   * <p>Redirects are not followed: client-go follows none for API calls, and following one would
   * carry the {@code Authorization}, {@code Impersonate-*} and cookie headers to wherever the
   * {@code Location} points.
   *
   * @throws ConfigException when the TLS material or the proxy URL is not usable, or when the
   *     proxy would see credentials in clear text
   */
  public static OkHttpClient create(Configuration configuration, OkHttpClient base) {
    OkHttpClient.Builder builder =
        base.newBuilder()
            .connectTimeout(configuration.connectTimeout())
            .readTimeout(configuration.readTimeout())
            .writeTimeout(configuration.writeTimeout())
            .callTimeout(configuration.requestTimeout())
            .pingInterval(PING_INTERVAL)
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(true)
            // Kubernetes answers 401 itself; OkHttp's challenge handling would only resend.
            .authenticator(Authenticator.NONE)
            .addInterceptor(new RetryInterceptor(configuration))
            .addInterceptor(new AuthorizationInterceptor(configuration.credentials(), base.connectionPool()::evictAll));
    SocketFactory sockets = KeepAliveSockets.wrap(base.socketFactory());
    if ("https".equalsIgnoreCase(configuration.host().getScheme())) {
      TlsContext tls = configuration.tlsContext();
      builder.sslSocketFactory(tls.socketFactory(), tls.trustManager());
      // Always the configuration's own check: a base client with a lenient verifier must not
      // decide whether this server is the one the kubeconfig names.
      builder.hostnameVerifier(tls.hostnameVerifier());
    }
    if (configuration.proxy().isPresent()) {
      URI proxy = configuration.proxy().get();
      refuseCleartextCredentials(configuration, proxy);
      sockets = proxy(builder, proxy, configuration, sockets);
    } else {
      // A Configuration without a proxy means a direct connection: the loader already applied
      // proxy-url and HTTPS_PROXY/NO_PROXY, as client-go does; the JVM's proxy selector is not
      // consulted.
      builder.proxy(Proxy.NO_PROXY);
    }
    builder.socketFactory(sockets);
    return builder.build();
  }

  /**
   * A watch client like {@code client} but on connections of its own: no whole-call limit, and no
   * read timeout on the event stream once the response headers arrived (the TLS handshake and the
   * headers keep {@code client}'s read timeout, so a server that never answers still fails).
   *
   * <p>Its own pool because on one HTTP/2 connection a watch's events wait behind the answers to the
   * calls sent on it: with 230 writes a second in flight on the same connection, an informer heard
   * of each change 0.7 s later (median) than one on a connection of its own.
   */
  public static OkHttpClient forWatches(OkHttpClient client) {
    return client.newBuilder().connectionPool(new ConnectionPool()).callTimeout(Duration.ZERO).addNetworkInterceptor(new WatchStreamTimeout()).build();
  }

  /**
   * The process-wide base of every client made without one: one dispatcher whose threads are
   * {@link Threads} (virtual on Java 21+, else daemons), so that no client starts threads of its
   * own and none keeps the JVM alive.
   */
  public static OkHttpClient sharedBase() {
    return SharedBase.CLIENT;
  }

  /** Holds the shared base, made on first use. */
  private static final class SharedBase {
    // Async calls beyond maxRequestsPerHost wait in the dispatcher's queue; HTTP/2 multiplexes
    // them over one connection (kube-apiserver allows 250 concurrent streams per connection by
    // default), so the per-host limit is set near that instead of OkHttp's 5.
    static final OkHttpClient CLIENT = build();

    private static OkHttpClient build() {
      ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), Threads.factory("kubesdk-http"));
      Dispatcher dispatcher = new Dispatcher(executor);
      dispatcher.setMaxRequests(256);
      dispatcher.setMaxRequestsPerHost(200);
      return new OkHttpClient.Builder().dispatcher(dispatcher).build();
    }
  }

  /**
   * Credentials on a plain-http request through an HTTP proxy would be read by the proxy (and the
   * network on the way). An https server is reached through a CONNECT tunnel, and a socks5 proxy
   * only relays TCP, so both are fine.
   */
  private static void refuseCleartextCredentials(Configuration configuration, URI proxy) {
    boolean plainServer = "http".equalsIgnoreCase(configuration.host().getScheme());
    boolean httpProxy = proxy.getScheme() != null && proxy.getScheme().toLowerCase(Locale.ROOT).startsWith("http");
    boolean credentials = !"none".equals(configuration.credentials().method())
        || configuration.defaultHeaders().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Authorization"));
    if (plainServer && httpProxy && credentials) {
      throw new ConfigException(
          "server "
              + configuration.host()
              + " is plain http and would be reached through the proxy "
              + proxy.getScheme()
              + "://"
              + proxy.getHost()
              + (proxy.getPort() < 0 ? "" : ":" + proxy.getPort())
              + ", which would read the "
              + configuration.credentials().method()
              + " credentials in clear text. Use an https server URL, or exclude the host from the proxy with NO_PROXY.");
    }
  }

  /** Sets the proxy; returns the socket factory to use (TLS to an https proxy). */
  private static SocketFactory proxy(OkHttpClient.Builder builder, URI proxy, Configuration configuration, SocketFactory sockets) {
    String scheme = proxy.getScheme() == null ? "" : proxy.getScheme().toLowerCase(Locale.ROOT);
    String host = proxy.getHost();
    String shown = scheme + "://" + host + (proxy.getPort() < 0 ? "" : ":" + proxy.getPort());
    if (host == null || host.isEmpty()) {
      throw new ConfigException("proxy-url " + shown + " has no host. Give a URL such as http://proxy.internal:3128.");
    }
    switch (scheme) {
      case "http" -> builder.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port(proxy, 80))));
      case "https" -> {
        builder.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port(proxy, 443))));
        sockets = new TlsProxySocketFactory(host, proxyTls(configuration));
      }
      case "socks5", "socks5h" -> {
        if (proxy.getRawUserInfo() != null) {
          throw new ConfigException("proxy-url " + shown + " carries a user name and password, which kubesdk does not support for socks5 proxies. Use a socks5 proxy without authentication, or an http proxy.");
        }
        builder.proxy(new Proxy(Proxy.Type.SOCKS, InetSocketAddress.createUnresolved(host, port(proxy, 1080))));
      }
      default -> throw new ConfigException("proxy-url " + shown + " has scheme \"" + scheme + "\". Use http, https or socks5.");
    }
    String userInfo = proxy.getRawUserInfo();
    if (userInfo != null && !scheme.startsWith("socks")) {
      int colon = userInfo.indexOf(':');
      String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
      String credential = okhttp3.Credentials.basic(user, password, StandardCharsets.UTF_8);
      builder.proxyAuthenticator(
          (route, response) -> {
            Request request = response.request();
            if (request.header("Proxy-Authorization") != null) {
              return null; // already rejected once
            }
            return request.newBuilder().header("Proxy-Authorization", credential).build();
          });
    }
    log.debug("proxy for {}: {}", configuration.host(), shown);
    return sockets;
  }

  private static int port(URI uri, int defaultPort) {
    return uri.getPort() < 0 ? defaultPort : uri.getPort();
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /**
   * TLS to an https proxy trusts what the cluster connection trusts (its certificate-authority, else
   * the JDK's CAs), as Go's net/http Transport does: it reuses the TLS config's roots for the
   * proxy. No client certificate is shown to the proxy.
   */
  private static SSLSocketFactory proxyTls(Configuration configuration) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {configuration.tlsContext().trustManager()}, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new ConfigException("cannot set up TLS to the https proxy: " + e.getMessage(), e);
    }
  }

  /**
   * Opens the connection to an https proxy as TLS, checking the proxy's certificate against its
   * host name; OkHttp then speaks HTTP CONNECT through it and layers the server's TLS on top.
   */
  private static final class TlsProxySocketFactory extends ConfiguringSocketFactory {
    private final String proxyHost;

    TlsProxySocketFactory(String proxyHost, SSLSocketFactory tls) {
      super(tls);
      this.proxyHost = proxyHost;
    }

    @Override
    Socket configure(Socket socket) {
      KeepAliveSockets.keepAlive(socket);
      SSLSocket ssl = (SSLSocket) socket;
      SSLParameters params = ssl.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      if (!proxyHost.isEmpty() && !Character.isDigit(proxyHost.charAt(0)) && !proxyHost.contains(":")) {
        params.setServerNames(List.of(new SNIHostName(proxyHost)));
      }
      ssl.setSSLParameters(params);
      return ssl;
    }
  }
}
