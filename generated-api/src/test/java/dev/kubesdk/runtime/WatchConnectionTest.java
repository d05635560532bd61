package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.reflect.TypeToken;
import dev.kubesdk.config.Configuration;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Watches and calls of one client go over different connections; calls still share theirs. */
class WatchConnectionTest {
  private static final Type MAP = new TypeToken<Map<String, Object>>() {}.getType();
  private static final ApiRequest GET_POD = ApiRequest.builder("GET", "/api/v1/namespaces/shop/pods/cart").build();

  @Test
  void aWatchDoesNotShareTheConnectionOfCalls() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().body("{\"kind\":\"Pod\"}").build());
      server.enqueue(new MockResponse.Builder().body("{\"type\":\"ADDED\",\"object\":{\"kind\":\"Pod\"}}\n").build());
      server.enqueue(new MockResponse.Builder().body("{\"kind\":\"Pod\"}").build());
      ApiClient client = new ApiClient(Configuration.builder().host(URI.create(server.url("/").toString())).build());

      client.execute(GET_POD, MAP);
      try (Watch<Map<String, Object>> watch = client.watch(ApiRequest.builder("GET", "/api/v1/pods").build(), MAP)) {
        watch.forEachRemaining(e -> {});
      }
      client.execute(GET_POD, MAP);

      RecordedRequest firstCall = server.takeRequest();
      RecordedRequest watch = server.takeRequest();
      RecordedRequest secondCall = server.takeRequest();
      assertThat(watch.getConnectionIndex()).isNotEqualTo(firstCall.getConnectionIndex());
      assertThat(secondCall.getConnectionIndex()).isEqualTo(firstCall.getConnectionIndex());
      assertThat(secondCall.getExchangeIndex()).isEqualTo(1);
    }
  }
}
