package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.gson.reflect.TypeToken;
import dev.kubesdk.config.Configuration;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Answers a real server gives only under load or while restarting: 429, 503, a dropped connection. */
class RetriesTest {
  private static final Type MAP = new TypeToken<Map<String, Object>>() {}.getType();
  private static final String OK = "{\"kind\":\"Pod\"}";

  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ApiClient client(Configuration.Builder settings) {
    return new ApiClient(settings.host(URI.create(server.url("/").toString())).build());
  }

  private static ApiRequest get() {
    return ApiRequest.builder("GET", "/api/v1/namespaces/shop/pods/cart").build();
  }

  private static ApiRequest post() {
    return ApiRequest.builder("POST", "/api/v1/namespaces/shop/pods").body(Map.of("kind", "Pod")).build();
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("{\"kind\":\"Status\",\"code\":" + code + "}").build();
  }

  @Test
  void aGetAnswered503IsSentAgainUntilItSucceeds() {
    server.enqueue(status(503));
    server.enqueue(status(503));
    server.enqueue(new MockResponse.Builder().body(OK).build());

    Map<String, Object> pod = client(Configuration.builder()).execute(get(), MAP);

    assertThat(pod).containsEntry("kind", "Pod");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aPostAnswered429IsSentAgainAfterRetryAfterBecauseTheServerDidNotProcessIt() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").body("{}").build());
    server.enqueue(new MockResponse.Builder().code(201).body(OK).build());

    Map<String, Object> pod = client(Configuration.builder()).execute(post(), MAP);

    assertThat(pod).containsEntry("kind", "Pod");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aPostAnswered500IsNotSentAgainUnlessAsked() {
    server.enqueue(status(500));
    server.enqueue(new MockResponse.Builder().code(201).body(OK).build());

    Throwable failure = catchThrowable(() -> client(Configuration.builder()).execute(post(), MAP));
    Map<String, Object> retried = client(Configuration.builder().retryNonIdempotent(true)).execute(post(), MAP);

    assertThat(failure).isInstanceOf(ApiException.class);
    assertThat(((ApiException) failure).statusCode()).isEqualTo(500);
    assertThat(retried).containsEntry("kind", "Pod");
  }

  @Test
  void retriesStopAtMaxRetriesWithTheLastAnswer() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(status(503));
    }

    Throwable failure = catchThrowable(() -> client(Configuration.builder().maxRetries(2)).execute(get(), MAP));

    assertThat(failure).isInstanceOf(ApiException.class);
    assertThat(((ApiException) failure).statusCode()).isEqualTo(503);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aRetryAfterLongerThanTheRequestTimeoutReturnsTheAnswerAtOnce() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "20").body("{}").build());

    Throwable failure = catchThrowable(() -> client(Configuration.builder().requestTimeout(Duration.ofSeconds(5))).execute(get(), MAP));

    assertThat(failure).isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(20)));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aGetWhoseConnectionBrokeIsSentAgain() {
    server.enqueue(new MockResponse.Builder().body(OK).onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(new MockResponse.Builder().body(OK).build());

    Map<String, Object> pod = client(Configuration.builder()).execute(get(), MAP);

    assertThat(pod).containsEntry("kind", "Pod");
  }
}
