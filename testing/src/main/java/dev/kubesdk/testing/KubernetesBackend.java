package dev.kubesdk.testing;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where {@link KubernetesTest} classes get their cluster, chosen by the environment variable {@value
 * #VARIABLE}.
 */
public enum KubernetesBackend {
  /**
   * A {@link LocalControlPlane} started in this JVM, of the {@link ClusterProfile} the test class
   * asks for.
   */
  LOCAL,
  /** A k3s container started with Testcontainers; needs a Docker engine and {@code org.testcontainers:testcontainers-k3s}. */
  K3S,
  /** The current context of the user's kubeconfig ({@code KUBECONFIG} or {@code ~/.kube/config}). */
  KUBECONFIG;

  /** The environment variable that names the backend: {@code local}, {@code k3s} or {@code kubeconfig}. */
  public static final String VARIABLE = "KUBESDK_E2E_BACKEND";

  /**
   * The backend {@code environment} asks for; when {@value #VARIABLE} is unset, {@link #K3S} if a
   * Docker engine answers (and Testcontainers is on the class path), else {@link #LOCAL}.
   *
   * @throws IllegalArgumentException when {@value #VARIABLE} names no backend
   */
  public static KubernetesBackend select(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    String named = environment.get(VARIABLE);
    if (named == null || named.isBlank()) {
      return K3sAvailability.dockerAvailable(environment) ? K3S : LOCAL;
    }
    return switch (named.trim().toLowerCase(Locale.ROOT)) {
      case "local" -> LOCAL;
      case "k3s" -> K3S;
      case "kubeconfig" -> KUBECONFIG;
      default ->
          throw new IllegalArgumentException(
              VARIABLE + "=" + named + " names no backend. Use local, k3s or kubeconfig, or unset it"
                  + " to pick k3s when Docker runs and local otherwise.");
    };
  }
}
