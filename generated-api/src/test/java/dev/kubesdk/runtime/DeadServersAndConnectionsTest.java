package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.gson.reflect.TypeToken;
import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.Sensitive;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Servers and connections that misbehave in ways a real API server cannot be made to: one that
 * accepts TCP and never answers, a body that trickles forever, a redirect to another host, a
 * certificate for another name. Each call must end, with a typed error, within its stated limits.
 */
class DeadServersAndConnectionsTest {
  private static final Type MAP = new TypeToken<Map<String, Object>>() {}.getType();
  // Far above every limit the tests configure: reaching it means the call would hang.
  private static final Duration HANG = Duration.ofSeconds(30);

  private ServerSocket blackhole;
  private final List<Socket> accepted = new ArrayList<>();

  @BeforeEach
  void openBlackhole() throws IOException {
    blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!blackhole.isClosed()) {
                try {
                  Socket socket = blackhole.accept();
                  synchronized (accepted) {
                    accepted.add(socket); // kept open, never read from or written to
                  }
                } catch (IOException e) {
                  return;
                }
              }
            },
            "blackhole");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void closeBlackhole() throws IOException {
    blackhole.close();
    synchronized (accepted) {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  private URI blackholeUri(String scheme) {
    return URI.create(scheme + "://127.0.0.1:" + blackhole.getLocalPort());
  }

  private static ApiRequest listPods() {
    return ApiRequest.builder("GET", "/api/v1/pods").build();
  }

  @Test
  void everyTimeoutIsFiniteByDefault() {
    Configuration defaults = Configuration.builder().build();

    assertThat(List.of(defaults.connectTimeout(), defaults.readTimeout(), defaults.writeTimeout(), defaults.requestTimeout()))
        .allSatisfy(timeout -> assertThat(timeout).isPositive());
    assertThat(defaults.requestTimeout()).isEqualTo(Duration.ofSeconds(Configuration.DEFAULT_REQUEST_SECONDS));
  }

  @Test
  void aCallToAnHttpsServerThatNeverAnswersFailsWithinTheReadTimeout() {
    ApiClient client = new ApiClient(Configuration.builder().host(blackholeUri("https")).readTimeout(Duration.ofMillis(300)).build());

    Throwable failure = assertTimeoutPreemptively(HANG, () -> catchThrowable(() -> client.execute(listPods(), MAP)));

    assertThat(failure).isInstanceOf(TransportException.class).hasMessageContaining("timed out").hasMessageContaining("readTimeout 300ms");
  }

  @Test
  void aWatchOfAServerThatNeverAnswersFailsWithinTheReadTimeout() {
    ApiClient client = new ApiClient(Configuration.builder().host(blackholeUri("https")).readTimeout(Duration.ofMillis(300)).build());

    Throwable failure = assertTimeoutPreemptively(HANG, () -> catchThrowable(() -> client.watch(listPods(), MAP)));

    assertThat(failure).isInstanceOf(TransportException.class).hasMessageContaining("timed out");
  }

  @Test
  void aBodyThatTricklesForeverEndsAtTheRequestTimeoutOfTheCall() throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      // One byte every 100 ms never trips the read timeout; only a limit on the whole call ends it.
      server.enqueue(new MockResponse.Builder().body("{\"items\":[" + "0,".repeat(10_000) + "0]}").throttleBody(1, 100, TimeUnit.MILLISECONDS).build());
      ApiClient client = new ApiClient(Configuration.builder().host(URI.create(server.url("/").toString())).build());
      ApiRequest limited = ApiRequest.builder("GET", "/api/v1/pods").requestTimeout(Duration.ofMillis(500)).build();

      Throwable failure = assertTimeoutPreemptively(HANG, () -> catchThrowable(() -> client.execute(limited, MAP)));

      assertThat(failure).isInstanceOf(TransportException.class).hasMessageContaining("timed out").hasMessageContaining("requestTimeout 500ms");
    }
  }

  @Test
  void theConfiguredRequestTimeoutLimitsEveryCallOfTheClient() throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().body("{\"items\":[" + "0,".repeat(10_000) + "0]}").throttleBody(1, 100, TimeUnit.MILLISECONDS).build());
      ApiClient client = new ApiClient(Configuration.builder().host(URI.create(server.url("/").toString())).requestTimeout(Duration.ofMillis(400)).build());

      Throwable failure = assertTimeoutPreemptively(HANG, () -> catchThrowable(() -> client.execute(listPods(), MAP)));

      assertThat(failure).isInstanceOf(TransportException.class).hasMessageContaining("requestTimeout 400ms");
    }
  }

  @Test
  void aWatchIsNotCutByTheRequestOrReadTimeout() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      String added = "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Pod\"}}\n";
      // Quiet for longer than both limits between the headers and the first event.
      server.enqueue(new MockResponse.Builder().body(added).bodyDelay(900, TimeUnit.MILLISECONDS).build());
      ApiClient client =
          new ApiClient(Configuration.builder().host(URI.create(server.url("/").toString())).readTimeout(Duration.ofMillis(300)).requestTimeout(Duration.ofMillis(300)).build());

      List<String> types = new ArrayList<>();
      try (Watch<Map<String, Object>> watch = client.watch(listPods(), MAP)) {
        watch.forEachRemaining(event -> types.add(event.type().name()));
      }

      assertThat(types).containsExactly("ADDED");
      // kube-apiserver may gzip a streaming list as several members, which OkHttp cannot read.
      assertThat(server.takeRequest(10, TimeUnit.SECONDS).getHeaders().get("Accept-Encoding")).isEqualTo("identity");
    }
  }

  @Test
  void redirectsAreNotFollowedSoCredentialsStayWithTheServerTheyAreFor() throws Exception {
    try (MockWebServer server = new MockWebServer();
        MockWebServer elsewhere = new MockWebServer()) {
      server.start();
      elsewhere.start();
      server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", elsewhere.url("/steal").toString()).build());
      ApiClient client =
          new ApiClient(Configuration.builder().host(URI.create(server.url("/").toString())).credentials(Credentials.bearerToken(Sensitive.of("t0ken"))).build())
              .withDefaultHeader("Impersonate-User", "admin");

      Throwable failure = catchThrowable(() -> client.execute(listPods(), MAP));

      assertThat(failure).isInstanceOf(ApiException.class);
      assertThat(((ApiException) failure).statusCode()).isEqualTo(302);
      assertThat(elsewhere.getRequestCount()).as("requests that followed the redirect").isZero();
    }
  }

  @Test
  void aBaseClientThatAcceptsEveryHostNameCannotWeakenTheCheckOfTheServerName() throws IOException {
    HeldCertificate ca = new HeldCertificate.Builder().commonName("ca").certificateAuthority(0).build();
    HeldCertificate elsewhere = new HeldCertificate.Builder().commonName("elsewhere").addSubjectAlternativeName("elsewhere.example").signedBy(ca).build();
    try (MockWebServer server = new MockWebServer()) {
      server.useHttps(new HandshakeCertificates.Builder().heldCertificate(elsewhere).build().sslSocketFactory());
      server.start();
      server.enqueue(new MockResponse.Builder().body("{}").build());
      Configuration configuration =
          Configuration.builder().host(URI.create("https://127.0.0.1:" + server.getPort())).certificateAuthority(ca.certificatePem().getBytes(StandardCharsets.US_ASCII)).build();
      OkHttpClient lenient = new OkHttpClient.Builder().hostnameVerifier((host, session) -> true).build();

      Throwable failure = catchThrowable(() -> new ApiClient(configuration, lenient).execute(listPods(), MAP));

      assertThat(failure).isInstanceOf(TransportException.class).hasMessageContaining("does not name the host");
      assertThat(server.getRequestCount()).isZero();
    }
  }

  @Test
  void clientsOfEqualConfigurationsShareOneConnection() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      for (int i = 0; i < 3; i++) {
        server.enqueue(new MockResponse.Builder().body("{}").build());
      }
      URI host = URI.create(server.url("/").toString());

      for (int i = 0; i < 3; i++) {
        // A new, equal Configuration each time, as a fresh KubeConfig.load() gives.
        new ApiClient(Configuration.builder().host(host).credentials(Credentials.bearerToken(Sensitive.of("t"))).build()).execute(listPods(), MAP);
      }

      List<Integer> connections = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        connections.add(request.getConnectionIndex());
      }
      assertThat(connections).containsOnly(0);
    }
  }

  @Test
  void closeEndsTheRunningCallsOfTheClientAndRefusesNewOnes() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().body("{}").headersDelay(20, TimeUnit.SECONDS).build());
      ApiClient client = new ApiClient(Configuration.builder().host(URI.create(server.url("/").toString())).build());
      CompletableFuture<Map<String, Object>> running = client.executeAsync(listPods(), MAP);
      assertThat(server.takeRequest(10, TimeUnit.SECONDS)).as("the call reached the server").isNotNull();

      client.close();

      Throwable ended = assertTimeoutPreemptively(HANG, () -> catchThrowable(running::join));
      assertThat(ended).hasCauseInstanceOf(TransportException.class);
      assertThatThrownBy(() -> client.execute(listPods(), MAP)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
  }

  @Test
  void credentialsOnAPlainHttpServerThroughAnHttpProxyAreRefused() {
    Configuration cleartext =
        Configuration.builder()
            .host(URI.create("http://api.cluster.invalid:8080"))
            .proxy(URI.create("http://proxy.invalid:3128"))
            .credentials(Credentials.bearerToken(Sensitive.of("s3cr3t")))
            .build();

    assertThatThrownBy(() -> new ApiClient(cleartext))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("clear text")
        .hasMessageContaining("NO_PROXY")
        .hasMessageNotContaining("s3cr3t");
  }
}
