package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.BatchV1Api;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Container;
import dev.kubesdk.api.model.V1Job;
import dev.kubesdk.api.model.V1JobSpec;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.api.model.V1PodSpec;
import dev.kubesdk.api.model.V1PodTemplateSpec;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.testing.ClusterProfile;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jobs run to completion: the simulated node ends each of their pods Succeeded. */
@KubernetesTest(profile = ClusterProfile.FULL)
class JobIT {
  @Test
  void aJobOfThreeCompletionsCompletesWithThreeSucceededPods(ApiClient client, @TestNamespace String namespace) {
    BatchV1Api batch = new BatchV1Api(client);
    String name = E2e.name("job");
    V1Job job =
        new V1Job()
            .metadata(new V1ObjectMeta().name(name))
            .spec(
                new V1JobSpec()
                    .completions(3)
                    .parallelism(2)
                    .backoffLimit(0)
                    .template(
                        new V1PodTemplateSpec()
                            .metadata(new V1ObjectMeta().putLabelsItem("job", name))
                            .spec(
                                new V1PodSpec()
                                    .restartPolicy("Never")
                                    .containers(
                                        List.of(
                                            new V1Container()
                                                .name("work")
                                                .image("registry.invalid/batch:1")
                                                .command(List.of("run-once")))))));

    batch.createNamespacedJob(namespace, job).execute();

    V1Job complete =
        E2e.await(
            "job " + name + " to complete",
            () -> {
              V1Job j = batch.readNamespacedJob(name, namespace).execute();
              boolean done =
                  j.getStatus() != null
                      && j.getStatus().getConditions() != null
                      && j.getStatus().getConditions().stream()
                          .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()));
              return done ? j : null;
            });
    assertThat(complete.getStatus().getSucceeded()).isEqualTo(3);
    assertThat(complete.getStatus().getFailed()).isIn(null, 0);
    assertThat(complete.getStatus().getCompletionTime()).isNotNull();
    List<V1Pod> pods = new CoreV1Api(client).listNamespacedPod(namespace).labelSelector("job=" + name).execute().getItems();
    assertThat(pods).hasSize(3).allSatisfy(pod -> assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded"));
  }
}
