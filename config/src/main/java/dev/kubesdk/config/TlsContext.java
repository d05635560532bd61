package dev.kubesdk.config;

import java.util.Objects;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The TLS side of a {@link Configuration}, ready for an HTTP client: a socket factory that presents
 * the client certificate and sends the right SNI name, the trust manager behind it, and the
 * hostname verifier that checks the server's certificate against {@code tls-server-name} when one
 * is set. Built once per Configuration.
 *
 * @param socketFactory creates TLS sockets with the configured key and trust material
 * @param trustManager the trust manager the socket factory uses (HTTP clients need it to clean
 *     certificate chains)
 * @param hostnameVerifier checks the server's name against {@code tls-server-name}, or skips the
 *     check for {@code insecure-skip-tls-verify}; null to use the HTTP client's own check against
 *     the URL's host
 */
public record TlsContext(
    SSLSocketFactory socketFactory,
    X509TrustManager trustManager,
    @Nullable HostnameVerifier hostnameVerifier) {
  /** Checks that the required parts are present. */
  public TlsContext {
    Objects.requireNonNull(socketFactory, "socketFactory");
    Objects.requireNonNull(trustManager, "trustManager");
  }
}
