package dev.kubesdk.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one measurement in a JVM of its own, its output on this one's, and fails when it fails. */
final class ChildJvm {
  private static final long TIMEOUT_MINUTES = 15;

  private ChildJvm() {}

  /** Runs {@code command} (a java command line) for {@code what}, e.g. a client's name. */
  static void run(List<String> command, String what) throws Exception {
    Process process = new ProcessBuilder(command).inheritIO().start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(what + " did not finish within " + TIMEOUT_MINUTES + " minutes");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(what + " failed with exit code " + process.exitValue());
    }
  }
}
