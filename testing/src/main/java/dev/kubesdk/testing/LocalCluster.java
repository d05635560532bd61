package dev.kubesdk.testing;

import dev.kubesdk.config.Configuration;
import java.util.Map;
import java.util.Optional;

/** {@link KubernetesBackend#LOCAL}: a {@link LocalControlPlane}, with the admin client certificate. */
final class LocalCluster implements KubernetesCluster {
  private final LocalControlPlane controlPlane;

  private LocalCluster(LocalControlPlane controlPlane) {
    this.controlPlane = controlPlane;
  }

  static LocalCluster start(Map<String, String> environment, ClusterProfile profile) {
    LocalControlPlane controlPlane =
        LocalControlPlane.builder().environment(environment).profile(profile).build();
    try {
      controlPlane.start();
    } catch (RuntimeException e) {
      controlPlane.close();
      throw e;
    }
    return new LocalCluster(controlPlane);
  }

  @Override
  public KubernetesBackend backend() {
    return KubernetesBackend.LOCAL;
  }

  @Override
  public Configuration configuration() {
    return controlPlane.configuration(LocalUser.ADMIN);
  }

  @Override
  public Optional<LocalControlPlane> localControlPlane() {
    return Optional.of(controlPlane);
  }

  @Override
  public void close() {
    controlPlane.close();
  }

  @Override
  public String toString() {
    return "LocalCluster{" + controlPlane + "}";
  }
}
