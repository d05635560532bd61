package dev.kubesdk.runtime.internal;

import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.TlsContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import javax.net.SocketFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import okhttp3.Authenticator;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link OkHttpClient} of a {@link Configuration}: TLS, timeouts, proxy and the {@code
 * Authorization} header. Default headers are added per request by the API client, so that clients
 * that differ only in headers share one connection pool.
 */
public final class HttpClientFactory {
  private static final Logger log = LoggerFactory.getLogger(HttpClientFactory.class);

  private HttpClientFactory() {}

  /**
   * A client for {@code configuration}, derived from {@code base}: the base's connection pool,
   * dispatcher, interceptors and event listener are kept; TLS, timeouts, proxy and authentication
   * come from the configuration.
   *
   * @throws ConfigException when the TLS material or the proxy URL is not usable
   */
  public static OkHttpClient create(Configuration configuration, OkHttpClient base) {
    OkHttpClient.Builder builder =
        base.newBuilder()
            .connectTimeout(configuration.connectTimeout())
            .readTimeout(configuration.readTimeout())
            .writeTimeout(configuration.writeTimeout())
            // Kubernetes answers 401 itself; OkHttp's challenge handling would only resend.
            .authenticator(Authenticator.NONE)
            .addInterceptor(new AuthorizationInterceptor(configuration.credentials()));
    if ("https".equalsIgnoreCase(configuration.host().getScheme())) {
      TlsContext tls = configuration.tlsContext();
      builder.sslSocketFactory(tls.socketFactory(), tls.trustManager());
      if (tls.hostnameVerifier() != null) {
        builder.hostnameVerifier(tls.hostnameVerifier());
      }
    }
    if (configuration.proxy().isPresent()) {
      proxy(builder, configuration.proxy().get(), configuration);
    } else {
      // A Configuration without a proxy means a direct connection, as in client-go when the
      // kubeconfig has no proxy-url and the environment names none; the JVM's proxy selector is
      // not consulted.
      builder.proxy(Proxy.NO_PROXY);
    }
    return builder.build();
  }

  private static void proxy(OkHttpClient.Builder builder, URI proxy, Configuration configuration) {
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
        builder.socketFactory(new TlsProxySocketFactory(host, proxyTls(configuration)));
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
  private static final class TlsProxySocketFactory extends SocketFactory {
    private final String proxyHost;
    private final SSLSocketFactory tls;

    TlsProxySocketFactory(String proxyHost, SSLSocketFactory tls) {
      this.proxyHost = proxyHost;
      this.tls = tls;
    }

    private Socket configure(Socket socket) {
      SSLSocket ssl = (SSLSocket) socket;
      SSLParameters params = ssl.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      if (!proxyHost.isEmpty() && !Character.isDigit(proxyHost.charAt(0)) && !proxyHost.contains(":")) {
        params.setServerNames(List.of(new SNIHostName(proxyHost)));
      }
      ssl.setSSLParameters(params);
      return ssl;
    }

    @Override
    public Socket createSocket() throws IOException {
      return configure(tls.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return configure(tls.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return configure(tls.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return configure(tls.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return configure(tls.createSocket(address, port, localAddress, localPort));
    }
  }
}
