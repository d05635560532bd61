package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParser;
import dev.kubesdk.api.VersionApi;
import dev.kubesdk.api.model.VersionInfo;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The server is the Kubernetes version whose spec the API was generated from. */
@KubernetesTest
class VersionIT {

  @Test
  void versionReportsTheKubernetesVersionTheControlPlaneWasBuiltFrom(ApiClient client, KubernetesCluster cluster) {
    // Only the local control plane is built from a known version (the pin, or the one the
    // compatibility matrix chose); a k3s image or a kubeconfig cluster may run another one, so
    // there the test is skipped with that reason.
    E2e.localControlPlane(cluster);
    String pinned = E2e.kubernetesVersion();

    VersionInfo version = new VersionApi(client).getCode().execute();

    assertThat(version.getGitVersion()).isEqualTo("v" + pinned);
    String[] parts = pinned.split("\\.");
    assertThat(version.getMajor()).isEqualTo(parts[0]);
    assertThat(version.getMinor()).isEqualTo(parts[1]);
    assertThat(version.getPlatform()).contains("/");
  }

  @Test
  void theServerIsTheVersionThePinnedSpecWasTakenFrom(ApiClient client, KubernetesCluster cluster)
      throws IOException {
    E2e.localControlPlane(cluster);
    assumeTrue(
        E2e.kubernetesVersion().equals(E2e.pinnedKubernetesVersion()),
        "the control plane runs Kubernetes " + E2e.kubernetesVersion()
            + ", chosen with -Dkubesdk.kubernetes.version; the spec is from the pinned "
            + E2e.pinnedKubernetesVersion());
    // Maven runs the tests in the module folder; the spec's provenance is beside it.
    Path provenance = Path.of("..", "openapi", "provenance.json");
    String specVersion =
        JsonParser.parseString(Files.readString(provenance)).getAsJsonObject().get("kubernetesVersion").getAsString();

    String served = new VersionApi(client).getCode().execute().getGitVersion();

    assertThat(served).isEqualTo("v" + specVersion);
  }
}
