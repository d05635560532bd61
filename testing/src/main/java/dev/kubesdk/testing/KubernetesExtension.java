package dev.kubesdk.testing;

import dev.kubesdk.config.Configuration;
import dev.kubesdk.runtime.ApiClient;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JUnit 5 extension behind {@link KubernetesTest}; see there for what it injects. Register it
 * with the annotation rather than by hand.
 */
public final class KubernetesExtension implements BeforeAllCallback, ParameterResolver {
  private static final Logger log = LoggerFactory.getLogger(KubernetesExtension.class);
  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(KubernetesExtension.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Created by JUnit. */
  public KubernetesExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    // Create the namespace now, so that a cluster that cannot start fails (or skips) the class
    // before its first test rather than in each test's parameter resolution.
    namespace(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (parameter.isAnnotated(TestNamespace.class)) {
      if (type != String.class) {
        throw new ParameterResolutionException(
            "@TestNamespace needs a String parameter, not " + type.getName() + " ("
                + parameter.getDeclaringExecutable() + ")");
      }
      return true;
    }
    return type == ApiClient.class || type == Configuration.class || type == KubernetesCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.isAnnotated(TestNamespace.class)) {
      return namespace(context).name();
    }
    Class<?> type = parameter.getParameter().getType();
    SharedCluster shared = shared(classContext(context));
    if (type == ApiClient.class) {
      return shared.client();
    }
    KubernetesCluster cluster = shared.get();
    return type == KubernetesCluster.class ? cluster : cluster.configuration();
  }

  /** The cluster of the profile {@code classContext}'s test class asks for, one per profile and run. */
  private static SharedCluster shared(ExtensionContext classContext) {
    ClusterProfile profile = profile(classContext.getRequiredTestClass());
    ExtensionContext.Store root = classContext.getRoot().getStore(STORE);
    return root.computeIfAbsent(
        profile, key -> new SharedCluster(System.getenv(), profile), SharedCluster.class);
  }

  /** The profile of the nearest {@link KubernetesTest} on the class or a class enclosing it. */
  static ClusterProfile profile(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      KubernetesTest test = c.getAnnotation(KubernetesTest.class);
      if (test != null) {
        return test.profile();
      }
    }
    return ClusterProfile.API_ONLY;
  }

  private static ClassNamespace namespace(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    SharedCluster shared = shared(classContext);
    ApiClient client = shared.client();
    Class<?> testClass = classContext.getRequiredTestClass();
    // Keyed by the class: a @Nested class's store sees its outer class's entries, and a nested
    // class gets a namespace of its own.
    return classContext
        .getStore(STORE)
        .computeIfAbsent(
            testClass,
            key -> ClassNamespace.create(client, namespaceName(testClass), shared.profile()),
            ClassNamespace.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  /** {@code kubesdk-<class name>-<5 random>}, within the 63 characters of a DNS label. */
  static String namespaceName(Class<?> testClass) {
    String simple =
        testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (simple.length() > 40) {
      simple = simple.substring(0, 40).replaceAll("-+$", "");
    }
    StringBuilder suffix = new StringBuilder();
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    for (int i = 0; i < 5; i++) {
      suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return "kubesdk-" + (simple.isEmpty() ? "test" : simple) + "-" + suffix;
  }

  /**
   * The cluster of this test run, started on first use; a failure to start is remembered, so every
   * class reports it without trying again. Closed by JUnit when the run ends.
   */
  static final class SharedCluster implements AutoCloseable {
    private final Map<String, String> environment;
    private final ClusterProfile profile;
    private final Object lock = new Object();
    private @Nullable KubernetesCluster cluster;
    private @Nullable ApiClient client;
    private @Nullable RuntimeException failure;

    SharedCluster(Map<String, String> environment, ClusterProfile profile) {
      this.environment = Map.copyOf(environment);
      this.profile = profile;
    }

    ClusterProfile profile() {
      return profile;
    }

    KubernetesCluster get() {
      synchronized (lock) {
        if (cluster == null && failure == null) {
          try {
            cluster = KubernetesCluster.start(environment, profile);
            log.debug("tests run against {}", cluster);
          } catch (RuntimeException e) {
            failure = e;
          }
        }
        if (failure != null) {
          if (failure instanceof ClusterUnavailableException
              && !"true".equalsIgnoreCase(environment.get("CI"))) {
            Assumptions.abort(failure.getMessage() + " (with CI=true this fails the run)");
          }
          throw failure;
        }
        KubernetesCluster running = Objects.requireNonNull(cluster);
        running.localControlPlane().ifPresent(LocalControlPlane::checkRunning);
        return running;
      }
    }

    /** One client for the whole run: it owns a connection pool, and tests may share it. */
    ApiClient client() {
      KubernetesCluster running = get();
      synchronized (lock) {
        if (client == null) {
          client = new ApiClient(running.configuration());
        }
        return client;
      }
    }

    @Override
    public void close() {
      synchronized (lock) {
        client = null;
        if (cluster != null) {
          cluster.close();
          cluster = null;
        }
      }
    }
  }

  /** A test class's namespace, deleted when JUnit closes the class's store after its last test. */
  record ClassNamespace(ApiClient client, String name) implements AutoCloseable {
    static ClassNamespace create(ApiClient client, String name, ClusterProfile profile) {
      Namespaces.create(client, name);
      if (profile == ClusterProfile.FULL) {
        Namespaces.awaitServiceAccount(client, name);
      }
      return new ClassNamespace(client, name);
    }

    @Override
    public void close() {
      Namespaces.delete(client, name);
    }
  }
}
