package dev.kubesdk.config;

import dev.kubesdk.config.internal.Terminal;
import dev.kubesdk.config.internal.WellKnown;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link KubeConfig} loads and from where: an explicit kubeconfig file, the context and the
 * overrides of its cluster, user and namespace, and the environment, home directory and
 * service-account directory to read. Immutable and thread-safe.
 *
 * <p>Defaults: no explicit file (so {@code KUBECONFIG}, then {@code ~/.kube/config}, then
 * in-cluster), the file's current-context, the process environment, the {@code user.home}
 * directory, {@code /var/run/secrets/kubernetes.io/serviceaccount}, interactive when stdin is a
 * terminal, and {@link #DEFAULT_EXEC_PLUGIN_TIMEOUT} for exec plugins. Tests pass their own
 * environment and directories so that nothing of the developer's machine is read.
 *
 * <pre>{@code
 * Configuration dev = KubeConfig.load(LoadOptions.builder()
 *     .kubeconfig(Path.of("/etc/ci/kubeconfig"))
 *     .context("dev")
 *     .namespace("shop")
 *     .build());
 * }</pre>
 */
public final class LoadOptions {
  /**
   * How long one exec plugin run may take by default: 5 minutes. Token helpers such as {@code aws
   * eks get-token} or {@code gke-gcloud-auth-plugin} answer in seconds, but a browser login
   * (kubelogin, whose own login timeout is 3 minutes) waits for a person; the default leaves such
   * a plugin the time to report its own timeout, and still ends a plugin that hangs.
   */
  public static final Duration DEFAULT_EXEC_PLUGIN_TIMEOUT = Duration.ofMinutes(5);

  private final @Nullable Path kubeconfig;
  private final @Nullable String context;
  private final @Nullable String cluster;
  private final @Nullable String user;
  private final @Nullable String namespace;
  private final Map<String, String> environment;
  private final Path home;
  private final Path serviceAccountDirectory;
  private final boolean interactive;
  private final Duration execPluginTimeout;
  private final Clock clock;

  private LoadOptions(Builder b) {
    this.kubeconfig = b.kubeconfig;
    this.context = b.context;
    this.cluster = b.cluster;
    this.user = b.user;
    this.namespace = b.namespace;
    this.environment = b.environment == null ? Map.copyOf(System.getenv()) : Map.copyOf(b.environment);
    this.home = b.home != null ? b.home : defaultHome(this.environment);
    this.serviceAccountDirectory = b.serviceAccountDirectory;
    // client-go asks whether stdin is a terminal; System.console() alone says yes on JDK 22+
    // even when nothing is.
    this.interactive = b.interactive != null ? b.interactive : Terminal.stdinIsTerminal();
    this.execPluginTimeout = b.execPluginTimeout;
    this.clock = b.clock;
  }

  private static Path defaultHome(Map<String, String> env) {
    String home = env.get(WellKnown.HOME);
    return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home", "."));
  }

  /** Options with every default. */
  public static LoadOptions defaults() {
    return builder().build();
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.kubeconfig = kubeconfig;
    b.context = context;
    b.cluster = cluster;
    b.user = user;
    b.namespace = namespace;
    b.environment = environment;
    b.home = home;
    b.serviceAccountDirectory = serviceAccountDirectory;
    b.interactive = interactive;
    b.execPluginTimeout = execPluginTimeout;
    b.clock = clock;
    return b;
  }

  /** The explicit kubeconfig file; when set, {@code KUBECONFIG} and in-cluster are not consulted. */
  public Optional<Path> kubeconfig() {
    return Optional.ofNullable(kubeconfig);
  }

  /** The context to use instead of the file's current-context. */
  public Optional<String> context() {
    return Optional.ofNullable(context);
  }

  /** The cluster entry to use instead of the context's. */
  public Optional<String> cluster() {
    return Optional.ofNullable(cluster);
  }

  /** The user entry to use instead of the context's. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** The namespace to use instead of the context's. */
  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /**
   * The environment variables the loader reads ({@code KUBECONFIG}, {@code HOME}, the in-cluster
   * variables, {@code HTTPS_PROXY}/{@code HTTP_PROXY}/{@code NO_PROXY}). Exec plugins inherit
   * exactly this environment (plus their own {@code env} entries), and a plugin command without a
   * slash is looked up on its {@code PATH} (with {@code PATHEXT} on Windows, which is assumed when
   * the JVM runs there or this environment has {@code OS=Windows_NT}): pass {@code PATH} along when
   * you replace the environment and use such plugins.
   */
  public Map<String, String> environment() {
    return environment;
  }

  /** The home directory holding {@code .kube/config}. */
  public Path home() {
    return home;
  }

  /** Where the service-account token, {@code ca.crt} and {@code namespace} files are. */
  public Path serviceAccountDirectory() {
    return serviceAccountDirectory;
  }

  /**
   * True when exec plugins may prompt the user. By default, whether stdin is a terminal (on Linux
   * read from {@code /proc/self/fd/0}; elsewhere from the console, with {@code
   * Console.isTerminal()} on JDK 22+), as client-go decides.
   */
  public boolean interactive() {
    return interactive;
  }

  /**
   * How long one exec plugin run may take before it and every process it started are killed and
   * loading, or the request that needed the credential, fails with {@link
   * CredentialsTimeoutException}; {@link Duration#ZERO} for no limit. Default {@link
   * #DEFAULT_EXEC_PLUGIN_TIMEOUT}.
   */
  public Duration execPluginTimeout() {
    return execPluginTimeout;
  }

  /** The clock used to decide whether a cached credential has expired. */
  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "LoadOptions{kubeconfig=" + kubeconfig + ", context=" + context + ", cluster=" + cluster + ", user=" + user
        + ", namespace=" + namespace + ", home=" + home + ", serviceAccountDirectory=" + serviceAccountDirectory
        + ", interactive=" + interactive + ", execPluginTimeout=" + execPluginTimeout + ", environment=" + environment.keySet().size() + " variables}";
  }

  /** Builds {@link LoadOptions}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable Path kubeconfig;
    private @Nullable String context;
    private @Nullable String cluster;
    private @Nullable String user;
    private @Nullable String namespace;
    private @Nullable Map<String, String> environment;
    private @Nullable Path home;
    private Path serviceAccountDirectory = WellKnown.SERVICE_ACCOUNT_DIR;
    private @Nullable Boolean interactive;
    private Duration execPluginTimeout = DEFAULT_EXEC_PLUGIN_TIMEOUT;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Loads exactly this file (it must exist) instead of {@code KUBECONFIG} or {@code ~/.kube/config}. */
    public Builder kubeconfig(@Nullable Path file) {
      this.kubeconfig = file;
      return this;
    }

    /** Uses this context instead of current-context. */
    public Builder context(@Nullable String name) {
      this.context = emptyToNull(name);
      return this;
    }

    /** Uses this cluster entry instead of the context's. */
    public Builder cluster(@Nullable String name) {
      this.cluster = emptyToNull(name);
      return this;
    }

    /** Uses this user entry instead of the context's. */
    public Builder user(@Nullable String name) {
      this.user = emptyToNull(name);
      return this;
    }

    /** Uses this namespace instead of the context's. */
    public Builder namespace(@Nullable String namespace) {
      this.namespace = emptyToNull(namespace);
      return this;
    }

    /** The environment to read instead of the process environment (copied). */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
      return this;
    }

    /** The home directory instead of {@code $HOME} / {@code user.home}. */
    public Builder home(Path home) {
      this.home = Objects.requireNonNull(home, "home");
      return this;
    }

    /** The service-account directory instead of {@code /var/run/secrets/kubernetes.io/serviceaccount}. */
    public Builder serviceAccountDirectory(Path directory) {
      this.serviceAccountDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Whether exec plugins may prompt; by default, whether stdin is a terminal. */
    public Builder interactive(boolean interactive) {
      this.interactive = interactive;
      return this;
    }

    /**
     * How long one exec plugin run may take; {@link Duration#ZERO} for no limit. Default {@link
     * #DEFAULT_EXEC_PLUGIN_TIMEOUT}.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder execPluginTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("execPluginTimeout must not be negative: " + timeout);
      }
      this.execPluginTimeout = timeout;
      return this;
    }

    /** The clock for credential expiry. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The immutable options. */
    public LoadOptions build() {
      return new LoadOptions(this);
    }

    private static @Nullable String emptyToNull(@Nullable String s) {
      return s == null || s.isEmpty() ? null : s;
    }
  }
}
