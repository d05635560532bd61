package dev.kubesdk.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /**
   * True when Testcontainers is present and finds a Docker engine. Testcontainers is only asked
   * when a Docker endpoint could exist (DOCKER_HOST, a Testcontainers config file, or one of the
   * usual sockets): its own search logs errors and takes seconds on a machine without Docker.
   */
  static boolean dockerAvailable(Map<String, String> environment) {
    return testcontainersPresent() && dockerEndpointMayExist(environment) && dockerAnswers();
  }

  /** Asks Testcontainers (which must be present) whether a Docker engine answers. */
  static boolean dockerAnswers() {
    return Docker.available();
  }

  static boolean dockerEndpointMayExist(Map<String, String> environment) {
    if (!environment.getOrDefault("DOCKER_HOST", "").isBlank()) {
      return true;
    }
    String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of("/var/run/docker.sock"));
    candidates.add(Path.of(home, ".testcontainers.properties"));
    candidates.add(Path.of(home, ".docker", "run", "docker.sock"));
    candidates.add(Path.of(home, ".docker", "desktop", "docker.sock"));
    candidates.add(Path.of(home, ".colima", "default", "docker.sock"));
    candidates.add(Path.of(home, ".rd", "docker.sock"));
    String runtime = environment.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank()) {
      candidates.add(Path.of(runtime, "docker.sock"));
    }
    return candidates.stream().anyMatch(Files::exists);
  }

  /** Loaded only when called, so a missing Testcontainers never breaks the class above. */
  private static final class Docker {
    static boolean available() {
      return DockerClientFactory.instance().isDockerAvailable();
    }
  }
}
