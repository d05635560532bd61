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
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Starts a {@link LocalControlPlane} (kube-apiserver and etcd on loopback, from the testing module),
 * creates the fixture pods in it, then runs {@link LiveClientProbe} once per client, each in a fresh
 * JVM, then five more cold starts per client (clients taking turns), and stops the control plane.
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
  private static final int COLD_START_ROUNDS = 5;

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
      List<String> clients = List.of("kubesdk", "client-java", "fabric8");
      for (String client : clients) {
        run(client, kubeconfig, pods, output, false);
      }
      // One JVM start is one sample of a noisy figure: more cold starts, taking turns, so that a
      // passing load falls on every client alike. The report takes the median.
      for (int round = 0; round < COLD_START_ROUNDS; round++) {
        for (String client : clients) {
          run(client, kubeconfig, pods, output, true);
        }
      }
    }
  }

  static void seed(CoreV1Api core, int pods) throws InterruptedException {
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

  private static void run(String client, Path kubeconfig, int pods, Path output, boolean coldStartOnly) throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Xms1g", "-Xmx3g",
        "-cp", probeClassPath(client, output.getParent()), LiveClientProbe.class.getName(),
        client, kubeconfig.toString(), Integer.toString(pods), output.toString()));
    if (coldStartOnly) {
      command.add(LiveClientProbe.COLD_START_ONLY);
    }
    ChildJvm.run(command, client);
  }

  /**
   * What an application using only {@code client} has on its class path, its runtime closure as {@code
   * bench/run} resolved it into {@code closure-<client>.classpath}, then this module's classes, Gson for the
   * probe's output line and slf4j-simple as the logging backend. Class and service lookups cost time in
   * proportion to the class path, so a cold start on the class path of all three clients would measure the
   * other clients' jars too. Without the closure file (a run outside bench/run), the whole class path.
   */
  private static String probeClassPath(String client, Path folder) throws IOException {
    String benchClassPath = System.getProperty("java.class.path");
    Path closure = folder.resolve("closure-" + client + ".classpath");
    if (!Files.isRegularFile(closure)) {
      return benchClassPath;
    }
    // The client's own jars first, so that they win over the bench's copies of the same libraries.
    List<String> entries = new ArrayList<>(List.of(Files.readString(closure).trim()));
    for (String entry : benchClassPath.split(File.pathSeparator)) {
      String name = Paths.get(entry).getFileName().toString();
      if (Files.isDirectory(Paths.get(entry)) || name.startsWith("gson-") || name.startsWith("slf4j-simple-")) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
