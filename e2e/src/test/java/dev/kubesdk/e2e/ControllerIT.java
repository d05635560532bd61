package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1OwnerReference;
import dev.kubesdk.controller.Controller;
import dev.kubesdk.controller.InformerFactory;
import dev.kubesdk.controller.ListWatch;
import dev.kubesdk.controller.ObjectKey;
import dev.kubesdk.controller.Result;
import dev.kubesdk.controller.SharedInformer;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.runtime.V1Patch;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A controller converging against the real API server: for every "source" ConfigMap it keeps a
 * "copy" ConfigMap it owns with the same data, recreates the copy when someone deletes it, and
 * retries a key whose first reconcile failed.
 */
@KubernetesTest
class ControllerIT {
  private ApiClient client;
  private CoreV1Api core;
  private String namespace;
  private String label;
  private InformerFactory factory;
  private Controller controller;
  private final Set<ObjectKey> failedOnce = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start(ApiClient client, @TestNamespace String namespace) {
    this.client = client;
    this.core = new CoreV1Api(client);
    this.namespace = namespace;
    this.label = E2e.name("ctl");
    this.factory = InformerFactory.create(client);
    ListWatch<V1ConfigMap> sources = configMaps("source");
    ListWatch<V1ConfigMap> copies = configMaps("copy");
    SharedInformer<V1ConfigMap> sourceCache = factory.informer(sources);
    controller =
        Controller.builder(factory, sources)
            .owns(copies, "ConfigMap")
            .workers(2)
            .reconciler(key -> reconcile(sourceCache, key))
            .build();
    controller.start();
  }

  @AfterEach
  void stop() {
    controller.close();
    factory.close();
  }

  private ListWatch<V1ConfigMap> configMaps(String role) {
    return ListWatch.of(
        core.listNamespacedConfigMap(namespace).labelSelector("test=" + label + ",role=" + role).toApiRequest(), V1ConfigMap.class, V1ConfigMap::getMetadata);
  }

  /** Makes {@code <name>-copy} hold the data of source {@code key}; fails the first try of each key. */
  private Result reconcile(SharedInformer<V1ConfigMap> sources, ObjectKey key) {
    if (failedOnce.add(key)) {
      throw new IllegalStateException("the first try of " + key + " fails, to show it is retried");
    }
    Optional<V1ConfigMap> source = sources.store().get(key);
    if (source.isEmpty()) {
      return Result.done(); // the copy goes with its owner, by garbage collection
    }
    V1ObjectMeta owner = source.get().getMetadata();
    String copyName = key.name() + "-copy";
    V1ConfigMap desired =
        new V1ConfigMap()
            .metadata(
                new V1ObjectMeta()
                    .name(copyName)
                    .putLabelsItem("test", label)
                    .putLabelsItem("role", "copy")
                    .addOwnerReferencesItem(
                        new V1OwnerReference().apiVersion("v1").kind("ConfigMap").name(owner.getName()).uid(owner.getUid()).controller(true)))
            .data(source.get().getData());
    try {
      V1ConfigMap current = core.readNamespacedConfigMap(copyName, namespace).execute();
      if (!desired.getData().equals(current.getData())) {
        core.replaceNamespacedConfigMap(copyName, namespace, desired.metadata(desired.getMetadata().resourceVersion(current.getMetadata().getResourceVersion()))).execute();
      }
    } catch (NotFoundException e) {
      core.createNamespacedConfigMap(namespace, desired).execute();
    }
    return Result.done();
  }

  private V1ConfigMap awaitCopy(String source, String value) {
    return E2e.await(
        "the copy of " + source + " to hold v=" + value,
        () -> {
          V1ConfigMap copy = core.readNamespacedConfigMap(source + "-copy", namespace).execute();
          return value.equals(copy.getData().get("v")) ? copy : null;
        });
  }

  @Test
  void theControllerConvergesAndRepairsWhatItOwns() {
    String name = E2e.name("src");
    V1ConfigMap source = E2e.configMap(name, Map.of("v", "1"));
    source.getMetadata().putLabelsItem("test", label).putLabelsItem("role", "source");
    core.createNamespacedConfigMap(namespace, source).execute();

    V1ConfigMap copy = awaitCopy(name, "1");
    assertThat(copy.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> assertThat(ref.getName()).isEqualTo(name));
    assertThat(failedOnce).contains(ObjectKey.of(namespace, name));

    core.patchNamespacedConfigMap(name, namespace, V1Patch.merge("{\"data\":{\"v\":\"2\"}}")).execute();
    awaitCopy(name, "2");

    core.deleteNamespacedConfigMap(name + "-copy", namespace).execute();
    awaitCopy(name, "2");
  }
}
