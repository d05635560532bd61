package dev.kubesdk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Namespace;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.NotFoundException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@KubernetesTest
class KubernetesExtensionTest {
  private static String classNamespace;
  private static String nestedNamespace;

  @BeforeAll
  static void rememberTheNamespace(@TestNamespace String namespace) {
    classNamespace = namespace;
  }

  @Test
  void theClassNamespaceExistsAndIsTheSameInEveryTest(
      ApiClient client, @TestNamespace String namespace) {
    V1Namespace read = new CoreV1Api(client).readNamespace(namespace).execute();

    assertThat(namespace).isEqualTo(classNamespace);
    assertThat(read.getStatus().getPhase()).isEqualTo("Active");
    assertThat(read.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "kubesdk-testing");
  }

  @Test
  void theNamespaceNameCarriesTheClassNameAndARandomSuffix(@TestNamespace String namespace) {
    assertThat(namespace).matches("kubesdk-kubernetesextensiontest-[a-z0-9]{5}");
  }

  @Test
  void theClientTheConfigurationAndTheClusterAreTheSameCluster(
      ApiClient client, Configuration configuration, KubernetesCluster cluster) {
    assertThat(client.configuration()).isEqualTo(configuration).isEqualTo(cluster.configuration());
    assertThat(new CoreV1Api(client).listNamespace().execute().getItems())
        .extracting(ns -> ns.getMetadata().getName())
        .contains("default", "kube-system", classNamespace);
  }

  @Test
  void namesOfLongClassNamesStayWithinADnsLabel() {
    class AVeryLongTestClassNameThatWouldNotFitIntoTheSixtyThreeCharactersOfADnsLabel {}

    String name =
        KubernetesExtension.namespaceName(
            AVeryLongTestClassNameThatWouldNotFitIntoTheSixtyThreeCharactersOfADnsLabel.class);

    assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  }

  @Nested
  class WhenNested {
    @Test
    void aNestedClassGetsANamespaceOfItsOwn(@TestNamespace String namespace) {
      nestedNamespace = namespace;

      assertThat(namespace).isNotEqualTo(classNamespace).startsWith("kubesdk-whennested-");
    }
  }

  @AfterAll
  static void theNestedClassNamespaceWasDeletedAfterItsLastTest(ApiClient client) {
    V1Namespace nested;
    try {
      nested = new CoreV1Api(client).readNamespace(nestedNamespace).execute();
    } catch (NotFoundException gone) {
      return;
    }
    // The local control plane has no namespace controller: a deleted namespace stays Terminating.
    assertThat(nested.getMetadata().getDeletionTimestamp()).isNotNull();
  }
}
