package dev.kubesdk.testing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Waits for the processes of a local control plane to become ready: polls a probe until it answers
 * "ready" or a deadline passes, and fails at once, with the process's last log lines, when one of
 * the processes it depends on exits meanwhile.
 */
final class Readiness {
  static final int LOG_LINES = 30;
  private static final Duration POLL = Duration.ofMillis(100);

  private Readiness() {}

  /** One look at whether something is ready: empty when it is, else what it answered. */
  @FunctionalInterface
  interface Probe {
    Optional<String> notReady() throws IOException, InterruptedException;
  }

  /** A process exited because its port was taken between choosing and binding it. */
  static final class PortTaken extends Exception {
    private static final long serialVersionUID = 1L;

    PortTaken(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Polls {@code probe} every 100 ms until it reports ready.
   *
   * @param what what is awaited, for messages ("kube-apiserver at https://...")
   * @param log the log of the process awaited, quoted when the deadline passes
   * @param watched the processes that must stay alive meanwhile
   * @throws PortTaken when a watched process exited saying its port is taken
   * @throws ControlPlaneException when a watched process exited, or at the deadline
   */
  static void await(
      String what, Duration timeout, WatchedProcess log, List<WatchedProcess> watched, Probe probe)
      throws PortTaken {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (true) {
      for (WatchedProcess process : watched) {
        if (!process.isAlive()) {
          throw exited(process, what);
        }
      }
      try {
        Optional<String> answer = probe.notReady();
        if (answer.isEmpty()) {
          return;
        }
        last = answer.get();
      } catch (ConnectException e) {
        last = "not listening yet";
      } catch (IOException | RuntimeException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ControlPlaneException("interrupted while waiting for " + what, e);
      }
      if (System.nanoTime() > deadline) {
        throw new ControlPlaneException(
            what + " was not ready within " + timeout + " (" + last + "); the last " + LOG_LINES
                + " lines of " + log.name() + "'s log (" + log.logFile() + "):\n" + log.logTail(LOG_LINES),
            log.logFile());
      }
      pause(what);
    }
  }

  /** A probe that is ready once {@code GET url} answers 200 and its body contains {@code expected}. */
  static Probe httpOk(HttpClient http, URI url, @Nullable String expected) {
    return () -> {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200 && (expected == null || response.body().contains(expected))) {
        return Optional.empty();
      }
      return Optional.of(url.getPath() + " answered " + response.statusCode());
    };
  }

  /** An HTTP client for probes: short connect timeout, and {@code tls} for https URLs. */
  static HttpClient httpClient(@Nullable SSLContext tls) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
    if (tls != null) {
      builder.sslContext(tls);
    }
    return builder.build();
  }

  /**
   * The failure of a process that exited while {@code what} was awaited.
   *
   * @throws PortTaken when its log says its port was taken: the caller retries with other ports
   */
  static ControlPlaneException exited(WatchedProcess process, String what) throws PortTaken {
    if (process.logContains("address already in use")) {
      throw new PortTaken(process.name() + " found its port taken");
    }
    Path log = process.logFile();
    String during = what.startsWith(process.name()) ? "" : " while waiting for " + what;
    return new ControlPlaneException(
        process.name() + " exited (status " + process.exitValue() + ") before it was ready" + during
            + "; its last " + LOG_LINES + " log lines (" + log + "):\n" + process.logTail(LOG_LINES),
        log);
  }

  private static void pause(String what) {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlPlaneException("interrupted while waiting for " + what, e);
    }
  }
}
