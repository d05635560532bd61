package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.reflect.TypeToken;
import dev.kubesdk.api.model.V1Status;
import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.Sensitive;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a real API server will not do on demand: bodies that are not JSON or stop early, dropped
 * connections, a 401 that a fresh credential fixes, 429 with Retry-After. Server semantics are
 * tested against a real kube-apiserver in the e2e module.
 */
class ApiClientTest {
  private static final String TOKEN = "s3cr3t-t0ken-value";
  private static final java.lang.reflect.Type MAP = new TypeToken<Map<String, Object>>() {}.getType();

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

  private Configuration.Builder config() {
    // One answer per call: retries have tests of their own (RetriesTest).
    return Configuration.builder().host(URI.create(server.url("/").toString())).readTimeout(Duration.ofSeconds(10)).maxRetries(0);
  }

  private static ApiRequest getPod() {
    return ApiRequest.builder("GET", "/api/v1/namespaces/{namespace}/pods/{name}").pathParam("namespace", "x").pathParam("name", "y").build();
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  @Test
  void aJsonBodyIsDecodedAndTheRequestCarriesPathQueryAndHeaders() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"kind\":\"Pod\",\"spec\":{\"replicas\":3}}").build());
    ApiClient client = new ApiClient(config().defaultHeader("X-Team", "shop").build());

    Map<String, Object> pod =
        client.execute(ApiRequest.builder("GET", "/api/v1/namespaces/{namespace}/pods").pathParam("namespace", "x").query("labelSelector", "app=cart,tier in (web)").query("fieldSelector", List.of("a=b", "c=d")).build(), MAP);

    assertThat(pod).containsEntry("kind", "Pod");
    assertThat(pod.get("spec")).isEqualTo(Map.of("replicas", 3L));
    RecordedRequest request = take();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/namespaces/x/pods");
    assertThat(request.getUrl().queryParameter("labelSelector")).isEqualTo("app=cart,tier in (web)");
    assertThat(request.getUrl().queryParameterValues("fieldSelector")).containsExactly("a=b", "c=d");
    assertThat(request.getHeaders().get("X-Team")).isEqualTo("shop");
    assertThat(request.getHeaders().get("Accept")).contains("application/json");
    assertThat(request.getHeaders().get("User-Agent")).startsWith("kubesdk/");
  }

  @Test
  void aDefaultHeaderAndACookieAddedOnTheClientAreSentWithEveryRequest() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{}").build());
    server.enqueue(new MockResponse.Builder().body("{}").build());
    ApiClient plain = new ApiClient(config().defaultHeader("X-Team", "shop").build());
    ApiClient client = plain.withDefaultHeader("x-team", "cart").withDefaultHeader("X-Trace", "1").withCookie(Sensitive.of("session=abc123"));

    client.execute(getPod(), MAP);
    plain.execute(getPod(), MAP);

    RecordedRequest withExtras = take();
    assertThat(withExtras.getHeaders().values("X-Team")).containsExactly("cart");
    assertThat(withExtras.getHeaders().get("X-Trace")).isEqualTo("1");
    assertThat(withExtras.getHeaders().get("Cookie")).isEqualTo("session=abc123");
    RecordedRequest fromPlain = take();
    assertThat(fromPlain.getHeaders().get("X-Team")).isEqualTo("shop");
    assertThat(fromPlain.getHeaders().get("Cookie")).isNull();
    assertThat(client.toString()).doesNotContain("abc123").contains("cookie=<redacted>");
    assertThat(withExtras.getConnectionIndex()).as("both clients share one connection").isEqualTo(fromPlain.getConnectionIndex());
  }

  @Test
  void anObjectBodyIsSentAsJsonAndAPatchWithItsContentType() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{}").build());
    server.enqueue(new MockResponse.Builder().body("{}").build());
    ApiClient client = new ApiClient(config().build());

    client.execute(ApiRequest.builder("POST", "/api/v1/namespaces").body(Map.of("metadata", Map.of("name", "a<b>"))).build(), Void.class);
    client.execute(ApiRequest.builder("PATCH", "/api/v1/namespaces/{name}").pathParam("name", "a").body(V1Patch.merge("{\"metadata\":{\"labels\":null}}")).build(), Void.class);

    RecordedRequest post = take();
    assertThat(post.getBody().utf8()).isEqualTo("{\"metadata\":{\"name\":\"a<b>\"}}");
    assertThat(post.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
    RecordedRequest patch = take();
    assertThat(patch.getBody().utf8()).isEqualTo("{\"metadata\":{\"labels\":null}}");
    assertThat(patch.getHeaders().get("Content-Type")).startsWith("application/merge-patch+json");
  }

  @Test
  void aStringResponseTypeReturnsTheBodyAsIs() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/plain").body("line 1\nline 2\n").build());

    String log = new ApiClient(config().build()).execute(getPod(), String.class);

    assertThat(log).isEqualTo("line 1\nline 2\n");
  }

  @Test
  void aNonJsonErrorBodyStillGivesAClearMessage() {
    server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html").body("<html><body><h1>502 Bad Gateway</h1></body></html>").build());

    assertThatThrownBy(() -> new ApiClient(config().build()).execute(getPod(), MAP))
        .isExactlyInstanceOf(ApiException.class)
        .hasMessage("GET /api/v1/namespaces/x/pods/y: 502: response body is not a Kubernetes Status: <html><body><h1>502 Bad Gateway</h1></body></html>")
        .satisfies(e -> assertThat(((ApiException) e).headers()).containsEntry("content-type", List.of("text/html")));
  }

  @Test
  void anErrorBodyCutShortByTheConnectionKeepsWhatArrived() {
    Buffer partial = new Buffer().writeUtf8("{\"kind\":\"Status\",\"message\":\"etcdserver: request timed out\",\"rea");
    server.enqueue(new MockResponse.Builder().code(500).body(partial).setHeader("Content-Length", 500).onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());

    assertThatThrownBy(() -> new ApiClient(config().build()).execute(getPod(), MAP))
        .isExactlyInstanceOf(ApiException.class)
        .hasMessageStartingWith("GET /api/v1/namespaces/x/pods/y: 500 InternalError: response body is not a Kubernetes Status: {\"kind\":\"Status\",\"message\":\"etcdserver: request timed out\"");
  }

  @Test
  void aSuccessBodyCutShortByTheConnectionIsATransportFailure() {
    Buffer partial = new Buffer().writeUtf8("{\"kind\":\"PodList\",\"items\":[{\"metadata\":{\"name\":\"a\"}},");
    server.enqueue(new MockResponse.Builder().body(partial).setHeader("Content-Length", 5000).onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());

    assertThatThrownBy(() -> new ApiClient(config().build()).execute(getPod(), MAP))
        .isInstanceOf(TransportException.class)
        .hasMessageStartingWith("GET " + server.url("/api/v1/namespaces/x/pods/y") + ": ")
        .satisfies(e -> assertThat(((ApiException) e).statusCode()).isZero());
  }

  @Test
  void aSuccessBodyThatIsNotTheExpectedJsonNamesTheType() {
    server.enqueue(new MockResponse.Builder().body("<html>login page</html>").build());

    assertThatThrownBy(() -> new ApiClient(config().build()).execute(getPod(), MAP))
        .isExactlyInstanceOf(ApiException.class)
        .hasMessageStartingWith("GET /api/v1/namespaces/x/pods/y: 200: the response body is not a valid java.util.Map<java.lang.String, java.lang.Object>");
  }

  @Test
  void aStatusCallAnsweredWithTheObjectOrWithAStatusGivesAStatus() {
    server.enqueue(new MockResponse.Builder().code(200)
        .body("{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"gone\",\"uid\":\"u-1\"}}").build());
    server.enqueue(new MockResponse.Builder().code(200)
        .body("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\",\"details\":{\"name\":\"cm\"}}").build());
    ApiClient client = new ApiClient(config().build());

    V1Status object = client.execute(getPod(), V1Status.class);
    V1Status status = client.execute(getPod(), V1Status.class);

    assertThat(object.getStatus()).isEqualTo("Success");
    assertThat(object.getDetails().getName()).isEqualTo("gone");
    assertThat(object.getDetails().getKind()).isEqualTo("Namespace");
    assertThat(status.getDetails().getName()).isEqualTo("cm");
  }

  @Test
  void anEmptySuccessBodyIsAnErrorUnlessTheBodyIsIgnored() {
    server.enqueue(new MockResponse.Builder().build());
    server.enqueue(new MockResponse.Builder().build());
    ApiClient client = new ApiClient(config().build());

    assertThatThrownBy(() -> client.execute(getPod(), MAP)).isExactlyInstanceOf(ApiException.class).hasMessageEndingWith("200: the response body is empty; expected a java.util.Map<java.lang.String, java.lang.Object>");
    assertThat(client.<Void>execute(getPod(), Void.class)).isNull();
  }

  @Test
  void aRefusedConnectionIsATransportFailureNamingTheUrl() throws Exception {
    server.close();
    ApiClient client = new ApiClient(config().build());

    assertThatThrownBy(() -> client.execute(getPod(), MAP))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("GET " + server.url("/api/v1/namespaces/x/pods/y"))
        .hasMessageContaining("Is the API server running")
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void slowHeadersAreATimeoutNamingTheTimeouts() {
    server.enqueue(new MockResponse.Builder().headersDelay(30, TimeUnit.SECONDS).body("{}").build());
    ApiClient client = new ApiClient(config().readTimeout(Duration.ofMillis(200)).build());

    assertThatThrownBy(() -> client.execute(getPod(), MAP))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("timed out")
        .hasMessageContaining("readTimeout 200ms")
        .hasMessageContaining("raise the timeouts");
  }

  @Test
  void tooManyRequestsCarriesRetryAfter() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").body("{\"kind\":\"Status\",\"reason\":\"TooManyRequests\",\"message\":\"too many requests, please try again later\",\"code\":429}").build());

    assertThatThrownBy(() -> new ApiClient(config().build()).execute(getPod(), MAP))
        .isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(7)))
        .hasMessage("GET /api/v1/namespaces/x/pods/y: 429 TooManyRequests: too many requests, please try again later");
  }

  @Test
  void aRejectedCredentialIsRefreshedOnceAndTheRequestSentAgain() throws Exception {
    server.enqueue(new MockResponse.Builder().code(401).body("{\"kind\":\"Status\",\"reason\":\"Unauthorized\",\"message\":\"Unauthorized\",\"code\":401}").build());
    server.enqueue(new MockResponse.Builder().body("{\"kind\":\"Pod\"}").build());
    RotatingCredentials credentials = new RotatingCredentials(true);

    ApiRequest create = ApiRequest.builder("POST", "/api/v1/namespaces/{namespace}/pods").pathParam("namespace", "x").body(Map.of("kind", "Pod")).build();

    Map<String, Object> pod = new ApiClient(config().credentials(credentials).build()).execute(create, MAP);

    assertThat(pod).containsEntry("kind", "Pod");
    RecordedRequest rejected = take();
    RecordedRequest retried = take();
    assertThat(rejected.getHeaders().get("Authorization")).isEqualTo("Bearer token-0");
    assertThat(retried.getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
    assertThat(retried.getBody().utf8()).isEqualTo(rejected.getBody().utf8()).isEqualTo("{\"kind\":\"Pod\"}");
    assertThat(credentials.invalidated).containsExactly("Bearer token-0");
  }

  @Test
  void aCredentialThatCannotRefreshIsNotRetriedAndTheTokenIsInNoMessage() throws Exception {
    server.enqueue(new MockResponse.Builder().code(401).body("{\"kind\":\"Status\",\"reason\":\"Unauthorized\",\"message\":\"Unauthorized\",\"code\":401}").build());
    ApiClient client = new ApiClient(config().credentials(Credentials.bearerToken(Sensitive.of(TOKEN))).build());

    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> client.execute(getPod(), MAP));

    assertThat(thrown).isInstanceOf(UnauthorizedException.class).hasMessage("GET /api/v1/namespaces/x/pods/y: 401 Unauthorized: Unauthorized");
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(server.getRequestCount()).isEqualTo(1);
    ApiException e = (ApiException) thrown;
    assertThat(List.of(e.getMessage(), e.toString(), e.body(), e.headers().toString(), client.toString(), client.configuration().toString())).allSatisfy(text -> assertThat(text).doesNotContain(TOKEN));
  }

  @Test
  void aTransportFailureWithCredentialsHoldsNoSecret() {
    server.close();
    ApiClient client = new ApiClient(config().credentials(Credentials.bearerToken(Sensitive.of(TOKEN))).build()).withCookie(Sensitive.of("session=" + TOKEN));

    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> client.execute(getPod(), MAP));

    assertThat(thrown).isInstanceOf(TransportException.class);
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
    }
  }

  @Test
  void aFailingCredentialSourceThrowsItsConfigException() {
    Credentials broken =
        new Credentials() {
          @Override
          public Optional<Sensitive> authorization() {
            throw new ConfigException("users[0].user.exec: command \"aws\" exited with code 1. Run it by hand to see why.");
          }

          @Override
          public String method() {
            return "exec";
          }
        };
    ApiClient client = new ApiClient(config().credentials(broken).build());

    assertThatThrownBy(() -> client.execute(getPod(), MAP)).isInstanceOf(ConfigException.class).hasMessageContaining("exited with code 1");
    CompletableFuture<Map<String, Object>> async = client.executeAsync(getPod(), MAP);
    assertThatThrownBy(() -> async.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ConfigException.class);
  }

  @Test
  void aTokenWithALineBreakIsAConfigErrorWithoutTheToken() {
    Credentials broken =
        new Credentials() {
          @Override
          public Optional<Sensitive> authorization() {
            return Optional.of(Sensitive.of("Bearer " + TOKEN + "\n"));
          }

          @Override
          public String method() {
            return "token";
          }
        };
    ApiClient client = new ApiClient(config().credentials(broken).build());

    assertThatThrownBy(() -> client.execute(getPod(), MAP)).isInstanceOf(ConfigException.class).hasMessageContaining("line break").hasMessageNotContaining(TOKEN);
    CompletableFuture<Map<String, Object>> async = client.executeAsync(getPod(), MAP);
    assertThatThrownBy(() -> async.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ConfigException.class);
  }

  @Test
  void aHeaderHttpCannotCarryIsRejectedWhenAdded() {
    ApiClient client = new ApiClient(config().build());

    assertThatThrownBy(() -> client.withDefaultHeader("X-Team", "shop\r\nX-Evil: 1")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Team");
    assertThatThrownBy(() -> client.withCookie(Sensitive.of("session=" + TOKEN + "\nX-Evil: 1"))).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(TOKEN);
  }

  @Test
  void anAsyncCallCompletesWithTheDecodedBodyOrTheTypedException() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"kind\":\"Pod\"}").build());
    server.enqueue(new MockResponse.Builder().code(404).body("{\"kind\":\"Status\",\"reason\":\"NotFound\",\"message\":\"pods \\\"y\\\" not found\",\"code\":404}").build());
    ApiClient client = new ApiClient(config().build());

    Map<String, Object> pod = client.<Map<String, Object>>executeAsync(getPod(), MAP).get(10, TimeUnit.SECONDS);
    CompletableFuture<Map<String, Object>> missing = client.executeAsync(getPod(), MAP);

    assertThat(pod).containsEntry("kind", "Pod");
    assertThatThrownBy(() -> missing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(NotFoundException.class).hasMessageContaining("404 NotFound");
  }

  @Test
  void aServerPathPrefixIsKept() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{}").build());
    ApiClient client = new ApiClient(config().host(URI.create(server.url("/k8s/clusters/c-1").toString())).build());

    client.execute(getPod(), MAP);

    assertThat(take().getUrl().encodedPath()).isEqualTo("/k8s/clusters/c-1/api/v1/namespaces/x/pods/y");
  }

  @Test
  void anUnsupportedProxySchemeIsAConfigErrorNamingTheField() {
    assertThatThrownBy(() -> new ApiClient(config().proxy(URI.create("ftp://proxy.internal:21")).build()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("proxy-url")
        .hasMessageContaining("http, https or socks5");
  }

  @Test
  void anHttpProxyReceivesTheRequestWithItsCredentials() throws Exception {
    server.enqueue(new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"proxy\"").build());
    server.enqueue(new MockResponse.Builder().body("{\"kind\":\"Pod\"}").build());
    Configuration viaProxy =
        Configuration.builder().host(URI.create("http://api.cluster.invalid:6443")).proxy(URI.create("http://user:p%40ss@" + server.getHostName() + ":" + server.getPort())).build();

    Map<String, Object> pod = new ApiClient(viaProxy).execute(getPod(), MAP);

    assertThat(pod).containsEntry("kind", "Pod");
    assertThat(take().getTarget()).isEqualTo("http://api.cluster.invalid:6443/api/v1/namespaces/x/pods/y");
    assertThat(take().getHeaders().get("Proxy-Authorization")).isEqualTo(okhttp3.Credentials.basic("user", "p@ss"));
  }

  @Test
  void anHttpsProxyIsReachedOverTlsTrustingTheClusterCa() throws Exception {
    HeldCertificate proxyCertificate = new HeldCertificate.Builder().commonName("proxy").addSubjectAlternativeName("localhost").build();
    HeldCertificate otherCa = new HeldCertificate.Builder().commonName("other").certificateAuthority(0).build();
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.useHttps(new HandshakeCertificates.Builder().heldCertificate(proxyCertificate).build().sslSocketFactory());
      proxy.start();
      proxy.enqueue(new MockResponse.Builder().body("{\"kind\":\"Pod\"}").build());
      Configuration.Builder viaProxy = Configuration.builder().host(URI.create("http://api.cluster.invalid:6443")).proxy(URI.create("https://localhost:" + proxy.getPort()));

      Map<String, Object> pod = new ApiClient(viaProxy.certificateAuthority(proxyCertificate.certificatePem().getBytes(StandardCharsets.US_ASCII)).build()).execute(getPod(), MAP);
      Throwable untrusted = org.assertj.core.api.Assertions.catchThrowable(() -> new ApiClient(viaProxy.certificateAuthority(otherCa.certificatePem().getBytes(StandardCharsets.US_ASCII)).build()).execute(getPod(), MAP));

      assertThat(pod).containsEntry("kind", "Pod");
      RecordedRequest request = proxy.takeRequest(10, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      assertThat(request.getHandshake()).as("the proxy connection is TLS").isNotNull();
      assertThat(request.getTarget()).isEqualTo("http://api.cluster.invalid:6443/api/v1/namespaces/x/pods/y");
      assertThat(untrusted).isInstanceOf(TransportException.class).hasMessageContaining("not trusted").hasMessageContaining("certificate-authority");
    }
  }

  /** Hands out token-0, token-1, …; each 401 moves to the next. */
  private static final class RotatingCredentials implements Credentials {
    private final AtomicInteger generation = new AtomicInteger();
    private final boolean canRefresh;
    final List<String> invalidated = Collections.synchronizedList(new ArrayList<>());

    RotatingCredentials(boolean canRefresh) {
      this.canRefresh = canRefresh;
    }

    @Override
    public Optional<Sensitive> authorization() {
      return Optional.of(Sensitive.of("Bearer token-" + generation.get()));
    }

    @Override
    public boolean invalidate(Sensitive rejected) {
      invalidated.add(rejected.reveal());
      generation.incrementAndGet();
      return canRefresh;
    }

    @Override
    public String method() {
      return "test";
    }
  }
}
