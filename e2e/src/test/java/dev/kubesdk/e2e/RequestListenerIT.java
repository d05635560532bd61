package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.config.RequestEvent;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.runtime.Watch;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request listener hears of each call to kube-apiserver once, as the server answered it. */
@KubernetesTest
class RequestListenerIT {
  private final List<RequestEvent> events = new CopyOnWriteArrayList<>();
  private CoreV1Api core;
  private String namespace;

  @BeforeEach
  void client(ApiClient client, @TestNamespace String namespace) {
    this.core = new CoreV1Api(new ApiClient(client.configuration().toBuilder().requestListener(events::add).build()));
    this.namespace = namespace;
  }

  @Test
  void createGetMissingListAndWatchAreEachReportedWithTheirTemplateStatusAndOutcome() {
    String name = E2e.name("cm-listened");
    core.createNamespacedConfigMap(namespace, E2e.configMap(name, Map.of("k", "v"))).execute();
    Throwable missing = catchThrowable(() -> core.readNamespacedConfigMap(name + "-missing", namespace).execute());
    core.listNamespacedConfigMap(namespace).execute();
    try (Watch<V1ConfigMap> watch = core.listNamespacedConfigMap(namespace).timeoutSeconds(1).watch()) {
      while (watch.hasNext()) {
        watch.next();
      }
    }

    assertThat(missing).isInstanceOf(NotFoundException.class);
    assertThat(events).extracting(RequestEvent::method, RequestEvent::pathTemplate, e -> e.status().orElse(-1), RequestEvent::streaming)
        .containsExactly(
            tuple("POST", "/api/v1/namespaces/{namespace}/configmaps", 201, false),
            tuple("GET", "/api/v1/namespaces/{namespace}/configmaps/{name}", 404, false),
            tuple("GET", "/api/v1/namespaces/{namespace}/configmaps", 200, false),
            tuple("GET", "/api/v1/namespaces/{namespace}/configmaps", 200, true));
    assertThat(events.get(1).error()).containsSame((RuntimeException) missing);
    assertThat(events.get(1).url()).endsWith("/api/v1/namespaces/" + namespace + "/configmaps/" + name + "-missing");
    assertThat(events.get(3).url()).contains("watch=true").contains("timeoutSeconds=1");
    assertThat(events).allSatisfy(e -> assertThat(e.retries()).isZero());
    assertThat(events).filteredOn(e -> e != events.get(1)).allSatisfy(e -> assertThat(e.error()).isEmpty());
  }
}
