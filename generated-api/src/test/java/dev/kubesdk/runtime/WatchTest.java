package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.reflect.TypeToken;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.config.Configuration;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class WatchTest {
  private static final Type MAP = new TypeToken<Map<String, Object>>() {}.getType();
  private static final ApiRequest WATCH_PODS = ApiRequest.builder("GET", "/api/v1/pods").query("resourceVersion", "100").build();

  /** A watch over a fixed body, without a server: for decoding only. */
  private static Watch<Map<String, Object>> watchOf(String body) {
    return watchOf(body, MAP);
  }

  private static <T> Watch<T> watchOf(String body, Type objectType) {
    Request request = new Request.Builder().url("http://localhost/api/v1/pods?watch=true").build();
    Call call = new OkHttpClient().newCall(request);
    Response response =
        new Response.Builder()
            .request(request)
            .protocol(Protocol.HTTP_1_1)
            .code(200)
            .message("OK")
            .body(ResponseBody.create(body, MediaType.get("application/json")))
            .build();
    return new Watch<>(call, response, objectType, WATCH_PODS, "http://localhost/api/v1/pods", () -> {});
  }

  private static String event(String type, String name) {
    return "{\"type\":\"" + type + "\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"}}}\n";
  }

  @SuppressWarnings("unchecked")
  private static String name(WatchEvent<Map<String, Object>> event) {
    return (String) ((Map<String, Object>) event.object().get("metadata")).get("name");
  }

  @Test
  void eventsAreDecodedInOrderUntilTheServerEndsTheWatch() {
    try (Watch<Map<String, Object>> watch = watchOf(event("ADDED", "a") + event("MODIFIED", "a") + "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"resourceVersion\":\"7\"}}}\n" + event("DELETED", "a"))) {
      List<WatchEvent.Type> types = new ArrayList<>();
      for (WatchEvent<Map<String, Object>> e : watch) {
        types.add(e.type());
      }

      assertThat(types).containsExactly(WatchEvent.Type.ADDED, WatchEvent.Type.MODIFIED, WatchEvent.Type.BOOKMARK, WatchEvent.Type.DELETED);
      assertThat(watch.hasNext()).isFalse();
      assertThatThrownBy(watch::next).isInstanceOf(NoSuchElementException.class);
    }
  }

  @Test
  void eventsDecodeIntoGeneratedModels() {
    try (Watch<V1Pod> watch = watchOf(event("ADDED", "a") + "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"resourceVersion\":\"7\"}}}\n", V1Pod.class)) {
      WatchEvent<V1Pod> added = watch.next();
      WatchEvent<V1Pod> bookmark = watch.next();

      assertThat(added.object().getMetadata().getName()).isEqualTo("a");
      assertThat(bookmark.type()).isEqualTo(WatchEvent.Type.BOOKMARK);
      assertThat(bookmark.object().getMetadata().getResourceVersion()).isEqualTo("7");
      assertThat(watch.hasNext()).isFalse();
    }
  }

  @Test
  void anObjectBeforeItsTypeIsStillDecoded() {
    try (Watch<Map<String, Object>> watch = watchOf("{\"object\":{\"metadata\":{\"name\":\"b\"}},\"type\":\"ADDED\"}")) {
      WatchEvent<Map<String, Object>> e = watch.next();

      assertThat(e.type()).isEqualTo(WatchEvent.Type.ADDED);
      assertThat(name(e)).isEqualTo("b");
    }
  }

  @Test
  void anExpiredResourceVersionErrorIsThrownAsGone() {
    String expired = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource version: 100 (2000)\",\"reason\":\"Expired\",\"code\":410}}\n";
    try (Watch<Map<String, Object>> watch = watchOf(event("ADDED", "a") + expired + event("ADDED", "never"))) {
      assertThat(name(watch.next())).isEqualTo("a");

      assertThatThrownBy(watch::hasNext)
          .isInstanceOfSatisfying(GoneException.class, e -> assertThat(e.reason()).isEqualTo("Expired"))
          .hasMessage("GET /api/v1/pods: 410 Expired: too old resource version: 100 (2000)");
      assertThat(watch.hasNext()).as("the watch ends after an error").isFalse();
    }
  }

  @Test
  void otherErrorEventsKeepTheirCode() {
    String error = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"message\":\"internal error\",\"reason\":\"InternalError\",\"code\":500}}";
    try (Watch<Map<String, Object>> watch = watchOf(error)) {
      assertThatThrownBy(watch::next).isExactlyInstanceOf(ApiException.class).hasMessage("GET /api/v1/pods: 500 InternalError: internal error");
    }
  }

  @Test
  void anUnknownEventTypeIsReported() {
    try (Watch<Map<String, Object>> watch = watchOf("{\"type\":\"RENAMED\",\"object\":{}}")) {
      assertThatThrownBy(watch::next).isInstanceOf(ApiException.class).hasMessageContaining("unknown type \"RENAMED\"");
    }
  }

  @Test
  void aStreamThatIsNotJsonIsReported() {
    try (Watch<Map<String, Object>> watch = watchOf("<html>proxy error</html>")) {
      assertThatThrownBy(watch::next).isInstanceOf(ApiException.class).hasMessageContaining("GET /api/v1/pods: 200: the server sent a watch stream that is not JSON");
    }
  }

  @Test
  void aWatchCanBeIteratedOnce() {
    try (Watch<Map<String, Object>> watch = watchOf("")) {
      watch.iterator();
      assertThatThrownBy(watch::iterator).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aConnectionDroppedMidEventIsATransportFailure() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      Buffer body = new Buffer().writeUtf8(event("ADDED", "a")).writeUtf8("{\"type\":\"MODIFIED\",\"object\":{\"kind\":\"Po");
      server.enqueue(new MockResponse.Builder().body(body).setHeader("Content-Length", 10_000).onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());
      ApiClient client = new ApiClient(Configuration.builder().host(URI.create(server.url("/").toString())).build());

      try (Watch<Map<String, Object>> watch = client.watch(WATCH_PODS, MAP)) {
        assertThat(name(watch.next())).isEqualTo("a");
        assertThatThrownBy(watch::hasNext)
            .isInstanceOf(TransportException.class)
            .hasMessageStartingWith("GET " + server.url("/api/v1/pods") + ": the watch connection broke")
            .hasCauseInstanceOf(IOException.class);
        assertThat(watch.hasNext()).isFalse();
      }
      RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      assertThat(request.getUrl().queryParameter("watch")).isEqualTo("true");
      assertThat(request.getUrl().queryParameter("resourceVersion")).isEqualTo("100");
    }
  }

  @Test
  void closeFromAnotherThreadEndsABlockedWatch() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().body(new Buffer().writeUtf8(event("ADDED", "a"))).setHeader("Content-Length", 10_000).onResponseEnd(SocketEffect.Stall.INSTANCE).build());
      ApiClient client = new ApiClient(Configuration.builder().host(URI.create(server.url("/").toString())).build());

      Watch<Map<String, Object>> watch = client.watch(WATCH_PODS, MAP);
      assertThat(name(watch.next())).isEqualTo("a");
      CompletableFuture<Boolean> more = CompletableFuture.supplyAsync(watch::hasNext);
      watch.close();

      assertThat(more.get(10, TimeUnit.SECONDS)).isFalse();
    }
  }

  @Test
  void aRejectedWatchThrowsBeforeAnyEvent() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().code(403).body("{\"kind\":\"Status\",\"reason\":\"Forbidden\",\"message\":\"pods is forbidden: User \\\"bob\\\" cannot watch resource \\\"pods\\\"\",\"code\":403}").build());
      ApiClient client = new ApiClient(Configuration.builder().host(URI.create(server.url("/").toString())).build());

      assertThatThrownBy(() -> client.watch(WATCH_PODS, MAP)).isInstanceOf(ForbiddenException.class).hasMessageContaining("403 Forbidden: pods is forbidden");
    }
  }
}
