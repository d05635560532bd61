package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Namespace;
import dev.kubesdk.api.model.V1NamespaceList;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import dev.kubesdk.testing.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The first thing a user does: load a kubeconfig, make a client with no arguments, list. */
@KubernetesTest
@Order(1)
class SeedFlowIT {
  private Configuration previousDefault;

  @BeforeEach
  void rememberTheDefault() {
    previousDefault = E2e.currentDefault();
  }

  @AfterEach
  void restoreTheDefault() {
    E2e.restoreDefault(previousDefault);
  }

  @Test
  void aLoadedKubeconfigBecomesTheDefaultThatANewCoreV1ApiListsNamespacesWith(
      KubernetesCluster cluster, @TestNamespace String namespace) {
    LocalControlPlane controlPlane = E2e.localControlPlane(cluster);

    Configuration loaded =
        KubeConfig.load(E2e.options(controlPlane.kubeconfig(LocalUser.ADMIN)).build());
    V1NamespaceList namespaces = new CoreV1Api().listNamespace().execute();

    assertThat(Configuration.getDefaultCopy()).isEqualTo(loaded);
    assertThat(loaded.host()).isEqualTo(controlPlane.host());
    assertThat(namespaces.getItems())
        .extracting(n -> n.getMetadata().getName())
        .contains("default", "kube-system", namespace);
    V1Namespace mine =
        namespaces.getItems().stream()
            .filter(n -> namespace.equals(n.getMetadata().getName()))
            .findFirst()
            .orElseThrow();
    assertThat(mine.getStatus().getPhase()).isEqualTo("Active");
    assertThat(mine.getMetadata().getUid()).isNotBlank();
    assertThat(namespaces.getMetadata().getResourceVersion()).isNotBlank();
  }
}
