package dev.kubesdk.testing;

/**
 * The chosen backend cannot run on this machine at all: no Go toolchain to build the local control
 * plane, no Docker engine for k3s, no kubeconfig. {@link KubernetesTest} classes are skipped for
 * this reason, unless {@code CI=true}, where they fail.
 */
public final class ClusterUnavailableException extends ControlPlaneException {
  private static final long serialVersionUID = 1L;

  /** The backend and what is missing, and how to provide it. */
  public ClusterUnavailableException(String message) {
    super(message);
  }
}
