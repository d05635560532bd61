package dev.kubesdk.config;

import dev.kubesdk.config.internal.BasicCredentials;
import dev.kubesdk.config.internal.TokenFileCredentials;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the {@code Authorization} header of a request comes from: nothing, a fixed token, a token
 * file that is re-read when it changes, basic auth, an exec plugin or an OIDC provider.
 *
 * <p>Implementations are thread-safe and share one instance across all calls of a client. A
 * refreshing source refreshes single-flight: one thread runs the refresh, the others wait for its
 * result.
 */
public interface Credentials {

  /** No {@code Authorization} header (client certificates, or anonymous access). */
  static Credentials none() {
    return NoCredentials.INSTANCE;
  }

  /** A fixed bearer token. */
  static Credentials bearerToken(Sensitive token) {
    return new BearerTokenCredentials(token);
  }

  /** HTTP basic authentication. */
  static Credentials basic(String username, Sensitive password) {
    return new BasicCredentials(username, password);
  }

  /**
   * A bearer token read from {@code file}, read again when the file changes (at least once a
   * minute) and after the server rejects it, like a rotated service-account token.
   */
  static Credentials tokenFile(Path file) {
    return new TokenFileCredentials(file, file.toString(), "tokenFile", Clock.systemUTC());
  }

  /**
   * The value of the {@code Authorization} header for the next request ({@code Bearer …} or {@code
   * Basic …}), or empty for none. May block while a token is refreshed.
   */
  Optional<Sensitive> authorization();

  /**
   * {@link #authorization()}, waiting at most {@code maxWait} for a refresh that another thread is
   * running (an exec plugin, an OIDC token request); {@link Duration#ZERO} means no limit. A
   * refresh this call starts itself runs to its own end (an exec plugin to {@link
   * LoadOptions#execPluginTimeout()}). HTTP clients pass the request's timeout, so that one hung
   * plugin cannot hold every request. Sources that never wait for another thread answer as {@link
   * #authorization()} does.
   *
   * @throws CredentialsTimeoutException when {@code maxWait} passes before the other thread's
   *     refresh ends
   * @throws IllegalArgumentException when {@code maxWait} is negative
   */
  default Optional<Sensitive> authorization(Duration maxWait) {
    return authorization();
  }

  /**
   * Tells the source that the server answered 401 to a request that carried {@code rejected}, so
   * that a refreshing source drops its cached credential and the next {@link #authorization()}
   * fetches a new one. Returns true when retrying the request may help.
   */
  default boolean invalidate(Sensitive rejected) {
    return false;
  }

  /**
   * Tells the source that the server answered 401 over a connection that presented this source's
   * current client certificate, so that it drops the certificate and the next TLS handshake
   * fetches a new one (an exec plugin that issues certificates runs again). Returns true when a
   * request over a new connection may succeed; the caller then closes its pooled connections,
   * which still present the old certificate, and retries once. Sources without client
   * certificates return false.
   */
  default boolean invalidateClientCertificate() {
    return false;
  }

  /** How the credential is obtained, as {@code kubesdk explain} names it: none, token, exec, … */
  String method();
}
