package dev.kubesdk.e2e;

import dev.kubesdk.api.AppsV1Api;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Deployment;
import dev.kubesdk.api.model.V1Container;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.api.model.V1PodSpec;
import dev.kubesdk.runtime.NotFoundException;
import java.util.List;

/** Waiting for what the full profile's controllers, scheduler and simulated nodes do. */
final class Cluster {
  private Cluster() {}

  /** Waits until deployment {@code name} is Available with exactly {@code replicas} ready pods. */
  static V1Deployment awaitAvailable(AppsV1Api apps, String namespace, String name, int replicas) {
    return E2e.await(
        "deployment " + name + " to be Available with " + replicas + " ready replicas",
        () -> {
          V1Deployment d = apps.readNamespacedDeployment(name, namespace).execute();
          if (d.getStatus() == null || d.getStatus().getConditions() == null) {
            return null;
          }
          boolean available =
              d.getStatus().getConditions().stream()
                  .anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()));
          boolean settled =
              Integer.valueOf(replicas).equals(d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas())
                  && Integer.valueOf(replicas).equals(d.getStatus().getReplicas() == null ? 0 : d.getStatus().getReplicas())
                  && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration());
          return available && settled ? d : null;
        });
  }

  /** Waits until {@code read} throws {@link NotFoundException}: the object is gone. */
  static void awaitGone(String what, Runnable read) {
    E2e.await(
        what + " to be gone",
        () -> {
          try {
            read.run();
            return null;
          } catch (NotFoundException gone) {
            return Boolean.TRUE;
          }
        });
  }

  /**
   * Waits until exactly {@code count} pods match {@code selector}, every one {@code Running} and
   * none being deleted; returns them.
   */
  static List<V1Pod> awaitRunningPods(CoreV1Api core, String namespace, String selector, int count) {
    return E2e.await(
        count + " Running pods " + selector,
        () -> {
          List<V1Pod> pods = core.listNamespacedPod(namespace).labelSelector(selector).execute().getItems();
          boolean settled =
              pods.size() == count
                  && pods.stream()
                      .allMatch(
                          p -> p.getMetadata().getDeletionTimestamp() == null
                              && p.getStatus() != null
                              && "Running".equals(p.getStatus().getPhase()));
          return settled ? pods : null;
        });
  }

  /** Creates a pod of one container "app" named {@code prefix-<random>} and waits until it runs. */
  static String runningPod(CoreV1Api core, String namespace, String prefix) {
    String name = E2e.name(prefix);
    core.createNamespacedPod(
            namespace,
            new V1Pod()
                .metadata(new V1ObjectMeta().name(name).putLabelsItem("app", name))
                .spec(
                    new V1PodSpec()
                        .containers(List.of(new V1Container().name("app").image("registry.invalid/app:1")))))
        .execute();
    awaitRunningPods(core, namespace, "app=" + name, 1);
    return name;
  }
}
