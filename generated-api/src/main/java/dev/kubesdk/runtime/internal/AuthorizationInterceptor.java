package dev.kubesdk.runtime.internal;

import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.Sensitive;
import java.io.IOException;
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
 */
public final class AuthorizationInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(AuthorizationInterceptor.class);
  private static final String AUTHORIZATION = "Authorization";

  private final Credentials credentials;

  /** Takes its header from {@code credentials}. */
  public AuthorizationInterceptor(Credentials credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (request.header(AUTHORIZATION) != null) {
      return chain.proceed(request);
    }
    Optional<Sensitive> sent = authorization();
    if (sent.isEmpty()) {
      return chain.proceed(request);
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
    Optional<Sensitive> fresh = authorization();
    if (fresh.isEmpty()) {
      return response;
    }
    log.debug("{} {} answered 401; retrying once with a fresh {} credential", request.method(), request.url().encodedPath(), credentials.method());
    response.close();
    return chain.proceed(withHeader(request, fresh.get()));
  }

  private Optional<Sensitive> authorization() throws CredentialsFailure {
    try {
      return credentials.authorization();
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
