package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.gson.reflect.TypeToken;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.RequestEvent;
import dev.kubesdk.config.Sensitive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Type;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report of each call, to the request listener and the debug log, for what only a local server
 * shows: retried answers and no answer at all. The real server's answers are in RequestListenerIT.
 */
class RequestReportingTest {
  private static final Type MAP = new TypeToken<Map<String, Object>>() {}.getType();
  private static final String TOKEN = "s3cr3t-token-value";

  private MockWebServer server;
  private final List<RequestEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ApiClient client(URI host) {
    return new ApiClient(
        Configuration.builder().host(host).credentials(Credentials.bearerToken(Sensitive.of(TOKEN))).requestListener(events::add).build());
  }

  private static ApiRequest getPod() {
    return ApiRequest.builder("GET", "/api/v1/namespaces/{namespace}/pods/{name}").pathParam("namespace", "shop").pathParam("name", "cart").build();
  }

  @Test
  void aCallAnsweredAfterTwoRetriesIsReportedOnceWithItsRetriesAndTheLastStatus() {
    server.enqueue(new MockResponse.Builder().code(503).body("{}").build());
    server.enqueue(new MockResponse.Builder().code(503).body("{}").build());
    server.enqueue(new MockResponse.Builder().body("{\"kind\":\"Pod\"}").build());

    String log = stderrOf(() -> client(URI.create(server.url("/").toString())).execute(getPod(), MAP));

    assertThat(events).hasSize(1);
    RequestEvent event = events.get(0);
    assertThat(event.method()).isEqualTo("GET");
    assertThat(event.pathTemplate()).isEqualTo("/api/v1/namespaces/{namespace}/pods/{name}");
    assertThat(event.url()).endsWith("/api/v1/namespaces/shop/pods/cart");
    assertThat(event.status()).hasValue(200);
    assertThat(event.retries()).isEqualTo(2);
    assertThat(event.error()).isEmpty();
    assertThat(event.streaming()).isFalse();
    // Two backoffs of at least 100 ms each lie inside the call.
    assertThat(event.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(log).contains("GET " + event.url() + " 200 in ").contains(" ms after 2 retries").doesNotContain(TOKEN);
  }

  @Test
  void aCallThatGetsNoAnswerIsReportedWithoutStatusAndWithTheCallersError() throws IOException {
    URI nobody;
    try (ServerSocket s = new ServerSocket(0)) {
      nobody = URI.create("http://127.0.0.1:" + s.getLocalPort());
    }
    ApiClient client = new ApiClient(Configuration.builder().host(nobody).maxRetries(0).requestListener(events::add).build());

    Throwable thrown = catchThrowable(() -> client.execute(getPod(), MAP));

    assertThat(thrown).isInstanceOf(TransportException.class);
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.status()).isEmpty();
      assertThat(e.error()).containsSame((RuntimeException) thrown);
      assertThat(e).hasToString("GET " + nobody + "/api/v1/namespaces/shop/pods/cart no answer in " + e.duration().toMillis() + " ms");
    });
  }

  @Test
  void anErrorStatusIsReportedWithTheExceptionTheCallerGot() {
    server.enqueue(new MockResponse.Builder().code(404).body("{\"kind\":\"Status\",\"code\":404,\"reason\":\"NotFound\"}").build());

    Throwable thrown = catchThrowable(() -> client(URI.create(server.url("/").toString())).executeAsync(getPod(), MAP).join());

    assertThat(thrown).hasCauseInstanceOf(NotFoundException.class);
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.status()).hasValue(404);
      assertThat(e.error()).containsSame((RuntimeException) thrown.getCause());
    });
  }

  @Test
  void aListenerThatThrowsDoesNotChangeTheCallersResult() {
    server.enqueue(new MockResponse.Builder().body("{\"kind\":\"Pod\"}").build());
    ApiClient client =
        new ApiClient(Configuration.builder().host(URI.create(server.url("/").toString())).requestListener(e -> {
          throw new IllegalStateException("broken metrics");
        }).build());

    Map<String, Object> pod = client.execute(getPod(), MAP);

    assertThat(pod).containsEntry("kind", "Pod");
  }

  private static String stderrOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
