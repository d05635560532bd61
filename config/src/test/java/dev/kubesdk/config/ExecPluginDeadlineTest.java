package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exec plugins have a deadline, requests can stop waiting for one, and plugins are found as Go's LookPath finds them. */
class ExecPluginDeadlineTest {
  static final String CREDENTIAL = "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"status\":{\"token\":\"tok\"}}";

  @TempDir Path tmp;
  Fixture fx;
  Path count;

  @BeforeEach
  void setUp() {
    fx = new Fixture(tmp);
    count = tmp.resolve("count");
  }

  private static String exec(String command) {
    return "exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: " + command + "\n  interactiveMode: Never";
  }

  private int runs() throws Exception {
    return Files.exists(count) ? Files.readAllLines(count).size() : 0;
  }

  /** Waits until the plugin has started {@code n} times in all. */
  private void awaitRuns(int n) {
    assertThat(eventually(Duration.ofSeconds(20), () -> {
      try {
        return runs() == n;
      } catch (Exception e) {
        return false;
      }
    })).as("the plugin started %d times", n).isTrue();
  }

  /** Polls {@code condition} until it holds or {@code timeout} passes; false on timeout. */
  private static boolean eventually(Duration timeout, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.onSpinWait();
    }
    return true;
  }

  private static long pid(Path file) throws Exception {
    return Long.parseLong(Files.readString(file).trim());
  }

  @Test
  void aHungPluginIsKilledWithItsChildrenAtItsDeadlineAndNamedInATypedError() throws Exception {
    Path parent = tmp.resolve("parent.pid");
    Path child = tmp.resolve("child.pid");
    // The child inherits stdout, so reading stdout to its end would block as long as the child lives.
    fx.script("bin/hang", """
        printf '{"kind":"ExecCredential","status":{"token":"half-written-secret'
        sleep 300 &
        echo $! > "%s.tmp" && mv "%s.tmp" "%s"
        echo $$ > "%s.tmp" && mv "%s.tmp" "%s"
        wait
        """.formatted(child, child, child, parent, parent, parent));
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", exec("./bin/hang")));
    LoadOptions options = fx.options().kubeconfig(kc).execPluginTimeout(Duration.ofSeconds(2)).build();
    long start = System.nanoTime();
    assertThatThrownBy(() -> KubeConfig.resolve(options))
        .isInstanceOf(CredentialsTimeoutException.class)
        .hasMessageContaining(kc + ": users[0] \"dev-user\": user.exec")
        .hasMessageContaining("exec plugin \"" + tmp.resolve("bin/hang") + "\" timed out after 2s")
        .hasMessageContaining("LoadOptions.Builder.execPluginTimeout")
        .hasMessageNotContaining("half-written-secret")
        .satisfies(e -> assertThat(((CredentialsTimeoutException) e).timeout()).isEqualTo(Duration.ofSeconds(2)));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(Files.exists(parent) && Files.exists(child)).as("the plugin wrote its pids before the deadline").isTrue();
    long parentPid = pid(parent);
    long childPid = pid(child);
    assertThat(eventually(Duration.ofSeconds(10), () -> ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false) == false)).isTrue();
    assertThat(eventually(Duration.ofSeconds(10), () -> ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false) == false)).isTrue();
  }

  @Test
  void theDefaultDeadlineLeavesABrowserLoginItsOwnThreeMinutes() {
    assertThat(LoadOptions.defaults().execPluginTimeout()).isEqualTo(LoadOptions.DEFAULT_EXEC_PLUGIN_TIMEOUT).isGreaterThan(Duration.ofMinutes(3));
    assertThat(fx.options().execPluginTimeout(Duration.ZERO).build().execPluginTimeout()).isZero();
    assertThatThrownBy(() -> LoadOptions.builder().execPluginTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRequestWaitingForAnotherThreadsPluginRunGivesUpAfterItsMaxWait() throws Exception {
    Path release = tmp.resolve("release");
    fx.script("bin/slow", """
        echo run >> "%s"
        while [ ! -f "%s" ]; do sleep 0.01; done
        echo '%s'
        """.formatted(count, release, CREDENTIAL));
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", exec("./bin/slow")));
    Files.writeString(release, "go");
    Configuration c = KubeConfig.resolve(fx.explicit(kc));
    Credentials credentials = c.credentials();
    Files.delete(release);
    assertThat(credentials.invalidate(credentials.authorization().orElseThrow())).isTrue();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<String> refreshing = pool.submit(() -> credentials.authorization(Duration.ZERO).orElseThrow().reveal());
      awaitRuns(2);
      assertThatThrownBy(() -> credentials.authorization(Duration.ofMillis(200)))
          .isInstanceOf(CredentialsTimeoutException.class)
          .hasMessageContaining("users[0] \"dev-user\": user.exec: timed out after 200ms waiting for exec plugin")
          .hasMessageContaining("another request");
      assertThatThrownBy(() -> credentials.authorization(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
      Files.writeString(release, "go");
      assertThat(refreshing.get(30, TimeUnit.SECONDS)).isEqualTo("Bearer tok");
      assertThat(credentials.authorization(Duration.ofMillis(1)).orElseThrow().reveal()).isEqualTo("Bearer tok");
    } finally {
      pool.shutdownNow();
    }
    assertThat(runs()).isEqualTo(2);
  }

  @Test
  void theRefreshingThreadsErrorReachesTheThreadsThatWaitedForIt() throws Exception {
    Path release = tmp.resolve("release");
    Path ok = tmp.resolve("ok");
    fx.script("bin/flaky", """
        echo run >> "%s"
        if [ -f "%s" ]; then echo '%s'; exit 0; fi
        while [ ! -f "%s" ]; do sleep 0.01; done
        exit 4
        """.formatted(count, ok, CREDENTIAL, release));
    Files.writeString(ok, "");
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", exec("./bin/flaky")));
    Credentials credentials = KubeConfig.resolve(fx.explicit(kc)).credentials();
    Files.delete(ok);
    credentials.invalidate(credentials.authorization().orElseThrow());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> first = pool.submit(() -> credentials.authorization(Duration.ZERO));
      awaitRuns(2);
      Future<?> waiter = pool.submit(() -> credentials.authorization(Duration.ofSeconds(60)));
      Files.writeString(release, "go");
      for (Future<?> f : List.of(first, waiter)) {
        assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(ConfigException.class).hasMessageContaining("exited with status 4");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void onWindowsAPluginIsFoundWithAPathextExtensionOnAPathListSeparatedBySemicolons() {
    Path tools = fx.script("tools/kube-login.cmd", "echo '" + CREDENTIAL + "'").getParent();
    fx.env.remove("PATH");
    // Windows spells it Path as often as PATH; its variable names ignore case.
    fx.env.put("Path", tmp.resolve("empty") + ";" + tools);
    fx.env.put("OS", "Windows_NT");
    fx.env.put("PATHEXT", ".COM;.EXE;.BAT;.CMD");
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", exec("kube-login")));
    assertThat(KubeConfig.resolve(fx.explicit(kc)).credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer tok");

    Path named = fx.write("kc2", Fixture.kubeconfig("https://x", "", exec("kube-login.cmd")));
    assertThat(KubeConfig.resolve(fx.explicit(named)).credentials().authorization()).isPresent();

    fx.env.put("PATHEXT", ".EXE");
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("\"kube-login\" was not found on PATH (with the extensions .exe from PATHEXT)");
  }

  @Test
  void withoutWindowsAPathextExtensionIsNotAdded() {
    fx.script("tools/kube-login.cmd", "echo '" + CREDENTIAL + "'");
    fx.env.put("PATH", tmp.resolve("tools").toString());
    fx.env.put("PATHEXT", ".CMD");
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", exec("kube-login")));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc))).isInstanceOf(ConfigException.class).hasMessageContaining("was not found on PATH.");
  }
}
