package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.api.model.V1Namespace;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.controller.InformerFactory;
import dev.kubesdk.controller.ListWatch;
import dev.kubesdk.controller.SharedInformer;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.GoneException;
import dev.kubesdk.runtime.Watch;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An informer whose resourceVersion expires while it is cut off: on a control plane of its own
 * without a watch cache and with etcd compacted every second, so that a watch from an old
 * resourceVersion is answered 410 Gone. The informer must list again, report the delete it missed
 * as a tombstone, and end equal to a fresh LIST.
 */
@KubernetesTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InformerExpiryIT {
  private LocalControlPlane controlPlane;
  private Configuration configuration;
  private CoreV1Api core;
  private final String namespace = E2e.name("expiry");

  @BeforeAll
  void start(KubernetesCluster cluster) {
    E2e.localControlPlane(cluster);
    controlPlane =
        LocalControlPlane.builder()
            // Watches are served from etcd, whose history the API server compacts every second.
            .apiServerArgument("--watch-cache=false")
            .apiServerArgument("--etcd-compaction-interval=1s")
            .build();
    controlPlane.start();
    configuration = controlPlane.configuration(LocalUser.ADMIN);
    core = new CoreV1Api(new ApiClient(configuration));
    core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(namespace))).execute();
  }

  @AfterAll
  void stop() {
    if (controlPlane != null) {
      controlPlane.close();
    }
  }

  private Map<String, String> listed() {
    return InformerIT.versions(core.listNamespacedConfigMap(namespace).execute().getItems());
  }

  private static Map<String, String> cached(SharedInformer<V1ConfigMap> informer) {
    return InformerIT.versions(informer.store().list());
  }

  /** True once a watch from {@code rv} is refused as expired: etcd compacted past it. */
  private Boolean expired(String rv) {
    try (Watch<V1ConfigMap> w = core.listNamespacedConfigMap(namespace).resourceVersion(rv).timeoutSeconds(1).watch()) {
      while (w.hasNext()) {
        w.next();
      }
      return null;
    } catch (GoneException e) {
      return Boolean.TRUE;
    }
  }

  @Test
  void aResourceVersionThatExpiredWhileCutOffMeansAListAndATombstoneForTheMissedDelete() {
    String gone = E2e.name("gone");
    String kept = E2e.name("kept");
    core.createNamespacedConfigMap(namespace, E2e.configMap(gone, Map.of("v", "1"))).execute();
    core.createNamespacedConfigMap(namespace, E2e.configMap(kept, Map.of("v", "1"))).execute();
    try (CuttableProxy proxy = CuttableProxy.to(configuration.host());
        InformerFactory factory = InformerFactory.create(new ApiClient(configuration.toBuilder().host(proxy.url()).build()))) {
      SharedInformer<V1ConfigMap> informer =
          factory.informer(ListWatch.of(core.listNamespacedConfigMap(namespace).toApiRequest(), V1ConfigMap.class, V1ConfigMap::getMetadata));
      InformerIT.Log log = new InformerIT.Log();
      informer.addHandler(log);
      factory.start();
      assertThat(factory.awaitSynced(E2e.DEADLINE)).isTrue();
      String before = informer.lastSyncResourceVersion();

      proxy.cut();
      core.deleteNamespacedConfigMap(gone, namespace).execute();
      V1ConfigMap added = core.createNamespacedConfigMap(namespace, E2e.configMap(E2e.name("new"), Map.of("v", "1"))).execute();
      E2e.await("etcd to compact past resourceVersion " + before, () -> expired(before));
      proxy.resume();

      log.awaitContains("missed delete " + gone);
      log.awaitContains("add " + added.getMetadata().getName() + "@" + added.getMetadata().getResourceVersion());
      assertThat(informer.lists()).as("listed again after the 410").isEqualTo(2);
      assertThat(log.calls).doesNotContain("delete " + gone);
      assertThat(cached(informer)).isEqualTo(listed());
      assertThat(cached(informer)).containsKey(kept).doesNotContainKey(gone);
    }
  }
}
