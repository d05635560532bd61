package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonPrimitive;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.api.model.V1DeleteOptions;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1Preconditions;
import dev.kubesdk.api.model.V1Secret;
import dev.kubesdk.api.model.V1Status;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiException;
import dev.kubesdk.runtime.ConflictException;
import dev.kubesdk.runtime.InvalidException;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Create, read, replace and delete of ConfigMaps and Secrets. */
@KubernetesTest
class ConfigMapAndSecretIT {
  private CoreV1Api core;
  private String namespace;

  @BeforeEach
  void client(ApiClient client, @TestNamespace String namespace) {
    this.core = new CoreV1Api(client);
    this.namespace = namespace;
  }

  @Test
  void aConfigMapIsCreatedReadReplacedAndDeleted() {
    String name = E2e.name("cm");

    V1ConfigMap created = core.createNamespacedConfigMap(namespace, E2e.configMap(name, Map.of("a", "1"))).execute();
    V1ConfigMap read = core.readNamespacedConfigMap(name, namespace).execute();
    read.getData().put("b", "2");
    V1ConfigMap replaced = core.replaceNamespacedConfigMap(name, namespace, read).execute();
    V1Status deleted = core.deleteNamespacedConfigMap(name, namespace).execute();

    assertThat(created.getMetadata().getNamespace()).isEqualTo(namespace);
    assertThat(created.getMetadata().getCreationTimestamp()).isNotNull();
    assertThat(read.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(replaced.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
    assertThat(replaced.getMetadata().getResourceVersion()).isNotEqualTo(created.getMetadata().getResourceVersion());
    assertThat(deleted.getStatus()).isEqualTo("Success");
    assertThat(deleted.getDetails().getName()).isEqualTo(name);
    assertThatThrownBy(() -> core.readNamespacedConfigMap(name, namespace).execute())
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void binaryDataRoundTripsEveryByteValue() {
    String name = E2e.name("cm-bin");
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }

    core.createNamespacedConfigMap(namespace, new V1ConfigMap().metadata(new V1ObjectMeta().name(name)).putBinaryDataItem("all", bytes))
        .execute();

    assertThat(core.readNamespacedConfigMap(name, namespace).execute().getBinaryData().get("all")).isEqualTo(bytes);
  }

  @Test
  void replacingWithAStaleResourceVersionIsAConflict() {
    String name = E2e.name("cm-stale");
    V1ConfigMap first = core.createNamespacedConfigMap(namespace, E2e.configMap(name, Map.of("v", "1"))).execute();
    core.replaceNamespacedConfigMap(name, namespace, E2e.configMap(name, Map.of("v", "2")).metadata(
            new V1ObjectMeta().name(name).resourceVersion(first.getMetadata().getResourceVersion())))
        .execute();

    V1ConfigMap stale =
        E2e.configMap(name, Map.of("v", "3"))
            .metadata(new V1ObjectMeta().name(name).resourceVersion(first.getMetadata().getResourceVersion()));

    assertThatThrownBy(() -> core.replaceNamespacedConfigMap(name, namespace, stale).execute())
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(409);
              assertThat(e.reason()).isEqualTo("Conflict");
              assertThat(e.statusMessage()).contains("the object has been modified");
            });
    assertThat(core.readNamespacedConfigMap(name, namespace).execute().getData()).containsEntry("v", "2");
  }

  @Test
  void anImmutableConfigMapRefusesNewData() {
    String name = E2e.name("cm-immutable");
    core.createNamespacedConfigMap(namespace, E2e.configMap(name, Map.of("k", "v")).immutable(true)).execute();
    V1ConfigMap changed = core.readNamespacedConfigMap(name, namespace).execute();
    changed.getData().put("k", "other");

    assertThatThrownBy(() -> core.replaceNamespacedConfigMap(name, namespace, changed).execute())
        .isInstanceOfSatisfying(
            InvalidException.class,
            e -> assertThat(e.fieldCauses()).anySatisfy(c -> assertThat(c.field()).isEqualTo("data")));
    assertThat(core.readNamespacedConfigMap(name, namespace).execute().getData()).containsEntry("k", "v");
  }

  @Test
  void aSecretKeepsItsBytesAndTurnsStringDataIntoData() {
    String name = E2e.name("secret");
    byte[] key = {0, 1, 2, (byte) 0xfe, (byte) 0xff};

    V1Secret created =
        core.createNamespacedSecret(
                namespace,
                new V1Secret()
                    .metadata(new V1ObjectMeta().name(name))
                    .type("Opaque")
                    .putDataItem("key", key)
                    .putStringDataItem("password", "s3cr3t"))
            .execute();
    V1Secret read = core.readNamespacedSecret(name, namespace).execute();

    assertThat(created.getType()).isEqualTo("Opaque");
    assertThat(read.getData().get("key")).isEqualTo(key);
    assertThat(read.getData().get("password")).isEqualTo("s3cr3t".getBytes(StandardCharsets.UTF_8));
    assertThat(read.getStringData()).isNull();
  }

  @Test
  void aSecretListedByTypeAndDeletedIsGone() {
    String name = E2e.name("secret-tls");
    core.createNamespacedSecret(
            namespace,
            new V1Secret()
                .metadata(new V1ObjectMeta().name(name))
                .type("kubernetes.io/basic-auth")
                .putStringDataItem("username", "admin")
                .putStringDataItem("password", "pw"))
        .execute();

    assertThat(core.listNamespacedSecret(namespace).fieldSelector("type=kubernetes.io/basic-auth").execute().getItems())
        .extracting(s -> s.getMetadata().getName())
        .containsExactly(name);

    core.deleteNamespacedSecret(name, namespace).execute();

    assertThat(core.listNamespacedSecret(namespace).fieldSelector("metadata.name=" + name).execute().getItems()).isEmpty();
  }

  @Test
  void aDryRunCreateAnswersWithTheObjectButStoresNothing() {
    String name = E2e.name("cm-dry");

    V1ConfigMap answer = core.createNamespacedConfigMap(namespace, E2e.configMap(name, Map.of("a", "1"))).dryRun("All").execute();

    assertThat(answer.getMetadata().getName()).isEqualTo(name);
    assertThat(answer.getMetadata().getCreationTimestamp()).isNotNull();
    assertThatThrownBy(() -> core.readNamespacedConfigMap(name, namespace).execute()).isInstanceOf(NotFoundException.class);
  }

  @Test
  void deleteCollectionRemovesOnlyTheSelectedObjects() {
    String run = E2e.name("run");
    for (int i = 0; i < 3; i++) {
      core.createNamespacedConfigMap(
              namespace,
              new V1ConfigMap().metadata(new V1ObjectMeta().name(run + "-" + i).putLabelsItem("run", run).putLabelsItem("doomed", Boolean.toString(i < 2))))
          .execute();
    }

    core.deleteCollectionNamespacedConfigMap(namespace).labelSelector("run=" + run + ",doomed=true").execute();

    assertThat(core.listNamespacedConfigMap(namespace).labelSelector("run=" + run).execute().getItems())
        .extracting(c -> c.getMetadata().getName())
        .containsExactly(run + "-2");
  }

  @Test
  void aDeleteWhosePreconditionNamesAnotherUidIsAConflictAndDeletesNothing() {
    String name = E2e.name("cm-precondition");
    core.createNamespacedConfigMap(namespace, E2e.configMap(name, Map.of())).execute();

    assertThatThrownBy(
            () ->
                core.deleteNamespacedConfigMap(name, namespace)
                    .body(new V1DeleteOptions().preconditions(new V1Preconditions().uid("00000000-0000-0000-0000-000000000000")))
                    .execute())
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("Conflict");
              assertThat(e.statusMessage()).contains("the UID in the precondition (00000000-0000-0000-0000-000000000000) does not match");
            });
    assertThat(core.readNamespacedConfigMap(name, namespace).execute().getMetadata().getName()).isEqualTo(name);
  }

  @Test
  void anUnknownFieldIsSentAndStrictValidationRejectsIt() {
    String name = E2e.name("cm-strict");
    V1ConfigMap withUnknown = E2e.configMap(name, Map.of()).putUnknownField("bogus", new JsonPrimitive("x"));

    assertThatThrownBy(() -> core.createNamespacedConfigMap(namespace, withUnknown).fieldValidation("Strict").execute())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.reason()).isEqualTo("BadRequest");
              assertThat(e.statusMessage()).contains("unknown field \"bogus\"");
            });
    V1ConfigMap ignored = core.createNamespacedConfigMap(namespace, withUnknown).fieldValidation("Ignore").execute();
    assertThat(ignored.getUnknownFields()).doesNotContainKey("bogus");
  }
}
