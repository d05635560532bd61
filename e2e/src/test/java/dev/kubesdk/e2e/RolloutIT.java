package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.AppsV1Api;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Deployment;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.api.model.V1ReplicaSet;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.V1Patch;
import dev.kubesdk.testing.ClusterProfile;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deployments acted on by kube-controller-manager, kube-scheduler and the simulated node: rollout,
 * scale, and a new revision.
 */
@KubernetesTest(profile = ClusterProfile.FULL)
class RolloutIT {
  private AppsV1Api apps;
  private CoreV1Api core;
  private String namespace;

  @BeforeEach
  void client(ApiClient client, @TestNamespace String namespace) {
    this.apps = new AppsV1Api(client);
    this.core = new CoreV1Api(client);
    this.namespace = namespace;
  }

  @Test
  void aDeploymentBecomesAvailableWithItsPodsRunningAndReadyOnANode() {
    String name = E2e.name("rollout");

    apps.createNamespacedDeployment(namespace, DeploymentIT.deployment(name, 2)).execute();

    V1Deployment available = Cluster.awaitAvailable(apps, namespace, name, 2);
    assertThat(available.getStatus().getUpdatedReplicas()).isEqualTo(2);
    List<V1Pod> pods = Cluster.awaitRunningPods(core, namespace, "app=" + name, 2);
    assertThat(pods)
        .allSatisfy(
            pod -> {
              assertThat(pod.getSpec().getNodeName()).as("scheduled").isNotBlank();
              assertThat(pod.getStatus().getPodIP()).as("pod IP from the node").isNotBlank();
              assertThat(pod.getStatus().getConditions())
                  .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True"));
              assertThat(pod.getMetadata().getOwnerReferences())
                  .singleElement()
                  .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("ReplicaSet"));
            });
  }

  @Test
  void scalingUpAndDownChangesHowManyPodsRun() {
    String name = E2e.name("scale");
    apps.createNamespacedDeployment(namespace, DeploymentIT.deployment(name, 1)).execute();
    Cluster.awaitAvailable(apps, namespace, name, 1);

    apps.patchNamespacedDeploymentScale(name, namespace, V1Patch.merge("{\"spec\":{\"replicas\":3}}")).execute();
    Cluster.awaitAvailable(apps, namespace, name, 3);
    assertThat(Cluster.awaitRunningPods(core, namespace, "app=" + name, 3)).hasSize(3);

    apps.patchNamespacedDeploymentScale(name, namespace, V1Patch.merge("{\"spec\":{\"replicas\":1}}")).execute();
    Cluster.awaitAvailable(apps, namespace, name, 1);
    assertThat(Cluster.awaitRunningPods(core, namespace, "app=" + name, 1)).hasSize(1);
  }

  @Test
  void aNewPodTemplateRollsOutANewReplicaSetAndRetiresTheOld() {
    String name = E2e.name("revision");
    apps.createNamespacedDeployment(namespace, DeploymentIT.deployment(name, 2)).execute();
    Cluster.awaitAvailable(apps, namespace, name, 2);

    apps.patchNamespacedDeployment(
            name,
            namespace,
            V1Patch.strategicMerge(
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"registry.invalid/app:2\"}]}}}}"))
        .execute();

    E2e.await(
        "deployment " + name + " to roll out revision 2",
        () -> {
          V1Deployment d = apps.readNamespacedDeployment(name, namespace).execute();
          boolean done =
              d.getStatus() != null
                  && Long.valueOf(2).equals(d.getStatus().getObservedGeneration())
                  && Integer.valueOf(2).equals(d.getStatus().getUpdatedReplicas())
                  && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas())
                  && d.getStatus().getReplicas() == 2;
          return done ? d : null;
        });
    List<V1ReplicaSet> sets =
        apps.listNamespacedReplicaSet(namespace).labelSelector("app=" + name).execute().getItems();
    assertThat(sets).hasSize(2);
    assertThat(sets)
        .extracting(rs -> rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage() + " x" + rs.getSpec().getReplicas())
        .containsExactlyInAnyOrder("registry.invalid/app:1 x0", "registry.invalid/app:2 x2");
    assertThat(Cluster.awaitRunningPods(core, namespace, "app=" + name, 2))
        .allSatisfy(pod -> assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("registry.invalid/app:2"));
  }
}
