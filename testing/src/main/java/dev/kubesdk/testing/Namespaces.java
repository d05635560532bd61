package dev.kubesdk.testing;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Namespace;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.NotFoundException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Creates and deletes the namespaces of {@link KubernetesTest} classes. */
final class Namespaces {
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  private static final Duration SERVICE_ACCOUNT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(50);

  private Namespaces() {}

  static void create(ApiClient client, String name) {
    new CoreV1Api(client)
        .createNamespace(
            new V1Namespace()
                .metadata(new V1ObjectMeta().name(name).putLabelsItem(MANAGED_BY, "kubesdk-testing")))
        .execute();
  }

  /**
   * Waits until kube-controller-manager has given the namespace its {@code default}
   * ServiceAccount: until then the ServiceAccount admission plugin rejects every pod in it.
   */
  static void awaitServiceAccount(ApiClient client, String name) {
    long deadline = System.nanoTime() + SERVICE_ACCOUNT_TIMEOUT.toNanos();
    while (ClusterComponents.serviceAccountMissing(client, name).isPresent()) {
      if (System.nanoTime() > deadline) {
        throw new ControlPlaneException(
            "namespace " + name + " has no ServiceAccount default after " + SERVICE_ACCOUNT_TIMEOUT
                + "; is kube-controller-manager running (its log is in the control plane's folder)?");
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  /**
   * Deletes the namespace without waiting for it to go: in the API-only profile no namespace
   * controller runs, so there a deleted namespace stays Terminating until the control plane stops.
   */
  static void delete(ApiClient client, String name) {
    try {
      // The server answers a namespace DELETE with the Namespace itself (now Terminating), not the
      // Status the spec declares, so the body is ignored rather than decoded.
      client.execute(new CoreV1Api(client).deleteNamespace(name).toApiRequest(), Void.class);
    } catch (NotFoundException e) {
      // Already gone: a test deleted it itself.
    }
  }
}
