package dev.kubesdk.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the server answered to a failed call, before it becomes an {@link ApiException}.
 *
 * @param method the request method
 * @param path the request path, without the query
 * @param code the HTTP status code (or the {@code code} of a watch ERROR event)
 * @param headers the response headers, names in lower case
 * @param body the response body as text (possibly only its start, see {@code bodyCut})
 * @param bodyCut true when {@code body} holds only the start of a longer body
 * @param status the Status decoded from the body, or null when the body is not one
 * @param problem what went wrong when the status code alone does not say it (a 2xx body that does
 *     not decode), or null
 */
record HttpFailure(
    String method,
    String path,
    int code,
    Map<String, List<String>> headers,
    String body,
    boolean bodyCut,
    @Nullable StatusFields status,
    @Nullable String problem) {
  private static final int SNIPPET = 300;

  HttpFailure {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  /** A failure whose status (if any) is decoded from {@code body}. */
  static HttpFailure of(String method, String path, int code, Map<String, List<String>> headers, String body, boolean bodyCut) {
    return new HttpFailure(method, path, code, headers, body, bodyCut, StatusFields.parse(body).orElse(null), null);
  }

  /** The Status reason, or the reason client-go gives the code, or empty. */
  String reason() {
    if (status != null && !status.reason().isEmpty()) {
      return status.reason();
    }
    return StatusFields.reasonForCode(code);
  }

  /** {@code GET /api/v1/namespaces/x/pods/y: 404 NotFound: pods "y" not found}. */
  String message() {
    StringBuilder out = new StringBuilder(method).append(' ').append(path).append(": ").append(code);
    String reason = reason();
    if (!reason.isEmpty()) {
      out.append(' ').append(reason);
    }
    out.append(": ").append(detail());
    return out.toString();
  }

  private String detail() {
    if (problem != null) {
      return problem;
    }
    if (status != null && !status.message().isEmpty()) {
      return status.message();
    }
    if (body.isBlank()) {
      return "empty response body";
    }
    return (status != null ? "Status without a message: " : "response body is not a Kubernetes Status: ") + snippet(body, bodyCut);
  }

  /** The start of {@code text} on one line, with its length when cut. */
  static String snippet(String text, boolean alreadyCut) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    if (oneLine.length() <= SNIPPET && !alreadyCut) {
      return oneLine;
    }
    String start = oneLine.substring(0, Math.min(SNIPPET, oneLine.length()));
    return start + "… (" + (alreadyCut ? "more than " : "") + text.length() + " characters)";
  }

  /** The exception for this failure: a subclass for the codes callers catch separately. */
  ApiException toException() {
    return switch (code) {
      case 401 -> new UnauthorizedException(this);
      case 403 -> new ForbiddenException(this);
      case 404 -> new NotFoundException(this);
      case 409 -> new ConflictException(this);
      case 410 -> new GoneException(this);
      case 422 -> new InvalidException(this);
      case 429 -> new TooManyRequestsException(this);
      default -> new ApiException(this);
    };
  }
}
