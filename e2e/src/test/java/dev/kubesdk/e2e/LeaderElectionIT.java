package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.CoordinationV1Api;
import dev.kubesdk.api.model.V1Lease;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.controller.LeaderElection;
import dev.kubesdk.controller.LeaderElector;
import dev.kubesdk.controller.LeadershipCallbacks;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two candidates for one Lease on the real API server: exactly one leads; when the leader dies
 * the other takes over within the lease duration; when the leader is cut off it stops before the
 * other starts; a leader that shuts down hands over at once. Durations are shortened (4 s lease,
 * 3 s renew deadline, 0.5 s retry) so that the class runs in seconds.
 */
@KubernetesTest
class LeaderElectionIT {
  private static final Duration LEASE = Duration.ofSeconds(4);

  private Configuration configuration;
  private ApiClient client;
  private String namespace;
  private String lease;
  private final List<LeaderElector> electors = new ArrayList<>();
  private final List<AutoCloseable> closing = new ArrayList<>();
  // identity → what happened to it, with System.nanoTime() of each event
  private final Map<String, List<String>> events = new ConcurrentHashMap<>();
  private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> stoppedAt = new ConcurrentHashMap<>();
  private final AtomicInteger leaders = new AtomicInteger();
  private final AtomicInteger mostLeaders = new AtomicInteger();

  @BeforeEach
  void names(ApiClient client, Configuration configuration, @TestNamespace String namespace) {
    this.client = client;
    this.configuration = configuration;
    this.namespace = namespace;
    this.lease = E2e.name("lease");
  }

  @AfterEach
  void close() throws Exception {
    for (LeaderElector e : electors) {
      e.close();
    }
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private LeaderElection election(String identity) {
    return LeaderElection.builder()
        .lease(namespace, lease)
        .identity(identity)
        .leaseDuration(LEASE)
        .renewDeadline(Duration.ofSeconds(3))
        .retryPeriod(Duration.ofMillis(500))
        .build();
  }

  private LeaderElector candidate(ApiClient via, LeaderElection election) {
    String id = election.identity();
    List<String> mine = events.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
    LeaderElector elector =
        LeaderElector.create(
            via,
            election,
            new LeadershipCallbacks() {
              @Override
              public void onStartedLeading() {
                startedAt.put(id, System.nanoTime());
                mostLeaders.accumulateAndGet(leaders.incrementAndGet(), Math::max);
                mine.add("started");
              }

              @Override
              public void onStoppedLeading() {
                leaders.decrementAndGet();
                stoppedAt.put(id, System.nanoTime());
                mine.add("stopped");
              }
            });
    electors.add(elector);
    elector.start();
    return elector;
  }

  /** Waits until one of {@code candidates} leads and its onStartedLeading ran; its identity. */
  private String awaitLeader(LeaderElector... candidates) {
    return E2e.await(
        "one of the candidates to lead",
        () -> {
          for (LeaderElector c : candidates) {
            String id = c.leader().orElse(null);
            if (c.isLeader() && id != null && startedAt.containsKey(id)) {
              return id;
            }
          }
          return null;
        });
  }

  private String holder() {
    V1Lease l = new CoordinationV1Api(client).readNamespacedLease(lease, namespace).execute();
    return l.getSpec().getHolderIdentity();
  }

  @Test
  void exactlyOneLeadsAndTheOtherTakesOverWithinTheLeaseDurationWhenItDies() {
    LeaderElector a = candidate(client, election("a").toBuilder().releaseOnCancel(false).build());
    LeaderElector b = candidate(client, election("b").toBuilder().releaseOnCancel(false).build());
    String first = awaitLeader(a, b);
    LeaderElector leader = first.equals("a") ? a : b;
    LeaderElector other = leader == a ? b : a;
    assertThat(holder()).isEqualTo(first);
    assertThat(other.isLeader()).isFalse();

    // Dies: stops renewing and does not release (releaseOnCancel is off).
    long died = System.nanoTime();
    leader.close();
    String second = awaitLeader(other);

    long tookOver = startedAt.get(second) - died;
    assertThat(second).isNotEqualTo(first);
    // The other waits a lease duration from when it saw the last renewal, which it may see up to one
    // jittered retry period (0.5 s × 2.2) late, and tries again up to one more such period after
    // expiry; a second on top for two busy cores.
    assertThat(Duration.ofNanos(tookOver)).isLessThan(LEASE.plus(Duration.ofMillis(2 * 1100)).plus(Duration.ofSeconds(1)));
    assertThat(mostLeaders.get()).as("never two leaders at once").isEqualTo(1);
    assertThat(holder()).isEqualTo(second);
  }

  @Test
  void aLeaderCutOffFromTheServerStopsBeforeTheOtherStarts(KubernetesCluster cluster) {
    E2e.localControlPlane(cluster);
    CuttableProxy proxy = CuttableProxy.to(configuration.host());
    closing.add(proxy);
    LeaderElector a = candidate(new ApiClient(configuration.toBuilder().host(proxy.url()).build()), election("a"));
    awaitLeader(a);
    LeaderElector b = candidate(client, election("b"));
    E2e.await("b to see a as the leader", () -> b.leader().filter("a"::equals).orElse(null));

    proxy.cut();
    awaitLeader(b);

    assertThat(events.get("a")).containsExactly("started", "stopped");
    assertThat(stoppedAt.get("a")).as("a stopped before b started").isLessThan(startedAt.get("b"));
    assertThat(mostLeaders.get()).isEqualTo(1);
  }

  @Test
  void aLeaderThatShutsDownReleasesTheLeaseAndTheOtherTakesItAtOnce() {
    LeaderElector a = candidate(client, election("a"));
    awaitLeader(a);
    LeaderElector b = candidate(client, election("b"));
    E2e.await("b to see a as the leader", () -> b.leader().filter("a"::equals).orElse(null));

    long closed = System.nanoTime();
    a.close();
    awaitLeader(b);

    assertThat(events.get("a")).containsExactly("started", "stopped");
    assertThat(Duration.ofNanos(startedAt.get("b") - closed)).as("no lease duration to wait out").isLessThan(LEASE);
  }
}
