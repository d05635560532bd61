package dev.kubesdk.testing;

import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.Sensitive;
import dev.kubesdk.runtime.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Kubernetes cluster for tests, on the loopback interface with fresh certificates, RBAC and
 * every API group enabled ({@code --runtime-config=api/all=true}). Its {@link ClusterProfile} says
 * what runs: {@link ClusterProfile#API_ONLY} (the default) is etcd and kube-apiserver, no nodes or
 * controllers; {@link ClusterProfile#FULL} adds kube-controller-manager, kube-scheduler and kwok
 * simulating {@link Builder#nodes nodes}, so pods run (without containers) and controllers act.
 * Thread-safe: {@link #start()}, {@link #restartApiServer()} and {@link #close()} may be called
 * from any thread; the accessors throw {@link IllegalStateException} until {@code start()} returned.
 *
 * <pre>{@code
 * try (LocalControlPlane cluster =
 *     LocalControlPlane.builder().profile(ClusterProfile.FULL).build()) {
 *   cluster.start(); // returns once every component is ready and the nodes are Ready
 *   ApiClient client = new ApiClient(cluster.configuration(LocalUser.ADMIN));
 *   ...
 * }
 * }</pre>
 *
 * <p>The binaries come from {@link ControlPlaneBinaries#resolve}: {@code KUBEBUILDER_ASSETS}, the
 * user's cache, or a Go build into that cache. Each instance gets its own temporary folder (data,
 * certificates, kubeconfigs, logs) and its own ports; several can run side by side.
 *
 * <p>Lifetime: {@link #close()} stops every process and deletes the folder. A JVM shutdown hook
 * does the same, and every process runs under a watchdog that stops it when this JVM dies in any
 * way, {@code kill -9} included, so no process outlives the test run. A failed start keeps the folder
 * and names it in the exception.
 */
public final class LocalControlPlane implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalControlPlane.class);

  /**
   * An extra DNS name in the serving certificate, for tests of {@code tls-server-name}: connect to
   * 127.0.0.1 and verify the certificate against this name. Each kubeconfig has a context {@code
   * <user>-tls-server-name} that does so.
   */
  public static final String TLS_SERVER_NAME = "kubesdk-e2e.test";

  private static final int PORT_ATTEMPTS = 3;
  private static final Duration ETCD_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final Map<String, String> environment;
  private final @Nullable ControlPlaneBinaries givenBinaries;
  private final Duration startTimeout;
  private final List<String> apiServerArguments;
  private final Ports ports;
  private final ClusterProfile profile;
  private final int nodes;

  private final Object lock = new Object();
  private @Nullable Running running;
  private boolean closed;
  private @Nullable Thread shutdownHook;

  /** What exists while the control plane runs; replaced whole when kube-apiserver restarts. */
  private record Running(
      Path directory,
      ControlPlaneFiles files,
      WatchedProcess etcd,
      WatchedProcess apiServer,
      List<String> apiServerCommand,
      @Nullable ClusterComponents components,
      URI host,
      Map<LocalUser, Path> kubeconfigs,
      Duration startup) {

    /** Every process in the order they start: etcd, kube-apiserver, then the components. */
    List<WatchedProcess> processes() {
      List<WatchedProcess> all = new ArrayList<>(List.of(etcd, apiServer));
      if (components != null) {
        all.addAll(components.processes());
      }
      return all;
    }

    Running withApiServer(WatchedProcess restarted) {
      return new Running(
          directory, files, etcd, restarted, apiServerCommand, components, host, kubeconfigs, startup);
    }
  }

  private LocalControlPlane(Builder b) {
    this.environment = Map.copyOf(b.environment);
    this.givenBinaries = b.binaries;
    this.startTimeout = b.startTimeout;
    this.apiServerArguments = List.copyOf(b.apiServerArguments);
    this.ports = b.ports;
    this.profile = b.profile;
    this.nodes = b.nodes;
  }

  /**
   * A builder with the defaults: the {@link ClusterProfile#API_ONLY} profile, binaries from {@code
   * System.getenv()}, a 60 s start timeout.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the processes of the profile and returns once they are ready: {@code /readyz} answers
   * 200, and in the {@link ClusterProfile#FULL} profile kube-controller-manager and kube-scheduler
   * answer {@code /healthz}, every simulated node is {@code Ready} and the {@code default}
   * ServiceAccount exists. Builds the binaries first when they are missing. Does nothing when
   * already started.
   *
   * @throws ControlPlaneException when a process exits or is not ready in time; the message ends
   *     with its last 30 log lines, and nothing is left running. Ports found taken are retried with
   *     new ones twice.
   * @throws IllegalStateException after {@link #close()}
   */
  public void start() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("this LocalControlPlane is closed; build a new one");
      }
      if (running != null) {
        return;
      }
      long begin = System.nanoTime();
      ControlPlaneBinaries binaries = binaries();
      Path directory = createDirectory();
      ControlPlaneFiles files = ControlPlaneFiles.write(directory);
      for (int attempt = 1; ; attempt++) {
        int[] chosen = ports.choose(profile == ClusterProfile.FULL ? 6 : 3);
        try {
          running = launch(binaries, directory, files, chosen, begin);
          break;
        } catch (Readiness.PortTaken e) {
          if (attempt == PORT_ATTEMPTS) {
            throw new ControlPlaneException(
                e.getMessage() + " on each of " + PORT_ATTEMPTS + " attempts; giving up. Folder: " + directory);
          }
          log.debug("{}; retrying with other ports", e.getMessage());
        }
      }
      Thread hook = new Thread(this::stopQuietly, "kubesdk-controlplane-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      shutdownHook = hook;
      log.debug("local control plane ({}) ready at {} in {}", profile, running.host(), running.startup());
    }
  }

  /**
   * Stops kube-apiserver and starts it again on the same port with the same flags, keeping etcd
   * and its data, and returns once {@code /readyz} answers 200 again. For tests of what clients do
   * while the API server is away: watches break, requests fail with a {@code TransportException},
   * and the other components reconnect by themselves.
   *
   * @throws ControlPlaneException when the restarted kube-apiserver exits or is not ready in time
   *     (for instance because another process took the port meanwhile)
   * @throws IllegalStateException before {@link #start()} or after {@link #close()}
   */
  public void restartApiServer() {
    synchronized (lock) {
      Running state = state();
      state.apiServer().stop(STOP_GRACE);
      WatchedProcess restarted = CoreProcesses.startApiServer(state.apiServerCommand(), state.directory());
      try {
        CoreProcesses.awaitApiServer(restarted, state.etcd(), state.host(), state.files(), startTimeout);
      } catch (Readiness.PortTaken e) {
        restarted.stop(STOP_GRACE);
        throw new ControlPlaneException(
            "kube-apiserver could not bind " + state.host() + " again after the restart: another"
                + " process took the port meanwhile. Its log: " + restarted.logFile(),
            restarted.logFile());
      }
      running = state.withApiServer(restarted);
      log.debug("kube-apiserver at {} restarted", state.host());
    }
  }

  /** True between a successful {@link #start()} and {@link #close()}, while every process lives. */
  public boolean isRunning() {
    synchronized (lock) {
      return running != null && running.processes().stream().allMatch(WatchedProcess::isAlive);
    }
  }

  /**
   * Throws when a process of the cluster has exited since {@link #start()}: tests then fail with
   * the reason instead of with connection errors.
   *
   * @throws ControlPlaneException naming the process that exited, with its last 30 log lines
   * @throws IllegalStateException before {@code start()} or after {@code close()}
   */
  public void checkRunning() {
    Running state = state();
    // In start order: when etcd died, kube-apiserver's failure is only its consequence.
    for (WatchedProcess process : state.processes()) {
      if (!process.isAlive()) {
        throw new ControlPlaneException(
            process.name() + " of the local control plane at " + state.host() + " exited (status "
                + process.exitValue() + "); its last " + Readiness.LOG_LINES + " log lines ("
                + process.logFile() + "):\n" + process.logTail(Readiness.LOG_LINES),
            process.logFile());
      }
    }
  }

  /** The profile this control plane runs. */
  public ClusterProfile profile() {
    return profile;
  }

  /** The API server URL, {@code https://127.0.0.1:<port>}. */
  public URI host() {
    return state().host();
  }

  /** PEM of the CA that signed the serving certificate (SANs 127.0.0.1, ::1, localhost, {@value #TLS_SERVER_NAME}). */
  public byte[] certificateAuthority() {
    return state().files().certificateAuthority();
  }

  /** PEM of the admin client certificate (CN {@code kubesdk-admin}, O {@code system:masters}). */
  public byte[] adminClientCertificate() {
    return state().files().adminCertificate();
  }

  /** PEM (PKCS#8) of the admin client certificate's private key. */
  public Sensitive adminClientKey() {
    return state().files().adminKey();
  }

  /**
   * The bearer token of {@link LocalUser#ADMIN_TOKEN} or {@link LocalUser#LIMITED}.
   *
   * @throws IllegalArgumentException for {@link LocalUser#ADMIN}, which uses a client certificate
   */
  public Sensitive token(LocalUser user) {
    return state().files().token(Objects.requireNonNull(user, "user"));
  }

  /** A kubeconfig for {@code user}; its current context uses 127.0.0.1, and context {@code <user>-tls-server-name} verifies against {@value #TLS_SERVER_NAME}. */
  public Path kubeconfig(LocalUser user) {
    return state().kubeconfigs().get(Objects.requireNonNull(user, "user"));
  }

  /** A client configuration for {@code user}: host, CA, and the user's certificate or token. */
  public Configuration configuration(LocalUser user) {
    Objects.requireNonNull(user, "user");
    Running state = state();
    if (user == LocalUser.ADMIN) {
      return adminConfiguration(state.host(), state.files());
    }
    return Configuration.builder()
        .host(state.host())
        .certificateAuthority(state.files().certificateAuthority())
        .credentials(Credentials.bearerToken(state.files().token(user)))
        .build();
  }

  /**
   * What the simulated nodes' kubelet API answers for pods: logs, exec, attach and port-forward.
   *
   * @throws IllegalStateException unless the profile is {@link ClusterProfile#FULL}
   */
  public SimulatedKubelet kubelet() {
    Running state = state();
    if (state.components() == null) {
      throw new IllegalStateException(
          "this control plane runs the " + profile + " profile, which has no nodes; build it with"
              + " profile(ClusterProfile.FULL) (or @KubernetesTest(profile = ClusterProfile.FULL))");
    }
    return new SimulatedKubelet(new ApiClient(adminConfiguration(state.host(), state.files())));
  }

  /** The names of the simulated nodes the control plane started with; empty for {@link ClusterProfile#API_ONLY}. */
  public List<String> nodeNames() {
    ClusterComponents components = state().components();
    return components == null ? List.of() : components.nodeNames();
  }

  /** The private folder of this control plane: etcd data, certificates, kubeconfigs and logs. */
  public Path directory() {
    return state().directory();
  }

  /** The kube-apiserver log file. */
  public Path apiServerLog() {
    return state().apiServer().logFile();
  }

  /** The etcd log file. */
  public Path etcdLog() {
    return state().etcd().logFile();
  }

  /** How long {@link #start()} took, from its call until every process was ready. */
  public Duration startupDuration() {
    return state().startup();
  }

  /** The watchdogs and their children; lets tests check that nothing outlives {@link #close()}. */
  List<ProcessHandle> processes() {
    return state().processes().stream().flatMap(p -> p.processes().stream()).toList();
  }

  /**
   * Stops the processes (the components, then kube-apiserver, then etcd; SIGTERM, SIGKILL after
   * 15 s) and deletes the folder, unless one of them had exited by itself: then the folder and its
   * logs stay. Idempotent; the instance cannot be started again.
   */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      Thread hook = shutdownHook;
      shutdownHook = null;
      if (hook != null && Thread.currentThread() != hook) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // The JVM is already shutting down and the hook will run or is running.
        }
      }
      Running state = running;
      running = null;
      if (state != null) {
        boolean crashed = !state.processes().stream().allMatch(WatchedProcess::isAlive);
        if (state.components() != null) {
          state.components().stop(Duration.ofSeconds(5));
        }
        // Without etcd, kube-apiserver's graceful shutdown waits for storage that never answers.
        state.apiServer().stop(state.etcd().isAlive() ? STOP_GRACE : Duration.ofSeconds(2));
        state.etcd().stop(STOP_GRACE);
        if (crashed) {
          log.warn("a process of the local control plane had exited before close(); its logs stay in {}", state.directory());
        } else {
          ControlPlaneBinaries.deleteTree(state.directory());
        }
      }
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return running == null
          ? "LocalControlPlane{" + profile + ", " + (closed ? "closed" : "not started") + "}"
          : "LocalControlPlane{" + profile + ", " + running.host() + ", " + running.directory() + "}";
    }
  }

  /** The configuration of {@link LocalUser#ADMIN} for the server at {@code host}. */
  static Configuration adminConfiguration(URI host, ControlPlaneFiles files) {
    return Configuration.builder()
        .host(host)
        .certificateAuthority(files.certificateAuthority())
        .clientCertificate(files.adminCertificate())
        .clientKey(files.adminKey())
        .build();
  }

  private ControlPlaneBinaries binaries() {
    if (givenBinaries == null) {
      return ControlPlaneBinaries.resolve(environment, profile);
    }
    if (!givenBinaries.has(profile)) {
      throw new ControlPlaneException(
          givenBinaries.directory() + " lacks binaries of the " + profile + " profile ("
              + String.join(", ", profile.binaries()) + "). Build them with e2e/controlplane/build.");
    }
    return givenBinaries;
  }

  private void stopQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      log.debug("stopping the local control plane at JVM exit failed: {}", e.toString());
    }
  }

  private Running state() {
    synchronized (lock) {
      if (running == null) {
        throw new IllegalStateException(
            closed ? "this LocalControlPlane is closed" : "call start() before asking for its state");
      }
      return running;
    }
  }

  private static Path createDirectory() {
    try {
      return Files.createTempDirectory("kubesdk-controlplane-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the control plane", e);
    }
  }

  private Running launch(
      ControlPlaneBinaries binaries, Path directory, ControlPlaneFiles files, int[] chosen, long begin)
      throws Readiness.PortTaken {
    int clientPort = chosen[0];
    int peerPort = chosen[1];
    int securePort = chosen[2];
    Path data = directory.resolve("etcd-data-" + clientPort);
    String etcdUrl = "http://127.0.0.1:" + clientPort;
    WatchedProcess etcd = CoreProcesses.startEtcd(binaries, directory, data, clientPort, peerPort);
    try {
      CoreProcesses.awaitEtcd(etcd, etcdUrl, ETCD_TIMEOUT);
      URI host = URI.create("https://127.0.0.1:" + securePort);
      List<String> command =
          CoreProcesses.apiServerCommand(binaries, directory, files, etcdUrl, securePort, profile, apiServerArguments);
      WatchedProcess apiServer = CoreProcesses.startApiServer(command, directory);
      try {
        CoreProcesses.awaitApiServer(apiServer, etcd, host, files, startTimeout);
        Map<LocalUser, Path> kubeconfigs = files.writeKubeconfigs(host);
        ClusterComponents components = null;
        if (profile == ClusterProfile.FULL) {
          components =
              ClusterComponents.start(
                  binaries,
                  directory,
                  files,
                  host,
                  new ClusterComponents.Ports(chosen[3], chosen[4], chosen[5]),
                  nodes,
                  startTimeout,
                  List.of(etcd, apiServer));
        }
        return new Running(
            directory,
            files,
            etcd,
            apiServer,
            command,
            components,
            host,
            kubeconfigs,
            Duration.ofNanos(System.nanoTime() - begin));
      } catch (Readiness.PortTaken | RuntimeException e) {
        apiServer.stop(STOP_GRACE);
        throw e;
      }
    } catch (Readiness.PortTaken | RuntimeException e) {
      etcd.stop(STOP_GRACE);
      ControlPlaneBinaries.deleteTree(data);
      throw e;
    }
  }

  /** Builds a {@link LocalControlPlane}. Mutable and not thread-safe. */
  public static final class Builder {
    private Map<String, String> environment = System.getenv();
    private @Nullable ControlPlaneBinaries binaries;
    private Duration startTimeout = Duration.ofSeconds(60);
    private final List<String> apiServerArguments = new ArrayList<>();
    private Ports ports = Ports.EPHEMERAL;
    private ClusterProfile profile = ClusterProfile.API_ONLY;
    private int nodes = 1;

    private Builder() {}

    /**
     * The environment that locates the binaries ({@code KUBEBUILDER_ASSETS}, {@code
     * XDG_CACHE_HOME}, {@code HOME}, {@code PATH} for Go); default {@code System.getenv()}.
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
      return this;
    }

    /** Uses these binaries instead of looking them up from the environment. */
    public Builder binaries(ControlPlaneBinaries binaries) {
      this.binaries = Objects.requireNonNull(binaries, "binaries");
      return this;
    }

    /** What runs; default {@link ClusterProfile#API_ONLY}. */
    public Builder profile(ClusterProfile profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /**
     * How many nodes kwok simulates in the {@link ClusterProfile#FULL} profile, named {@code
     * kubesdk-node-0}, {@code kubesdk-node-1}, ...; default 1. Ignored by {@link
     * ClusterProfile#API_ONLY}, which has none.
     */
    public Builder nodes(int nodes) {
      if (nodes < 1 || nodes > 100) {
        throw new IllegalArgumentException("nodes must be between 1 and 100: " + nodes);
      }
      this.nodes = nodes;
      return this;
    }

    /** How long each process may take to become ready; default 60 s. */
    public Builder startTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive: " + timeout);
      }
      this.startTimeout = timeout;
      return this;
    }

    /**
     * Adds a kube-apiserver flag, e.g. {@code --feature-gates=Foo=true}; it comes after the
     * defaults, so it can override them.
     */
    public Builder apiServerArgument(String argument) {
      apiServerArguments.add(Objects.requireNonNull(argument, "argument"));
      return this;
    }

    Builder ports(Ports ports) {
      this.ports = ports;
      return this;
    }

    /** The control plane, not started yet. */
    public LocalControlPlane build() {
      return new LocalControlPlane(this);
    }
  }
}
