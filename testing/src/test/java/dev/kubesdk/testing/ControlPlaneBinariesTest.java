package dev.kubesdk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneBinariesTest {
  @TempDir Path temp;

  // The environment each test passes decides the version; a -Dkubesdk.kubernetes.version given
  // to the whole build (to run the end-to-end suite on another server) would override it.
  private String chosenVersion;

  @BeforeEach
  void clearTheChosenVersion() {
    chosenVersion = System.clearProperty(ControlPlaneBinaries.KUBERNETES_VERSION_PROPERTY);
  }

  @AfterEach
  void restoreTheChosenVersion() {
    if (chosenVersion != null) {
      System.setProperty(ControlPlaneBinaries.KUBERNETES_VERSION_PROPERTY, chosenVersion);
    }
  }

  @Test
  void pinnedVersionsAreTheOnesTheShippedGoModulesBuild() throws IOException {
    String kubernetes = resource("kubernetes/go.mod");
    String etcd = resource("etcd/go.mod");
    String kwok = resource("kwok/go.mod");

    assertThat(ControlPlaneBinaries.pinnedKubernetesVersion()).isEqualTo("1.37.2");
    assertThat(kubernetes)
        .contains("require k8s.io/kubernetes v" + ControlPlaneBinaries.pinnedKubernetesVersion() + " ")
        .contains("k8s.io/kubernetes/cmd/kube-apiserver\n")
        .contains("k8s.io/kubernetes/cmd/kube-controller-manager\n")
        .contains("k8s.io/kubernetes/cmd/kube-scheduler\n");
    assertThat(kwok)
        .contains("require sigs.k8s.io/kwok v" + ControlPlaneBinaries.kwokVersion() + " ")
        .contains("tool sigs.k8s.io/kwok/cmd/kwok");
    assertThat(etcd)
        .contains("require go.etcd.io/etcd/server/v3 v" + ControlPlaneBinaries.etcdVersion() + " ")
        .contains("tool go.etcd.io/etcd/server/v3");
    assertThat(resource("build")).startsWith("#!/usr/bin/env bash");
  }

  @Test
  void cacheDirectoryFollowsXdgCacheHomeAndNamesEveryVersion() {
    Path dir = ControlPlaneBinaries.cacheDirectory(Map.of("XDG_CACHE_HOME", "/xdg", "HOME", "/home/u"));

    assertThat(dir)
        .isEqualTo(Path.of("/xdg/kubesdk/controlplane/k8s-" + ControlPlaneBinaries.pinnedKubernetesVersion()
            + "-etcd-" + ControlPlaneBinaries.etcdVersion() + "-kwok-" + ControlPlaneBinaries.kwokVersion()));
  }

  @Test
  void anotherKubernetesVersionGetsAFolderOfItsOwnWithThePinnedEtcdAndKwok() {
    Path dir = ControlPlaneBinaries.cacheDirectory(
        Map.of("XDG_CACHE_HOME", "/xdg", ControlPlaneBinaries.KUBERNETES_VERSION_VARIABLE, "1.36.3"));

    assertThat(dir)
        .isEqualTo(Path.of("/xdg/kubesdk/controlplane/k8s-1.36.3-etcd-" + ControlPlaneBinaries.etcdVersion()
            + "-kwok-" + ControlPlaneBinaries.kwokVersion()));
  }

  @Test
  void aChosenVersionThatIsNotAReleaseNamesTheVariableAndTheFix() {
    assertThatThrownBy(() -> ControlPlaneBinaries.cacheDirectory(
            Map.of("HOME", "/home/u", ControlPlaneBinaries.KUBERNETES_VERSION_VARIABLE, "1.36")))
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining("KUBESDK_KUBERNETES_VERSION=1.36 is not a Kubernetes release 1.Y.Z")
        .hasMessageContaining("unset it for the pinned " + ControlPlaneBinaries.pinnedKubernetesVersion());
  }

  @Test
  void cacheDirectoryDefaultsToDotCacheInHome() {
    Path dir = ControlPlaneBinaries.cacheDirectory(Map.of("HOME", "/home/u"));

    assertThat(dir).startsWithRaw(Path.of("/home/u/.cache/kubesdk/controlplane"));
  }

  @Test
  void kubebuilderAssetsWithBothBinariesIsUsedAsIs() throws IOException {
    executable(temp.resolve("kube-apiserver"), "#!/bin/sh\n");
    executable(temp.resolve("etcd"), "#!/bin/sh\n");

    assertThat(ControlPlaneBinaries.installed(Map.of("KUBEBUILDER_ASSETS", temp.toString()), ClusterProfile.API_ONLY))
        .hasValueSatisfying(b -> assertThat(b.kubeApiServer()).isEqualTo(temp.resolve("kube-apiserver")));
  }

  @Test
  void kubebuilderAssetsLackingABinaryIsRejectedNamingTheVariable() throws IOException {
    executable(temp.resolve("etcd"), "#!/bin/sh\n");

    assertThatThrownBy(() -> ControlPlaneBinaries.installed(Map.of("KUBEBUILDER_ASSETS", temp.toString()), ClusterProfile.API_ONLY))
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining("KUBEBUILDER_ASSETS=" + temp)
        .hasMessageContaining("etcd, kube-apiserver (the API_ONLY profile); it lacks kube-apiserver");
  }

  @Test
  void kubebuilderAssetsWithTheApiOnlyBinariesLacksTheFullProfile() throws IOException {
    executable(temp.resolve("kube-apiserver"), "#!/bin/sh\n");
    executable(temp.resolve("etcd"), "#!/bin/sh\n");
    executable(temp.resolve("kwok"), "#!/bin/sh\n");

    assertThatThrownBy(() -> ControlPlaneBinaries.installed(Map.of("KUBEBUILDER_ASSETS", temp.toString()), ClusterProfile.FULL))
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining("(the FULL profile); it lacks kube-controller-manager, kube-scheduler.");
  }

  @Test
  void emptyCacheWithoutKubebuilderAssetsIsNotInstalled() {
    assertThat(ControlPlaneBinaries.installed(environment(Map.of()), ClusterProfile.API_ONLY)).isEmpty();
  }

  @Test
  void aMissingGoToolchainIsUnavailableAndSaysHowToInstallGo() {
    Map<String, String> env = environment(Map.of("GO", temp.resolve("no-go").toString()));

    assertThatThrownBy(() -> ControlPlaneBinaries.resolve(env, ClusterProfile.FULL))
        .isInstanceOf(ClusterUnavailableException.class)
        .hasMessageContaining("https://go.dev/dl/")
        .hasMessageContaining("KUBEBUILDER_ASSETS");
  }

  @Test
  void missingBinariesAreBuiltWithGoIntoTheCacheOnceAndReused() throws Exception {
    Path log = temp.resolve("go-calls.log");
    Map<String, String> env = environment(Map.of("GO", fakeGo(log).toString()));

    ControlPlaneBinaries first = ControlPlaneBinaries.resolve(env, ClusterProfile.API_ONLY);
    ControlPlaneBinaries second = ControlPlaneBinaries.resolve(env, ClusterProfile.API_ONLY);

    assertThat(first).isEqualTo(second);
    assertThat(first.directory()).isEqualTo(ControlPlaneBinaries.cacheDirectory(env));
    assertThat(Files.readString(first.kubeApiServer())).contains("k8s.io/kubernetes/cmd/kube-apiserver");
    List<String> builds = Files.readAllLines(log).stream().filter(l -> l.startsWith("build ")).toList();
    assertThat(builds).hasSize(2);
    assertThat(builds.get(1))
        .contains("-trimpath")
        .contains("-X k8s.io/component-base/version.gitVersion=v" + ControlPlaneBinaries.pinnedKubernetesVersion());
  }

  @Test
  void anotherKubernetesVersionIsBuiltFromAGoModGeneratedForItsRelease() throws Exception {
    Path log = temp.resolve("go-calls.log");
    Map<String, String> env = environment(Map.of(
        "GO", fakeGo(log).toString(), ControlPlaneBinaries.KUBERNETES_VERSION_VARIABLE, "1.36.3"));

    ControlPlaneBinaries built = ControlPlaneBinaries.resolve(env, ClusterProfile.API_ONLY);

    assertThat(built.directory().getFileName().toString()).startsWith("k8s-1.36.3-etcd-");
    String gomod = Files.readString(
        temp.resolve("cache/kubesdk/controlplane/modules/kubernetes-1.36.3/go.mod"));
    assertThat(gomod)
        .contains("require k8s.io/kubernetes v1.36.3\n")
        .contains("\tk8s.io/api => k8s.io/api v0.36.3\n")
        .contains("\tk8s.io/client-go => k8s.io/client-go v0.36.3\n")
        .contains("go 1.26.0\n")
        .contains("godebug default=go1.26\n")
        .contains("\tk8s.io/kubernetes/cmd/kube-apiserver\n");
    List<String> calls = Files.readAllLines(log);
    assertThat(calls).contains("mod download -json k8s.io/kubernetes@v1.36.3", "mod tidy");
    List<String> builds = calls.stream().filter(l -> l.startsWith("build ")).toList();
    assertThat(builds.get(builds.size() - 1))
        .contains("-X k8s.io/component-base/version.gitVersion=v1.36.3 ")
        .contains("-X k8s.io/component-base/version.gitMinor=36 ")
        .endsWith(" k8s.io/kubernetes/cmd/kube-apiserver");
  }

  @Test
  void theFullProfileBuildsTheThreeMoreFromTheirModulesAfterTheApiOnlyTwo() throws Exception {
    Path log = temp.resolve("go-calls.log");
    Map<String, String> env = environment(Map.of("GO", fakeGo(log).toString()));
    ControlPlaneBinaries.resolve(env, ClusterProfile.API_ONLY);

    ControlPlaneBinaries full = ControlPlaneBinaries.resolve(env, ClusterProfile.FULL);

    assertThat(full.has(ClusterProfile.FULL)).isTrue();
    List<String> builds = Files.readAllLines(log).stream().filter(l -> l.startsWith("build ")).toList();
    assertThat(builds).hasSize(5);
    assertThat(builds.subList(2, 5))
        .satisfiesExactly(
            kcm -> assertThat(kcm).endsWith(" k8s.io/kubernetes/cmd/kube-controller-manager")
                .contains("-X k8s.io/component-base/version.gitVersion=v" + ControlPlaneBinaries.pinnedKubernetesVersion()),
            scheduler -> assertThat(scheduler).endsWith(" k8s.io/kubernetes/cmd/kube-scheduler"),
            kwok -> assertThat(kwok).endsWith(" sigs.k8s.io/kwok/cmd/kwok"));
    assertThat(Files.readString(full.kwok())).contains("sigs.k8s.io/kwok/cmd/kwok");
  }

  @Test
  void aBinaryLeftHalfWrittenByAKilledBuildIsRebuilt() throws Exception {
    Path log = temp.resolve("go-calls.log");
    Map<String, String> env = environment(Map.of("GO", fakeGo(log).toString()));
    Path cache = ControlPlaneBinaries.cacheDirectory(env);
    Files.createDirectories(cache);
    Files.writeString(cache.resolve(".kube-apiserver.tmp.12345"), "half a binary");

    ControlPlaneBinaries built = ControlPlaneBinaries.resolve(env, ClusterProfile.API_ONLY);

    assertThat(built.has(ClusterProfile.API_ONLY)).isTrue();
    assertThat(Files.readString(built.kubeApiServer())).contains("k8s.io/kubernetes/cmd/kube-apiserver");
    assertThat(cache.resolve(".kube-apiserver.tmp.12345")).doesNotExist();
  }

  @Test
  void concurrentBuildsOfTheSameVersionBothSucceedAndBuildOnce() throws Exception {
    Path log = temp.resolve("go-calls.log");
    Map<String, String> env = environment(Map.of("GO", fakeGo(log).toString()));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<ControlPlaneBinaries> a = pool.submit(() -> ControlPlaneBinaries.resolve(env, ClusterProfile.API_ONLY));
      Future<ControlPlaneBinaries> b = pool.submit(() -> ControlPlaneBinaries.resolve(env, ClusterProfile.API_ONLY));

      assertThat(a.get(2, TimeUnit.MINUTES)).isEqualTo(b.get(2, TimeUnit.MINUTES));
    } finally {
      pool.shutdownNow();
    }
    assertThat(Files.readAllLines(log).stream().filter(l -> l.startsWith("build "))).hasSize(2);
    try (var leftovers = Files.list(ControlPlaneBinaries.cacheDirectory(env))) {
      assertThat(leftovers.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("kube-apiserver", "etcd", ".lock");
    }
  }

  @Test
  void aBuildEndsWhenTheJvmThatStartedItIsKilled() throws Exception {
    Path pidFile = temp.resolve("go.pid");
    Path go = temp.resolve("hanging-go");
    executable(
        go,
        "#!/bin/sh\n"
            + "case \"$1 $2\" in\n"
            + "  'env GOVERSION') echo go1.26.0; exit 0 ;;\n"
            + "  'env GOTOOLCHAIN') echo auto; exit 0 ;;\n"
            + "esac\n"
            + "echo $$ > '" + pidFile + ".tmp' && mv '" + pidFile + ".tmp' '" + pidFile + "'\n"
            + "exec sleep 600\n");
    Process jvm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The killed JVM cannot delete the build files it unpacked: keep them in @TempDir.
                "-Djava.io.tmpdir=" + temp,
                "-cp",
                System.getProperty("java.class.path"),
                BuildProbe.class.getName(),
                temp.resolve("cache").toString(),
                go.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      Poll.until(Duration.ofSeconds(60), () -> Files.exists(pidFile));
      ProcessHandle goBuild =
          ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).orElseThrow();

      jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs

      goBuild.onExit().get(30, TimeUnit.SECONDS);
      assertThat(goBuild.isAlive()).isFalse();
    } finally {
      jvm.destroyForcibly();
    }
  }

  /** A clean environment whose cache lives in the temp folder. */
  private Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", temp.toString());
    env.put("XDG_CACHE_HOME", temp.resolve("cache").toString());
    return env;
  }

  /**
   * Stands in for the go command: reports a version, and for "build -o OUT PKG" sleeps a moment
   * (so concurrent builds overlap) and writes a script naming PKG.
   */
  private Path fakeGo(Path log) throws IOException {
    Path go = temp.resolve("fake-go");
    executable(
        go,
        "#!/bin/sh\n"
            + "echo \"$*\" >> '" + log + "'\n"
            + "case \"$1 $2\" in\n"
            + "  'env GOVERSION') echo go1.26.0; exit 0 ;;\n"
            + "  'env GOTOOLCHAIN') echo auto; exit 0 ;;\n"
            + "  'mod download') [ \"$3\" = -json ] && printf '{\"GoMod\": \"%s\"}\\n' '" + kubernetesGoMod() + "'; exit 0 ;;\n"
            + "  'mod tidy') : > go.sum; exit 0 ;;\n"
            + "esac\n"
            + "out=''; prev=''; for a in \"$@\"; do [ \"$prev\" = -o ] && out=\"$a\"; prev=\"$a\"; pkg=\"$a\"; done\n"
            + "sleep 0.3\n"
            + "printf '#!/bin/sh\\necho %s\\n' \"$pkg\" > \"$out\"\n"
            + "chmod +x \"$out\"\n");
    return go;
  }

  /** A go.mod like k8s.io/kubernetes's own: its go and godebug lines and staging replaces. */
  private Path kubernetesGoMod() throws IOException {
    Path gomod = temp.resolve("kubernetes.mod");
    Files.writeString(
        gomod,
        "module k8s.io/kubernetes\n\ngo 1.26.0\n\ngodebug default=go1.26\n\nrequire k8s.io/api v0.0.0\n\n"
            + "replace (\n\tk8s.io/api => ./staging/src/k8s.io/api\n"
            + "\tk8s.io/client-go => ./staging/src/k8s.io/client-go\n)\n");
    return gomod;
  }

  private static void executable(Path path, String content) throws IOException {
    Files.writeString(path, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in =
        ControlPlaneBinaries.class.getResourceAsStream("/dev/kubesdk/testing/controlplane/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
