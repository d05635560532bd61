package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Container;
import dev.kubesdk.api.model.V1Node;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.api.model.V1PodCondition;
import dev.kubesdk.api.model.V1PodSpec;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.testing.ClusterProfile;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** kube-scheduler places pods by node labels, onto nodes kwok simulates. */
@KubernetesTest(profile = ClusterProfile.FULL)
class SchedulingIT {
  private CoreV1Api core;
  private String namespace;
  private final List<String> nodes = new ArrayList<>();

  @BeforeEach
  void client(ApiClient client, @TestNamespace String namespace) {
    this.core = new CoreV1Api(client);
    this.namespace = namespace;
  }

  @AfterEach
  void deleteNodes() {
    for (String node : nodes) {
      try {
        core.deleteNode(node).execute();
      } catch (NotFoundException e) {
        // Deleted by the test.
      }
    }
  }

  @Test
  void aPodWithANodeSelectorRunsOnTheNodeCarryingTheLabel() {
    String pool = E2e.name("pool");
    String node = addNode(E2e.name("kubesdk-node"), Map.of("kubesdk.dev/pool", pool));
    String name = E2e.name("placed");

    core.createNamespacedPod(namespace, pod(name, Map.of("kubesdk.dev/pool", pool))).execute();

    V1Pod running = awaitPhase(name, "Running");
    assertThat(running.getSpec().getNodeName()).isEqualTo(node);
  }

  @Test
  void aPodWhoseSelectorNoNodeMatchesStaysPendingAsUnschedulable() {
    String name = E2e.name("nowhere");

    core.createNamespacedPod(namespace, pod(name, Map.of("kubesdk.dev/pool", E2e.name("absent")))).execute();

    V1PodCondition scheduled =
        E2e.await(
            "pod " + name + " to be found unschedulable",
            () -> {
              V1Pod p = core.readNamespacedPod(name, namespace).execute();
              if (p.getStatus() == null || p.getStatus().getConditions() == null) {
                return null;
              }
              return p.getStatus().getConditions().stream()
                  .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                  .findFirst()
                  .orElse(null);
            });
    assertThat(scheduled.getReason()).isEqualTo("Unschedulable");
    assertThat(scheduled.getMessage()).contains("node(s) didn't match Pod's node affinity/selector");
    V1Pod pending = core.readNamespacedPod(name, namespace).execute();
    assertThat(pending.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(pending.getSpec().getNodeName()).isNull();
  }

  /**
   * Adds a node for kwok to simulate: kwok takes every node carrying its annotation and makes it
   * Ready. Returns its name once it is.
   */
  private String addNode(String name, Map<String, String> labels) {
    core.createNode(
            new V1Node()
                .metadata(
                    new V1ObjectMeta()
                        .name(name)
                        .putAnnotationsItem("kwok.x-k8s.io/node", "fake")
                        .labels(labels)))
        .execute();
    nodes.add(name);
    E2e.await(
        "node " + name + " to be Ready",
        () -> {
          V1Node n = core.readNode(name).execute();
          boolean ready =
              n.getStatus() != null
                  && n.getStatus().getConditions() != null
                  && n.getStatus().getConditions().stream()
                      .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
          return ready ? n : null;
        });
    return name;
  }

  private static V1Pod pod(String name, Map<String, String> nodeSelector) {
    return new V1Pod()
        .metadata(new V1ObjectMeta().name(name))
        .spec(
            new V1PodSpec()
                .nodeSelector(nodeSelector)
                .containers(List.of(new V1Container().name("app").image("registry.invalid/app:1"))));
  }

  private V1Pod awaitPhase(String name, String phase) {
    return E2e.await(
        "pod " + name + " to be " + phase,
        () -> {
          V1Pod p = core.readNamespacedPod(name, namespace).execute();
          return p.getStatus() != null && phase.equals(p.getStatus().getPhase()) ? p : null;
        });
  }
}
