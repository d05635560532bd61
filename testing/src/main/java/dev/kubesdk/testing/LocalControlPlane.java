package dev.kubesdk.testing;

import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.Sensitive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Kubernetes control plane for tests: etcd and kube-apiserver on the loopback interface,
 * with fresh certificates, RBAC, every API group enabled ({@code --runtime-config=api/all=true}) and
 * no nodes or controllers. Thread-safe: {@link #start()} and {@link #close()} may be called from any
 * thread; the accessors throw {@link IllegalStateException} until {@code start()} returned.
 *
 * <pre>{@code
 * try (LocalControlPlane controlPlane = LocalControlPlane.builder().build()) {
 *   controlPlane.start(); // returns once /readyz answers 200
 *   ApiClient client = new ApiClient(controlPlane.configuration(LocalUser.ADMIN));
 *   ...
 * }
 * }</pre>
 *
 * <p>The binaries come from {@link ControlPlaneBinaries#resolve}: {@code KUBEBUILDER_ASSETS}, the
 * user's cache, or a Go build into that cache. Each instance gets its own temporary folder (data,
 * certificates, kubeconfigs, logs) and its own ports; several can run side by side.
 *
 * <p>Lifetime: {@link #close()} stops both processes and deletes the folder. A JVM shutdown hook
 * does the same, and both processes run under a watchdog that stops them when this JVM dies in any
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

  private static final int LOG_LINES = 30;
  private static final int PORT_ATTEMPTS = 3;
  private static final Duration ETCD_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Duration POLL = Duration.ofMillis(100);

  private final Map<String, String> environment;
  private final @Nullable ControlPlaneBinaries givenBinaries;
  private final Duration startTimeout;
  private final List<String> apiServerArguments;
  private final Ports ports;

  private final Object lock = new Object();
  private @Nullable Running running;
  private boolean closed;
  private @Nullable Thread shutdownHook;

  /** What exists while the control plane runs. */
  private record Running(
      Path directory,
      ControlPlaneFiles files,
      WatchedProcess etcd,
      WatchedProcess apiServer,
      URI host,
      Map<LocalUser, Path> kubeconfigs,
      Duration startup) {}

  private LocalControlPlane(Builder b) {
    this.environment = Map.copyOf(b.environment);
    this.givenBinaries = b.binaries;
    this.startTimeout = b.startTimeout;
    this.apiServerArguments = List.copyOf(b.apiServerArguments);
    this.ports = b.ports;
  }

  /** A builder with the defaults: binaries from {@code System.getenv()}, a 60 s start timeout. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts etcd and kube-apiserver and returns once {@code /readyz} answers 200, building the
   * binaries first when they are missing. Does nothing when already started.
   *
   * @throws ControlPlaneException when a process exits or is not ready in time; the message ends
   *     with its last 30 log lines. Ports found taken are retried with new ones twice.
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
      ControlPlaneBinaries binaries =
          givenBinaries != null ? givenBinaries : ControlPlaneBinaries.resolve(environment);
      Path directory = createDirectory();
      ControlPlaneFiles files = ControlPlaneFiles.write(directory);
      for (int attempt = 1; ; attempt++) {
        int[] chosen = ports.choose(3);
        try {
          running = launch(binaries, directory, files, chosen, begin);
          break;
        } catch (PortTaken e) {
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
      log.debug("local control plane ready at {} in {}", running.host(), running.startup());
    }
  }

  /** True between a successful {@link #start()} and {@link #close()}, while both processes live. */
  public boolean isRunning() {
    synchronized (lock) {
      return running != null && running.etcd().isAlive() && running.apiServer().isAlive();
    }
  }

  /**
   * Throws when etcd or kube-apiserver has exited since {@link #start()}: tests then fail with the
   * reason instead of with connection errors.
   *
   * @throws ControlPlaneException naming the process that exited, with its last 30 log lines
   * @throws IllegalStateException before {@code start()} or after {@code close()}
   */
  public void checkRunning() {
    Running state = state();
    for (WatchedProcess process : List.of(state.etcd(), state.apiServer())) {
      if (!process.isAlive()) {
        throw new ControlPlaneException(
            process.name() + " of the local control plane at " + state.host() + " exited (status "
                + process.exitValue() + "); its last " + LOG_LINES + " log lines (" + process.logFile()
                + "):\n" + process.logTail(LOG_LINES),
            process.logFile());
      }
    }
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
    Configuration.Builder builder =
        Configuration.builder()
            .host(state.host())
            .certificateAuthority(state.files().certificateAuthority());
    if (user == LocalUser.ADMIN) {
      builder.clientCertificate(state.files().adminCertificate()).clientKey(state.files().adminKey());
    } else {
      builder.credentials(Credentials.bearerToken(state.files().token(user)));
    }
    return builder.build();
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

  /** How long {@link #start()} took, from its call until {@code /readyz} answered 200. */
  public Duration startupDuration() {
    return state().startup();
  }

  /** The watchdogs and their children; lets tests check that nothing outlives {@link #close()}. */
  List<ProcessHandle> processes() {
    Running state = state();
    return Stream.concat(state.etcd().processes().stream(), state.apiServer().processes().stream())
        .toList();
  }

  /**
   * Stops kube-apiserver, then etcd (SIGTERM, SIGKILL after 15 s) and deletes the folder, unless
   * one of them had exited by itself: then the folder and its logs stay. Idempotent; the instance
   * cannot be started again.
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
        boolean crashed = !state.apiServer().isAlive() || !state.etcd().isAlive();
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
          ? "LocalControlPlane{" + (closed ? "closed" : "not started") + "}"
          : "LocalControlPlane{" + running.host() + ", " + running.directory() + "}";
    }
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

  /** A process exited because its port was taken between choosing and binding it. */
  private static final class PortTaken extends Exception {
    private static final long serialVersionUID = 1L;

    PortTaken(String message) {
      super(message, null, false, false);
    }
  }

  private Running launch(
      ControlPlaneBinaries binaries, Path directory, ControlPlaneFiles files, int[] chosen, long begin)
      throws PortTaken {
    int clientPort = chosen[0];
    int peerPort = chosen[1];
    int securePort = chosen[2];
    Path data = directory.resolve("etcd-data-" + clientPort);
    String etcdUrl = "http://127.0.0.1:" + clientPort;
    String peerUrl = "http://127.0.0.1:" + peerPort;
    WatchedProcess etcd =
        WatchedProcess.start(
            "etcd",
            List.of(
                binaries.etcd().toString(),
                "--name=kubesdk",
                "--data-dir=" + data,
                "--listen-client-urls=" + etcdUrl,
                "--advertise-client-urls=" + etcdUrl,
                "--listen-peer-urls=" + peerUrl,
                "--initial-advertise-peer-urls=" + peerUrl,
                "--initial-cluster=kubesdk=" + peerUrl,
                // Test data need not survive a power cut; skipping fsync makes every write faster.
                "--unsafe-no-fsync=true",
                "--log-level=warn"),
            directory.resolve("etcd.log"),
            Map.of());
    try {
      awaitEtcd(etcd, URI.create(etcdUrl + "/health"));
      URI host = URI.create("https://127.0.0.1:" + securePort);
      List<String> command = new ArrayList<>();
      command.add(binaries.kubeApiServer().toString());
      command.addAll(
          List.of(
              "--etcd-servers=" + etcdUrl,
              "--bind-address=127.0.0.1",
              "--advertise-address=127.0.0.1",
              "--secure-port=" + securePort,
              "--cert-dir=" + directory.resolve("cert-dir"),
              "--tls-cert-file=" + files.servingCertificateFile(),
              "--tls-private-key-file=" + files.servingKeyFile(),
              "--client-ca-file=" + files.clientCaFile(),
              "--token-auth-file=" + files.tokenFile(),
              "--service-account-key-file=" + files.serviceAccountPublicKeyFile(),
              "--service-account-signing-key-file=" + files.serviceAccountPrivateKeyFile(),
              "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
              "--service-cluster-ip-range=10.0.0.0/24",
              "--authorization-mode=RBAC",
              "--runtime-config=api/all=true",
              "--allow-privileged=true",
              // No controller manager creates the "default" ServiceAccount, so this admission
              // plugin would reject every pod; envtest disables it for the same reason.
              "--disable-admission-plugins=ServiceAccount",
              // Endpoints must not hold a loopback address; there is no node to route to anyway.
              "--endpoint-reconciler-type=none",
              "--profiling=false"));
      command.addAll(apiServerArguments);
      WatchedProcess apiServer =
          WatchedProcess.start("kube-apiserver", command, directory.resolve("kube-apiserver.log"), Map.of());
      try {
        awaitApiServer(apiServer, etcd, host, files);
        Map<LocalUser, Path> kubeconfigs = files.writeKubeconfigs(host);
        return new Running(
            directory, files, etcd, apiServer, host, kubeconfigs, Duration.ofNanos(System.nanoTime() - begin));
      } catch (PortTaken | RuntimeException e) {
        apiServer.stop(STOP_GRACE);
        throw e;
      }
    } catch (PortTaken | RuntimeException e) {
      etcd.stop(STOP_GRACE);
      ControlPlaneBinaries.deleteTree(data);
      throw e;
    }
  }

  private static void awaitEtcd(WatchedProcess etcd, URI health) throws PortTaken {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + ETCD_TIMEOUT.toNanos();
    while (true) {
      if (!etcd.isAlive()) {
        throw exited(etcd);
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"health\":\"true\"")) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ControlPlaneException("interrupted while waiting for etcd", e);
      }
      if (System.nanoTime() > deadline) {
        throw new ControlPlaneException(
            "etcd was not healthy at " + health + " within " + ETCD_TIMEOUT + "; its last log lines ("
                + etcd.logFile() + "):\n" + etcd.logTail(LOG_LINES),
            etcd.logFile());
      }
      pause();
    }
  }

  private void awaitApiServer(
      WatchedProcess apiServer, WatchedProcess etcd, URI host, ControlPlaneFiles files) throws PortTaken {
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(files.adminSslContext())
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    URI readyz = host.resolve("/readyz");
    long deadline = System.nanoTime() + startTimeout.toNanos();
    String last = "no answer yet";
    while (true) {
      if (!apiServer.isAlive()) {
        throw exited(apiServer);
      }
      if (!etcd.isAlive()) {
        throw new ControlPlaneException(
            "etcd exited (status " + etcd.exitValue() + ") while kube-apiserver was starting; its last log lines ("
                + etcd.logFile() + "):\n" + etcd.logTail(LOG_LINES),
            etcd.logFile());
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = "/readyz answered " + response.statusCode();
      } catch (ConnectException e) {
        last = "not listening yet";
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ControlPlaneException("interrupted while waiting for kube-apiserver", e);
      }
      if (System.nanoTime() > deadline) {
        throw new ControlPlaneException(
            "kube-apiserver was not ready at " + readyz + " within " + startTimeout + " (" + last
                + "); its last log lines (" + apiServer.logFile() + "):\n" + apiServer.logTail(LOG_LINES),
            apiServer.logFile());
      }
      pause();
    }
  }

  private static RuntimeException exited(WatchedProcess process) throws PortTaken {
    if (process.logContains("address already in use")) {
      throw new PortTaken(process.name() + " found its port taken");
    }
    return new ControlPlaneException(
        process.name() + " exited (status " + process.exitValue() + ") before it was ready; its last "
            + LOG_LINES + " log lines (" + process.logFile() + "):\n" + process.logTail(LOG_LINES),
        process.logFile());
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlPlaneException("interrupted while waiting for the control plane", e);
    }
  }

  /** Builds a {@link LocalControlPlane}. Mutable and not thread-safe. */
  public static final class Builder {
    private Map<String, String> environment = System.getenv();
    private @Nullable ControlPlaneBinaries binaries;
    private Duration startTimeout = Duration.ofSeconds(60);
    private final List<String> apiServerArguments = new ArrayList<>();
    private Ports ports = Ports.EPHEMERAL;

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

    /** How long kube-apiserver may take to become ready; default 60 s. */
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
