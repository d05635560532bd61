package dev.kubesdk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.config.LoadOptions;
import dev.kubesdk.runtime.ApiClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesBackendTest {
  @TempDir Path home;

  @Test
  void theVariableNamesTheBackendInAnyCase() {
    assertThat(KubernetesBackend.select(Map.of("KUBESDK_E2E_BACKEND", "local")))
        .isEqualTo(KubernetesBackend.LOCAL);
    assertThat(KubernetesBackend.select(Map.of("KUBESDK_E2E_BACKEND", " K3s ")))
        .isEqualTo(KubernetesBackend.K3S);
    assertThat(KubernetesBackend.select(Map.of("KUBESDK_E2E_BACKEND", "kubeconfig")))
        .isEqualTo(KubernetesBackend.KUBECONFIG);
  }

  @Test
  void anUnknownBackendIsRejectedListingTheChoices() {
    assertThatThrownBy(() -> KubernetesBackend.select(Map.of("KUBESDK_E2E_BACKEND", "kind")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KUBESDK_E2E_BACKEND=kind")
        .hasMessageContaining("local, k3s or kubeconfig");
  }

  @Test
  void withoutTheVariableOrAnyDockerEndpointTheBackendIsLocal() {
    assumeFalse(
        K3sAvailability.dockerEndpointMayExist(Map.of("HOME", home.toString())),
        "this machine has a Docker socket");

    assertThat(KubernetesBackend.select(Map.of("HOME", home.toString())))
        .isEqualTo(KubernetesBackend.LOCAL);
  }

  @Test
  void dockerHostCountsAsAPossibleDockerEndpoint() {
    assertThat(
            K3sAvailability.dockerEndpointMayExist(
                Map.of("HOME", home.toString(), "DOCKER_HOST", "tcp://docker:2375")))
        .isTrue();
  }

  @Test
  void theKubeconfigBackendWithoutAKubeconfigIsUnavailableAndListsWhereItLooked() {
    Map<String, String> env = Map.of("KUBESDK_E2E_BACKEND", "kubeconfig", "HOME", home.toString());

    assertThatThrownBy(() -> KubernetesCluster.start(env, ClusterProfile.API_ONLY))
        .isInstanceOf(ClusterUnavailableException.class)
        .hasMessageContaining(home.resolve(".kube/config").toString())
        .hasMessageContaining("KUBESDK_E2E_BACKEND=local");
  }

  @Test
  void theK3sBackendWithoutDockerIsUnavailableAndSaysSo() {
    assumeFalse(K3sAvailability.dockerAnswers(), "a Docker engine answers here");

    assertThatThrownBy(() -> KubernetesCluster.start(Map.of("KUBESDK_E2E_BACKEND", "k3s"), ClusterProfile.API_ONLY))
        .isInstanceOf(ClusterUnavailableException.class)
        .hasMessageContaining("needs a Docker engine");
  }

  @Test
  void theKubeconfigBackendUsesTheCurrentContextOfKubeconfig() {
    try (LocalControlPlane controlPlane =
        LocalControlPlane.builder().binaries(Binaries.forTests()).build()) {
      controlPlane.start();
      Map<String, String> env =
          Map.of(
              "KUBESDK_E2E_BACKEND", "kubeconfig",
              "KUBECONFIG", controlPlane.kubeconfig(LocalUser.ADMIN_TOKEN).toString(),
              "HOME", home.toString());

      try (KubernetesCluster cluster = KubernetesCluster.start(env, ClusterProfile.API_ONLY)) {
        assertThat(cluster.backend()).isEqualTo(KubernetesBackend.KUBECONFIG);
        assertThat(cluster.localControlPlane()).isEmpty();
        assertThat(cluster.configuration().host()).isEqualTo(controlPlane.host());
        assertThat(new CoreV1Api(new ApiClient(cluster.configuration())).listNamespace().execute().getItems())
            .isNotEmpty();
      }
    }
  }

  @Test
  void everyKubeconfigLoadsAndItsTlsServerNameContextVerifiesAgainstTheExtraName() {
    try (LocalControlPlane controlPlane =
        LocalControlPlane.builder().binaries(Binaries.forTests()).build()) {
      controlPlane.start();
      for (LocalUser user : LocalUser.values()) {
        for (String context : new String[] {user.userName(), user.userName() + "-tls-server-name"}) {
          var configuration =
              KubeConfig.resolve(
                  LoadOptions.builder()
                      .kubeconfig(controlPlane.kubeconfig(user))
                      .context(context)
                      .environment(Map.of())
                      .home(home)
                      .build());
          var client = new ApiClient(configuration);

          assertThat(configuration.host()).as(context).isEqualTo(controlPlane.host());
          if (context.endsWith("-tls-server-name")) {
            assertThat(configuration.tlsServerName()).hasValue(LocalControlPlane.TLS_SERVER_NAME);
          }
          if (user == LocalUser.LIMITED) {
            assertThatThrownBy(() -> new CoreV1Api(client).listNamespace().execute())
                .as(context)
                .hasMessageContaining("403");
          } else {
            assertThat(new CoreV1Api(client).listNamespace().execute().getItems()).as(context).isNotEmpty();
          }
        }
      }
    }
  }
}
