package dev.kubesdk.testing;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Namespace;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.NotFoundException;

/** Creates and deletes the namespaces of {@link KubernetesTest} classes. */
final class Namespaces {
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private Namespaces() {}

  static void create(ApiClient client, String name) {
    new CoreV1Api(client)
        .createNamespace(
            new V1Namespace()
                .metadata(new V1ObjectMeta().name(name).putLabelsItem(MANAGED_BY, "kubesdk-testing")))
        .execute();
  }

  /**
   * Deletes the namespace without waiting for it to go: the local control plane has no namespace
   * controller, so there a deleted namespace stays Terminating until the control plane stops.
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
