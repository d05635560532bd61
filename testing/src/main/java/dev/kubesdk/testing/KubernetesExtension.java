package dev.kubesdk.testing;

import dev.kubesdk.config.Configuration;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;
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
    return type == Configuration.class || type == KubernetesCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.isAnnotated(TestNamespace.class)) {
      return namespace(context).name();
    }
    Class<?> type = parameter.getParameter().getType();
    KubernetesCluster cluster = cluster(context);
    if (type == KubernetesCluster.class) {
      return cluster;
    }
    return cluster.configuration();
  }

  private static KubernetesCluster cluster(ExtensionContext context) {
    ExtensionContext.Store root = context.getRoot().getStore(STORE);
    return root.computeIfAbsent(SharedCluster.class, key -> new SharedCluster(System.getenv()), SharedCluster.class)
        .get();
  }

  private static ClassNamespace namespace(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    KubernetesCluster cluster = cluster(classContext);
    Class<?> testClass = classContext.getRequiredTestClass();
    // Keyed by the class: a @Nested class's store sees its outer class's entries, and a nested
    // class gets a namespace of its own.
    return classContext
        .getStore(STORE)
        .computeIfAbsent(
            testClass,
            key -> ClassNamespace.create(cluster.configuration(), namespaceName(testClass)),
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
    private final Object lock = new Object();
    private @Nullable KubernetesCluster cluster;
    private @Nullable RuntimeException failure;

    SharedCluster(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
    }

    KubernetesCluster get() {
      synchronized (lock) {
        if (cluster == null && failure == null) {
          try {
            cluster = KubernetesCluster.start(environment);
            log.debug("tests run against {}", cluster);
          } catch (RuntimeException e) {
            failure = e;
          }
        }
        if (failure != null) {
          if (failure instanceof ClusterUnavailableException
              && !"true".equalsIgnoreCase(environment.get("CI"))) {
            throw new TestAbortedException(failure.getMessage() + " (with CI=true this fails the run)", failure);
          }
          throw failure;
        }
        KubernetesCluster running = Objects.requireNonNull(cluster);
        running.localControlPlane().ifPresent(LocalControlPlane::checkRunning);
        return running;
      }
    }

    @Override
    public void close() {
      synchronized (lock) {
        if (cluster != null) {
          cluster.close();
          cluster = null;
        }
      }
    }
  }

  /** A test class's namespace, deleted when JUnit closes the class's store after its last test. */
  record ClassNamespace(Configuration configuration, String name) implements AutoCloseable {
    static ClassNamespace create(Configuration configuration, String name) {
      Namespaces.create(configuration, name);
      return new ClassNamespace(configuration, name);
    }

    @Override
    public void close() {
      Namespaces.delete(configuration, name);
    }
  }
}
