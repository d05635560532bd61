package dev.kubesdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.LocalUser;
import dev.kubesdk.testing.TestNamespace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./kubesdk apply} against the local control plane: kubectl's lines, dry runs and conflicts. */
@KubernetesTest
class ApplyCommandIT {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int apply(String... args) {
    out.reset();
    err.reset();
    return Apply.run(args, Map.of(), new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void aDirectoryAppliesWithKubectlsLines(KubernetesCluster cluster, @TestNamespace String namespace, @TempDir Path dir) throws Exception {
    Path kubeconfig = cluster.localControlPlane().orElseThrow().kubeconfig(LocalUser.ADMIN);
    Files.writeString(dir.resolve("app.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        data: {mode: production}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: "nginx:1.27"}]}
        """);

    assertThat(apply("-f", dir.toString(), "--dry-run", "-n", namespace, "--kubeconfig", kubeconfig.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("configmap/settings serverside-applied (server dry run)\ndeployment.apps/web serverside-applied (server dry run)\n");

    assertThat(apply("-f", dir.toString(), "-n", namespace, "--kubeconfig", kubeconfig.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("configmap/settings serverside-applied\ndeployment.apps/web serverside-applied\n");

    Files.writeString(dir.resolve("app.yaml"), Files.readString(dir.resolve("app.yaml")).replace("production", "staging"));
    assertThat(apply("-f", dir.resolve("app.yaml").toString(), "-n", namespace, "--kubeconfig", kubeconfig.toString(), "--field-manager", "someone-else")).isEqualTo(Apply.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: configmap/settings: apply failed with 1 conflict: .data.mode is owned by \"kubesdk\"").contains("--force-conflicts");

    assertThat(apply("-f", dir.toString(), "-n", namespace, "--kubeconfig", kubeconfig.toString(), "--field-manager", "someone-else", "--force-conflicts")).isZero();
  }
}
