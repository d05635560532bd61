package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpFailureTest {

  private static ApiException failure(int code, String body) {
    return HttpFailure.of("GET", "/api/v1/namespaces/x/pods/y", code, Map.of(), body, false).toException();
  }

  @Test
  void aStatusBodyGivesReasonAndMessage() {
    ApiException e =
        failure(404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"pods \\\"y\\\" not found\",\"reason\":\"NotFound\",\"details\":{\"name\":\"y\",\"kind\":\"pods\"},\"code\":404}");

    assertThat(e).isInstanceOf(NotFoundException.class).hasMessage("GET /api/v1/namespaces/x/pods/y: 404 NotFound: pods \"y\" not found");
    assertThat(e.statusCode()).isEqualTo(404);
    assertThat(e.reason()).isEqualTo("NotFound");
    assertThat(e.statusMessage()).isEqualTo("pods \"y\" not found");
    assertThat(e.method()).isEqualTo("GET");
    assertThat(e.path()).isEqualTo("/api/v1/namespaces/x/pods/y");
    assertThat(e.status()).hasValueSatisfying(status -> {
      assertThat(status.getReason()).isEqualTo("NotFound");
      assertThat(status.getCode()).isEqualTo(404);
      assertThat(status.getDetails().getName()).isEqualTo("y");
    });
  }

  @Test
  void aBodyThatIsNotAStatusHasNoStatus() {
    assertThat(failure(502, "<html>Bad Gateway</html>").status()).isEmpty();
    assertThat(failure(500, "{\"kind\":\"Status\",\"message\":\"cut").status()).isEmpty();
    assertThat(failure(500, "").status()).isEmpty();
  }

  @Test
  void eachStatusCodeCallersCatchHasItsOwnType() {
    assertThat(failure(401, "")).isInstanceOf(UnauthorizedException.class);
    assertThat(failure(403, "")).isInstanceOf(ForbiddenException.class);
    assertThat(failure(409, "")).isInstanceOf(ConflictException.class);
    assertThat(failure(410, "")).isInstanceOf(GoneException.class);
    assertThat(failure(422, "")).isInstanceOf(InvalidException.class);
    assertThat(failure(429, "")).isInstanceOf(TooManyRequestsException.class);
    assertThat(failure(500, "")).isExactlyInstanceOf(ApiException.class);
  }

  @Test
  void conflictKeepsTheReasonThatSeparatesAlreadyExistsFromConflict() {
    ApiException e = failure(409, "{\"kind\":\"Status\",\"reason\":\"AlreadyExists\",\"message\":\"pods \\\"y\\\" already exists\",\"code\":409}");

    assertThat(((ConflictException) e).reason()).isEqualTo("AlreadyExists");
  }

  @Test
  void invalidListsTheRejectedFields() {
    InvalidException e =
        (InvalidException)
            failure(
                422,
                "{\"kind\":\"Status\",\"reason\":\"Invalid\",\"message\":\"Pod \\\"y\\\" is invalid\",\"details\":{\"causes\":[{\"reason\":\"FieldValueRequired\",\"message\":\"Required value\",\"field\":\"spec.containers[0].image\"},{\"reason\":\"FieldValueInvalid\"}]},\"code\":422}");

    assertThat(e.fieldCauses())
        .containsExactly(new FieldCause("spec.containers[0].image", "FieldValueRequired", "Required value"), new FieldCause("", "FieldValueInvalid", ""));
  }

  @Test
  void anEmptyBodyFallsBackToTheReasonOfTheCode() {
    assertThat(failure(503, "")).hasMessage("GET /api/v1/namespaces/x/pods/y: 503 ServiceUnavailable: empty response body");
    assertThat(failure(418, "")).hasMessage("GET /api/v1/namespaces/x/pods/y: 418: empty response body");
  }

  @Test
  void aTruncatedStatusIsDescribedByItsStart() {
    ApiException e = failure(500, "{\"kind\":\"Status\",\"message\":\"etcd is unava");

    assertThat(e).hasMessage("GET /api/v1/namespaces/x/pods/y: 500 InternalError: response body is not a Kubernetes Status: {\"kind\":\"Status\",\"message\":\"etcd is unava");
    assertThat(e.body()).isEqualTo("{\"kind\":\"Status\",\"message\":\"etcd is unava");
  }

  @Test
  void aLongBodyIsCutInTheMessageButKeptInBody() {
    String html = "<html>\n<body>" + "x".repeat(1000) + "</body></html>";
    ApiException e = failure(502, html);

    assertThat(e.getMessage()).startsWith("GET /api/v1/namespaces/x/pods/y: 502: response body is not a Kubernetes Status: <html> <body>xxx").endsWith("… (" + html.length() + " characters)");
    assertThat(e.body()).isEqualTo(html);
  }

  @Test
  void tooManyRequestsReadsRetryAfterSecondsFromTheHeaderFirst() {
    TooManyRequestsException fromHeader =
        (TooManyRequestsException) HttpFailure.of("GET", "/api", 429, Map.of("retry-after", List.of("7")), "{\"kind\":\"Status\",\"details\":{\"retryAfterSeconds\":2}}", false).toException();
    TooManyRequestsException fromBody =
        (TooManyRequestsException) HttpFailure.of("GET", "/api", 429, Map.of(), "{\"kind\":\"Status\",\"details\":{\"retryAfterSeconds\":2}}", false).toException();
    TooManyRequestsException neither = (TooManyRequestsException) HttpFailure.of("GET", "/api", 429, Map.of(), "", false).toException();

    assertThat(fromHeader.retryAfter()).hasValue(java.time.Duration.ofSeconds(7));
    assertThat(fromBody.retryAfter()).hasValue(java.time.Duration.ofSeconds(2));
    assertThat(neither.retryAfter()).isEmpty();
  }
}
