package dev.kubesdk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchedProcessTest {
  @TempDir Path temp;

  @Test
  void theChildDiesWhenTheJvmThatStartedItIsKilled() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process jvm =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                WatchdogProbe.class.getName(),
                temp.resolve("sleep.log").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    long pid;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
      pid = Long.parseLong(out.readLine().trim());
      assertThat(pid).isPositive();
      ProcessHandle sleeper = ProcessHandle.of(pid).orElseThrow();

      jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
      jvm.waitFor(10, TimeUnit.SECONDS);

      sleeper.onExit().get(20, TimeUnit.SECONDS);
      assertThat(sleeper.isAlive()).isFalse();
    } finally {
      jvm.destroyForcibly();
    }
  }

  @Test
  void stopEndsTheChildAndTheWatchdog() {
    WatchedProcess sleeper =
        WatchedProcess.start("sleep", List.of("sleep", "600"), temp.resolve("sleep.log"), Map.of());
    List<ProcessHandle> all = sleeper.processes();

    sleeper.stop(Duration.ofSeconds(10));

    assertThat(all).noneMatch(ProcessHandle::isAlive);
    assertThat(sleeper.isAlive()).isFalse();
  }

  @Test
  void theWatchdogReportsTheChildsExitStatusAndKeepsItsOutput() throws Exception {
    WatchedProcess failing =
        WatchedProcess.start(
            "failing", List.of("sh", "-c", "echo broken config >&2; exit 7"), temp.resolve("f.log"), Map.of());

    failing.processes().get(0).onExit().get(10, TimeUnit.SECONDS);

    assertThat(failing.exitValue()).isEqualTo(7);
    assertThat(failing.logTail(30)).isEqualTo("broken config");
  }
}
