package dev.kubesdk.runtime.internal;

import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.Sensitive;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the {@code Authorization} header from a {@link Credentials} source and, when the server
 * answers 401 and the source says a fresh credential may help ({@link Credentials#invalidate}),
 * sends the request once more with the fresh one: an exec plugin's token expired, a projected
 * service-account token was rotated. Mirrors client-go's exec authenticator, which refreshes on 401
 * ({@code plugin/pkg/client/auth/exec}: {@code Authenticator.maybeRefreshCreds}). Thread-safe.
 *
 * <p>A request that already carries {@code Authorization} (set as a default header) is sent as is.
 * While another thread refreshes the credential (an exec plugin runs), a request waits for it at
 * most as long as its own whole-call timeout, so one hung plugin cannot hold every request.
 *
 * <p>A client certificate that an exec plugin issues is refreshed the same way: on a 401 to a
 * request that carried no {@code Authorization}, the source drops the certificate ({@link
 * Credentials#invalidateClientCertificate}), the pooled connections (which presented the old one
 * in their handshake) are evicted, and the request is sent once more over a new connection.
 */
public final class AuthorizationInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(AuthorizationInterceptor.class);
  private static final String AUTHORIZATION = "Authorization";

  private final Credentials credentials;
  private final Runnable evictConnections;

  /**
   * Takes its header from {@code credentials}; {@code evictConnections} closes the pooled
   * connections after the client certificate changed.
   */
  public AuthorizationInterceptor(Credentials credentials, Runnable evictConnections) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.evictConnections = Objects.requireNonNull(evictConnections, "evictConnections");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (request.header(AUTHORIZATION) != null) {
      return chain.proceed(request);
    }
    Duration maxWait = Duration.ofNanos(chain.call().timeout().timeoutNanos());
    Optional<Sensitive> sent = authorization(maxWait);
    if (sent.isEmpty()) {
      return withClientCertificate(chain, request);
    }
    Response response = chain.proceed(withHeader(request, sent.get()));
    if (response.code() != 401) {
      return response;
    }
    RequestBody body = request.body();
    if (body != null && body.isOneShot()) {
      return response;
    }
    boolean retry;
    try {
      retry = credentials.invalidate(sent.get());
    } catch (RuntimeException e) {
      response.close();
      throw new CredentialsFailure(e);
    }
    if (!retry) {
      return response;
    }
    Optional<Sensitive> fresh = authorization(maxWait);
    if (fresh.isEmpty()) {
      return response;
    }
    log.debug("{} {} answered 401; retrying once with a fresh {} credential", request.method(), request.url().encodedPath(), credentials.method());
    response.close();
    return chain.proceed(withHeader(request, fresh.get()));
  }

  /** Sends a request that has no {@code Authorization}; a 401 may mean an expired certificate. */
  private Response withClientCertificate(Chain chain, Request request) throws IOException {
    Response response = chain.proceed(request);
    if (response.code() != 401 || (request.body() != null && request.body().isOneShot())) {
      return response;
    }
    boolean retry;
    try {
      retry = credentials.invalidateClientCertificate();
    } catch (RuntimeException e) {
      response.close();
      throw new CredentialsFailure(e);
    }
    if (!retry) {
      return response;
    }
    log.debug("{} {} answered 401; retrying once on a new connection with a fresh {} client certificate", request.method(), request.url().encodedPath(), credentials.method());
    response.close();
    evictConnections.run();
    return chain.proceed(request);
  }

  private Optional<Sensitive> authorization(Duration maxWait) throws CredentialsFailure {
    try {
      return credentials.authorization(maxWait);
    } catch (RuntimeException e) {
      // OkHttp hands only IOExceptions back to the caller of an async call; anything else would
      // kill a dispatcher thread and leave the caller's future pending.
      throw new CredentialsFailure(e);
    }
  }

  private Request withHeader(Request request, Sensitive authorization) throws CredentialsFailure {
    try {
      return request.newBuilder().header(AUTHORIZATION, authorization.reveal()).build();
    } catch (IllegalArgumentException e) {
      // OkHttp leaves the value of Authorization out of this message; so do we.
      throw new CredentialsFailure(
          new ConfigException(
              "the Authorization header from the "
                  + credentials.method()
                  + " credentials holds a character HTTP headers cannot carry (a line break in a token?). Check the token of the kubeconfig user."));
    }
  }
}
