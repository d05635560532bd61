package dev.kubesdk.controller;

import static dev.kubesdk.controller.Fixtures.event;
import static dev.kubesdk.controller.Fixtures.list;
import static dev.kubesdk.controller.Fixtures.pod;
import static dev.kubesdk.controller.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiRequest;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What handlers of an informer are told across a 410 and a re-list, scripted on a local server
 * (the end-to-end tests do the same against kube-apiserver): changes in order, a delete missed
 * while re-listing as a tombstone, nothing delivered twice for one resourceVersion.
 */
class SharedInformerTest {
  private static final ListWatch<V1Pod> PODS = ListWatch.of(ApiRequest.builder("GET", "/api/v1/pods").build(), V1Pod.class, V1Pod::getMetadata);

  private MockWebServer server;
  private InformerFactory factory;

  @BeforeEach
  void start() throws Exception {
    server = Fixtures.server();
    ApiClient client = Fixtures.client(server);
    factory = InformerFactory.create(client, InformerOptions.builder().streamingList(false).build());
  }

  @AfterEach
  void stop() throws Exception {
    factory.close();
    server.close();
  }

  private void answer(String body) {
    server.enqueue(new MockResponse.Builder().body(body).build());
  }

  private void openWatch(String events) {
    server.enqueue(new MockResponse.Builder().body(new Buffer().writeUtf8(events)).setHeader("Content-Length", 1_000_000).onResponseEnd(SocketEffect.Stall.INSTANCE).build());
  }

  @Test
  void aReListAfter410DeliversChangesAndTombstonesAndNothingTwice() {
    answer(list("10", pod("a", "5"), pod("b", "6")));
    answer(event("MODIFIED", pod("b", "6")) + event("MODIFIED", pod("b", "8")) + event("ERROR", status(410, "Expired")));
    answer(list("20", pod("b", "8"), pod("c", "15")));
    openWatch("");
    SharedInformer<V1Pod> informer = factory.informer(PODS);
    Recorder handler = new Recorder();
    HandlerRegistration registration = informer.addHandler(handler);
    factory.start();

    List<String> calls = handler.await(c -> c.size() == 5);

    assertThat(calls).containsExactly("add a@5", "add b@6", "update b@6 -> b@8", "add c@15", "missed delete ns/a a@5");
    assertThat(registration.hasSynced()).isTrue();
    assertThat(informer.lists()).isEqualTo(2);
    assertThat(informer.store().keys()).containsExactlyInAnyOrder(ObjectKey.of("ns", "b"), ObjectKey.of("ns", "c"));
    assertThat(informer.lastSyncResourceVersion()).isEqualTo("20");
  }

  @Test
  void aHandlerAddedAfterSyncIsGivenTheCacheFirst() {
    answer(list("10", pod("a", "5"), pod("b", "6")));
    openWatch(event("DELETED", pod("a", "11")));
    SharedInformer<V1Pod> informer = factory.informer(PODS);
    Recorder first = new Recorder();
    informer.addHandler(first);
    factory.start();
    assertThat(factory.awaitSynced(Duration.ofSeconds(10))).isTrue();
    first.await(c -> c.contains("delete a@11"));

    Recorder late = new Recorder();
    HandlerRegistration registration = informer.addHandler(late);

    assertThat(registration.awaitSynced(Duration.ofSeconds(10))).isTrue();
    assertThat(late.calls()).containsExactly("add b@6");
  }

  @Test
  void oneInformerServesEveryEqualListWatch() {
    ListWatch<V1Pod> same = ListWatch.of(ApiRequest.builder("GET", "/api/v1/pods").query("resourceVersion", "3").build(), V1Pod.class, V1Pod::getMetadata);
    ListWatch<V1Pod> selected = ListWatch.of(ApiRequest.builder("GET", "/api/v1/pods").query("labelSelector", "app=cart").build(), V1Pod.class, V1Pod::getMetadata);

    assertThat(factory.informer(same)).isSameAs(factory.informer(PODS));
    assertThat(factory.informer(selected)).isNotSameAs(factory.informer(PODS));
  }

  @Test
  void managedFieldsAreDroppedUnlessKept() {
    answer(list("10", pod("a", "5").replace("\"resourceVersion\":\"5\"", "\"resourceVersion\":\"5\",\"managedFields\":[{\"manager\":\"kubectl\",\"operation\":\"Apply\"}]")));
    openWatch("");
    SharedInformer<V1Pod> informer = factory.informer(PODS);
    factory.start();

    assertThat(informer.awaitSynced(Duration.ofSeconds(10))).isTrue();
    assertThat(informer.store().get(ObjectKey.of("ns", "a")).orElseThrow().getMetadata().getManagedFields()).isNull();
  }

  @Test
  void indexesAndTheTransformAreSetBeforeStart() {
    answer(list("10", pod("a", "5")));
    openWatch("");
    SharedInformer<V1Pod> informer = factory.informer(PODS);
    informer.addIndex("name", p -> List.of(p.getMetadata().getName()));
    informer.setTransform(p -> p.kind("Transformed"));
    factory.start();

    assertThat(informer.awaitSynced(Duration.ofSeconds(10))).isTrue();
    assertThat(informer.store().byIndex("name", "a")).singleElement().satisfies(p -> assertThat(p.getKind()).isEqualTo("Transformed"));
    assertThatThrownBy(() -> informer.addIndex("late", p -> List.of())).isInstanceOf(IllegalStateException.class).hasMessageContaining("after the informer");
  }

  @Test
  void aFailingListReachesTheErrorHandlerAndTheStateUntilAListSucceeds() {
    server.enqueue(new MockResponse.Builder().code(403).body(status(403, "Forbidden")).build());
    answer(list("10", pod("a", "5")));
    openWatch("");
    SharedInformer<V1Pod> informer = factory.informer(PODS);
    Calls errors = new Calls();
    informer.setWatchErrorHandler((listWatch, error) -> errors.add(listWatch.path() + " " + error.getClass().getSimpleName() + " " + informer.lastError().isPresent()));
    factory.start();

    assertThat(errors.await(c -> !c.isEmpty())).containsExactly("/api/v1/pods ForbiddenException true");
    assertThat(informer.awaitSynced(Duration.ofSeconds(10))).isTrue();
    assertThat(informer.lastError()).isEmpty();
    assertThat(errors.all()).hasSize(1);
    assertThatThrownBy(() -> informer.setWatchErrorHandler((l, e) -> {})).isInstanceOf(IllegalStateException.class).hasMessageContaining("after the informer");
  }
}
