package dev.kubesdk.testing;

import dev.kubesdk.config.Configuration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kubernetes cluster tests run against, from one of the {@link KubernetesBackend}s, with an
 * identity allowed to do everything. Thread-safe.
 */
public interface KubernetesCluster extends AutoCloseable {

  /**
   * Starts (or connects to) the cluster of the backend {@link KubernetesBackend#select} picks from
   * {@code environment}, and returns once it answers. {@code profile} says what a {@link
   * KubernetesBackend#LOCAL} cluster runs; k3s and kubeconfig clusters are whole clusters already.
   *
   * @throws ClusterUnavailableException when the backend cannot run on this machine
   * @throws ControlPlaneException when it can, but failed to start
   */
  static KubernetesCluster start(Map<String, String> environment, ClusterProfile profile) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(profile, "profile");
    return switch (KubernetesBackend.select(environment)) {
      case LOCAL -> LocalCluster.start(environment, profile);
      case K3S -> K3sCluster.start(environment);
      case KUBECONFIG -> KubeconfigCluster.start(environment);
    };
  }

  /** The backend this cluster comes from. */
  KubernetesBackend backend();

  /** A configuration with cluster-admin rights. */
  Configuration configuration();

  /** The local control plane, when the backend is {@link KubernetesBackend#LOCAL}. */
  Optional<LocalControlPlane> localControlPlane();

  /** Stops what this cluster started (nothing for {@link KubernetesBackend#KUBECONFIG}). */
  @Override
  void close();
}
