package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Binding;
import dev.kubesdk.api.model.V1Container;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1ObjectReference;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.api.model.V1PodList;
import dev.kubesdk.api.model.V1PodSpec;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.V1Patch;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pods listed by label and field selectors. There is no scheduler or kubelet: pods stay Pending
 * unless a test binds them or writes their status, which is exactly what makes the selectors'
 * answers predictable.
 */
@KubernetesTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodSelectorIT {
  private CoreV1Api core;
  private String namespace;

  @BeforeAll
  void createPods(ApiClient client, @TestNamespace String namespace) {
    this.core = new CoreV1Api(client);
    this.namespace = namespace;
    create("web-1", Map.of("app", "shop", "tier", "web"), "node-a");
    create("web-2", Map.of("app", "shop", "tier", "web", "canary", "true"), "node-b");
    create("api-1", Map.of("app", "shop", "tier", "api"), "node-a");
    create("db-1", Map.of("app", "db"), null);
  }

  private void create(String name, Map<String, String> labels, String nodeName) {
    V1PodSpec spec = new V1PodSpec().containers(List.of(new V1Container().name("main").image("registry.invalid/app:1")));
    if (nodeName != null) {
      // Set at creation, the node name bypasses scheduling; no such node needs to exist.
      spec.nodeName(nodeName);
    }
    core.createNamespacedPod(namespace, new V1Pod().metadata(new V1ObjectMeta().name(name).labels(labels)).spec(spec))
        .execute();
  }

  private List<String> names(V1PodList list) {
    return list.getItems().stream().map(p -> p.getMetadata().getName()).toList();
  }

  @Test
  void anEqualitySelectorMatchesTheLabelledPods() {
    assertThat(names(core.listNamespacedPod(namespace).labelSelector("app=shop,tier=web").execute()))
        .containsExactlyInAnyOrder("web-1", "web-2");
  }

  @Test
  void aSetBasedSelectorWithAbsenceMatchesTheRightPods() {
    assertThat(names(core.listNamespacedPod(namespace).labelSelector("tier in (web,api),!canary").execute()))
        .containsExactlyInAnyOrder("web-1", "api-1");
  }

  @Test
  void aFieldSelectorOnTheNodeNameMatchesThePodsOfThatNode() {
    assertThat(names(core.listNamespacedPod(namespace).fieldSelector("spec.nodeName=node-a").execute()))
        .containsExactlyInAnyOrder("web-1", "api-1");
    assertThat(names(core.listNamespacedPod(namespace).labelSelector("app in (shop,db)").fieldSelector("spec.nodeName=").execute()))
        .containsExactly("db-1");
  }

  @Test
  void labelAndFieldSelectorsCombine() {
    assertThat(
            names(
                core.listNamespacedPod(namespace)
                    .labelSelector("app=shop")
                    .fieldSelector("spec.nodeName=node-b,metadata.name=web-2")
                    .execute()))
        .containsExactly("web-2");
  }

  @Test
  void aPatchedStatusIsWhatTheStatusPhaseSelectorSees() {
    create("status-1", Map.of("app", "status"), "node-c");

    V1Pod patched =
        core.patchNamespacedPodStatus(
                "status-1",
                namespace,
                V1Patch.merge(
                    "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}"))
            .execute();

    assertThat(patched.getStatus().getPhase()).isEqualTo("Running");
    assertThat(patched.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Ready");
      assertThat(c.getStatus()).isEqualTo("True");
    });
    assertThat(names(core.listNamespacedPod(namespace).fieldSelector("status.phase=Running").execute()))
        .containsExactly("status-1");
  }

  @Test
  void bindingAPodSetsItsNodeName() {
    create("unbound-1", Map.of("app", "binding"), null);

    core.createNamespacedPodBinding(
            "unbound-1",
            namespace,
            new V1Binding()
                .metadata(new V1ObjectMeta().name("unbound-1"))
                .target(new V1ObjectReference().kind("Node").apiVersion("v1").name("node-z")))
        .execute();

    assertThat(core.readNamespacedPod("unbound-1", namespace).execute().getSpec().getNodeName()).isEqualTo("node-z");
    assertThat(names(core.listNamespacedPod(namespace).fieldSelector("spec.nodeName=node-z").execute()))
        .containsExactly("unbound-1");
  }
}
