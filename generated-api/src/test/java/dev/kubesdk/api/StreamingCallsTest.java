package dev.kubesdk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.config.Configuration;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiRequest;
import dev.kubesdk.runtime.StreamingNotSupportedException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls that stream (exec, attach, port-forward, a followed log) fail before anything is sent, with a
 * message saying what to use instead; proxy calls and an unfollowed log are plain requests. The server
 * here only records whether a request arrived.
 */
class StreamingCallsTest {
  private MockWebServer server;
  private CoreV1Api core;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    core =
        new CoreV1Api(
            new ApiClient(
                Configuration.builder()
                    .host(URI.create(server.url("/").toString()))
                    .readTimeout(Duration.ofSeconds(10))
                    .build()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aFollowedLogFailsBeforeSendingAndSaysHowToPoll() {
    assertThatThrownBy(() -> core.readNamespacedPodLog("cart", "shop").follow(true).execute())
        .isInstanceOfSatisfying(
            StreamingNotSupportedException.class, e -> assertThat(e.operation()).isEqualTo("readNamespacedPodLog"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageStartingWith("readNamespacedPodLog: follow(true) streams")
        .hasMessageContaining("follow(false)")
        .hasMessageContaining("sinceTime(...) or sinceSeconds(...)");
    assertThatThrownBy(() -> core.readNamespacedPodLog("cart", "shop").follow(true).executeAsync())
        .isInstanceOf(StreamingNotSupportedException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anUnfollowedLogIsAPlainCall() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/plain").body("line 1\n").build());

    assertThat(core.readNamespacedPodLog("cart", "shop").follow(false).sinceSeconds(60).execute()).isEqualTo("line 1\n");
    assertThat(server.getRequestCount()).isOne();
  }

  private static List<Method> connectOperations(String... subresources) {
    return Arrays.stream(CoreV1Api.class.getMethods())
        .filter(m -> m.getName().startsWith("connect"))
        .filter(m -> Arrays.stream(subresources).anyMatch(s -> m.getName().contains(s)))
        .sorted(java.util.Comparator.comparing(Method::getName))
        .collect(Collectors.toList());
  }

  /** The request of {@code operation} with every path parameter set to {@code x}. */
  private Object request(Method operation) throws ReflectiveOperationException {
    Object[] arguments = new Object[operation.getParameterCount()];
    Arrays.fill(arguments, "x");
    return operation.invoke(core, arguments);
  }

  private static Throwable thrownBy(Object request, String method) throws ReflectiveOperationException {
    try {
      request.getClass().getMethod(method).invoke(request);
      return null;
    } catch (InvocationTargetException e) {
      return e.getCause();
    }
  }

  @Test
  void everyExecAttachAndPortForwardCallFailsNamingItselfAndTheUpgrade() throws ReflectiveOperationException {
    List<Method> operations = connectOperations("Exec", "Attach", "Portforward");
    assertThat(operations)
        .extracting(Method::getName)
        .containsExactly(
            "connectGetNamespacedPodAttach",
            "connectGetNamespacedPodExec",
            "connectGetNamespacedPodPortforward",
            "connectPostNamespacedPodAttach",
            "connectPostNamespacedPodExec",
            "connectPostNamespacedPodPortforward");

    for (Method operation : operations) {
      Object request = request(operation);
      for (String call : List.of("execute", "executeAsync")) {
        assertThat(thrownBy(request, call))
            .as(operation.getName() + "." + call)
            .isInstanceOfSatisfying(
                StreamingNotSupportedException.class, e -> assertThat(e.operation()).isEqualTo(operation.getName()))
            .hasMessageStartingWith(operation.getName() + ": ")
            .hasMessageContaining("WebSocket")
            .hasMessageContaining("toApiRequest()");
      }
      // The call is still described, for a WebSocket client of the caller's own.
      ApiRequest described = (ApiRequest) request.getClass().getMethod("toApiRequest").invoke(request);
      assertThat(described.path()).startsWith("/api/v1/namespaces/x/pods/x/");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void everyProxyCallIsAPlainRequest() throws Exception {
    List<Method> operations = connectOperations("Proxy");
    assertThat(operations).hasSize(42);

    for (Method operation : operations) {
      // A HEAD answer has no body; one written anyway would be read as the next response's status line.
      server.enqueue(
          operation.getName().startsWith("connectHead")
              ? new MockResponse.Builder().build()
              : new MockResponse.Builder().setHeader("Content-Type", "text/plain").body("proxied").build());
      assertThat(thrownBy(request(operation), "execute")).as(operation.getName()).isNull();
      String path = server.takeRequest(10, TimeUnit.SECONDS).getUrl().encodedPath();
      // The WithPath calls send their path segment (it is the path proxied to), not a query.
      assertThat(path).as(operation.getName()).endsWith(operation.getName().endsWith("WithPath") ? "/proxy/x" : "/proxy");
    }
    assertThat(server.getRequestCount()).isEqualTo(42);
  }
}
