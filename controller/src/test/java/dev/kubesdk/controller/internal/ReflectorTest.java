package dev.kubesdk.controller.internal;

import static dev.kubesdk.controller.Fixtures.bookmark;
import static dev.kubesdk.controller.Fixtures.event;
import static dev.kubesdk.controller.Fixtures.list;
import static dev.kubesdk.controller.Fixtures.pod;
import static dev.kubesdk.controller.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.controller.Calls;
import dev.kubesdk.controller.Fixtures;
import dev.kubesdk.runtime.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reflector against faults a real API server will not produce on demand: a connection cut in
 * the middle of an event, a list body cut short, 429 storms, a server that refuses or ignores the
 * streaming list. What the server answers is scripted per request, in the order the reflector
 * sends them; the backoff is shrunk to a millisecond so that retries are immediate.
 */
class ReflectorTest {
  private MockWebServer server;
  private ApiClient client;
  private final RecordingSink sink = new RecordingSink();
  private Reflector<V1Pod> reflector;

  @BeforeEach
  void start() throws Exception {
    server = Fixtures.server();
    client = Fixtures.client(server);
  }

  @AfterEach
  void stop() throws Exception {
    if (reflector != null) {
      reflector.stop(Duration.ofSeconds(5));
    }
    server.close();
  }

  private void run(boolean streamingList) {
    run(streamingList, Reflector.MIN_WATCH_TIMEOUT);
  }

  private void run(boolean streamingList, Duration minWatchTimeout) {
    Backoff fast = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMinutes(2), 0, System::nanoTime);
    reflector =
        new Reflector<>(
            client,
            new Reflector.Source<>("pods", "/api/v1/pods", List.of(), V1Pod.class, ObjectAccess.typed(V1Pod::getMetadata), UnaryOperator.identity()),
            sink,
            new Reflector.Settings(streamingList, fast, minWatchTimeout));
    reflector.start();
  }

  private void answer(String body) {
    server.enqueue(new MockResponse.Builder().body(body).build());
  }

  private void answer(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).body(body).build());
  }

  /** A watch that sends {@code events} and then stays open without sending more. */
  private void openWatch(String events) {
    server.enqueue(new MockResponse.Builder().body(new Buffer().writeUtf8(events)).setHeader("Content-Length", 1_000_000).onResponseEnd(SocketEffect.Stall.INSTANCE).build());
  }

  /** A watch that sends {@code bytes} and then drops the connection. */
  private void brokenWatch(String bytes) {
    server.enqueue(new MockResponse.Builder().body(new Buffer().writeUtf8(bytes)).setHeader("Content-Length", 1_000_000).onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());
  }

  private List<RecordedRequest> requests(int count) throws InterruptedException {
    List<RecordedRequest> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
      assertThat(r).as("request %d of %d", i + 1, count).isNotNull();
      out.add(r);
    }
    return out;
  }

  private static String query(RecordedRequest r, String name) {
    return r.getUrl().queryParameter(name);
  }

  @Test
  void aConnectionCutMidEventResumesFromTheLastResourceVersionWithoutListingAgain() throws Exception {
    answer(list("10", pod("a", "5")));
    brokenWatch(event("MODIFIED", pod("a", "11")) + "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Po");
    openWatch(event("ADDED", pod("b", "12")));
    run(false);

    sink.await(calls -> calls.size() == 3);
    List<RecordedRequest> r = requests(3);

    assertThat(sink.calls()).containsExactly("replace [ns/a@5] at 10", "modified ns/a@11", "added ns/b@12");
    assertThat(query(r.get(0), "watch")).isNull();
    assertThat(query(r.get(0), "resourceVersion")).isEqualTo("0");
    assertThat(query(r.get(1), "watch")).isEqualTo("true");
    assertThat(query(r.get(1), "resourceVersion")).isEqualTo("10");
    assertThat(query(r.get(1), "allowWatchBookmarks")).isEqualTo("true");
    assertThat(r.get(1).getHeaders().get("Accept-Encoding")).as("watches ask for no compression").isEqualTo("identity");
    assertThat(r.get(0).getHeaders().get("Accept-Encoding")).as("lists may be compressed").isEqualTo("gzip");
    assertThat(query(r.get(2), "watch")).isEqualTo("true");
    assertThat(query(r.get(2), "resourceVersion")).isEqualTo("11");
    assertThat(reflector.lists()).isEqualTo(1);
  }

  @Test
  void aWatchTheServerEndsIsReopenedFromTheLastBookmark() throws Exception {
    answer(list("10"));
    answer(event("ADDED", pod("a", "11")) + bookmark("15", false));
    openWatch("");
    run(false);

    List<RecordedRequest> r = requests(3);

    assertThat(query(r.get(2), "resourceVersion")).isEqualTo("15");
    assertThat(sink.calls()).containsExactly("replace [] at 10", "added ns/a@11");
    assertThat(reflector.lists()).isEqualTo(1);
  }

  @Test
  void aWatchTheServerDoesNotEndInTimeIsTakenForDeadAndResumed() throws Exception {
    answer(list("10", pod("a", "5")));
    openWatch(event("MODIFIED", pod("a", "11")));
    openWatch("");
    // Watches ask the server to end them after 1 to 2 s; this one never ends, like a connection
    // that died without a reset.
    run(false, Duration.ofSeconds(1));

    List<RecordedRequest> r = requests(3);

    assertThat(query(r.get(2), "watch")).isEqualTo("true");
    assertThat(query(r.get(2), "resourceVersion")).isEqualTo("11");
    assertThat(reflector.stalls()).isEqualTo(1);
    assertThat(reflector.lists()).isEqualTo(1);
    assertThat(sink.calls()).containsExactly("replace [ns/a@5] at 10", "modified ns/a@11");
  }

  @Test
  void aStormOf429sOnWatchIsWaitedOutWithoutListingAgain() throws Exception {
    answer(list("10", pod("a", "5")));
    for (int i = 0; i < 20; i++) {
      answer(429, status(429, "TooManyRequests"));
    }
    openWatch(event("DELETED", pod("a", "12")));
    run(false);

    sink.await(calls -> calls.size() == 2);
    List<RecordedRequest> r = requests(22);

    assertThat(r.subList(1, 22)).allSatisfy(w -> assertThat(query(w, "resourceVersion")).isEqualTo("10"));
    assertThat(sink.calls()).containsExactly("replace [ns/a@5] at 10", "deleted ns/a@12");
    assertThat(reflector.lists()).isEqualTo(1);
  }

  @Test
  void a410OnTheWatchListsAgainAndA410OnThatListListsTheNewestState() throws Exception {
    answer(list("10", pod("a", "5")));
    answer(event("ERROR", status(410, "Expired")));
    answer(410, status(410, "Expired"));
    answer(list("30", pod("b", "25")));
    openWatch("");
    run(false);

    sink.await(calls -> calls.size() == 2);
    List<RecordedRequest> r = requests(5);

    assertThat(query(r.get(2), "watch")).isNull();
    assertThat(query(r.get(2), "resourceVersion")).isEqualTo("10");
    assertThat(query(r.get(3), "resourceVersion")).isNull();
    assertThat(query(r.get(3), "limit")).isEqualTo("500");
    assertThat(query(r.get(4), "resourceVersion")).isEqualTo("30");
    assertThat(sink.calls()).containsExactly("replace [ns/a@5] at 10", "replace [ns/b@25] at 30");
  }

  @Test
  void aListBodyCutShortIsRetried() throws Exception {
    server.enqueue(new MockResponse.Builder().body(new Buffer().writeUtf8(list("10", pod("a", "5")).substring(0, 60))).setHeader("Content-Length", 10_000).onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());
    answer(list("10", pod("a", "5")));
    openWatch("");
    run(false);

    requests(3);

    assertThat(sink.calls()).containsExactly("replace [ns/a@5] at 10");
  }

  @Test
  void pagesOfAConsistentListAreJoinedAndAnExpiredContinueTokenListsInFull() throws Exception {
    answer(list("10", pod("a", "5")).replace("\"resourceVersion\":\"10\"", "\"resourceVersion\":\"10\",\"continue\":\"t1\""));
    answer(list("10", pod("b", "6")).replace("\"resourceVersion\":\"10\"", "\"resourceVersion\":\"10\",\"continue\":\"t2\""));
    answer(410, status(410, "Expired"));
    answer(list("12", pod("a", "5"), pod("b", "6"), pod("c", "7")));
    openWatch("");
    run(false);

    List<RecordedRequest> r = requests(5);

    assertThat(query(r.get(1), "continue")).isEqualTo("t1");
    assertThat(query(r.get(2), "continue")).isEqualTo("t2");
    assertThat(query(r.get(3), "continue")).isNull();
    assertThat(query(r.get(3), "limit")).isNull();
    assertThat(sink.calls()).containsExactly("replace [ns/a@5, ns/b@6, ns/c@7] at 12");
  }

  @Test
  void theStreamingListGivesTheStateAndGoesOnWatching() throws Exception {
    openWatch(event("ADDED", pod("a", "5")) + event("ADDED", pod("b", "7")) + bookmark("20", true) + event("MODIFIED", pod("a", "21")));
    run(true);

    sink.await(calls -> calls.size() == 2);
    RecordedRequest r = requests(1).get(0);

    assertThat(query(r, "watch")).isEqualTo("true");
    assertThat(query(r, "sendInitialEvents")).isEqualTo("true");
    assertThat(query(r, "resourceVersionMatch")).isEqualTo("NotOlderThan");
    assertThat(query(r, "allowWatchBookmarks")).isEqualTo("true");
    assertThat(query(r, "resourceVersion")).isNull();
    assertThat(sink.calls()).containsExactly("replace [ns/a@5, ns/b@7] at 20", "modified ns/a@21");
    assertThat(reflector.streamingListEnabled()).isTrue();
  }

  @Test
  void aServerThatRefusesTheStreamingListIsListed() throws Exception {
    answer(422, status(422, "Invalid"));
    answer(list("10", pod("a", "5")));
    openWatch("");
    run(true);

    List<RecordedRequest> r = requests(3);

    assertThat(query(r.get(1), "watch")).isNull();
    assertThat(query(r.get(2), "sendInitialEvents")).isNull();
    assertThat(sink.calls()).containsExactly("replace [ns/a@5] at 10");
    assertThat(reflector.streamingListEnabled()).isFalse();
  }

  @Test
  void aServerThatIgnoresTheStreamingListIsListed() throws Exception {
    openWatch(event("ADDED", pod("a", "5")) + bookmark("9", false));
    answer(list("10", pod("a", "5")));
    openWatch("");
    run(true);

    List<RecordedRequest> r = requests(3);

    assertThat(query(r.get(1), "watch")).isNull();
    assertThat(sink.calls()).containsExactly("replace [ns/a@5] at 10");
    assertThat(reflector.streamingListEnabled()).isFalse();
  }

  /** Records what the reflector does, as text, and lets a test wait for it. */
  static final class RecordingSink implements ReflectorSink<V1Pod> {
    private final Calls calls = new Calls();

    private static String id(V1Pod p) {
      return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName() + "@" + p.getMetadata().getResourceVersion();
    }

    private void record(String call) {
      calls.add(call);
    }

    List<String> calls() {
      return calls.all();
    }

    void await(Predicate<List<String>> condition) {
      calls.await(condition);
    }

    @Override
    public void replace(Collection<V1Pod> objects, String resourceVersion) {
      List<String> ids = new ArrayList<>();
      for (V1Pod p : objects) {
        ids.add(id(p));
      }
      record("replace " + ids + " at " + resourceVersion);
    }

    @Override
    public void added(V1Pod object) {
      record("added " + id(object));
    }

    @Override
    public void modified(V1Pod object) {
      record("modified " + id(object));
    }

    @Override
    public void deleted(V1Pod object) {
      record("deleted " + id(object));
    }
  }
}
