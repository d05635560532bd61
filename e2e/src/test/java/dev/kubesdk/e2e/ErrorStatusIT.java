package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.AppsV1Api;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1Status;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ConflictException;
import dev.kubesdk.runtime.FieldCause;
import dev.kubesdk.runtime.InvalidException;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 404, 409 and 422 answers as typed exceptions carrying the decoded Status. */
@KubernetesTest
class ErrorStatusIT {
  private CoreV1Api core;
  private AppsV1Api apps;
  private String namespace;

  @BeforeEach
  void client(ApiClient client, @TestNamespace String namespace) {
    this.core = new CoreV1Api(client);
    this.apps = new AppsV1Api(client);
    this.namespace = namespace;
  }

  @Test
  void deletingAMissingDeploymentIsANotFoundExceptionWithTheStatus() {
    String name = E2e.name("missing");

    assertThatThrownBy(() -> apps.deleteNamespacedDeployment(name, namespace).execute())
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo(
                      "DELETE /apis/apps/v1/namespaces/" + namespace + "/deployments/" + name
                          + ": 404 NotFound: deployments.apps \"" + name + "\" not found");
              assertThat(e.method()).isEqualTo("DELETE");
              assertThat(e.path()).isEqualTo("/apis/apps/v1/namespaces/" + namespace + "/deployments/" + name);
              V1Status status = e.status().orElseThrow();
              assertThat(status.getCode()).isEqualTo(404);
              assertThat(status.getStatus()).isEqualTo("Failure");
              assertThat(status.getReason()).isEqualTo("NotFound");
              assertThat(status.getDetails().getName()).isEqualTo(name);
              assertThat(status.getDetails().getGroup()).isEqualTo("apps");
              assertThat(status.getDetails().getKind()).isEqualTo("deployments");
              assertThat(e.headers()).containsKey("content-type");
              assertThat(e.body()).contains("\"kind\":\"Status\"");
            });
  }

  @Test
  void creatingAnExistingConfigMapIsAConflictWithReasonAlreadyExists() {
    String name = E2e.name("twice");
    core.createNamespacedConfigMap(namespace, E2e.configMap(name, Map.of())).execute();

    assertThatThrownBy(() -> core.createNamespacedConfigMap(namespace, E2e.configMap(name, Map.of())).execute())
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(409);
              assertThat(e.reason()).isEqualTo("AlreadyExists");
              assertThat(e.statusMessage()).isEqualTo("configmaps \"" + name + "\" already exists");
              assertThat(e.status().orElseThrow().getDetails().getName()).isEqualTo(name);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "POST /api/v1/namespaces/" + namespace + "/configmaps: 409 AlreadyExists: configmaps \"" + name
                          + "\" already exists");
            });
  }

  @Test
  void anInvalidNameIsAnInvalidExceptionNamingTheField() {
    V1ConfigMap bad = new V1ConfigMap().metadata(new V1ObjectMeta().name("Not_A_Valid_Name"));

    assertThatThrownBy(() -> core.createNamespacedConfigMap(namespace, bad).execute())
        .isInstanceOfSatisfying(
            InvalidException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(422);
              assertThat(e.reason()).isEqualTo("Invalid");
              assertThat(e.fieldCauses())
                  .anySatisfy(
                      c -> {
                        assertThat(c.field()).isEqualTo("metadata.name");
                        assertThat(c.reason()).isEqualTo("FieldValueInvalid");
                        assertThat(c.message()).contains("Not_A_Valid_Name");
                      });
              assertThat(e.status().orElseThrow().getDetails().getCauses()).hasSameSizeAs(e.fieldCauses());
              assertThat(e.getMessage()).startsWith("POST /api/v1/namespaces/" + namespace + "/configmaps: 422 Invalid: ");
            });
  }

  @Test
  void everyInvalidFieldIsACause() {
    V1ConfigMap bad =
        new V1ConfigMap()
            .metadata(new V1ObjectMeta().name(E2e.name("cm")).putLabelsItem("bad label", "x"))
            .data(Map.of("bad key!", "v"));

    assertThatThrownBy(() -> core.createNamespacedConfigMap(namespace, bad).execute())
        .isInstanceOfSatisfying(
            InvalidException.class,
            e ->
                assertThat(e.fieldCauses())
                    .extracting(FieldCause::field)
                    .contains("metadata.labels", "data[bad key!]"));
  }

  @Test
  void aMissingNamespaceIsNotFoundForTheNamespace() {
    String missing = E2e.name("no-such-namespace");

    assertThatThrownBy(() -> core.createNamespacedConfigMap(missing, E2e.configMap("x", Map.of())).execute())
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.status().orElseThrow().getDetails().getKind()).isEqualTo("namespaces");
              assertThat(e.statusMessage()).isEqualTo("namespaces \"" + missing + "\" not found");
            });
  }
}
