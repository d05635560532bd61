package dev.kubesdk.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.config.LoadOptions;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.NoConfigurationException;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiException;
import dev.kubesdk.runtime.ApiRequest;
import dev.kubesdk.testing.ControlPlaneBinaries;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** What the end-to-end tests share: names, the local control plane's users, and waiting. */
final class E2e {
  /** How long any awaited server-side condition may take before the test fails. */
  static final Duration DEADLINE = Duration.ofSeconds(30);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  // Between two polls of a condition the server has no way to tell us about (RBAC caches, for
  // instance); short enough to add little to a test, long enough not to hammer two cores.
  private static final Duration POLL = Duration.ofMillis(50);

  private E2e() {}

  /** {@code prefix-xxxxx}: unique per call, so tests in one namespace never collide. */
  static String name(String prefix) {
    StringBuilder b = new StringBuilder(prefix).append('-');
    for (int i = 0; i < 5; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  /** A ConfigMap named {@code name} holding {@code data}. */
  static V1ConfigMap configMap(String name, Map<String, String> data) {
    return new V1ConfigMap().metadata(new V1ObjectMeta().name(name)).data(data);
  }

  /**
   * The local control plane behind {@code cluster}. Tests that need its users (token, limited,
   * kubeconfig files) or its PKI only make sense there; on another backend they are skipped with
   * this reason.
   */
  static LocalControlPlane localControlPlane(KubernetesCluster cluster) {
    assumeTrue(
        cluster.localControlPlane().isPresent(),
        "needs the local control plane's users, kubeconfigs and certificates; the backend is "
            + cluster.backend());
    return cluster.localControlPlane().orElseThrow();
  }

  /** The configuration the harness's kubeconfig for {@code user} gives, loaded as users load it. */
  static Configuration load(LocalControlPlane controlPlane, LocalUser user) {
    return KubeConfig.resolve(options(controlPlane.kubeconfig(user)).build());
  }

  /** Options reading exactly {@code kubeconfig}, with an empty environment. */
  static LoadOptions.Builder options(Path kubeconfig) {
    return LoadOptions.builder().kubeconfig(kubeconfig).environment(Map.of()).interactive(false);
  }

  /** The process default Configuration, or null while nothing has set one. */
  static Configuration currentDefault() {
    try {
      return Configuration.getDefaultCopy();
    } catch (NoConfigurationException e) {
      return null;
    }
  }

  /** Makes {@code previous} the default again, when there was one. */
  static void restoreDefault(Configuration previous) {
    if (previous != null) {
      Configuration.setDefault(previous);
    }
  }

  /**
   * The Kubernetes version the local control plane runs: the pinned one unless another was chosen
   * with {@code -Dkubesdk.kubernetes.version} (or {@code KUBESDK_KUBERNETES_VERSION}), as the
   * compatibility matrix does.
   */
  static String kubernetesVersion() {
    return ControlPlaneBinaries.kubernetesVersion();
  }

  /** The Kubernetes version of the build: the parent pom's {@code kubernetes.version}. */
  static String pinnedKubernetesVersion() {
    Properties p = new Properties();
    try (InputStream in = E2e.class.getResourceAsStream("e2e.properties")) {
      if (in == null) {
        throw new IllegalStateException("e2e.properties is missing from the test classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read e2e.properties", e);
    }
    String version = p.getProperty("kubernetes.version");
    if (version == null || version.isEmpty() || version.startsWith("${")) {
      throw new IllegalStateException(
          "e2e.properties has no filtered kubernetes.version (" + version + "); build with Maven");
    }
    return version;
  }

  /**
   * Sends a DELETE built by a generated API and ignores the answer. The spec declares a Status as
   * the answer of every DELETE, but for namespaces, CustomResourceDefinitions and other objects
   * deleted through finalizers or gracefully the server answers with the object itself, which the
   * generated call then fails to decode as V1Status ({@code NamespaceIT} shows it); the delete has
   * happened either way.
   */
  static void delete(ApiClient client, ApiRequest request) {
    client.execute(request, Void.class);
  }

  /** {@code json} as a tree, for comparisons that ignore formatting and field order. */
  static JsonElement tree(String json) {
    return JsonParser.parseString(json);
  }

  /**
   * Polls {@code value} until it returns non-null, or fails after {@link #DEADLINE} naming what was
   * awaited and the last answer. An {@link ApiException} counts as "not yet".
   */
  static <T> T await(String what, Supplier<T> value) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    Object last = "no answer";
    while (true) {
      try {
        T v = value.get();
        if (v != null) {
          return v;
        }
        last = "null";
      } catch (ApiException e) {
        last = e.getMessage();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + DEADLINE + " for " + what + "; last answer: " + last);
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }
}
