package dev.kubesdk.testing;

import dev.kubesdk.api.ApiextensionsV1Api;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1CustomResourceDefinition;
import dev.kubesdk.api.model.V1CustomResourceDefinitionNames;
import dev.kubesdk.api.model.V1CustomResourceDefinitionSpec;
import dev.kubesdk.api.model.V1CustomResourceDefinitionVersion;
import dev.kubesdk.api.model.V1CustomResourceValidation;
import dev.kubesdk.api.model.V1JSONSchemaProps;
import dev.kubesdk.api.model.V1Node;
import dev.kubesdk.api.model.V1NodeCondition;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The processes of the {@link ClusterProfile#FULL} profile beyond etcd and kube-apiserver:
 * kube-controller-manager, kube-scheduler and kwok, with the simulated nodes kwok manages. Started
 * once kube-apiserver is ready; {@link #start} returns when the components answer {@code /healthz},
 * every node is {@code Ready} and the {@code default} ServiceAccount exists (pods need it). Not
 * thread-safe; {@link LocalControlPlane} guards it.
 */
final class ClusterComponents {
  /** The annotation by which kwok recognises the nodes it is to simulate. */
  static final String NODE_ANNOTATION = "kwok.x-k8s.io/node";
  /** Its value. */
  static final String NODE_ANNOTATION_VALUE = "fake";

  static final String KWOK_GROUP = "kwok.x-k8s.io";
  static final String KWOK_VERSION = "v1alpha1";
  // kwok's debugging resources (kind to plural) the harness creates per namespace
  // (SimulatedKubelet); kwok watches
  // them when named in --enable-crds. Its binary does not install their definitions (kwokctl does),
  // so the harness defines them, schema-less: kwok, not the API server, reads their fields.
  static final Map<String, String> DEBUGGING_KINDS =
      Map.of(
          "ClusterAttach", "clusterattaches",
          "ClusterExec", "clusterexecs",
          "ClusterLogs", "clusterlogs",
          "ClusterPortForward", "clusterportforwards");

  private static final String STAGES = "/dev/kubesdk/testing/kwok-stages.yaml";

  private final List<WatchedProcess> processes;
  private final List<String> nodeNames;

  private ClusterComponents(List<WatchedProcess> processes, List<String> nodeNames) {
    this.processes = processes;
    this.nodeNames = nodeNames;
  }

  /** The ports of the three components, chosen with the control plane's. */
  record Ports(int controllerManager, int scheduler, int kwok) {}

  /**
   * Starts the components against the ready kube-apiserver at {@code host}.
   *
   * @throws Readiness.PortTaken when a component found its port taken; nothing is left running
   * @throws ControlPlaneException when a component exits or is not ready in time
   */
  static ClusterComponents start(
      ControlPlaneBinaries binaries,
      Path directory,
      ControlPlaneFiles files,
      URI host,
      Ports ports,
      int nodes,
      Duration timeout,
      List<WatchedProcess> controlPlane)
      throws Readiness.PortTaken {
    ApiClient admin = new ApiClient(LocalControlPlane.adminConfiguration(host, files));
    List<WatchedProcess> started = new ArrayList<>();
    try {
      started.add(startControllerManager(binaries, directory, files, ports.controllerManager()));
      started.add(startScheduler(binaries, directory, files, ports.scheduler()));
      // kwok reads its debugging resources from the start, and adopts the nodes it finds: both
      // exist before it runs, which saves it a resync.
      defineDebuggingResources(admin);
      List<String> names = createNodes(admin, nodes);
      started.add(startKwok(binaries, directory, files, ports.kwok()));

      List<WatchedProcess> watched = new ArrayList<>(controlPlane);
      watched.addAll(started);
      HttpClient http = Readiness.httpClient(files.adminSslContext());
      Readiness.await(
          "kube-controller-manager at https://127.0.0.1:" + ports.controllerManager(),
          timeout,
          started.get(0),
          watched,
          Readiness.httpOk(http, URI.create("https://127.0.0.1:" + ports.controllerManager() + "/healthz"), "ok"));
      Readiness.await(
          "kube-scheduler at https://127.0.0.1:" + ports.scheduler(),
          timeout,
          started.get(1),
          watched,
          Readiness.httpOk(http, URI.create("https://127.0.0.1:" + ports.scheduler() + "/healthz"), "ok"));
      Readiness.await(
          "the simulated node" + (nodes == 1 ? "" : "s") + " " + String.join(", ", names) + " (kwok)",
          timeout,
          started.get(2),
          watched,
          () -> nodesNotReady(admin, names));
      // The ServiceAccount admission plugin rejects pods in a namespace without this account;
      // kube-controller-manager creates it for every namespace, "default" first.
      Readiness.await(
          "the default ServiceAccount (kube-controller-manager)",
          timeout,
          started.get(0),
          watched,
          () -> serviceAccountMissing(admin, "default"));
      return new ClusterComponents(List.copyOf(started), names);
    } catch (Readiness.PortTaken | RuntimeException e) {
      stopAll(started, Duration.ofSeconds(5));
      throw e;
    }
  }

  /** The processes, kube-controller-manager, kube-scheduler and kwok in that order. */
  List<WatchedProcess> processes() {
    return processes;
  }

  /** The names of the simulated nodes the harness created. */
  List<String> nodeNames() {
    return nodeNames;
  }

  /** Stops the three, kwok first: it would otherwise write status for pods that are going away. */
  void stop(Duration grace) {
    stopAll(processes, grace);
  }

  /**
   * Empty once {@code namespace} has its {@code default} ServiceAccount; the ServiceAccount
   * admission plugin rejects pods until then.
   */
  static Optional<String> serviceAccountMissing(ApiClient admin, String namespace) {
    try {
      new CoreV1Api(admin).readNamespacedServiceAccount("default", namespace).execute();
      return Optional.empty();
    } catch (NotFoundException e) {
      return Optional.of("no ServiceAccount default in namespace " + namespace + " yet");
    }
  }

  private static void stopAll(List<WatchedProcess> processes, Duration grace) {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop(grace);
    }
  }

  private static WatchedProcess startControllerManager(
      ControlPlaneBinaries binaries, Path directory, ControlPlaneFiles files, int port) {
    return startComponent(
        "kube-controller-manager",
        binaries.kubeControllerManager(),
        ControlPlaneFiles.Component.CONTROLLER_MANAGER,
        directory,
        files,
        port,
        List.of(
            // Each controller calls the API as its own ServiceAccount, as in a real cluster, so
            // RBAC mistakes in tests show up as they would there.
            "--use-service-account-credentials=true",
            "--service-account-private-key-file=" + files.serviceAccountPrivateKeyFile(),
            "--root-ca-file=" + files.servingCaFile(),
            "--cluster-name=" + ControlPlaneFiles.CLUSTER));
  }

  private static WatchedProcess startScheduler(
      ControlPlaneBinaries binaries, Path directory, ControlPlaneFiles files, int port) {
    return startComponent(
        "kube-scheduler", binaries.kubeScheduler(), ControlPlaneFiles.Component.SCHEDULER, directory, files, port, List.of());
  }

  /** kube-controller-manager or kube-scheduler: the flags they share, then {@code extra}. */
  private static WatchedProcess startComponent(
      String name,
      Path binary,
      ControlPlaneFiles.Component component,
      Path directory,
      ControlPlaneFiles files,
      int port,
      List<String> extra) {
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--kubeconfig=" + files.kubeconfig(component),
                "--bind-address=127.0.0.1",
                "--secure-port=" + port,
                "--tls-cert-file=" + files.servingCertificateFile(),
                "--tls-private-key-file=" + files.servingKeyFile(),
                // One instance per control plane: leader election would only delay the start.
                "--leader-elect=false",
                "--profiling=false"));
    command.addAll(extra);
    return WatchedProcess.start(name, command, directory.resolve(name + ".log"), Map.of());
  }

  private static WatchedProcess startKwok(
      ControlPlaneBinaries binaries, Path directory, ControlPlaneFiles files, int port) {
    Path config = directory.resolve("kwok.yaml");
    Path work = directory.resolve("kwok-work");
    try (InputStream in = ClusterComponents.class.getResourceAsStream(STAGES)) {
      if (in == null) {
        throw new ControlPlaneException(
            "kubesdk-testing lacks the resource " + STAGES + "; the jar is incomplete. Rebuild it.");
      }
      Files.copy(in, config);
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
    return WatchedProcess.start(
        "kwok",
        List.of(
            binaries.kwok().toString(),
            "--kubeconfig=" + files.kubeconfig(ControlPlaneFiles.Component.KWOK),
            "--config=" + config,
            "--manage-nodes-with-annotation-selector=" + NODE_ANNOTATION + "=" + NODE_ANNOTATION_VALUE,
            // Every simulated node is this one kwok process: kube-apiserver reaches each node's
            // kubelet API at 127.0.0.1:<port>, over TLS with the kubelet CA's certificate.
            "--node-ip=127.0.0.1",
            "--node-port=" + port,
            "--server-address=127.0.0.1:" + port,
            "--tls-cert-file=" + files.kubeletServingCertificateFile(),
            "--tls-private-key-file=" + files.kubeletServingKeyFile(),
            // Leases keep the nodes Ready for kube-controller-manager's node lifecycle controller.
            "--node-lease-duration-seconds=40",
            "--cidr=10.244.0.0/16",
            "--enable-crds=" + String.join(",", DEBUGGING_KINDS.keySet())),
        directory.resolve("kwok.log"),
        // kwok also reads ~/.kwok/kwok.yaml when it exists; a folder of its own keeps the user's
        // settings out of the tests.
        Map.of("KWOK_WORKDIR", work.toString()));
  }

  private static void defineDebuggingResources(ApiClient admin) {
    ApiextensionsV1Api api = new ApiextensionsV1Api(admin);
    for (Map.Entry<String, String> resource : DEBUGGING_KINDS.entrySet()) {
      String kind = resource.getKey();
      String plural = resource.getValue();
      api.createCustomResourceDefinition(
              new V1CustomResourceDefinition()
                  .metadata(new V1ObjectMeta().name(plural + "." + KWOK_GROUP))
                  .spec(
                      new V1CustomResourceDefinitionSpec()
                          .group(KWOK_GROUP)
                          .scope("Cluster")
                          .names(
                              new V1CustomResourceDefinitionNames()
                                  .kind(kind)
                                  .listKind(kind + "List")
                                  .plural(plural)
                                  .singular(kind.toLowerCase(Locale.ROOT)))
                          .versions(
                              List.of(
                                  new V1CustomResourceDefinitionVersion()
                                      .name(KWOK_VERSION)
                                      .served(true)
                                      .storage(true)
                                      .schema(
                                          new V1CustomResourceValidation()
                                              .openAPIV3Schema(
                                                  new V1JSONSchemaProps()
                                                      .type("object")
                                                      .xKubernetesPreserveUnknownFields(true)))))))
          .execute();
    }
  }

  private static List<String> createNodes(ApiClient admin, int count) {
    List<String> names = new ArrayList<>();
    CoreV1Api core = new CoreV1Api(admin);
    for (int i = 0; i < count; i++) {
      String name = "kubesdk-node-" + i;
      core.createNode(node(name)).execute();
      names.add(name);
    }
    return List.copyOf(names);
  }

  /** A node kwok simulates: the annotation it selects by, and the labels a kubelet would set. */
  static V1Node node(String name) {
    return new V1Node()
        .metadata(
            new V1ObjectMeta()
                .name(name)
                .putAnnotationsItem(NODE_ANNOTATION, NODE_ANNOTATION_VALUE)
                .putLabelsItem("kubernetes.io/hostname", name)
                .putLabelsItem("kubernetes.io/os", "linux")
                .putLabelsItem("kubernetes.io/arch", "amd64")
                .putLabelsItem("type", "kwok"));
  }

  private static Optional<String> nodesNotReady(ApiClient admin, List<String> names) {
    CoreV1Api core = new CoreV1Api(admin);
    List<String> waiting = new ArrayList<>();
    for (String name : names) {
      V1Node node = core.readNode(name).execute();
      boolean ready =
          node.getStatus() != null
              && node.getStatus().getConditions() != null
              && node.getStatus().getConditions().stream()
                  .anyMatch(c -> isTrue(c, "Ready"));
      if (!ready) {
        waiting.add(name);
      }
    }
    return waiting.isEmpty() ? Optional.empty() : Optional.of("not Ready yet: " + String.join(", ", waiting));
  }

  private static boolean isTrue(V1NodeCondition condition, String type) {
    return type.equals(condition.getType()) && "True".equals(condition.getStatus());
  }
}
