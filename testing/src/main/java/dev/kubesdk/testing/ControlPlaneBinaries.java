package dev.kubesdk.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the binaries of the local cluster are: etcd, kube-apiserver, kube-controller-manager,
 * kube-scheduler and kwok, in one folder. Immutable and thread-safe.
 *
 * <p>Looked up in this order:
 *
 * <ol>
 *   <li>{@code KUBEBUILDER_ASSETS}, a folder holding them (the variable controller-runtime's envtest
 *       uses), taken as is; it needs only the binaries of the {@link ClusterProfile} asked for;
 *   <li>the cache folder {@code
 *       ${XDG_CACHE_HOME:-~/.cache}/kubesdk/controlplane/k8s-<version>-etcd-<version>-kwok-<version>/}.
 * </ol>
 *
 * <p>The Kubernetes version is the pinned one ({@link #pinnedKubernetesVersion}) unless the system
 * property {@value #KUBERNETES_VERSION_PROPERTY} or the environment variable {@value
 * #KUBERNETES_VERSION_VARIABLE} names another release {@code X.Y.Z} (such as {@code 1.36.3}, to
 * run tests against the older servers users still run); the cache folder carries the version, so
 * each version is built once. etcd and kwok stay as pinned.
 *
 * <p>{@link #resolve} builds missing binaries into the cache folder with the Go toolchain, from the
 * Go modules shipped inside this jar (the same ones as {@code e2e/controlplane/} in the source
 * tree, built by the same script), and only those the profile needs. A cold build of all five takes
 * about a quarter of an hour on two cores (kube-apiserver alone about ten minutes); later runs,
 * concurrent ones included, reuse the result.
 */
public final class ControlPlaneBinaries {
  private static final Logger log = LoggerFactory.getLogger(ControlPlaneBinaries.class);

  /** The environment variable naming a folder with ready binaries. */
  public static final String KUBEBUILDER_ASSETS = "KUBEBUILDER_ASSETS";

  /** The system property choosing another Kubernetes version than the pin, e.g. {@code 1.36.3}. */
  public static final String KUBERNETES_VERSION_PROPERTY = "kubesdk.kubernetes.version";

  /** The environment variable choosing another Kubernetes version, read when the property is unset. */
  public static final String KUBERNETES_VERSION_VARIABLE = "KUBESDK_KUBERNETES_VERSION";

  private static final java.util.regex.Pattern RELEASE = java.util.regex.Pattern.compile("1\\.\\d+\\.\\d+");
  private static final String RESOURCES = "/dev/kubesdk/testing/controlplane/";
  private static final List<String> BUILD_FILES =
      List.of(
          "build",
          "kubernetes/go.mod",
          "kubernetes/go.sum",
          "etcd/go.mod",
          "etcd/go.sum",
          "kwok/go.mod",
          "kwok/go.sum");
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(60);
  private static final Properties VERSIONS = loadVersions();

  private final Path directory;

  private ControlPlaneBinaries(Path directory) {
    this.directory = directory;
  }

  /**
   * The Kubernetes version the local cluster runs: {@value #KUBERNETES_VERSION_PROPERTY} or
   * {@value #KUBERNETES_VERSION_VARIABLE} when set, else {@link #pinnedKubernetesVersion}.
   *
   * @throws ControlPlaneException when the chosen version is not a release {@code 1.Y.Z}
   */
  public static String kubernetesVersion() {
    return kubernetesVersion(System.getenv());
  }

  /** The Kubernetes version this release of kubesdk-testing pins, e.g. {@code 1.37.2}. */
  public static String pinnedKubernetesVersion() {
    return VERSIONS.getProperty("kubernetes.version");
  }

  static String kubernetesVersion(Map<String, String> environment) {
    String chosen = System.getProperty(KUBERNETES_VERSION_PROPERTY);
    String source = "-D" + KUBERNETES_VERSION_PROPERTY;
    if (chosen == null || chosen.isBlank()) {
      chosen = environment.get(KUBERNETES_VERSION_VARIABLE);
      source = KUBERNETES_VERSION_VARIABLE;
    }
    if (chosen == null || chosen.isBlank()) {
      return pinnedKubernetesVersion();
    }
    String version = chosen.strip();
    if (!RELEASE.matcher(version).matches()) {
      throw new ControlPlaneException(
          source
              + "="
              + chosen
              + " is not a Kubernetes release 1.Y.Z such as 1.36.3; `go list -m -versions"
              + " k8s.io/kubernetes` lists them. Fix it, or unset it for the pinned "
              + pinnedKubernetesVersion()
              + ".");
    }
    return version;
  }

  /** The etcd version this release of kubesdk-testing builds, e.g. {@code 3.7.3}. */
  public static String etcdVersion() {
    return VERSIONS.getProperty("etcd.version");
  }

  /** The kwok version this release of kubesdk-testing builds, e.g. {@code 0.8.0}. */
  public static String kwokVersion() {
    return VERSIONS.getProperty("kwok.version");
  }

  /**
   * The binaries {@code profile} needs when they are already there ({@code KUBEBUILDER_ASSETS} or
   * the cache folder), without building anything.
   *
   * @param environment the process environment ({@code System.getenv()}), a parameter so tests can
   *     pass their own
   * @throws ControlPlaneException when {@code KUBEBUILDER_ASSETS} is set but lacks one of them
   */
  public static Optional<ControlPlaneBinaries> installed(
      Map<String, String> environment, ClusterProfile profile) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(profile, "profile");
    String assets = environment.get(KUBEBUILDER_ASSETS);
    if (assets != null && !assets.isBlank()) {
      ControlPlaneBinaries given = new ControlPlaneBinaries(Path.of(assets));
      if (!given.has(profile)) {
        throw new ControlPlaneException(
            KUBEBUILDER_ASSETS
                + "="
                + assets
                + " must be a folder holding executable "
                + String.join(", ", profile.binaries())
                + " (the "
                + profile
                + " profile); it lacks "
                + String.join(", ", given.missing(profile))
                + ". Fix the path, or unset "
                + KUBEBUILDER_ASSETS
                + " to build them into "
                + cacheDirectory(environment)
                + ".");
      }
      return Optional.of(given);
    }
    ControlPlaneBinaries cached = new ControlPlaneBinaries(cacheDirectory(environment));
    return cached.has(profile) ? Optional.of(cached) : Optional.empty();
  }

  /**
   * The binaries {@code profile} needs, built into the cache folder first when they are missing.
   * Build progress goes to this process's stderr.
   *
   * @throws ClusterUnavailableException when no usable Go toolchain exists (the message says how
   *     to install one)
   * @throws ControlPlaneException when the build fails (the message ends with the build's last
   *     output lines)
   */
  public static ControlPlaneBinaries resolve(Map<String, String> environment, ClusterProfile profile) {
    return installed(environment, profile).orElseGet(() -> build(environment, profile));
  }

  /** The cache folder the binaries of the chosen Kubernetes version are built into. */
  public static Path cacheDirectory(Map<String, String> environment) {
    String explicit = environment.get("KUBESDK_CONTROLPLANE_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = environment.get("XDG_CACHE_HOME");
    Path root =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
    return root.resolve("kubesdk")
        .resolve("controlplane")
        .resolve("k8s-" + kubernetesVersion(environment) + "-etcd-" + etcdVersion() + "-kwok-" + kwokVersion());
  }

  /** The folder holding the binaries. */
  public Path directory() {
    return directory;
  }

  /** The kube-apiserver executable. */
  public Path kubeApiServer() {
    return directory.resolve("kube-apiserver");
  }

  /** The etcd executable. */
  public Path etcd() {
    return directory.resolve("etcd");
  }

  /** The kube-controller-manager executable (the {@link ClusterProfile#FULL} profile only). */
  public Path kubeControllerManager() {
    return directory.resolve("kube-controller-manager");
  }

  /** The kube-scheduler executable (the {@link ClusterProfile#FULL} profile only). */
  public Path kubeScheduler() {
    return directory.resolve("kube-scheduler");
  }

  /** The kwok executable, which simulates nodes (the {@link ClusterProfile#FULL} profile only). */
  public Path kwok() {
    return directory.resolve("kwok");
  }

  /** True when every binary {@code profile} runs is there and executable. */
  public boolean has(ClusterProfile profile) {
    return missing(profile).isEmpty();
  }

  private List<String> missing(ClusterProfile profile) {
    return profile.binaries().stream().filter(b -> !Files.isExecutable(directory.resolve(b))).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ControlPlaneBinaries other && directory.equals(other.directory);
  }

  @Override
  public int hashCode() {
    return directory.hashCode();
  }

  @Override
  public String toString() {
    return "ControlPlaneBinaries{" + directory + "}";
  }

  private static ControlPlaneBinaries build(Map<String, String> environment, ClusterProfile profile) {
    Path sources = extractBuildFiles();
    String what = String.join(", ", profile.binaries());
    try {
      Map<String, String> buildEnvironment = new HashMap<>(environment);
      buildEnvironment.remove(KUBEBUILDER_ASSETS);
      buildEnvironment.put(KUBERNETES_VERSION_VARIABLE, kubernetesVersion(environment));
      buildEnvironment.put("KUBESDK_ETCD_VERSION", etcdVersion());
      buildEnvironment.put("KUBESDK_KWOK_VERSION", kwokVersion());
      buildEnvironment.put("KUBESDK_CONTROLPLANE_DIR", cacheDirectory(environment).toString());
      log.info(
          "{} (Kubernetes {}, etcd {}, kwok {}) are not all in {}; building what is missing with Go",
          what,
          kubernetesVersion(environment),
          etcdVersion(),
          kwokVersion(),
          cacheDirectory(environment));
      List<String> command = new ArrayList<>(List.of("bash", sources.resolve("build").toString()));
      command.addAll(profile.binaries());
      // Under the watchdog, like the control plane itself: a JVM that dies mid-build takes the
      // build with it instead of leaving go build running.
      WatchedProcess build =
          WatchedProcess.startPiped(
              "the build of " + what,
              command,
              sources.resolve("build.log"),
              buildEnvironment);
      Process process = build.process();
      Deque<String> stderrTail = new ArrayDeque<>();
      Thread pump = new Thread(() -> copyStderr(process.getErrorStream(), stderrTail), "controlplane-build-stderr");
      pump.setDaemon(true);
      pump.start();
      // The script prints the folder on stdout; read on its own thread so that the timeout below
      // holds even when the build hangs with the pipe open.
      CompletableFuture<String> stdout =
          CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), runnable -> {
            Thread reader = new Thread(runnable, "controlplane-build-stdout");
            reader.setDaemon(true);
            reader.start();
          });
      try {
        if (!process.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          build.stop(Duration.ofSeconds(10));
          throw new ControlPlaneException(
              "building " + what + " took longer than " + BUILD_TIMEOUT + "; gave up.");
        }
        pump.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        build.stop(Duration.ofSeconds(10));
        throw new ControlPlaneException("interrupted while building " + what, e);
      }
      String tail;
      synchronized (stderrTail) {
        tail = String.join("\n", stderrTail);
      }
      if (process.exitValue() == 4) {
        // The script's "no usable Go" status: this machine cannot build, as opposed to a failed build.
        throw new ClusterUnavailableException(
            "cannot build " + what + " on this machine:\n" + tail);
      }
      if (process.exitValue() != 0) {
        throw new ControlPlaneException(
            "building " + what + " failed (exit " + process.exitValue() + "):\n" + tail);
      }
      ControlPlaneBinaries built =
          new ControlPlaneBinaries(
              Path.of(lastLine(stdout.completeOnTimeout("", 5, TimeUnit.SECONDS).join().trim())));
      if (!built.has(profile)) {
        throw new ControlPlaneException(
            "the build reported success but " + built.directory() + " lacks "
                + String.join(", ", built.missing(profile)) + ":\n" + tail);
      }
      return built;
    } finally {
      deleteTree(sources);
    }
  }

  private static void copyStderr(InputStream stderr, Deque<String> tail) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        // The build's own progress, as the user would see it running the script.
        System.err.println(line);
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > 30) {
            tail.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      // The build exited and closed the pipe; nothing more to copy.
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String lastLine(String text) {
    int newline = text.lastIndexOf('\n');
    return newline < 0 ? text : text.substring(newline + 1);
  }

  private static Path extractBuildFiles() {
    try {
      Path dir = Files.createTempDirectory("kubesdk-controlplane-build-");
      for (String file : BUILD_FILES) {
        try (InputStream in = ControlPlaneBinaries.class.getResourceAsStream(RESOURCES + file)) {
          if (in == null) {
            throw new ControlPlaneException(
                "kubesdk-testing lacks the resource "
                    + RESOURCES
                    + file
                    + "; the jar is incomplete. Rebuild it, or set "
                    + KUBEBUILDER_ASSETS
                    + ".");
          }
          Path target = dir.resolve(file);
          Files.createDirectories(target.getParent());
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the control plane build files into a temp folder", e);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.debug("cannot delete {}: {}", root, e.getMessage());
    }
  }

  private static Properties loadVersions() {
    Properties properties = new Properties();
    try (InputStream in =
        ControlPlaneBinaries.class.getResourceAsStream("/dev/kubesdk/testing/controlplane.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "kubesdk-testing lacks dev/kubesdk/testing/controlplane.properties; the jar is incomplete");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
