package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.AppsV1Api;
import dev.kubesdk.api.model.V1Container;
import dev.kubesdk.api.model.V1Deployment;
import dev.kubesdk.api.model.V1DeploymentSpec;
import dev.kubesdk.api.model.V1DeploymentStatus;
import dev.kubesdk.api.model.V1LabelSelector;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1PodSpec;
import dev.kubesdk.api.model.V1PodTemplateSpec;
import dev.kubesdk.api.model.V1Scale;
import dev.kubesdk.api.model.V1ScaleSpec;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.IntOrString;
import dev.kubesdk.runtime.V1Patch;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deployments: create, the scale subresource and the status subresource. */
@KubernetesTest
class DeploymentIT {
  private AppsV1Api apps;
  private String namespace;

  @BeforeEach
  void client(ApiClient client, @TestNamespace String namespace) {
    this.apps = new AppsV1Api(client);
    this.namespace = namespace;
  }

  /** A deployment of {@code replicas} pods of one container, labelled {@code app=<name>}. */
  static V1Deployment deployment(String name, int replicas) {
    Map<String, String> labels = Map.of("app", name);
    return new V1Deployment()
        .metadata(new V1ObjectMeta().name(name).labels(labels))
        .spec(
            new V1DeploymentSpec()
                .replicas(replicas)
                .selector(new V1LabelSelector().matchLabels(labels))
                .template(
                    new V1PodTemplateSpec()
                        .metadata(new V1ObjectMeta().labels(labels))
                        .spec(
                            new V1PodSpec()
                                .containers(
                                    List.of(new V1Container().name("app").image("registry.invalid/app:1"))))));
  }

  @Test
  void aCreatedDeploymentGetsTheServersDefaults() {
    String name = E2e.name("deploy");

    V1Deployment created = apps.createNamespacedDeployment(namespace, deployment(name, 2)).execute();

    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(created.getSpec().getReplicas()).isEqualTo(2);
    assertThat(created.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(created.getSpec().getStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(IntOrString.of("25%"));
    assertThat(created.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
    assertThat(created.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy())
        .isEqualTo("IfNotPresent");
  }

  @Test
  void theScaleSubresourceReadsAndChangesTheReplicaCount() {
    String name = E2e.name("deploy-scale");
    apps.createNamespacedDeployment(namespace, deployment(name, 1)).execute();

    V1Scale scale = apps.readNamespacedDeploymentScale(name, namespace).execute();
    V1Scale replaced =
        apps.replaceNamespacedDeploymentScale(
                name,
                namespace,
                new V1Scale()
                    .metadata(new V1ObjectMeta().name(name).namespace(namespace).resourceVersion(scale.getMetadata().getResourceVersion()))
                    .spec(new V1ScaleSpec().replicas(4)))
            .execute();

    assertThat(scale.getSpec().getReplicas()).isEqualTo(1);
    assertThat(scale.getStatus().getSelector()).isEqualTo("app=" + name);
    assertThat(replaced.getSpec().getReplicas()).isEqualTo(4);
    V1Deployment read = apps.readNamespacedDeployment(name, namespace).execute();
    assertThat(read.getSpec().getReplicas()).isEqualTo(4);
    assertThat(read.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void aMergePatchOnTheScaleSubresourceScalesTheDeployment() {
    String name = E2e.name("deploy-pscale");
    apps.createNamespacedDeployment(namespace, deployment(name, 3)).execute();

    V1Scale patched =
        apps.patchNamespacedDeploymentScale(name, namespace, V1Patch.merge("{\"spec\":{\"replicas\":6}}")).execute();

    assertThat(patched.getSpec().getReplicas()).isEqualTo(6);
    assertThat(apps.readNamespacedDeployment(name, namespace).execute().getSpec().getReplicas()).isEqualTo(6);
  }

  @Test
  void theStatusSubresourceWritesStatusAndIgnoresSpec() {
    String name = E2e.name("deploy-status");
    V1Deployment created = apps.createNamespacedDeployment(namespace, deployment(name, 2)).execute();

    created.getSpec().replicas(9);
    created.status(new V1DeploymentStatus().replicas(2).readyReplicas(1).availableReplicas(1).observedGeneration(1L));
    V1Deployment answer = apps.replaceNamespacedDeploymentStatus(name, namespace, created).execute();

    assertThat(answer.getStatus().getReadyReplicas()).isEqualTo(1);
    V1Deployment status = apps.readNamespacedDeploymentStatus(name, namespace).execute();
    assertThat(status.getStatus().getReplicas()).isEqualTo(2);
    assertThat(status.getStatus().getAvailableReplicas()).isEqualTo(1);
    assertThat(status.getStatus().getObservedGeneration()).isEqualTo(1L);
    assertThat(status.getSpec().getReplicas()).as("spec written through /status is ignored").isEqualTo(2);
  }

  @Test
  void aSpecChangeThroughTheMainResourceLeavesStatusAlone() {
    String name = E2e.name("deploy-spec");
    apps.createNamespacedDeployment(namespace, deployment(name, 1)).execute();
    apps.patchNamespacedDeploymentStatus(name, namespace, V1Patch.merge("{\"status\":{\"replicas\":1,\"readyReplicas\":1}}"))
        .execute();

    V1Deployment patched =
        apps.patchNamespacedDeployment(
                name, namespace, V1Patch.merge("{\"spec\":{\"replicas\":5},\"status\":{\"readyReplicas\":7}}"))
            .execute();

    assertThat(patched.getSpec().getReplicas()).isEqualTo(5);
    assertThat(patched.getStatus().getReadyReplicas()).as("status written through the main resource is ignored").isEqualTo(1);
  }
}
