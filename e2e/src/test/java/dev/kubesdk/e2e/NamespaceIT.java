package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Namespace;
import dev.kubesdk.api.model.V1Status;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.runtime.V1Patch;
import dev.kubesdk.testing.KubernetesTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cluster-scoped objects, through namespaces themselves. */
@KubernetesTest
class NamespaceIT {
  private ApiClient client;
  private CoreV1Api core;
  private final List<String> created = new ArrayList<>();

  @BeforeEach
  void client(ApiClient client) {
    this.client = client;
    core = new CoreV1Api(client);
  }

  @AfterEach
  void deleteCreatedNamespaces() {
    for (String name : created) {
      try {
        E2e.delete(client, core.deleteNamespace(name).toApiRequest());
      } catch (NotFoundException e) {
        // Deleted by the test itself.
      }
    }
  }

  private V1Namespace create(V1Namespace namespace) {
    V1Namespace answer = core.createNamespace(namespace).execute();
    created.add(answer.getMetadata().getName());
    return answer;
  }

  @Test
  void aCreatedNamespaceIsReadBackActiveWithItsLabels() {
    String name = E2e.name("kubesdk-ns");

    V1Namespace answer =
        create(new V1Namespace().metadata(new V1ObjectMeta().name(name).putLabelsItem("team", "e2e")));
    V1Namespace read = core.readNamespace(name).execute();

    assertThat(answer.getMetadata().getUid()).isNotBlank();
    assertThat(read.getMetadata().getUid()).isEqualTo(answer.getMetadata().getUid());
    assertThat(read.getMetadata().getLabels())
        .containsEntry("team", "e2e")
        // Set by the server on every namespace since 1.21.
        .containsEntry("kubernetes.io/metadata.name", name);
    assertThat(read.getStatus().getPhase()).isEqualTo("Active");
  }

  @Test
  void generateNameLetsTheServerPickTheName() {
    V1Namespace answer = create(new V1Namespace().metadata(new V1ObjectMeta().generateName("kubesdk-gen-")));

    assertThat(answer.getMetadata().getName()).startsWith("kubesdk-gen-").hasSizeGreaterThan("kubesdk-gen-".length());
    assertThat(core.readNamespace(answer.getMetadata().getName()).execute().getMetadata().getUid())
        .isEqualTo(answer.getMetadata().getUid());
  }

  @Test
  void aLabelSelectorListsOnlyTheMatchingNamespaces() {
    String run = E2e.name("run");
    String a = create(ns(E2e.name("kubesdk-sel"), Map.of("run", run, "color", "red"))).getMetadata().getName();
    String b = create(ns(E2e.name("kubesdk-sel"), Map.of("run", run, "color", "blue"))).getMetadata().getName();

    assertThat(core.listNamespace().labelSelector("run=" + run).execute().getItems())
        .extracting(n -> n.getMetadata().getName())
        .containsExactlyInAnyOrder(a, b);
    assertThat(core.listNamespace().labelSelector("run=" + run + ",color!=red").execute().getItems())
        .extracting(n -> n.getMetadata().getName())
        .containsExactly(b);
  }

  @Test
  void aMergePatchOnANamespaceAddsAnAnnotation() {
    String name = create(ns(E2e.name("kubesdk-patch"), Map.of())).getMetadata().getName();

    V1Namespace patched =
        core.patchNamespace(name, V1Patch.merge("{\"metadata\":{\"annotations\":{\"kubesdk.dev/note\":\"hi\"}}}"))
            .execute();

    assertThat(patched.getMetadata().getAnnotations()).containsEntry("kubesdk.dev/note", "hi");
    assertThat(core.readNamespace(name).execute().getMetadata().getAnnotations())
        .containsEntry("kubesdk.dev/note", "hi");
  }

  @Test
  void aDeletedNamespaceIsTerminatingOrGone() {
    String name = create(ns(E2e.name("kubesdk-del"), Map.of())).getMetadata().getName();

    E2e.delete(client, core.deleteNamespace(name).toApiRequest());

    // Without kube-controller-manager nobody removes the "kubernetes" finalizer, so the namespace
    // may stay Terminating; with one (k3s), it goes away. Both are the server honouring the delete.
    try {
      V1Namespace read = core.readNamespace(name).execute();
      assertThat(read.getMetadata().getDeletionTimestamp()).isNotNull();
      assertThat(read.getStatus().getPhase()).isEqualTo("Terminating");
    } catch (NotFoundException gone) {
      assertThat(gone.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void deletingANamespaceWithTheGeneratedCallReturnsWithoutError() {
    String name = create(ns(E2e.name("kubesdk-del-typed"), Map.of())).getMetadata().getName();

    V1Status answer = core.deleteNamespace(name).execute();

    assertThat(answer.getStatus()).isEqualTo("Success");
    assertThat(answer.getDetails().getName()).isEqualTo(name);
    assertThat(core.readNamespace(name).execute().getMetadata().getDeletionTimestamp()).isNotNull();
  }

  @Test
  void readingANamespaceThatDoesNotExistIsANotFoundException() {
    String name = E2e.name("kubesdk-missing");

    assertThatThrownBy(() -> core.readNamespace(name).execute())
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.reason()).isEqualTo("NotFound");
              assertThat(e.getMessage())
                  .isEqualTo("GET /api/v1/namespaces/" + name + ": 404 NotFound: namespaces \"" + name + "\" not found");
            });
  }

  private static V1Namespace ns(String name, Map<String, String> labels) {
    return new V1Namespace().metadata(new V1ObjectMeta().name(name).labels(labels));
  }
}
