package dev.kubesdk.controller;

import static dev.kubesdk.controller.Fixtures.pod;
import static dev.kubesdk.controller.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiRequest;
import dev.kubesdk.runtime.GoneException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pager's paging and its policy for an expired continue token, which a real server shows only
 * after minutes between pages; the end-to-end pagination tests read real pages.
 */
class PagerTest {
  private static final ListWatch<V1Pod> PODS =
      ListWatch.of(ApiRequest.builder("GET", "/api/v1/pods").query("labelSelector", "app=cart").query("limit", 7).build(), V1Pod.class, V1Pod::getMetadata);

  private MockWebServer server;
  private ApiClient client;

  @BeforeEach
  void start() throws Exception {
    server = Fixtures.server();
    client = Fixtures.client(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void page(String token, String... pods) {
    String meta = token.isEmpty() ? "{\"resourceVersion\":\"10\"}" : "{\"resourceVersion\":\"10\",\"continue\":\"" + token + "\"}";
    server.enqueue(new MockResponse.Builder().body("{\"kind\":\"PodList\",\"metadata\":" + meta + ",\"items\":[" + String.join(",", pods) + "]}").build());
  }

  private void expired() {
    server.enqueue(new MockResponse.Builder().code(410).body(status(410, "Expired")).build());
  }

  private static List<String> names(Stream<V1Pod> pods) {
    return pods.map(p -> p.getMetadata().getName()).collect(Collectors.toList());
  }

  private RecordedRequest request() throws InterruptedException {
    RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(r).isNotNull();
    return r;
  }

  @Test
  void aStreamAsksForTheNextPageOnlyWhenItNeedsIt() throws Exception {
    page("t1", pod("a", "1"), pod("b", "2"));
    page("t1", pod("a", "1"), pod("b", "2"));
    page("", pod("c", "3"));
    Pager<V1Pod> pager = Pager.builder(client, PODS).pageSize(2).build();

    try (Stream<V1Pod> pods = pager.stream()) {
      assertThat(pods.findFirst()).hasValueSatisfying(p -> assertThat(p.getMetadata().getName()).isEqualTo("a"));
    }
    RecordedRequest first = request();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(first.getUrl().queryParameter("limit")).isEqualTo("2");
    assertThat(first.getUrl().queryParameter("labelSelector")).isEqualTo("app=cart");
    assertThat(first.getUrl().queryParameter("continue")).isNull();

    assertThat(names(pager.stream())).containsExactly("a", "b", "c");
    request();
    assertThat(request().getUrl().queryParameter("continue")).isEqualTo("t1");
  }

  @Test
  void listStartsOverWhenAContinueTokenExpires() throws Exception {
    page("t1", pod("a", "1"));
    expired();
    page("t2", pod("a", "1"));
    page("", pod("b", "2"));

    List<V1Pod> all = Pager.builder(client, PODS).pageSize(1).build().list();

    assertThat(all).extracting(p -> p.getMetadata().getName()).containsExactly("a", "b");
    request();
    request();
    assertThat(request().getUrl().queryParameter("continue")).as("the full list starts from the first page").isNull();
  }

  @Test
  void aStreamThatRelistsHandsOutTheFirstPagesAgain() {
    page("t1", pod("a", "1"));
    expired();
    page("", pod("a", "1"), pod("b", "2"));

    assertThat(names(Pager.builder(client, PODS).pageSize(1).build().stream())).containsExactly("a", "a", "b");
  }

  @Test
  void theFailPolicyThrowsTheGoneException() {
    page("t1", pod("a", "1"));
    expired();
    Pager<V1Pod> pager = Pager.builder(client, PODS).pageSize(1).onExpiredContinue(Pager.ExpiredContinue.FAIL).build();

    assertThatThrownBy(pager::list).isInstanceOf(GoneException.class);
  }
}
