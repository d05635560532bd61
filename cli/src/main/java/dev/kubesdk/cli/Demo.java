package dev.kubesdk.cli;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Container;
import dev.kubesdk.api.model.V1Namespace;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.api.model.V1PodList;
import dev.kubesdk.api.model.V1PodSpec;
import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.config.LoadOptions;
import dev.kubesdk.config.NoConfigurationException;
import dev.kubesdk.runtime.ApiException;
import dev.kubesdk.testing.ControlPlaneException;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code ./kubesdk demo}: the seed flow end to end. Loads the current kubeconfig context (which
 * becomes the default Configuration), then {@code new CoreV1Api()} lists namespaces and pods. With
 * no kubeconfig at all it starts a local control plane instead, and says so.
 */
final class Demo {
  private static final String DEMO_NAMESPACE = "kubesdk-demo";

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
        out.println("starting a local control plane (kube-apiserver + etcd) instead ...");
        local = LocalControlPlane.builder().environment(env).build();
        local.start();
        Configuration.setDefault(local.configuration(LocalUser.ADMIN));
        out.println("Local control plane ready at " + local.host() + " in " + local.startupDuration().toMillis() + " ms"
            + " (kubeconfig: " + local.kubeconfig(LocalUser.ADMIN) + ")");
        seed(new CoreV1Api());
      }
      list(new CoreV1Api(), out);
      return Main.OK;
    } catch (ConfigException | ApiException | ControlPlaneException e) {
      err.println("kubesdk demo: " + e.getMessage());
      return 1;
    } finally {
      if (local != null) {
        local.close();
        out.println("Local control plane stopped.");
      }
    }
  }

  /** A fresh API server has no pods: the demo adds one (it stays Pending: no scheduler, no kubelet). */
  private static void seed(CoreV1Api core) {
    core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(DEMO_NAMESPACE))).execute();
    V1Pod pod =
        new V1Pod()
            .metadata(new V1ObjectMeta().name("hello").putLabelsItem("app", "hello"))
            .spec(new V1PodSpec().containers(List.of(new V1Container().name("hello").image("nginx:1.27"))));
    core.createNamespacedPod(DEMO_NAMESPACE, pod).execute();
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
    out.printf("  %-24s %-40s %s%n", "NAMESPACE", "NAME", "PHASE");
    for (V1Pod pod : pods.getItems()) {
      String phase = pod.getStatus() == null ? "" : String.valueOf(pod.getStatus().getPhase());
      out.printf("  %-24s %-40s %s%n", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), phase);
    }
  }
}
