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
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    return kubeconfig(idToken, issuer, "");
  }

  private Path kubeconfig(String idToken, String issuerUrl, String clusterExtra) throws IOException {
    Path kc = fx.write("home/.kube/config", Fixture.kubeconfig("https://x", clusterExtra, """
        auth-provider:
          name: oidc
          config:
            idp-issuer-url: %s
            client-id: kubectl
            client-secret: client-secret-value
            id-token: %s
            refresh-token: refresh-1
        """.formatted(issuerUrl, idToken)));
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

  @Test
  void aValidTokenIsServedWhileAnotherThreadRefreshesAndAWaiterCanGiveUp() throws Exception {
    CountDownLatch endpointEntered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    server.removeContext("/realm/token");
    server.createContext("/realm/token", x -> {
      tokenRequests.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      endpointEntered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      respond(x, 200, "{\"id_token\":\"" + freshToken + "\",\"refresh_token\":\"refresh-2\"}");
    });
    kubeconfig(jwt(Instant.now().minusSeconds(60)));
    Credentials credentials = KubeConfig.resolve(fx.options().build()).credentials();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<String> refreshing = pool.submit(() -> credentials.authorization().orElseThrow().reveal());
      assertThat(endpointEntered.await(30, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> credentials.authorization(Duration.ofMillis(200)))
          .isInstanceOf(CredentialsTimeoutException.class)
          .hasMessageContaining("users[0] \"dev-user\": user.auth-provider: timed out after 200ms waiting for the OIDC token refresh");
      release.countDown();
      assertThat(refreshing.get(30, TimeUnit.SECONDS)).isEqualTo("Bearer " + freshToken);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    assertThat(credentials.authorization(Duration.ofMillis(1)).orElseThrow().reveal()).isEqualTo("Bearer " + freshToken);
    assertThat(tokenRequests).hasSize(1);
  }

  @Test
  void theRefreshGoesThroughTheProxyTheEnvironmentNamesForTheIssuer() throws Exception {
    // The test server plays the proxy: a proxied request names the issuer's host in its target.
    List<String> targets = new CopyOnWriteArrayList<>();
    server.createContext("/", x -> {
      targets.add(x.getRequestURI().toString());
      respond(x, 404, "{}");
    });
    String proxied = "http://issuer.invalid/realm";
    server.removeContext("/realm/.well-known/openid-configuration");
    server.createContext("/realm/.well-known/openid-configuration", x -> {
      targets.add(x.getRequestURI().toString());
      respond(x, 200, "{\"token_endpoint\":\"" + proxied + "/token\"}");
    });
    fx.env.put("http_proxy", "127.0.0.1:" + server.getAddress().getPort());
    kubeconfig(jwt(Instant.now().minusSeconds(60)), proxied, "");
    Configuration c = KubeConfig.resolve(fx.options().build());
    assertThat(c.credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer " + freshToken);
    assertThat(targets).containsExactly(proxied + "/.well-known/openid-configuration");
    assertThat(tokenRequests).hasSize(1);
  }

  @Test
  void theClustersProxyUrlCarriesTheRefreshAndUnsupportedProxiesAreNamed() throws Exception {
    kubeconfig(jwt(Instant.now().minusSeconds(60)), "http://issuer.invalid/realm", "proxy-url: socks5://127.0.0.1:1");
    Configuration c = KubeConfig.resolve(fx.options().build());
    assertThatThrownBy(() -> c.credentials().authorization())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("the OIDC token refresh cannot use the proxy socks5://127.0.0.1:1")
        .hasMessageContaining("only http:// proxies");
  }

  @Test
  void aTokenEndpointRedirectingToAnotherHostNeverGetsTheRefreshToken() throws Exception {
    HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    List<String> stolen = new CopyOnWriteArrayList<>();
    other.createContext("/", x -> {
      stolen.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      respond(x, 200, "{\"id_token\":\"" + freshToken + "\"}");
    });
    other.start();
    try {
      server.removeContext("/realm/token");
      server.createContext("/realm/token", x -> {
        x.getResponseHeaders().add("Location", "http://localhost:" + other.getAddress().getPort() + "/token");
        x.sendResponseHeaders(307, -1);
        x.close();
      });
      kubeconfig(jwt(Instant.now().minusSeconds(60)));
      Configuration c = KubeConfig.resolve(fx.options().build());
      assertThatThrownBy(() -> c.credentials().authorization())
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("redirected (HTTP 307) to http://localhost:" + other.getAddress().getPort())
          .hasMessageContaining("the refresh-token is sent only to the token endpoint itself")
          .hasMessageNotContaining("refresh-1");
      assertThat(stolen).isEmpty();
    } finally {
      other.stop(0);
    }
  }

  @Test
  void aSameOriginTemporaryRedirectOfTheTokenEndpointIsFollowed() throws Exception {
    server.removeContext("/realm/token");
    server.createContext("/realm/token", x -> {
      x.getResponseHeaders().add("Location", "/realm/token2");
      x.sendResponseHeaders(308, -1);
      x.close();
    });
    server.createContext("/realm/token2", x -> {
      tokenRequests.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      respond(x, 200, "{\"id_token\":\"" + freshToken + "\"}");
    });
    kubeconfig(jwt(Instant.now().minusSeconds(60)));
    assertThat(KubeConfig.resolve(fx.options().build()).credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer " + freshToken);
    assertThat(tokenRequests).singleElement().satisfies(body -> assertThat(body).contains("refresh_token=refresh-1"));
  }
}
