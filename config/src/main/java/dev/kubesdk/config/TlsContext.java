package dev.kubesdk.config;

import java.util.Objects;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS side of a {@link Configuration}, ready for an HTTP client: a socket factory that presents
 * the client certificate and sends the right SNI name, the trust manager behind it, and the
 * hostname verifier to use instead of the HTTP client's own. Built once per Configuration.
 *
 * @param socketFactory creates TLS sockets with the configured key and trust material
 * @param trustManager the trust manager the socket factory uses (HTTP clients need it to clean
 *     certificate chains)
 * @param hostnameVerifier checks the server certificate's subject alternative names against
 *     {@code tls-server-name} when set, else against the URL's host (DNS names with a leading
 *     {@code *} label, IP addresses parsed without DNS, as Go's {@code VerifyHostname}); accepts
 *     everything only for {@code insecure-skip-tls-verify}. Never null: an HTTP client must always
 *     install it, so that a verifier inherited from elsewhere cannot take its place
 */
public record TlsContext(
    SSLSocketFactory socketFactory,
    X509TrustManager trustManager,
    HostnameVerifier hostnameVerifier) {
  /** Checks that the required parts are present. */
  public TlsContext {
    Objects.requireNonNull(socketFactory, "socketFactory");
    Objects.requireNonNull(trustManager, "trustManager");
    Objects.requireNonNull(hostnameVerifier, "hostnameVerifier");
  }
}
