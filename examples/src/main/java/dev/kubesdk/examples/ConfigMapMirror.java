package dev.kubesdk.examples;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1OwnerReference;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.controller.Controller;
import dev.kubesdk.controller.InformerFactory;
import dev.kubesdk.controller.ListWatch;
import dev.kubesdk.controller.ObjectKey;
import dev.kubesdk.controller.Result;
import dev.kubesdk.controller.SharedInformer;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.NotFoundException;
import java.util.Objects;
import java.util.Optional;

/**
 * An operator in one page: for every ConfigMap labelled {@code mirror=source} it keeps a ConfigMap
 * {@code <name>-mirror} that it owns, holding the same data. Deleting the mirror brings it back;
 * deleting the source deletes the mirror (garbage collection follows the owner reference).
 */
public final class ConfigMapMirror implements AutoCloseable {
  private final CoreV1Api core;
  private final String namespace;
  private final InformerFactory informers;
  private final SharedInformer<V1ConfigMap> sources;
  private final Controller controller;

  /** A mirror of the labelled ConfigMaps of {@code namespace}; {@link #start()} starts it. */
  public ConfigMapMirror(ApiClient client, String namespace) {
    this.core = new CoreV1Api(client);
    this.namespace = namespace;
    this.informers = InformerFactory.create(client);
    ListWatch<V1ConfigMap> sourceList =
        ListWatch.of(
            core.listNamespacedConfigMap(namespace).labelSelector("mirror=source").toApiRequest(),
            V1ConfigMap.class,
            V1ConfigMap::getMetadata);
    ListWatch<V1ConfigMap> mirrorList =
        ListWatch.of(
            core.listNamespacedConfigMap(namespace).labelSelector("mirror=copy").toApiRequest(),
            V1ConfigMap.class,
            V1ConfigMap::getMetadata);
    this.sources = informers.informer(sourceList);
    this.controller =
        Controller.builder(informers, sourceList)
            .owns(mirrorList, "ConfigMap") // a change to a mirror reconciles its owner
            .workers(2)
            .reconciler(this::reconcile)
            .build();
  }

  /** Runs the mirror in this process until interrupted. */
  public static void main(String[] args) throws InterruptedException {
    KubeConfig.load();
    try (ConfigMapMirror mirror = new ConfigMapMirror(new ApiClient(), args.length > 0 ? args[0] : "default")) {
      mirror.start();
      Thread.currentThread().join();
    }
  }

  /** Starts the informers and the workers; returns at once. */
  public void start() {
    controller.start();
  }

  /** Makes the mirror of source {@code key} match it. Failures are retried with backoff. */
  private Result reconcile(ObjectKey key) {
    Optional<V1ConfigMap> source = sources.store().get(key);
    if (source.isEmpty()) {
      return Result.done(); // the mirror goes with its owner
    }
    V1ObjectMeta owner = source.get().getMetadata();
    String name = key.name() + "-mirror";
    V1ConfigMap desired =
        new V1ConfigMap()
            .metadata(
                new V1ObjectMeta()
                    .name(name)
                    .putLabelsItem("mirror", "copy")
                    .addOwnerReferencesItem(
                        new V1OwnerReference()
                            .apiVersion("v1")
                            .kind("ConfigMap")
                            .name(owner.getName())
                            .uid(owner.getUid())
                            .controller(true)))
            .data(source.get().getData());
    try {
      V1ConfigMap current = core.readNamespacedConfigMap(name, namespace).execute();
      if (!Objects.equals(current.getData(), desired.getData())) {
        desired.getMetadata().resourceVersion(current.getMetadata().getResourceVersion());
        core.replaceNamespacedConfigMap(name, namespace, desired).execute();
      }
    } catch (NotFoundException e) {
      core.createNamespacedConfigMap(namespace, desired).execute();
    }
    return Result.done();
  }

  /** Stops the workers and the informers. */
  @Override
  public void close() {
    controller.close();
    informers.close();
  }
}
