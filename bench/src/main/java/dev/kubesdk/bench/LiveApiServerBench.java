package dev.kubesdk.bench;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Namespace;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.api.model.V1PodList;
import dev.kubesdk.api.model.V1ServiceAccount;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Starts a {@link LocalControlPlane} (kube-apiserver and etcd on loopback, from the testing module),
 * creates the fixture pods in it, then runs {@link LiveClientProbe} once per client, each in a fresh
 * JVM, and stops the control plane.
 *
 * <p>Pods are the {@link PodFixtures} pods as a user would create them: without uid, resource
 * version, timestamps, managedFields and status (the server sets those), and without priority
 * fields (no PriorityClass exists). Their namespaces and service accounts are created first. There
 * are no nodes and no controllers, so the pods stay as created.
 *
 * <p>Usage: {@code LiveApiServerBench <pods> <output.jsonl>}
 */
public final class LiveApiServerBench {
  private static final int IN_FLIGHT = 16;

  private LiveApiServerBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: LiveApiServerBench <pods> <output.jsonl>");
    }
    int pods = Integer.parseInt(args[0]);
    Path output = Paths.get(args[1]).toAbsolutePath();
    try (LocalControlPlane controlPlane = LocalControlPlane.builder().build()) {
      long started = System.nanoTime();
      controlPlane.start();
      System.out.printf(Locale.ROOT, "control plane up in %.1f s%n", (System.nanoTime() - started) / 1e9);
      Path kubeconfig = controlPlane.kubeconfig(LocalUser.ADMIN_TOKEN);
      seed(new CoreV1Api(new ApiClient(controlPlane.configuration(LocalUser.ADMIN_TOKEN))), pods);
      for (String client : List.of("kubesdk", "client-java", "fabric8")) {
        run(client, kubeconfig, pods, output);
      }
    }
  }

  private static void seed(CoreV1Api core, int pods) throws InterruptedException {
    long started = System.nanoTime();
    V1PodList list = (V1PodList) new KubesdkCodec().parse(Fixtures.podList(pods));
    Set<String> namespaces = new LinkedHashSet<>();
    Set<List<String>> serviceAccounts = new LinkedHashSet<>();
    for (V1Pod pod : list.getItems()) {
      namespaces.add(pod.getMetadata().getNamespace());
      serviceAccounts.add(List.of(pod.getMetadata().getNamespace(), pod.getSpec().getServiceAccountName()));
    }
    for (String namespace : namespaces) {
      core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(namespace))).execute();
    }
    List<CompletableFuture<?>> calls = new ArrayList<>();
    Semaphore window = new Semaphore(IN_FLIGHT);
    for (List<String> account : serviceAccounts) {
      window.acquire();
      calls.add(core.createNamespacedServiceAccount(account.get(0),
              new V1ServiceAccount().metadata(new V1ObjectMeta().name(account.get(1))))
          .executeAsync().whenComplete((result, failure) -> window.release()));
    }
    calls.forEach(CompletableFuture::join);
    calls.clear();
    for (V1Pod pod : list.getItems()) {
      V1ObjectMeta metadata = pod.getMetadata();
      metadata.setUid(null);
      metadata.setResourceVersion(null);
      metadata.setCreationTimestamp(null);
      metadata.setManagedFields(null);
      metadata.setGeneration(null);
      pod.getSpec().setPriority(null);
      pod.getSpec().setPriorityClassName(null);
      pod.getSpec().setPreemptionPolicy(null);
      pod.setStatus(null);
      window.acquire();
      calls.add(core.createNamespacedPod(metadata.getNamespace(), pod).executeAsync()
          .whenComplete((result, failure) -> window.release()));
    }
    calls.forEach(CompletableFuture::join);
    System.out.printf(Locale.ROOT, "created %d namespaces, %d service accounts, %d pods in %.1f s%n",
        namespaces.size(), serviceAccounts.size(), pods, (System.nanoTime() - started) / 1e9);
  }

  private static void run(String client, Path kubeconfig, int pods, Path output) throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-Xms1g", "-Xmx3g",
            "-cp", System.getProperty("java.class.path"), LiveClientProbe.class.getName(),
            client, kubeconfig.toString(), Integer.toString(pods), output.toString())
        .inheritIO()
        .start();
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(client + " did not finish within 15 minutes");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(client + " failed with exit code " + process.exitValue());
    }
  }
}
