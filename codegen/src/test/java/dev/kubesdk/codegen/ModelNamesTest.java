package dev.kubesdk.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelNamesTest {
  @Test
  void aDefinitionIsNamedByItsVersionAndKind() {
    Map<String, String> names =
        ModelNames.assign(
            List.of(
                "io.k8s.api.core.v1.Pod",
                "io.k8s.api.coordination.v1beta1.Lease",
                "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
                "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition",
                "io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService",
                "io.k8s.apimachinery.pkg.version.Info"));

    assertThat(names)
        .containsEntry("io.k8s.api.core.v1.Pod", "V1Pod")
        .containsEntry("io.k8s.api.coordination.v1beta1.Lease", "V1beta1Lease")
        .containsEntry("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "V1ObjectMeta")
        .containsEntry(
            "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition",
            "V1CustomResourceDefinition")
        .containsEntry("io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService", "V1APIService")
        .containsEntry("io.k8s.apimachinery.pkg.version.Info", "VersionInfo");
  }

  @Test
  void collidingNamesGrowTheirPrefixAndOnlyThey() {
    Map<String, String> names =
        ModelNames.assign(
            List.of("io.k8s.api.core.v1.Event", "io.k8s.api.events.v1.Event", "io.k8s.api.core.v1.Pod"));

    assertThat(names)
        .containsEntry("io.k8s.api.core.v1.Event", "CoreV1Event")
        .containsEntry("io.k8s.api.events.v1.Event", "EventsV1Event")
        .containsEntry("io.k8s.api.core.v1.Pod", "V1Pod");
  }

  @Test
  void namesDoNotDependOnTheOrderOfDefinitions() {
    List<String> definitions =
        List.of("io.k8s.api.events.v1.Event", "io.k8s.api.core.v1.Event", "io.k8s.a.b.core.v1.Event");

    assertThat(ModelNames.assign(definitions))
        .isEqualTo(ModelNames.assign(List.of(definitions.get(2), definitions.get(0), definitions.get(1))));
    assertThat(ModelNames.assign(definitions).values())
        .containsExactlyInAnyOrder("EventsV1Event", "ApiCoreV1Event", "BCoreV1Event");
  }

  @Test
  void aCollisionNoPrefixCanResolveFailsNamingTheDefinitions() {
    assertThatThrownBy(() -> ModelNames.assign(List.of("v1.Pod", "v1-Pod", "v1_Pod")))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("v1.Pod")
        .hasMessageContaining("V1Pod");
  }

  @Test
  void renamingRewritesEveryReferenceAndRemembersTheOriginalName() {
    JsonObject spec = Fragments.miniSpec();

    ModelNames.rename(spec);

    JsonObject definitions = spec.getAsJsonObject("definitions");
    assertThat(definitions.keySet()).contains("V1Pod", "V1PodList", "CoreV1Event", "EventsV1Event", "V1ObjectMeta");
    assertThat(definitions.getAsJsonObject("V1Pod").get(Extensions.ORIGINAL_NAME).getAsString())
        .isEqualTo("io.k8s.api.core.v1.Pod");
    assertThat(definitions.getAsJsonObject("V1Pod").getAsJsonObject("properties").getAsJsonObject("metadata")
            .get("$ref").getAsString())
        .isEqualTo("#/definitions/V1ObjectMeta");
    assertThat(spec.toString()).doesNotContain("#/definitions/io.k8s");
  }
}
