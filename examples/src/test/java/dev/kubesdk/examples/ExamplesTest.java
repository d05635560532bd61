package dev.kubesdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.kubesdk.api.ApiextensionsV1Api;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.api.model.V1CustomResourceDefinition;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.api.model.V1PodSpec;
import dev.kubesdk.api.model.V1Container;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.Json;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.runtime.V1Patch;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every example, run against a real cluster as a user of the published artifacts runs it. */
@KubernetesTest
class ExamplesTest {

  @Test
  void listPodsNamesThePodsOfTheNamespace(ApiClient client, @TestNamespace String namespace) {
    CoreV1Api core = new CoreV1Api(client);
    for (String name : List.of("web-1", "web-2")) {
      core.createNamespacedPod(
              namespace,
              new V1Pod()
                  .metadata(new V1ObjectMeta().name(name))
                  .spec(new V1PodSpec().addContainersItem(new V1Container().name("web").image("registry.invalid/web:1"))))
          .execute();
    }

    assertThat(ListPods.podNames(core, namespace)).containsExactlyInAnyOrder("web-1", "web-2");
  }

  @Test
  void watchConfigMapsSeesACreation(ApiClient client, @TestNamespace String namespace) {
    CoreV1Api core = new CoreV1Api(client);
    core.createNamespacedConfigMap(namespace, new V1ConfigMap().metadata(new V1ObjectMeta().name("settings"))).execute();

    // A watch from no resourceVersion starts with an ADDED event for every object already there;
    // the server ends it after two seconds.
    assertThat(WatchConfigMaps.events(core, namespace, Integer.MAX_VALUE, 2)).contains("ADDED settings");
  }

  @Test
  void cronTabsCreatesACustomResource(ApiClient client, @TestNamespace String namespace) {
    installCronTabDefinition(client);

    JsonObject stored = CronTabs.createNightly(client, namespace);

    assertThat(stored.getAsJsonObject("spec").get("cronSpec").getAsString()).isEqualTo("0 3 * * *");
    assertThat(stored.getAsJsonObject("metadata").get("uid").getAsString()).isNotBlank();
  }

  @Test
  void requestMetricsCountsEachCallByMethodAndStatus(ApiClient client, @TestNamespace String namespace) {
    RequestMetrics metrics = new RequestMetrics();
    CoreV1Api core = new CoreV1Api(new ApiClient(client.configuration().toBuilder().requestListener(metrics).build()));

    ListPods.podNames(core, namespace);
    ListPods.podNames(core, namespace);
    try {
      core.readNamespacedConfigMap("absent", namespace).execute();
    } catch (NotFoundException expected) {
      // counted as a 404
    }

    assertThat(metrics.requests("GET", "200")).isEqualTo(2);
    assertThat(metrics.requests("GET", "404")).isEqualTo(1);
    assertThat(metrics.atMost("GET", "/api/v1/namespaces/{namespace}/pods", Duration.ofMinutes(1))).isEqualTo(2);
  }

  @Test
  void configMapMirrorKeepsAMirrorOfEverySource(ApiClient client, @TestNamespace String namespace) {
    CoreV1Api core = new CoreV1Api(client);
    try (ConfigMapMirror mirror = new ConfigMapMirror(client, namespace)) {
      mirror.start();
      core.createNamespacedConfigMap(
              namespace,
              new V1ConfigMap()
                  .metadata(new V1ObjectMeta().name("app").putLabelsItem("mirror", "source"))
                  .data(Map.of("colour", "blue")))
          .execute();
      awaitMirror(core, namespace, "blue");

      core.patchNamespacedConfigMap("app", namespace, V1Patch.merge("{\"data\":{\"colour\":\"green\"}}")).execute();
      awaitMirror(core, namespace, "green");

      core.deleteNamespacedConfigMap("app-mirror", namespace).execute();
      awaitMirror(core, namespace, "green");
    }
  }

  private static void awaitMirror(CoreV1Api core, String namespace, String colour) {
    await("app-mirror to hold colour=" + colour, () -> {
      try {
        V1ConfigMap mirror = core.readNamespacedConfigMap("app-mirror", namespace).execute();
        return colour.equals(mirror.getData().get("colour"));
      } catch (NotFoundException e) {
        return false;
      }
    });
  }

  private static void installCronTabDefinition(ApiClient client) {
    ApiextensionsV1Api extensions = new ApiextensionsV1Api(client);
    V1CustomResourceDefinition crd =
        Json.deserialize(
            """
            {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
             "metadata": {"name": "crontabs.stable.example.com"},
             "spec": {"group": "stable.example.com", "scope": "Namespaced",
               "names": {"plural": "crontabs", "singular": "crontab", "kind": "CronTab"},
               "versions": [{"name": "v1", "served": true, "storage": true,
                 "schema": {"openAPIV3Schema": {"type": "object", "properties": {
                   "spec": {"type": "object", "properties": {
                     "cronSpec": {"type": "string"}, "image": {"type": "string"}}}}}}}]}}
            """,
            V1CustomResourceDefinition.class);
    try {
      extensions.createCustomResourceDefinition(crd).execute();
    } catch (dev.kubesdk.runtime.ConflictException alreadyThere) {
      // another test class of this run installed it
    }
    await("the CronTab CRD to be Established", () -> {
      V1CustomResourceDefinition stored = extensions.readCustomResourceDefinition("crontabs.stable.example.com").execute();
      return stored.getStatus() != null && stored.getStatus().getConditions() != null
          && stored.getStatus().getConditions().stream()
              .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    });
  }

  private static void await(String what, Supplier<Boolean> condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!condition.get()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after 30s waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
