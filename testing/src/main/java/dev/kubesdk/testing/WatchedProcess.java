package dev.kubesdk.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process (etcd or kube-apiserver) started through a small {@code sh} watchdog, so that it
 * dies with this JVM however the JVM ends: the watchdog holds a pipe from the JVM on its stdin, and
 * when that pipe closes (close(), shutdown, or the JVM killed with SIGKILL) it sends SIGTERM to the
 * child, then SIGKILL after 15 s. Output goes to a log file. Not thread-safe.
 */
final class WatchedProcess {
  private static final Logger log = LoggerFactory.getLogger(WatchedProcess.class);

  // Runs "$@" in the background with stdin detached, and a watcher subshell blocked on reading the
  // JVM's pipe (fd 3). Only builtins run in the watcher, so killing it leaves nothing behind.
  private static final String WATCHDOG =
      "exec 3<&0\n"
          + "\"$@\" 0</dev/null 3<&- &\n"
          + "child=$!\n"
          + "trap 'kill -TERM \"$child\" 2>/dev/null' TERM INT HUP\n"
          + "( read -r _ <&3\n"
          + "  kill -TERM \"$child\" 2>/dev/null\n"
          + "  i=0\n"
          + "  while kill -0 \"$child\" 2>/dev/null; do\n"
          + "    i=$((i+1))\n"
          + "    if [ \"$i\" -gt 150 ]; then kill -KILL \"$child\" 2>/dev/null; break; fi\n"
          + "    sleep 0.1\n"
          + "  done ) &\n"
          + "watcher=$!\n"
          + "exec 3<&-\n"
          + "while :; do\n"
          + "  wait \"$child\"; rc=$?\n"
          + "  kill -0 \"$child\" 2>/dev/null || break\n"
          + "done\n"
          + "kill \"$watcher\" 2>/dev/null\n"
          + "exit \"$rc\"\n";

  private final String name;
  private final Process watchdog;
  private final Path logFile;

  private WatchedProcess(String name, Process watchdog, Path logFile) {
    this.name = name;
    this.watchdog = watchdog;
    this.logFile = logFile;
  }

  static WatchedProcess start(
      String name, List<String> command, Path logFile, Map<String, String> environment) {
    ProcessBuilder builder =
        watchdog(name, command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().putAll(environment);
    return start(name, command, builder, logFile);
  }

  /**
   * Starts {@code command} under the watchdog with exactly {@code environment}, its stdout and
   * stderr readable from {@link #process()}; {@code logFile} is only named in messages.
   */
  static WatchedProcess startPiped(
      String name, List<String> command, Path logFile, Map<String, String> environment) {
    ProcessBuilder builder = watchdog(name, command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    return start(name, command, builder, logFile);
  }

  private static ProcessBuilder watchdog(String name, List<String> command) {
    List<String> full = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, name));
    full.addAll(command);
    return new ProcessBuilder(full);
  }

  private static WatchedProcess start(
      String name, List<String> command, ProcessBuilder builder, Path logFile) {
    try {
      Process process = builder.start();
      log.debug("started {} (watchdog pid {}): {}", name, process.pid(), command);
      return new WatchedProcess(name, process, logFile);
    } catch (IOException e) {
      throw new ControlPlaneException(
          "cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
    }
  }

  String name() {
    return name;
  }

  /** The watchdog process; for {@link #startPiped} its streams are the child's output. */
  Process process() {
    return watchdog;
  }

  boolean isAlive() {
    return watchdog.isAlive();
  }

  int exitValue() {
    return watchdog.exitValue();
  }

  /** The watchdog and everything under it, for checks that nothing outlives {@link #stop}. */
  List<ProcessHandle> processes() {
    return Stream.concat(Stream.of(watchdog.toHandle()), watchdog.descendants()).toList();
  }

  Path logFile() {
    return logFile;
  }

  /**
   * Stops the child: closes the watchdog's pipe so it sends SIGTERM, waits up to {@code grace},
   * then kills whatever is left. Returns once every process is gone (or after a further 10 s).
   */
  void stop(Duration grace) {
    List<ProcessHandle> all = processes();
    try (OutputStream pipe = watchdog.getOutputStream()) {
      pipe.flush();
    } catch (IOException e) {
      // Already closed because the watchdog exited: nothing to signal.
    }
    try {
      if (!watchdog.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} did not stop within {}; killing it", name, grace);
      }
      for (ProcessHandle handle : all) {
        if (handle.isAlive()) {
          handle.destroyForcibly();
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      for (ProcessHandle handle : all) {
        long left = deadline - System.nanoTime();
        if (left > 0 && handle.isAlive()) {
          handle.onExit().get(left, TimeUnit.NANOSECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      all.forEach(ProcessHandle::destroyForcibly);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      log.warn("{} is still exiting after SIGKILL", name);
    }
  }

  /** The last {@code lines} lines of the log, or a note saying why there are none. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
      return tail.isEmpty() ? "(" + logFile + " is empty)" : String.join("\n", tail);
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + logFile + ": " + e.getMessage() + ")";
    }
  }

  boolean logContains(String text) {
    try {
      return Files.readString(logFile, StandardCharsets.UTF_8).contains(text);
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }
}
