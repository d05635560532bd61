package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.ApiextensionsV1Api;
import dev.kubesdk.api.model.V1CustomResourceDefinition;
import dev.kubesdk.manifests.Manifests;
import dev.kubesdk.maven.CrdGenerationException;
import dev.kubesdk.maven.CrdGenerator;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.testing.KubernetesTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubesdk-maven-plugin's generator reading CRDs from kube-apiserver: a CRD installed in the cluster
 * generates exactly the classes its file generates (the server returns the schema sorted, with its
 * own additions, and neither may change a byte).
 */
@KubernetesTest
class CrdGenerationIT {
  private static final Path WIDGETS = Path.of("../examples/crd-consumer/src/main/crds/widgets.yaml");

  @Test
  void aCrdFromTheClusterGeneratesWhatItsFileGenerates(ApiClient client, @TempDir Path dir) throws Exception {
    // A group of its own, so that a CRD left by an earlier run cannot be what is read.
    String group = E2e.name("g").replace("-", "") + ".e2e.kubesdk.dev";
    Path file = Files.writeString(dir.resolve("widgets.yaml"), Files.readString(WIDGETS).replace("example.com", group));
    V1CustomResourceDefinition crd = (V1CustomResourceDefinition) Manifests.standard().load(file).get(0);
    ApiextensionsV1Api extensions = new ApiextensionsV1Api(client);
    extensions.createCustomResourceDefinition(crd).execute();
    try {
      CustomResourceIT.awaitEstablished(extensions, "widgets." + group);
      CrdGenerator generator = CrdGenerator.builder().build();

      SortedMap<String, String> fromCluster = generator.generateFromCluster(client.configuration(), List.of("widgets." + group));
      SortedMap<String, String> byGroup = generator.generateFromCluster(client.configuration(), List.of(group));

      SortedMap<String, String> fromFile = generator.generate(List.of(file));
      assertThat(fromCluster.keySet()).isEqualTo(fromFile.keySet()).anyMatch(name -> name.endsWith("/v1/WidgetApi.java"));
      assertThat(fromCluster).isEqualTo(fromFile);
      assertThat(byGroup).isEqualTo(fromFile);
    } finally {
      extensions.deleteCustomResourceDefinition("widgets." + group).execute();
    }
  }

  @Test
  void aCrdTheClusterDoesNotHaveFailsNamingIt(ApiClient client) {
    assertThatThrownBy(() -> CrdGenerator.builder().build().generateFromCluster(client.configuration(), List.of("nothings.nowhere.example")))
        .isInstanceOf(CrdGenerationException.class)
        .hasMessageStartingWith("cluster " + client.configuration().host())
        .hasMessageContaining("no CustomResourceDefinition is named nothings.nowhere.example or has that group");
  }
}
