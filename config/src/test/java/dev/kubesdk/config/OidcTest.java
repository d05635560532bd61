package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OidcTest {
  @TempDir Path tmp;
  Fixture fx;
  HttpServer server;
  String issuer;
  final List<String> tokenRequests = new CopyOnWriteArrayList<>();
  volatile int tokenStatus = 200;

  static String jwt(Instant exp) {
    Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
    return e.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + e.encodeToString(("{\"sub\":\"me\",\"exp\":" + exp.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8)) + ".sig";
  }

  final String freshToken = jwt(Instant.now().plusSeconds(3600));

  @BeforeEach
  void start() throws IOException {
    fx = new Fixture(tmp);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realm";
    server.createContext("/realm/.well-known/openid-configuration", x -> respond(x, 200, "{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\"" + issuer + "/token\"}"));
    server.createContext("/realm/token", x -> {
      tokenRequests.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      respond(x, tokenStatus, "{\"id_token\":\"" + freshToken + "\",\"refresh_token\":\"refresh-2\",\"token_type\":\"Bearer\"}");
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void respond(com.sun.net.httpserver.HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, b.length);
    try (OutputStream os = x.getResponseBody()) {
      os.write(b);
    }
  }

  private Path kubeconfig(String idToken) throws IOException {
    Path kc = fx.write("home/.kube/config", Fixture.kubeconfig("https://x", "", """
        auth-provider:
          name: oidc
          config:
            idp-issuer-url: %s
            client-id: kubectl
            client-secret: client-secret-value
            id-token: %s
            refresh-token: refresh-1
        """.formatted(issuer, idToken)));
    Files.setPosixFilePermissions(kc, PosixFilePermissions.fromString("rw-------"));
    return kc;
  }

  @Test
  void aValidIdTokenIsSentWithoutCallingTheIssuer() throws Exception {
    kubeconfig(freshToken);
    Configuration c = KubeConfig.resolve(fx.options().build());
    assertThat(c.credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer " + freshToken);
    assertThat(c.credentials().method()).isEqualTo("authProvider");
    assertThat(tokenRequests).isEmpty();
  }

  @Test
  void anExpiredIdTokenIsRefreshedAndWrittenBackToItsFileAtomically() throws Exception {
    Path kc = kubeconfig(jwt(Instant.now().minusSeconds(60)));
    Configuration c = KubeConfig.resolve(fx.options().build());
    assertThat(c.credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer " + freshToken);
    assertThat(tokenRequests).singleElement().satisfies(body -> assertThat(body)
        .contains("grant_type=refresh_token").contains("refresh_token=refresh-1").contains("client_id=kubectl"));
    String saved = Files.readString(kc);
    assertThat(saved).contains("id-token: " + freshToken).contains("refresh-token: refresh-2").contains("server: https://x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kc))).isEqualTo("rw-------");
    try (var files = Files.list(kc.getParent())) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("config");
    }
    // The saved file loads again, now without a refresh.
    Configuration again = KubeConfig.resolve(fx.options().build());
    assertThat(again.credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer " + freshToken);
    assertThat(tokenRequests).hasSize(1);
  }

  @Test
  void aRejectedIdTokenIsRefreshedOnTheNextRequest() throws Exception {
    kubeconfig(jwt(Instant.now().plusSeconds(600)));
    Configuration c = KubeConfig.resolve(fx.options().build());
    Sensitive rejected = c.credentials().authorization().orElseThrow();
    assertThat(c.credentials().invalidate(rejected)).isTrue();
    assertThat(c.credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer " + freshToken);
    assertThat(tokenRequests).hasSize(1);
  }

  @Test
  void aRefusedRefreshSaysToLogInAgainWithoutShowingTokens() throws Exception {
    tokenStatus = 400;
    kubeconfig(jwt(Instant.now().minusSeconds(60)));
    Configuration c = KubeConfig.resolve(fx.options().build());
    assertThatThrownBy(() -> c.credentials().authorization())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("log in again")
        .hasMessageNotContaining("refresh-1")
        .hasMessageNotContaining("client-secret-value");
  }

  @Test
  void concurrentRequestsWithAnExpiredTokenRefreshOnce() throws Exception {
    kubeconfig(jwt(Instant.now().minusSeconds(60)));
    Configuration c = KubeConfig.resolve(fx.options().build());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return c.credentials().authorization().orElseThrow().reveal();
        }));
      }
      start.countDown();
      for (java.util.concurrent.Future<String> f : results) {
        assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("Bearer " + freshToken);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(tokenRequests).hasSize(1);
  }
}
