package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.AppsV1Api;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.api.model.V1OwnerReference;
import dev.kubesdk.api.model.V1Secret;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.testing.ClusterProfile;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** kube-controller-manager's garbage collector deletes what an owner owned, or orphans it. */
@KubernetesTest(profile = ClusterProfile.FULL)
class GarbageCollectionIT {
  private ApiClient client;
  private CoreV1Api core;
  private String namespace;

  @BeforeEach
  void client(ApiClient client, @TestNamespace String namespace) {
    this.client = client;
    this.core = new CoreV1Api(client);
    this.namespace = namespace;
  }

  @Test
  void deletingADeploymentDeletesItsReplicaSetAndItsPods() {
    AppsV1Api apps = new AppsV1Api(client);
    String name = E2e.name("owned");
    apps.createNamespacedDeployment(namespace, DeploymentIT.deployment(name, 2)).execute();
    Cluster.awaitRunningPods(core, namespace, "app=" + name, 2);

    E2e.delete(client, apps.deleteNamespacedDeployment(name, namespace).toApiRequest());

    E2e.await(
        "the ReplicaSet and pods of " + name + " to be collected",
        () -> {
          boolean noSets = apps.listNamespacedReplicaSet(namespace).labelSelector("app=" + name).execute().getItems().isEmpty();
          boolean noPods = core.listNamespacedPod(namespace).labelSelector("app=" + name).execute().getItems().isEmpty();
          return noSets && noPods ? Boolean.TRUE : null;
        });
  }

  @Test
  void anObjectWhoseOwnerIsDeletedIsDeletedToo() {
    V1ConfigMap owner = core.createNamespacedConfigMap(namespace, E2e.configMap(E2e.name("owner"), Map.of())).execute();
    String dependent = E2e.name("dependent");
    core.createNamespacedSecret(namespace, secretOwnedBy(dependent, owner)).execute();

    E2e.delete(client, core.deleteNamespacedConfigMap(owner.getMetadata().getName(), namespace).toApiRequest());

    Cluster.awaitGone(
        "secret " + dependent + " (collected with its owner)",
        () -> core.readNamespacedSecret(dependent, namespace).execute());
  }

  @Test
  void orphanPropagationKeepsTheDependentAndDropsItsOwnerReference() {
    V1ConfigMap owner = core.createNamespacedConfigMap(namespace, E2e.configMap(E2e.name("owner"), Map.of())).execute();
    String dependent = E2e.name("orphan");
    core.createNamespacedSecret(namespace, secretOwnedBy(dependent, owner)).execute();

    E2e.delete(
        client,
        core.deleteNamespacedConfigMap(owner.getMetadata().getName(), namespace)
            .propagationPolicy("Orphan")
            .toApiRequest());

    V1Secret orphan =
        E2e.await(
            "secret " + dependent + " to lose its owner reference",
            () -> {
              V1Secret s = core.readNamespacedSecret(dependent, namespace).execute();
              List<V1OwnerReference> owners = s.getMetadata().getOwnerReferences();
              return owners == null || owners.isEmpty() ? s : null;
            });
    assertThat(orphan.getMetadata().getName()).isEqualTo(dependent);
    Cluster.awaitGone("the owner", () -> core.readNamespacedConfigMap(owner.getMetadata().getName(), namespace).execute());
  }

  private static V1Secret secretOwnedBy(String name, V1ConfigMap owner) {
    return new V1Secret()
        .metadata(
            new dev.kubesdk.api.model.V1ObjectMeta()
                .name(name)
                .addOwnerReferencesItem(
                    new V1OwnerReference()
                        .apiVersion("v1")
                        .kind("ConfigMap")
                        .name(owner.getMetadata().getName())
                        .uid(owner.getMetadata().getUid())))
        .stringData(Map.of("key", "value"));
  }
}
