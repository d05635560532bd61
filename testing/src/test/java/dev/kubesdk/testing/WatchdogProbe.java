package dev.kubesdk.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Run in a child JVM by {@link WatchedProcessTest}: starts {@code sleep 600} under the watchdog,
 * prints its pid, then waits to be killed.
 */
public final class WatchdogProbe {
  private WatchdogProbe() {}

  public static void main(String[] args) throws Exception {
    WatchedProcess sleeper =
        WatchedProcess.start("sleep", List.of("sleep", "600"), Path.of(args[0]), Map.of());
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Optional<ProcessHandle> child = Optional.empty();
    while (child.isEmpty() && System.nanoTime() < deadline) {
      child = sleeper.processes().stream().filter(p -> p.info().command().orElse("").endsWith("sleep")).findFirst();
      Thread.onSpinWait();
    }
    System.out.println(child.map(ProcessHandle::pid).orElse(-1L));
    System.out.flush();
    System.in.read();
  }
}
