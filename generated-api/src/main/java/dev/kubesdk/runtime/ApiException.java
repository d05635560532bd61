package dev.kubesdk.runtime;

import dev.kubesdk.api.model.V1Status;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A call to the API server failed: the server answered with an error status, or (as {@link
 * TransportException}) no answer arrived. Unchecked, because every call can fail remotely.
 *
 * <p>The message names the call, the status and the server's explanation:
 *
 * <pre>
 * DELETE /apis/apps/v1/namespaces/shop/deployments/cart: 404 NotFound: deployments.apps "cart" not found
 * </pre>
 *
 * <p>Subclasses exist for the answers callers handle differently: {@link NotFoundException} (404),
 * {@link ConflictException} (409), {@link GoneException} (410), {@link InvalidException} (422),
 * {@link TooManyRequestsException} (429), {@link UnauthorizedException} (401), {@link
 * ForbiddenException} (403). Neither the message nor any accessor holds the request's {@code
 * Authorization} header or another credential.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status code, 0 when no response arrived. */
  private final int statusCode;
  /** The Status reason, or the HTTP reason phrase. */
  private final String reason;
  /** The request's HTTP method. */
  private final String method;
  /** The request's path, without the query. */
  private final String path;
  /** The response headers, names in lower case. */
  private final Map<String, List<String>> headers;
  /** The response body as text. */
  private final String body;
  private final transient @Nullable StatusFields statusFields;

  ApiException(HttpFailure failure) {
    super(failure.message());
    this.statusCode = failure.code();
    this.reason = failure.reason();
    this.method = failure.method();
    this.path = failure.path();
    this.headers = failure.headers();
    this.body = failure.body();
    this.statusFields = failure.status();
  }

  /** A failure without an HTTP response (see {@link TransportException}). */
  ApiException(String method, String path, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.statusCode = 0;
    this.reason = "";
    this.method = method;
    this.path = path;
    this.headers = Map.of();
    this.body = "";
    this.statusFields = null;
  }

  /**
   * The exception for a Kubernetes Status that arrived in a stream rather than as an HTTP
   * response: the error channel of {@code pods/exec} or {@code pods/attach}. The status code is the
   * Status's {@code code}, or 500 when it has none; the subclass follows it as for a response.
   *
   * @param method the method of the request that opened the stream
   * @param path its path
   * @param statusJson the Status object as sent
   * @return the exception; its message carries the Status's reason and message
   */
  public static ApiException ofStatus(String method, String path, String statusJson) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(statusJson, "statusJson");
    int code = StatusFields.parse(statusJson).map(StatusFields::code).filter(c -> c >= 400).orElse(500);
    return HttpFailure.of(method, path, code, Map.of(), statusJson, false).toException();
  }

  /** The HTTP status code, or 0 when no response arrived ({@link TransportException}). */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The Kubernetes reason: {@code reason} of the Status body ({@code NotFound}, {@code
   * AlreadyExists}, {@code Conflict}, {@code Expired}, …), or when the body has none the reason
   * client-go gives the status code; empty when neither is known.
   */
  public String reason() {
    return reason;
  }

  /**
   * The Status the server sent, decoded as the generated model: a new copy on each call, so
   * changing it changes nothing here. Empty when the body is not a Status (an HTML page from a
   * proxy, a truncated body) and for {@link TransportException}. {@link #reason()}, {@link
   * #statusMessage()} and {@link #getMessage()} are filled either way.
   */
  public Optional<V1Status> status() {
    if (statusFields == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Json.deserialize(body, V1Status.class));
    } catch (RuntimeException e) {
      // The hand decoder read it; a Status the generated model cannot take is still described by
      // reason() and the message.
      return Optional.empty();
    }
  }

  /** The {@code message} of the Status body; empty when the body is not a Status or has none. */
  public String statusMessage() {
    return statusFields == null ? "" : statusFields.message();
  }

  /** The request's HTTP method, e.g. {@code DELETE}. */
  public String method() {
    return method;
  }

  /** The request's path, without the query, e.g. {@code /api/v1/namespaces/shop/pods/cart-0}. */
  public String path() {
    return path;
  }

  /** The response headers, names in lower case; empty when no response arrived. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * The response body as text; empty when there was none. A very large body is kept only up to its
   * first megabyte.
   */
  public String body() {
    return body;
  }

  /** {@code details.causes} of the Status body; empty when there are none. */
  List<FieldCause> causes() {
    return statusFields == null ? List.of() : statusFields.causes();
  }

  /** {@code details.retryAfterSeconds} of the Status body, when positive. */
  Optional<Integer> statusRetryAfterSeconds() {
    return statusFields == null || statusFields.retryAfterSeconds() <= 0
        ? Optional.empty()
        : Optional.of(statusFields.retryAfterSeconds());
  }
}
