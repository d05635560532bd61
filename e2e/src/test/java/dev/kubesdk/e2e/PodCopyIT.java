package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.podio.CopyException;
import dev.kubesdk.podio.ExecOptions;
import dev.kubesdk.podio.PodIo;
import dev.kubesdk.podio.PodPath;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.testing.ClusterProfile;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copy to and from a pod as tar over exec, through the real kube-apiserver to a kwok node whose
 * exec runs the real {@code tar} of this machine in the test's folder (the "container's" file
 * system, where the pod path {@code /work} is that folder by its absolute path).
 */
@KubernetesTest(profile = ClusterProfile.FULL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodCopyIT {
  @TempDir static Path temp;
  private PodIo pods;
  private String namespace;
  private String pod;
  private Path work;

  @BeforeAll
  void cluster(ApiClient client, KubernetesCluster cluster, @TestNamespace String namespace) throws IOException {
    this.pods = PodIo.of(client);
    this.namespace = namespace;
    this.work = Files.createDirectories(temp.resolve("container")).toRealPath();
    E2e.localControlPlane(cluster).kubelet().runExecIn(namespace, work);
    this.pod = Cluster.runningPod(new CoreV1Api(client), namespace, "cp");
    E2e.await("exec in " + pod, () -> pods.exec(pod, namespace, ExecOptions.of("true")).exitCode() == 0 ? "ready" : null);
  }

  @Test
  void aDirectoryTreeCopiedInAndOutIsIdentical() throws IOException {
    Path tree = Files.createDirectories(temp.resolve("local/tree"));
    Files.writeString(tree.resolve("readme.txt"), "hello\n", StandardCharsets.UTF_8);
    Path nested = Files.createDirectories(tree.resolve("a/b/c-" + "long".repeat(30)));
    byte[] blob = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(blob);
    Files.write(nested.resolve("blob.bin"), blob);
    Files.createDirectories(tree.resolve("empty"));
    Files.writeString(tree.resolve("a/ümlaut ünd space.txt"), "ü", StandardCharsets.UTF_8);
    Files.createSymbolicLink(tree.resolve("a/link"), Path.of("b"));
    Path inPod = Files.createDirectories(work.resolve("in"));

    pods.copyToPod(tree, PodPath.of(pod, namespace, inPod.toString()));
    assertThat(listing(inPod.resolve("tree"))).isEqualTo(listing(tree));

    Path back = temp.resolve("back");
    pods.copyFromPod(PodPath.of(pod, namespace, inPod.resolve("tree").toString()), back);
    assertThat(listing(back.resolve("tree"))).isEqualTo(listing(tree));
  }

  @Test
  void aMaliciousArchiveFromThePodIsRefusedAndNothingLandsOutside() throws IOException {
    // What a compromised container could do: put a link to outside the destination in the
    // archive, then a file through it (CVE-2019-11246 and friends).
    Path evil = Files.createDirectories(work.resolve("evil"));
    Files.createSymbolicLink(evil.resolve("escape"), Path.of("../../../outside"));
    Path destination = Files.createDirectories(temp.resolve("victim/dest"));

    assertThatThrownBy(() -> pods.copyFromPod(PodPath.of(pod, namespace, evil.toString()), destination))
        .isInstanceOf(CopyException.class)
        .hasMessageContaining("escape")
        .hasMessageContaining("outside the destination");
    assertThat(temp.resolve("outside")).doesNotExist();
    assertThat(destination.resolve("evil/escape")).doesNotExist();
  }

  @Test
  void tarFailingInThePodIsACopyExceptionWithItsStderr() {
    assertThatThrownBy(() -> pods.copyFromPod(PodPath.of(pod, namespace, work.resolve("no-such-dir").toString()), temp.resolve("x")))
        .isInstanceOf(CopyException.class)
        .hasMessageContaining("no-such-dir");
  }

  private static List<String> listing(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .map(p -> {
            String rel = root.relativize(p).toString();
            try {
              if (Files.isSymbolicLink(p)) {
                return rel + " -> " + Files.readSymbolicLink(p);
              }
              return Files.isDirectory(p) ? rel + "/" : rel + " " + java.util.Arrays.hashCode(Files.readAllBytes(p)) + " " + Files.getPosixFilePermissions(p);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })
          .sorted()
          .toList();
    }
  }
}
