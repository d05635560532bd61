package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The seed flow in a loop: {@code new CoreV1Api()} takes {@code Configuration.getDefaultCopy()}
 * each time, and must not open a connection or start a thread per instance.
 */
@KubernetesTest
class SharedConnectionsIT {
  private static final int CALLS = 10_000;

  @Test
  void tenThousandNewCoreV1ApisListingNamespacesKeepThreadsAndFileDescriptorsFlat(KubernetesCluster cluster) throws IOException {
    LocalControlPlane controlPlane = E2e.localControlPlane(cluster);
    Configuration previous = E2e.currentDefault();
    try {
      KubeConfig.load(E2e.options(controlPlane.kubeconfig(LocalUser.ADMIN)).build());
      for (int i = 0; i < 100; i++) {
        new CoreV1Api().listNamespace().limit(1).execute(); // warm up: the first connection and classes
      }
      int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
      long descriptorsBefore = openFileDescriptors();

      for (int i = 0; i < CALLS; i++) {
        assertThat(new CoreV1Api().listNamespace().limit(1).execute().getItems()).isNotEmpty();
      }

      int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
      long descriptorsAfter = openFileDescriptors();
      System.out.printf(
          "SharedConnectionsIT: %,d new CoreV1Api().listNamespace(): threads %d -> %d, open file descriptors %d -> %d%n",
          CALLS, threadsBefore, threadsAfter, descriptorsBefore, descriptorsAfter);
      // A little slack for threads and files the JVM itself opens meanwhile (JIT, GC, jar reads).
      assertThat(threadsAfter).isLessThanOrEqualTo(threadsBefore + 3);
      assertThat(descriptorsAfter).isLessThanOrEqualTo(descriptorsBefore + 10);
    } finally {
      E2e.restoreDefault(previous);
    }
  }

  private static long openFileDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}
