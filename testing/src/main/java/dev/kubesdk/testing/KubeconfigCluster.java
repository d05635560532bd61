package dev.kubesdk.testing;

import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.config.LoadOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link KubernetesBackend#KUBECONFIG}: the current context of the user's kubeconfig, loaded as
 * kubectl would ({@link KubeConfig#resolve}), an existing cluster this harness neither starts nor
 * stops. Its user must be allowed to create and delete
 * namespaces.
 */
final class KubeconfigCluster implements KubernetesCluster {
  private final Configuration configuration;

  private KubeconfigCluster(Configuration configuration) {
    this.configuration = configuration;
  }

  static KubeconfigCluster start(Map<String, String> environment) {
    List<Path> candidates = new ArrayList<>();
    String list = environment.get("KUBECONFIG");
    if (list != null && !list.isBlank()) {
      for (String entry : list.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          candidates.add(Path.of(entry));
        }
      }
    } else {
      String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
      candidates.add(Path.of(home, ".kube", "config"));
    }
    if (candidates.stream().anyMatch(Files::isRegularFile)) {
      return new KubeconfigCluster(
          KubeConfig.resolve(LoadOptions.builder().environment(environment).build()));
    }
    throw new ClusterUnavailableException(
        KubernetesBackend.VARIABLE + "=kubeconfig found no kubeconfig; looked at " + candidates
            + (list == null ? " (KUBECONFIG is unset)" : " (from KUBECONFIG)")
            + ". Set KUBECONFIG, or choose " + KubernetesBackend.VARIABLE + "=local.");
  }

  @Override
  public KubernetesBackend backend() {
    return KubernetesBackend.KUBECONFIG;
  }

  @Override
  public Configuration configuration() {
    return configuration;
  }

  @Override
  public Optional<LocalControlPlane> localControlPlane() {
    return Optional.empty();
  }

  @Override
  public void close() {
    // Not ours to stop.
  }

  @Override
  public String toString() {
    return "KubeconfigCluster{" + configuration.host() + "}";
  }
}
