package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.api.model.V1Namespace;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.controller.EventHandler;
import dev.kubesdk.controller.InformerFactory;
import dev.kubesdk.controller.ListWatch;
import dev.kubesdk.controller.SharedInformer;
import dev.kubesdk.controller.Tombstone;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiException;
import dev.kubesdk.runtime.ConflictException;
import dev.kubesdk.runtime.V1Patch;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An informer through three restarts of kube-apiserver (etcd kept) during a stream of changes, on a
 * control plane of its own: at the end its cache equals a fresh LIST, every object's last state
 * reached the handler, and no resourceVersion reached it twice. Versions an object went through
 * while a re-list was needed (the restarted API server's watch cache starts at a newer
 * resourceVersion) are legitimately folded into one update; the test prints how many.
 */
@KubernetesTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InformerRestartIT {
  private static final int OBJECTS = 10;
  private static final int WRITES = 240;

  private LocalControlPlane controlPlane;
  private CoreV1Api core;
  private final String namespace = E2e.name("restart");

  @BeforeAll
  void start(KubernetesCluster cluster) {
    E2e.localControlPlane(cluster);
    controlPlane = LocalControlPlane.builder().build();
    controlPlane.start();
    core = new CoreV1Api(new ApiClient(controlPlane.configuration(LocalUser.ADMIN)));
    core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(namespace))).execute();
  }

  @AfterAll
  void stop() {
    if (controlPlane != null) {
      controlPlane.close();
    }
  }

  /** Counts what the handler is told per {@code name@resourceVersion}. */
  static final class Tally implements EventHandler<V1ConfigMap> {
    final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    private void count(V1ConfigMap cm) {
      seen.computeIfAbsent(cm.getMetadata().getName() + "@" + cm.getMetadata().getResourceVersion(), k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void onAdd(V1ConfigMap object) {
      count(object);
    }

    @Override
    public void onUpdate(V1ConfigMap oldObject, V1ConfigMap newObject) {
      count(newObject);
    }

    @Override
    public void onMissedDelete(Tombstone<V1ConfigMap> tombstone) {
      throw new AssertionError("nothing is deleted in this test, yet the handler was told " + tombstone);
    }
  }

  /** One write, retried while the API server is away; the resourceVersion the server answered. */
  private String write(int i) {
    String name = "cm-" + (i % OBJECTS);
    return E2e.await(
        "write " + i + " to be accepted",
        () -> {
          try {
            if (i < OBJECTS) {
              return core.createNamespacedConfigMap(namespace, E2e.configMap(name, Map.of("v", Integer.toString(i)))).execute().getMetadata().getResourceVersion();
            }
            return core.patchNamespacedConfigMap(name, namespace, V1Patch.merge("{\"data\":{\"v\":\"" + i + "\"}}")).execute().getMetadata().getResourceVersion();
          } catch (ConflictException e) {
            // The create went through but its answer was lost in a restart.
            return core.readNamespacedConfigMap(name, namespace).execute().getMetadata().getResourceVersion();
          } catch (ApiException e) {
            return null;
          }
        });
  }

  @Test
  void throughThreeRestartsTheCacheEndsEqualToAListAndNothingIsDeliveredTwice() throws Exception {
    Tally tally = new Tally();
    Map<String, String> written = new ConcurrentHashMap<>();
    Set<String> writtenVersions = ConcurrentHashMap.newKeySet();
    AtomicInteger done = new AtomicInteger();
    try (InformerFactory factory = InformerFactory.create(new ApiClient(controlPlane.configuration(LocalUser.ADMIN)))) {
      SharedInformer<V1ConfigMap> informer =
          factory.informer(ListWatch.of(core.listNamespacedConfigMap(namespace).toApiRequest(), V1ConfigMap.class, V1ConfigMap::getMetadata));
      informer.addHandler(tally);
      factory.start();
      assertThat(factory.awaitSynced(E2e.DEADLINE)).isTrue();

      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < WRITES; i++) {
                  String rv = write(i);
                  String name = "cm-" + (i % OBJECTS);
                  written.put(name, rv);
                  writtenVersions.add(name + "@" + rv);
                  done.incrementAndGet();
                }
              });
      for (int restart = 1; restart <= 3; restart++) {
        int after = restart * WRITES / 4;
        E2e.await(after + " writes before restart", () -> done.get() >= after ? Boolean.TRUE : null);
        controlPlane.restartApiServer();
      }
      writer.get(2, TimeUnit.MINUTES);

      Map<String, String> listed = InformerIT.versions(core.listNamespacedConfigMap(namespace).execute().getItems());
      E2e.await("the cache to equal a fresh LIST", () -> InformerIT.versions(informer.store().list()).equals(listed) ? Boolean.TRUE : null);

      assertThat(listed).isEqualTo(new HashMap<>(written));
      List<String> duplicates = tally.seen.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey).toList();
      Set<String> lastStates = new HashSet<>();
      written.forEach((name, rv) -> lastStates.add(name + "@" + rv));
      Set<String> folded = new HashSet<>(writtenVersions);
      folded.removeAll(tally.seen.keySet());
      System.out.printf(
          "informer through 3 API server restarts: %d writes, %d distinct versions, %d delivered, %d duplicates, %d folded into later updates by %d re-lists%n",
          WRITES, writtenVersions.size(), tally.seen.size(), duplicates.size(), folded.size(), informer.lists() - 1);
      assertThat(duplicates).as("no resourceVersion delivered twice").isEmpty();
      E2e.await("every object's last state to reach the handler", () -> tally.seen.keySet().containsAll(lastStates) ? Boolean.TRUE : null);
    }
  }
}
