package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.AppsV1Api;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.api.model.V1Container;
import dev.kubesdk.api.model.V1Deployment;
import dev.kubesdk.api.model.V1ManagedFieldsEntry;
import dev.kubesdk.api.model.V1Status;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiException;
import dev.kubesdk.runtime.ConflictException;
import dev.kubesdk.runtime.InvalidException;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.runtime.V1Patch;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The four PATCH content types, as the server applies them. */
@KubernetesTest
class PatchIT {
  private CoreV1Api core;
  private AppsV1Api apps;
  private String namespace;

  @BeforeEach
  void client(ApiClient client, @TestNamespace String namespace) {
    this.core = new CoreV1Api(client);
    this.apps = new AppsV1Api(client);
    this.namespace = namespace;
  }

  private String configMap(Map<String, String> data) {
    String name = E2e.name("cm-patch");
    core.createNamespacedConfigMap(namespace, E2e.configMap(name, data)).execute();
    return name;
  }

  @Test
  void aJsonPatchAppliesItsOperationsInOrder() {
    String name = configMap(Map.of("a", "1", "b", "2"));

    V1ConfigMap patched =
        core.patchNamespacedConfigMap(
                name,
                namespace,
                V1Patch.json(
                    "[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"1\"},"
                        + "{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"one\"},"
                        + "{\"op\":\"remove\",\"path\":\"/data/b\"},"
                        + "{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"patched\":\"json\"}}]"))
            .execute();

    assertThat(patched.getData()).containsExactlyEntriesOf(Map.of("a", "one"));
    assertThat(core.readNamespacedConfigMap(name, namespace).execute().getMetadata().getLabels())
        .containsEntry("patched", "json");
  }

  @Test
  void aJsonPatchWhoseTestFailsChangesNothing() {
    String name = configMap(Map.of("a", "1"));

    assertThatThrownBy(
            () ->
                core.patchNamespacedConfigMap(
                        name,
                        namespace,
                        V1Patch.json(
                            "[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"2\"},"
                                + "{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"changed\"}]"))
                    .execute())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.statusCode()).isEqualTo(422));
    assertThat(core.readNamespacedConfigMap(name, namespace).execute().getData()).containsEntry("a", "1");
  }

  @Test
  void aMergePatchSetsKeysAndRemovesThoseSetToNull() {
    String name = configMap(Map.of("keep", "k", "drop", "d"));

    V1ConfigMap patched =
        core.patchNamespacedConfigMap(name, namespace, V1Patch.merge("{\"data\":{\"drop\":null,\"new\":\"n\"}}")).execute();

    assertThat(patched.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("keep", "k", "new", "n"));
  }

  @Test
  void aStrategicMergePatchMergesContainersByNameWhereAMergePatchReplacesTheList() {
    String name = E2e.name("deploy-smp");
    apps.createNamespacedDeployment(namespace, DeploymentIT.deployment(name, 1)).execute();

    V1Deployment strategic =
        apps.patchNamespacedDeployment(
                name,
                namespace,
                V1Patch.strategicMerge(
                    "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"image\":\"registry.invalid/sidecar:1\"}]}}}}"))
            .execute();
    V1Deployment merged =
        apps.patchNamespacedDeployment(
                name,
                namespace,
                V1Patch.merge(
                    "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"only\",\"image\":\"registry.invalid/only:1\"}]}}}}"))
            .execute();

    assertThat(strategic.getSpec().getTemplate().getSpec().getContainers())
        .extracting(V1Container::getName)
        .containsExactlyInAnyOrder("app", "sidecar");
    assertThat(merged.getSpec().getTemplate().getSpec().getContainers())
        .extracting(V1Container::getName)
        .containsExactly("only");
  }

  @Test
  void serverSideApplyRecordsTheFieldManager() {
    String name = E2e.name("cm-apply");

    V1ConfigMap applied =
        core.patchNamespacedConfigMap(name, namespace, V1Patch.apply(applyBody(name, "a", "from-alice")))
            .fieldManager("alice")
            .execute();

    assertThat(applied.getData()).containsEntry("a", "from-alice");
    assertThat(applied.getMetadata().getManagedFields())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getManager()).isEqualTo("alice");
              assertThat(m.getOperation()).isEqualTo("Apply");
              assertThat(m.getFieldsType()).isEqualTo("FieldsV1");
              assertThat(m.getFieldsV1().asJsonObject().getAsJsonObject("f:data").has("f:a")).isTrue();
            });
  }

  @Test
  void applyingAFieldAnotherManagerOwnsIsAConflictUntilForced() {
    String name = E2e.name("cm-conflict");
    core.patchNamespacedConfigMap(name, namespace, V1Patch.apply(applyBody(name, "a", "from-alice")))
        .fieldManager("alice")
        .execute();

    assertThatThrownBy(
            () ->
                core.patchNamespacedConfigMap(name, namespace, V1Patch.apply(applyBody(name, "a", "from-bob")))
                    .fieldManager("bob")
                    .execute())
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(409);
              assertThat(e.reason()).isEqualTo("Conflict");
              V1Status status = e.status().orElseThrow();
              assertThat(status.getDetails().getCauses())
                  .anySatisfy(
                      c -> {
                        assertThat(c.getReason()).isEqualTo("FieldManagerConflict");
                        assertThat(c.getField()).isEqualTo(".data.a");
                        assertThat(c.getMessage()).contains("alice");
                      });
            });
    assertThat(core.readNamespacedConfigMap(name, namespace).execute().getData()).containsEntry("a", "from-alice");

    V1ConfigMap forced =
        core.patchNamespacedConfigMap(name, namespace, V1Patch.apply(applyBody(name, "a", "from-bob")))
            .fieldManager("bob")
            .force(true)
            .execute();

    assertThat(forced.getData()).containsEntry("a", "from-bob");
    assertThat(forced.getMetadata().getManagedFields())
        .filteredOn(m -> m.getFieldsV1().json().contains("f:a"))
        .extracting(V1ManagedFieldsEntry::getManager)
        .containsExactly("bob");
  }

  @Test
  void applyingWithoutAFieldManagerIsInvalidAndCreatesNothing() {
    String name = E2e.name("cm-nomanager");

    assertThatThrownBy(() -> core.patchNamespacedConfigMap(name, namespace, V1Patch.apply(applyBody(name, "a", "x"))).execute())
        .isInstanceOfSatisfying(
            InvalidException.class,
            e -> assertThat(e.fieldCauses()).anySatisfy(c -> assertThat(c.field()).isEqualTo("fieldManager")));
    assertThatThrownBy(() -> core.readNamespacedConfigMap(name, namespace).execute()).isInstanceOf(NotFoundException.class);
  }

  @Test
  void twoManagersApplyingDifferentContainersEachKeepTheirs() {
    String name = E2e.name("deploy-apply");
    String owner =
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"replicas\":1,"
            + "\"selector\":{\"matchLabels\":{\"app\":\"" + name + "\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"" + name
            + "\"}},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"registry.invalid/app:1\"}]}}}}";
    String sidecar =
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"template\":"
            + "{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"image\":\"registry.invalid/sidecar:1\"}]}}}}";

    apps.patchNamespacedDeployment(name, namespace, V1Patch.apply(owner)).fieldManager("owner").execute();
    V1Deployment both = apps.patchNamespacedDeployment(name, namespace, V1Patch.apply(sidecar)).fieldManager("injector").execute();
    V1Deployment ownerAgain = apps.patchNamespacedDeployment(name, namespace, V1Patch.apply(owner)).fieldManager("owner").execute();

    assertThat(both.getSpec().getTemplate().getSpec().getContainers())
        .extracting(V1Container::getName)
        .containsExactlyInAnyOrder("app", "sidecar");
    assertThat(ownerAgain.getSpec().getTemplate().getSpec().getContainers())
        .as("the owner's unchanged apply leaves the injector's container alone")
        .extracting(V1Container::getName)
        .containsExactlyInAnyOrder("app", "sidecar");
    assertThat(ownerAgain.getMetadata().getManagedFields())
        .extracting(V1ManagedFieldsEntry::getManager)
        .contains("owner", "injector");
  }

  private static String applyBody(String name, String key, String value) {
    // YAML is the apply content type; JSON is YAML too.
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"" + key + "\":\""
        + value + "\"}}";
  }
}
