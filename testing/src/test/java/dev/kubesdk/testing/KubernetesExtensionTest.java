package dev.kubesdk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.config.Configuration;
import java.io.IOException;
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
      Configuration configuration, @TestNamespace String namespace) throws IOException {
    Http.Response response = Http.get(configuration, "/api/v1/namespaces/" + namespace);

    assertThat(namespace).isEqualTo(classNamespace);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).contains("\"phase\":\"Active\"");
  }

  @Test
  void theNamespaceNameCarriesTheClassNameAndARandomSuffix(@TestNamespace String namespace) {
    assertThat(namespace).matches("kubesdk-kubernetesextensiontest-[a-z0-9]{5}");
  }

  @Test
  void theInjectedConfigurationIsTheClustersAndMayListNamespaces(
      KubernetesCluster cluster, Configuration configuration) throws IOException {
    assertThat(configuration).isEqualTo(cluster.configuration());
    assertThat(Http.get(configuration, "/api/v1/namespaces").status()).isEqualTo(200);
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
  static void theNestedClassNamespaceWasDeletedAfterItsLastTest(Configuration configuration)
      throws IOException {
    Http.Response response = Http.get(configuration, "/api/v1/namespaces/" + nestedNamespace);

    // The local control plane has no namespace controller: a deleted namespace stays Terminating.
    assertThat(response.status() == 404 || response.body().contains("\"deletionTimestamp\""))
        .as("namespace %s is gone or terminating: %s", nestedNamespace, response.body())
        .isTrue();
  }
}
