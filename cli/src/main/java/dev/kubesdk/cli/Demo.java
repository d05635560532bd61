package dev.kubesdk.cli;

import dev.kubesdk.api.AppsV1Api;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Container;
import dev.kubesdk.api.model.V1Deployment;
import dev.kubesdk.api.model.V1DeploymentCondition;
import dev.kubesdk.api.model.V1DeploymentSpec;
import dev.kubesdk.api.model.V1LabelSelector;
import dev.kubesdk.api.model.V1Namespace;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.api.model.V1PodList;
import dev.kubesdk.api.model.V1PodSpec;
import dev.kubesdk.api.model.V1PodTemplateSpec;
import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.config.LoadOptions;
import dev.kubesdk.config.NoConfigurationException;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiException;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.testing.ClusterProfile;
import dev.kubesdk.testing.ControlPlaneBinaries;
import dev.kubesdk.testing.ControlPlaneException;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import dev.kubesdk.testing.SimulatedKubelet;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * {@code ./kubesdk demo}: the seed flow end to end. Loads the current kubeconfig context (which
 * becomes the default Configuration), then {@code new CoreV1Api()} lists namespaces and pods. With
 * no kubeconfig at all it starts a local cluster instead (the full profile: scheduler, controllers
 * and a simulated node), says so, rolls out a Deployment there, reads a pod's log and cleans up.
 */
final class Demo {
  private static final String DEMO_NAMESPACE = "kubesdk-demo";
  private static final String DEPLOYMENT = "hello";
  private static final int REPLICAS = 2;
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(100);

  private Demo() {}

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length > 0) {
      err.println("kubesdk demo takes no arguments; it uses the current kubeconfig context.");
      return Main.USAGE_ERROR;
    }
    LocalControlPlane local = null;
    try {
      try {
        Configuration c = KubeConfig.load(LoadOptions.builder().environment(env).build());
        out.println("Using " + c.host() + " (current kubeconfig context; see ./kubesdk explain)");
      } catch (NoConfigurationException nothing) {
        // Only "nothing to load" falls back: a broken kubeconfig is reported, not bypassed.
        out.println("No kubeconfig found ($KUBECONFIG unset, no ~/.kube/config, not in a pod):");
        out.println("starting a local cluster instead (etcd, kube-apiserver, kube-controller-manager,");
        out.println("kube-scheduler and one node simulated by kwok: pods run, but no container does) ...");
        if (ControlPlaneBinaries.installed(env, ClusterProfile.FULL).isEmpty()) {
          out.println("Building its binaries from their Go modules into "
              + ControlPlaneBinaries.cacheDirectory(env) + " (first run only; roughly 20 minutes on 2 cores):");
        }
        out.flush();
        local = LocalControlPlane.builder().environment(env).profile(ClusterProfile.FULL).build();
        local.start();
        Configuration.setDefault(local.configuration(LocalUser.ADMIN));
        out.println("Local cluster ready at " + local.host() + " in " + local.startupDuration().toMillis() + " ms"
            + " (kubeconfig: " + local.kubeconfig(LocalUser.ADMIN) + ")");
        rollOut(local, out);
      }
      list(new CoreV1Api(), out);
      if (local != null) {
        printLogLine(new CoreV1Api(), out);
        cleanUp(new CoreV1Api(), out);
      }
      return Main.OK;
    } catch (ConfigException | ApiException | ControlPlaneException | DemoTimeout e) {
      err.println("kubesdk demo: " + e.getMessage());
      return 1;
    } finally {
      if (local != null) {
        local.close();
        out.println("Local cluster stopped.");
      }
    }
  }

  /** Creates the namespace and a Deployment whose pods log a line, and waits until it is Available. */
  private static void rollOut(LocalControlPlane local, PrintStream out) {
    CoreV1Api core = new CoreV1Api();
    core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(DEMO_NAMESPACE))).execute();
    // No container runs, so the node's kubelet API (kwok) serves this file as every pod's log.
    Path logFile = logFile(local);
    SimulatedKubelet.appendLog(logFile, "Hello from " + DEPLOYMENT + ", a pod on a node simulated by kwok");
    local.kubelet().serveLogs(DEMO_NAMESPACE, logFile);

    long begin = System.nanoTime();
    new AppsV1Api().createNamespacedDeployment(DEMO_NAMESPACE, deployment()).execute();
    out.println();
    out.println("Created deployment " + DEMO_NAMESPACE + "/" + DEPLOYMENT + " (" + REPLICAS
        + " replicas of nginx:1.27; the image is not pulled)");
    V1Deployment available =
        await("deployment " + DEPLOYMENT + " to become Available", () -> availableOrNull());
    out.println("Deployment " + DEPLOYMENT + " is Available: " + available.getStatus().getReadyReplicas() + "/"
        + REPLICAS + " pods ready, after " + Duration.ofNanos(System.nanoTime() - begin).toMillis() + " ms");
  }

  private static V1Deployment deployment() {
    Map<String, String> labels = Map.of("app", DEPLOYMENT);
    return new V1Deployment()
        .metadata(new V1ObjectMeta().name(DEPLOYMENT).labels(labels))
        .spec(
            new V1DeploymentSpec()
                .replicas(REPLICAS)
                .selector(new V1LabelSelector().matchLabels(labels))
                .template(
                    new V1PodTemplateSpec()
                        .metadata(new V1ObjectMeta().labels(labels))
                        .spec(
                            new V1PodSpec()
                                .containers(List.of(new V1Container().name("hello").image("nginx:1.27"))))));
  }

  private static V1Deployment availableOrNull() {
    V1Deployment d = new AppsV1Api().readNamespacedDeployment(DEPLOYMENT, DEMO_NAMESPACE).execute();
    List<V1DeploymentCondition> conditions =
        d.getStatus() == null || d.getStatus().getConditions() == null ? List.of() : d.getStatus().getConditions();
    boolean available =
        conditions.stream().anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()));
    Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
    return available && ready != null && ready == REPLICAS ? d : null;
  }

  private static Path logFile(LocalControlPlane local) {
    try {
      return Files.createTempFile(local.directory(), "demo-pod-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the demo's pod log in " + local.directory(), e);
    }
  }

  private static void list(CoreV1Api core, PrintStream out) {
    out.println();
    out.println("NAMESPACES");
    for (V1Namespace ns : core.listNamespace().execute().getItems()) {
      out.println("  " + ns.getMetadata().getName());
    }
    V1PodList pods = core.listPodForAllNamespaces().execute();
    out.println();
    out.printf("PODS (%d)%n", pods.getItems().size());
    out.printf("  %-24s %-40s %-10s %s%n", "NAMESPACE", "NAME", "PHASE", "NODE");
    for (V1Pod pod : pods.getItems()) {
      String phase = pod.getStatus() == null ? "" : String.valueOf(pod.getStatus().getPhase());
      String node = pod.getSpec() == null || pod.getSpec().getNodeName() == null ? "" : pod.getSpec().getNodeName();
      out.printf("  %-24s %-40s %-10s %s%n", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), phase, node);
    }
  }

  /** Reads one pod's log through kube-apiserver, which fetches it from the node's kubelet API. */
  private static void printLogLine(CoreV1Api core, PrintStream out) {
    V1Pod pod = core.listNamespacedPod(DEMO_NAMESPACE).labelSelector("app=" + DEPLOYMENT).execute().getItems().get(0);
    String name = pod.getMetadata().getName();
    // kwok picks the log setting up from its watch; until then the kubelet API answers an error.
    String text = await("the log of pod " + name, () -> nonEmpty(core.readNamespacedPodLog(name, DEMO_NAMESPACE).execute()));
    out.println();
    out.println("Log of pod " + name + ": " + text.lines().findFirst().orElse(""));
  }

  private static String nonEmpty(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private static void cleanUp(CoreV1Api core, PrintStream out) {
    // The server answers a namespace DELETE with the Namespace (now Terminating), not the Status
    // the spec declares, so the answer is not decoded.
    ApiClient client = new ApiClient();
    client.execute(new CoreV1Api(client).deleteNamespace(DEMO_NAMESPACE).toApiRequest(), Void.class);
    await(
        "namespace " + DEMO_NAMESPACE + " to be deleted",
        () -> {
          try {
            core.readNamespace(DEMO_NAMESPACE).execute();
            return null;
          } catch (NotFoundException gone) {
            return Boolean.TRUE;
          }
        });
    out.println();
    out.println("Deleted namespace " + DEMO_NAMESPACE + " with its deployment and pods.");
  }

  /** Polls {@code value} until it is non-null; an ApiException counts as "not yet". */
  private static <T> T await(String what, Supplier<T> value) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    Optional<String> last = Optional.empty();
    while (true) {
      try {
        T v = value.get();
        if (v != null) {
          return v;
        }
      } catch (ApiException e) {
        last = Optional.of(e.getMessage());
      }
      if (System.nanoTime() > deadline) {
        throw new DemoTimeout("waited " + DEADLINE.toSeconds() + " s for " + what + last.map(m -> "; last answer: " + m).orElse(""));
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  /** A step of the demo did not finish in time. */
  private static final class DemoTimeout extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DemoTimeout(String message) {
      super(message);
    }
  }
}
