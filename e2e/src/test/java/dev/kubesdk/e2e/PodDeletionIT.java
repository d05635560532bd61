package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Container;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.api.model.V1PodSpec;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Graceful deletion: the server answers a pod DELETE with the pod itself. A pod bound to a node
 * waits for its kubelet (there is none here) and keeps a deletion timestamp; an unbound pod goes at
 * once.
 */
@KubernetesTest
class PodDeletionIT {
  private CoreV1Api core;
  private String namespace;

  @BeforeEach
  void client(ApiClient client, @TestNamespace String namespace) {
    this.core = new CoreV1Api(client);
    this.namespace = namespace;
  }

  private V1Pod pod(String name, String nodeName) {
    V1PodSpec spec = new V1PodSpec().containers(List.of(new V1Container().name("main").image("registry.invalid/app:1")));
    if (nodeName != null) {
      spec.nodeName(nodeName);
    }
    return core.createNamespacedPod(namespace, new V1Pod().metadata(new V1ObjectMeta().name(name)).spec(spec)).execute();
  }

  @Test
  void deletingABoundPodAnswersWithThePodMarkedForDeletion() {
    String name = E2e.name("pod-bound");
    V1Pod created = pod(name, "node-gone");

    V1Pod answer = core.deleteNamespacedPod(name, namespace).gracePeriodSeconds(30).execute();

    assertThat(answer.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(answer.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(answer.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(30L);
    assertThat(core.readNamespacedPod(name, namespace).execute().getMetadata().getDeletionTimestamp()).isNotNull();
  }

  @Test
  void deletingAnUnboundPodRemovesItAtOnce() {
    String name = E2e.name("pod-unbound");
    pod(name, null);

    V1Pod answer = core.deleteNamespacedPod(name, namespace).execute();

    assertThat(answer.getMetadata().getName()).isEqualTo(name);
    assertThatThrownBy(() -> core.readNamespacedPod(name, namespace).execute()).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aZeroGracePeriodRemovesEvenABoundPod() {
    String name = E2e.name("pod-force");
    pod(name, "node-gone");

    core.deleteNamespacedPod(name, namespace).gracePeriodSeconds(0).execute();

    assertThatThrownBy(() -> core.readNamespacedPod(name, namespace).execute()).isInstanceOf(NotFoundException.class);
  }
}
