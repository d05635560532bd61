package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.V1Patch;
import dev.kubesdk.runtime.Watch;
import dev.kubesdk.runtime.WatchEvent;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.LocalUser;
import dev.kubesdk.testing.TestNamespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Watches: events replayed from a resourceVersion, live events, and their end. */
@KubernetesTest
class WatchIT {
  private CoreV1Api core;
  private String namespace;

  @BeforeEach
  void client(ApiClient client, @TestNamespace String namespace) {
    this.core = new CoreV1Api(client);
    this.namespace = namespace;
  }

  /** Reads {@code count} events, or fewer if the server ends the watch first. */
  private static List<WatchEvent<V1ConfigMap>> take(Watch<V1ConfigMap> watch, int count) {
    List<WatchEvent<V1ConfigMap>> events = new ArrayList<>();
    while (events.size() < count && watch.hasNext()) {
      events.add(watch.next());
    }
    return events;
  }

  @Test
  void aWatchFromAResourceVersionReplaysAddedModifiedDeletedInOrder() {
    String name = E2e.name("cm-watch");
    String from = core.listNamespacedConfigMap(namespace).limit(1).execute().getMetadata().getResourceVersion();
    V1ConfigMap created = core.createNamespacedConfigMap(namespace, E2e.configMap(name, Map.of("v", "1"))).execute();
    V1ConfigMap modified =
        core.patchNamespacedConfigMap(name, namespace, V1Patch.merge("{\"data\":{\"v\":\"2\"}}")).execute();
    core.deleteNamespacedConfigMap(name, namespace).execute();

    List<WatchEvent<V1ConfigMap>> events;
    try (Watch<V1ConfigMap> watch =
        core.listNamespacedConfigMap(namespace)
            .fieldSelector("metadata.name=" + name)
            .resourceVersion(from)
            .timeoutSeconds(30)
            .watch()) {
      events = take(watch, 3);
    }

    assertThat(events).extracting(WatchEvent::type)
        .containsExactly(WatchEvent.Type.ADDED, WatchEvent.Type.MODIFIED, WatchEvent.Type.DELETED);
    assertThat(events.get(0).object().getData()).containsEntry("v", "1");
    assertThat(events.get(0).object().getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
    assertThat(events.get(1).object().getData()).containsEntry("v", "2");
    assertThat(events.get(1).object().getMetadata().getResourceVersion()).isEqualTo(modified.getMetadata().getResourceVersion());
    assertThat(events.get(2).object().getMetadata().getName()).isEqualTo(name);
  }

  @Test
  void anOpenWatchReceivesChangesMadeAfterItStarted() throws Exception {
    String name = E2e.name("cm-live");
    String from = core.listNamespacedConfigMap(namespace).limit(1).execute().getMetadata().getResourceVersion();

    try (Watch<V1ConfigMap> watch =
        core.listNamespacedConfigMap(namespace)
            .fieldSelector("metadata.name=" + name)
            .resourceVersion(from)
            .timeoutSeconds(30)
            .watch()) {
      // The watch is open once watch() returned; what happens next arrives as it happens.
      CompletableFuture<List<WatchEvent<V1ConfigMap>>> reader = CompletableFuture.supplyAsync(() -> take(watch, 3));
      core.createNamespacedConfigMap(namespace, E2e.configMap(name, Map.of("v", "1"))).execute();
      core.patchNamespacedConfigMap(name, namespace, V1Patch.merge("{\"data\":{\"v\":\"2\"}}")).execute();
      core.deleteNamespacedConfigMap(name, namespace).execute();

      List<WatchEvent<V1ConfigMap>> events = reader.get(E2e.DEADLINE.toSeconds(), TimeUnit.SECONDS);

      assertThat(events).extracting(WatchEvent::type)
          .containsExactly(WatchEvent.Type.ADDED, WatchEvent.Type.MODIFIED, WatchEvent.Type.DELETED);
      assertThat(events.get(1).object().getData()).containsEntry("v", "2");
    }
  }

  @Test
  void closingAWatchFromAnotherThreadEndsTheIteration() throws Exception {
    Watch<V1ConfigMap> watch =
        core.listNamespacedConfigMap(namespace).fieldSelector("metadata.name=" + E2e.name("never")).timeoutSeconds(60).watch();
    CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(watch::hasNext);

    watch.close();

    assertThat(reader.get(E2e.DEADLINE.toSeconds(), TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void aWatchTheServerEndsBeforeAnyEventEndsNormally() {
    try (Watch<V1ConfigMap> watch =
        core.listNamespacedConfigMap(namespace).fieldSelector("metadata.name=" + E2e.name("never")).timeoutSeconds(1).watch()) {
      assertThat(watch.hasNext()).isFalse();
    }
  }

  @Test
  void aQuietWatchOutlivesTheReadAndRequestTimeoutsUntilTheServerEndsIt(KubernetesCluster cluster) {
    // The watch stays silent for three seconds, three times the client's limits on a read and on a
    // call: only the server's timeoutSeconds may end it, and it ends normally.
    Configuration impatient =
        E2e.load(E2e.localControlPlane(cluster), LocalUser.ADMIN).toBuilder().readTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(1)).build();
    CoreV1Api quick = new CoreV1Api(new ApiClient(impatient));

    try (Watch<V1ConfigMap> watch =
        quick.listNamespacedConfigMap(namespace).fieldSelector("metadata.name=" + E2e.name("never")).timeoutSeconds(3).watch()) {
      assertThat(watch.hasNext()).isFalse();
    }
  }
}
