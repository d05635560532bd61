package dev.kubesdk.testing;

import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.config.LoadOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link KubernetesBackend#K3S}: a k3s container. Testcontainers is an optional dependency, so
 * this class is only loaded after {@link K3sAvailability#testcontainersPresent()} said it may be.
 */
final class K3sCluster implements KubernetesCluster {
  /** Overrides the image, e.g. when no k3s release of the pinned Kubernetes version exists yet. */
  static final String IMAGE_VARIABLE = "KUBESDK_K3S_IMAGE";

  private final K3sContainer container;
  private final Configuration configuration;

  private K3sCluster(K3sContainer container, Configuration configuration) {
    this.container = container;
    this.configuration = configuration;
  }

  static K3sCluster start(Map<String, String> environment) {
    if (!K3sAvailability.testcontainersPresent()) {
      throw new ClusterUnavailableException(
          KubernetesBackend.VARIABLE
              + "=k3s needs org.testcontainers:testcontainers-k3s on the test class path. Add it as a"
              + " test dependency, or choose " + KubernetesBackend.VARIABLE + "=local.");
    }
    if (!K3sAvailability.dockerAnswers()) {
      throw new ClusterUnavailableException(
          KubernetesBackend.VARIABLE
              + "=k3s needs a Docker engine and Testcontainers found none. Start Docker (or set"
              + " DOCKER_HOST), or choose " + KubernetesBackend.VARIABLE + "=local.");
    }
    String image =
        environment.getOrDefault(
            IMAGE_VARIABLE, "rancher/k3s:v" + ControlPlaneBinaries.kubernetesVersion() + "-k3s1");
    K3sContainer container = new K3sContainer(DockerImageName.parse(image));
    try {
      container.start();
      Path kubeconfig = Files.createTempFile("kubesdk-k3s-", ".kubeconfig");
      try {
        Files.writeString(kubeconfig, container.getKubeConfigYaml(), StandardCharsets.UTF_8);
        Configuration configuration =
            KubeConfig.resolve(
                LoadOptions.builder().kubeconfig(kubeconfig).environment(Map.of()).build());
        return new K3sCluster(container, configuration);
      } finally {
        Files.deleteIfExists(kubeconfig);
      }
    } catch (IOException | RuntimeException e) {
      container.stop();
      throw new ControlPlaneException("the k3s container " + image + " did not start: " + e.getMessage(), e);
    }
  }

  @Override
  public KubernetesBackend backend() {
    return KubernetesBackend.K3S;
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
    container.stop();
  }
}
