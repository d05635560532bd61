package dev.kubesdk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Node;
import dev.kubesdk.runtime.ApiClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full profile: every component runs, the nodes are Ready, and failures name the component. */
class FullProfileTest {
  private static LocalControlPlane cluster;

  @BeforeAll
  static void start() {
    cluster =
        LocalControlPlane.builder()
            .binaries(Binaries.forTests(ClusterProfile.FULL))
            .profile(ClusterProfile.FULL)
            .nodes(2)
            .build();
    cluster.start();
    System.out.printf(
        "full profile (2 nodes) ready in %d ms (binaries cached)%n", cluster.startupDuration().toMillis());
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void everySimulatedNodeIsReadyAndServesItsKubeletApiOnLoopback() {
    List<V1Node> nodes =
        new CoreV1Api(new ApiClient(cluster.configuration(LocalUser.ADMIN))).listNode().execute().getItems();

    assertThat(cluster.nodeNames()).containsExactly("kubesdk-node-0", "kubesdk-node-1");
    assertThat(nodes)
        .extracting(n -> n.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(cluster.nodeNames());
    assertThat(nodes)
        .allSatisfy(
            node -> {
              assertThat(node.getStatus().getConditions())
                  .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True"));
              assertThat(node.getStatus().getAddresses())
                  .anySatisfy(a -> assertThat(a.getType() + "=" + a.getAddress()).isEqualTo("InternalIP=127.0.0.1"));
              assertThat(node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort()).isPositive();
            });
  }

  @Test
  void fiveProcessesRunUnderTheirWatchdogs() {
    assertThat(cluster.isRunning()).isTrue();
    assertThat(cluster.processes())
        .extracting(p -> Path.of(p.info().command().orElse("?")).getFileName().toString())
        .contains("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok");
  }

  @Test
  void restartApiServerKeepsThePortAndTheData() {
    CoreV1Api core = new CoreV1Api(new ApiClient(cluster.configuration(LocalUser.ADMIN)));
    String uid = core.readNamespace("default").execute().getMetadata().getUid();
    int port = cluster.host().getPort();

    cluster.restartApiServer();

    assertThat(cluster.host().getPort()).isEqualTo(port);
    assertThat(core.readNamespace("default").execute().getMetadata().getUid()).isEqualTo(uid);
    cluster.checkRunning();
  }

  @Test
  void aComponentThatExitsDuringStartIsNamedWithItsLastLogLinesAndNothingIsLeftRunning(@TempDir Path temp)
      throws IOException {
    ControlPlaneBinaries real = Binaries.forTests(ClusterProfile.FULL);
    for (String binary : List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler")) {
      Files.createSymbolicLink(temp.resolve(binary), real.directory().resolve(binary));
    }
    Path kwok = temp.resolve("kwok");
    Files.writeString(kwok, "#!/bin/sh\necho 'kwok: cannot simulate today' >&2\nexit 3\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(kwok, PosixFilePermissions.fromString("rwx------"));
    ControlPlaneBinaries broken =
        ControlPlaneBinaries.installed(java.util.Map.of("KUBEBUILDER_ASSETS", temp.toString()), ClusterProfile.FULL)
            .orElseThrow();

    try (LocalControlPlane failing =
        LocalControlPlane.builder().binaries(broken).profile(ClusterProfile.FULL).build()) {
      ControlPlaneException failure = catchThrowableOfType(ControlPlaneException.class, failing::start);

      assertThat(failure)
          .hasMessageStartingWith("kwok exited (status 3) before it was ready")
          .hasMessageContaining("kwok: cannot simulate today");
      assertThat(failing.isRunning()).isFalse();
      assertThatThrownBy(failing::host).isInstanceOf(IllegalStateException.class);
      ControlPlaneBinaries.deleteTree(failure.logFile().orElseThrow().getParent());
    }
  }

  @Test
  void aPortTakenBeforeKwokBindsItIsRetriedWithOtherPorts() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      AtomicInteger calls = new AtomicInteger();
      Ports kwokPortTaken =
          count -> {
            int[] ports = Ports.EPHEMERAL.choose(count);
            if (calls.getAndIncrement() == 0) {
              ports[5] = taken.getLocalPort();
            }
            return ports;
          };
      try (LocalControlPlane retried =
          LocalControlPlane.builder()
              .binaries(Binaries.forTests(ClusterProfile.FULL))
              .profile(ClusterProfile.FULL)
              .ports(kwokPortTaken)
              .build()) {
        retried.start();

        assertThat(calls).hasValue(2);
        assertThat(retried.isRunning()).isTrue();
      }
    }
  }

  @Test
  void theApiOnlyProfileHasNoKubelet() {
    try (LocalControlPlane apiOnly = LocalControlPlane.builder().binaries(Binaries.forTests()).build()) {
      apiOnly.start();

      assertThat(apiOnly.nodeNames()).isEmpty();
      assertThatThrownBy(apiOnly::kubelet)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("profile(ClusterProfile.FULL)");
    }
  }
}
