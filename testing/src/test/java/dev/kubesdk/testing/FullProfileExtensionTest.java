package dev.kubesdk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.runtime.ApiClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@KubernetesTest(profile = ClusterProfile.FULL)
class FullProfileExtensionTest {
  @Test
  void theClassRunsAgainstTheFullProfileAndItsNamespaceHasItsServiceAccount(
      KubernetesCluster cluster, ApiClient client, @TestNamespace String namespace) {
    assertThat(cluster.localControlPlane()).hasValueSatisfying(c -> assertThat(c.profile()).isEqualTo(ClusterProfile.FULL));
    assertThat(new CoreV1Api(client).readNamespacedServiceAccount("default", namespace).execute().getMetadata().getName())
        .isEqualTo("default");
  }

  @Nested
  class WhenNested {
    @Test
    void aNestedClassInheritsTheProfileOfItsEnclosingClass(KubernetesCluster cluster) {
      assertThat(KubernetesExtension.profile(WhenNested.class)).isEqualTo(ClusterProfile.FULL);
      assertThat(cluster.localControlPlane()).hasValueSatisfying(c -> assertThat(c.profile()).isEqualTo(ClusterProfile.FULL));
    }
  }

  @Test
  void aClassWithoutAProfileGetsTheApiOnlyOne() {
    assertThat(KubernetesExtension.profile(KubernetesExtensionTest.class)).isEqualTo(ClusterProfile.API_ONLY);
  }
}
