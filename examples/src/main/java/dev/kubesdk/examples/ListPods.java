package dev.kubesdk.examples;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.config.KubeConfig;
import java.util.List;

/**
 * The first program: load kubeconfig, which becomes the default configuration, then list pods with
 * a client made from that default. The Python client's {@code config.load_kube_config()} followed by
 * {@code client.CoreV1Api().list_namespaced_pod(namespace)}, in Java.
 */
public final class ListPods {
  private ListPods() {}

  /** Prints the pods of the namespace given as the first argument ({@code default} without one). */
  public static void main(String[] args) {
    KubeConfig.load(); // ~/.kube/config, $KUBECONFIG or in-cluster; now the default Configuration
    String namespace = args.length > 0 ? args[0] : "default";
    podNames(new CoreV1Api(), namespace).forEach(System.out::println);
  }

  /** The names of the pods in {@code namespace}, read in pages of 100. */
  public static List<String> podNames(CoreV1Api core, String namespace) {
    return core.listNamespacedPod(namespace).limit(100).execute().getItems().stream()
        .map(V1Pod::getMetadata)
        .map(metadata -> metadata.getName())
        .toList();
  }
}
