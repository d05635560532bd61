package dev.kubesdk.testing;

import org.testcontainers.DockerClientFactory;

/**
 * Whether the k3s backend can run. Testcontainers is an optional dependency: nothing here loads one
 * of its classes before {@link #testcontainersPresent()} found them.
 */
final class K3sAvailability {
  private K3sAvailability() {}

  static boolean testcontainersPresent() {
    try {
      Class.forName("org.testcontainers.k3s.K3sContainer", false, K3sAvailability.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static boolean dockerAvailable() {
    return testcontainersPresent() && Docker.available();
  }

  /** Loaded only when called, so a missing Testcontainers never breaks the class above. */
  private static final class Docker {
    static boolean available() {
      return DockerClientFactory.instance().isDockerAvailable();
    }
  }
}
