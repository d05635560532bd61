package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.TransportException;
import dev.kubesdk.runtime.Watch;
import dev.kubesdk.runtime.WatchEvent;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import dev.kubesdk.testing.TestNamespace;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A connection that goes silent without closing, as when a NAT or load balancer drops it: the
 * client talks to the real API server through a relay that stops forwarding on request.
 */
@KubernetesTest
class DeadConnectionIT {
  // Two HTTP/2 ping intervals of 15 s find the dead connection; this bound only stops a hang.
  private static final Duration HANG = Duration.ofSeconds(120);

  @Test
  void aWatchOnAConnectionThatWentSilentEndsWithATransportException(KubernetesCluster cluster, @TestNamespace String namespace) throws Exception {
    LocalControlPlane controlPlane = E2e.localControlPlane(cluster);
    URI host = controlPlane.host();
    try (TcpRelay relay = TcpRelay.forwarding(new InetSocketAddress(host.getHost(), host.getPort()))) {
      Configuration throughRelay = E2e.load(controlPlane, LocalUser.ADMIN).toBuilder().host(URI.create("https://127.0.0.1:" + relay.address().getPort())).build();
      CoreV1Api core = new CoreV1Api(new ApiClient(throughRelay));
      String name = E2e.name("cm-dead");

      try (Watch<V1ConfigMap> watch = core.listNamespacedConfigMap(namespace).watch()) {
        core.createNamespacedConfigMap(namespace, E2e.configMap(name, Map.of("k", "v"))).execute();
        WatchEvent<V1ConfigMap> first = watch.next();
        assertThat(first.object().getMetadata().getName()).isEqualTo(name);

        relay.blackhole();
        long silentSince = System.nanoTime();
        Throwable ended = assertTimeoutPreemptively(HANG, () -> catchThrowable(watch::hasNext));
        System.out.printf("DeadConnectionIT: the watch ended %.1f s after its connection went silent%n", (System.nanoTime() - silentSince) / 1e9);

        assertThat(ended).isInstanceOf(TransportException.class).hasMessageContaining("watch again from the last resourceVersion");
      }
    }
  }

  @Test
  void aCallOnAConnectionThatWentSilentFailsWithinItsTimeout(KubernetesCluster cluster) throws Exception {
    LocalControlPlane controlPlane = E2e.localControlPlane(cluster);
    URI host = controlPlane.host();
    try (TcpRelay relay = TcpRelay.forwarding(new InetSocketAddress(host.getHost(), host.getPort()))) {
      Configuration throughRelay =
          E2e.load(controlPlane, LocalUser.ADMIN).toBuilder().host(URI.create("https://127.0.0.1:" + relay.address().getPort())).readTimeout(Duration.ofSeconds(2)).build();
      CoreV1Api core = new CoreV1Api(new ApiClient(throughRelay));
      assertThat(core.listNamespace().limit(1).execute().getItems()).isNotEmpty();

      relay.blackhole();
      Throwable failed = assertTimeoutPreemptively(HANG, () -> catchThrowable(() -> core.listNamespace().limit(1).execute()));

      assertThat(failed).isInstanceOf(TransportException.class).hasMessageContaining("timed out");
    }
  }
}
