package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Container;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.api.model.V1PodSpec;
import dev.kubesdk.podio.ExecOptions;
import dev.kubesdk.podio.ExecResult;
import dev.kubesdk.podio.ExecSession;
import dev.kubesdk.podio.LogOptions;
import dev.kubesdk.podio.PodIo;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiException;
import dev.kubesdk.runtime.ForbiddenException;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.testing.ClusterProfile;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import dev.kubesdk.testing.SimulatedKubelet;
import dev.kubesdk.testing.TestNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs, exec and attach of {@code dev.kubesdk.podio} through the real kube-apiserver to the kubelet
 * API of a kwok node, whose exec runs a real local process in a folder of the test's.
 */
@KubernetesTest(profile = ClusterProfile.FULL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodExecIT {
  @TempDir static Path temp;
  private CoreV1Api core;
  private PodIo pods;
  private String namespace;
  private String pod;
  private Path log;
  private LocalControlPlane controlPlane;

  @BeforeAll
  void cluster(ApiClient client, KubernetesCluster cluster, @TestNamespace String namespace) throws IOException {
    this.core = new CoreV1Api(client);
    this.pods = PodIo.of(client);
    this.namespace = namespace;
    this.controlPlane = E2e.localControlPlane(cluster);
    SimulatedKubelet kubelet = controlPlane.kubelet();
    Path work = Files.createDirectories(temp.resolve("work"));
    this.log = temp.resolve("pod.log");
    SimulatedKubelet.appendLog(log, "first line");
    kubelet.runExecIn(namespace, work);
    kubelet.serveLogs(namespace, log);
    this.pod = runningPod();
    // kwok takes the settings from its watch a moment later; until then an exec fails.
    E2e.await("exec in " + pod, () -> pods.exec(pod, namespace, ExecOptions.of("true")).exitCode() == 0 ? "ready" : null);
  }

  @Test
  void exitCodesZeroAndThreeComeBackAsNumbers() {
    ExecResult ok = pods.exec(pod, namespace, ExecOptions.of("sh", "-c", "echo fine"));
    ExecResult three = pods.exec(pod, namespace, ExecOptions.of("sh", "-c", "exit 3"));

    assertThat(ok.exitCode()).isZero();
    assertThat(ok.stdoutText()).isEqualTo("fine\n");
    assertThat(three.exitCode()).isEqualTo(3);
  }

  @Test
  void stderrStaysApartFromStdout() {
    ExecResult r = pods.exec(pod, namespace, ExecOptions.of("sh", "-c", "echo out; echo err >&2; echo more"));

    assertThat(r.stdoutText()).isEqualTo("out\nmore\n");
    assertThat(r.stderrText()).isEqualTo("err\n");
  }

  @Test
  void tenMebibytesOfStdinComeBackByteIdentical() throws Exception {
    byte[] data = new byte[10 * 1024 * 1024];
    new Random(42).nextBytes(data);
    // head stops after the count by itself: kwok 0.8.0 never closes the process's stdin, so a
    // command reading to end of input would not end.
    ExecOptions options = ExecOptions.builder().command("head", "-c", String.valueOf(data.length)).stdin(true).build();
    try (ExecSession session = pods.openExec(pod, namespace, options)) {
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                try (OutputStream in = session.stdin()) {
                  in.write(data);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      byte[] echoed = session.stdout().readAllBytes();
      writer.get(30, TimeUnit.SECONDS);

      assertThat(session.protocol()).isEqualTo("v5.channel.k8s.io");
      assertThat(echoed.length).isEqualTo(data.length);
      assertThat(echoed).isEqualTo(data);
      assertThat(session.awaitExit(E2e.DEADLINE)).hasValue(0);
    }
  }

  @Test
  void aTerminalResizeReachesTheProcess() throws Exception {
    ExecOptions options =
        ExecOptions.builder().command("sh", "-c", "echo ready; while read line; do stty size; done").stdin(true).tty(true).terminalSize(80, 24).build();
    try (ExecSession session = pods.openExec(pod, namespace, options)) {
      StringBuilder seen = new StringBuilder();
      InputStream out = session.stdout();
      awaitOutput(out, seen, "ready");
      session.resize(123, 45);
      long deadline = System.nanoTime() + E2e.DEADLINE.toNanos();
      // The size and the newline travel on separate streams to the kubelet; ask until the new size shows.
      while (!seen.toString().contains("45 123")) {
        assertThat(System.nanoTime()).as("the resized terminal in the output: %s", seen).isLessThan(deadline);
        session.stdin().write('\n');
        session.stdin().flush();
        readSome(out, seen);
      }
      assertThat(seen.toString()).contains("45 123");
    }
  }

  @Test
  void aFollowedLogSeesAppendedLinesAndStopsOnClose() throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Stream<String> stream = pods.logLines(pod, namespace, LogOptions.builder().follow(true).build());
    CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> stream.forEach(lines::add));
    try {
      // The log so far arrives first ("first line", and what the attach test appended if it ran before).
      assertThat(lines.poll(E2e.DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("first line");
      SimulatedKubelet.appendLog(log, "appended ü line");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      String line;
      do {
        line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } while (line != null && !line.equals("appended ü line"));
      assertThat(line).as("the appended line within a second").isEqualTo("appended ü line");
    } finally {
      stream.close();
    }
    // Closed from this thread, the reading thread's forEach returns normally.
    reader.get(E2e.DEADLINE.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void logOptionsReachTheServer() throws IOException {
    try (InputStream in = pods.logs(pod, namespace, LogOptions.builder().tailLines(1).timestamps(true).build())) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);

      assertThat(text.lines().toList()).hasSize(1);
      assertThat(text).matches("\\d{4}-\\d\\d-\\d\\dT[^ ]+ .*\\n");
    }
  }

  @Test
  void aMissingPodIsNotFoundWithTheServersStatus() {
    assertThatThrownBy(() -> pods.exec("no-such-pod", namespace, ExecOptions.of("true")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no-such-pod");
    assertThatThrownBy(() -> pods.logs("no-such-pod", namespace, LogOptions.defaults())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aMissingContainerIsABadRequest() {
    ApiException e = org.junit.jupiter.api.Assertions.assertThrows(
        ApiException.class, () -> pods.exec(pod, namespace, ExecOptions.builder().command("true").container("nope").build()));

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.getMessage()).contains("nope");
  }

  @Test
  void aPodThatIsNotRunningIsRefused() {
    String pending = E2e.name("pending");
    core.createNamespacedPod(
            namespace,
            new V1Pod()
                .metadata(new V1ObjectMeta().name(pending))
                .spec(new V1PodSpec().nodeName("no-such-node").containers(List.of(new V1Container().name("app").image("registry.invalid/app:1")))))
        .execute();

    ApiException e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, () -> pods.exec(pending, namespace, ExecOptions.of("true")));

    assertThat(e.statusCode()).isBetween(400, 499);
    assertThat(e.status()).isPresent();
  }

  @Test
  void rbacDenialOfPodsExecIsForbidden() {
    try (ApiClient limited = new ApiClient(controlPlane.configuration(LocalUser.LIMITED))) {
      assertThatThrownBy(() -> PodIo.of(limited).exec(pod, namespace, ExecOptions.of("true")))
          .isInstanceOf(ForbiddenException.class)
          .hasMessageContaining("pods/exec");
    }
  }

  @Test
  void aCommandThatDoesNotExistIsAnApiException() {
    assertThatThrownBy(() -> pods.exec(pod, namespace, ExecOptions.of("no-such-command-here")))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("no-such-command-here");
  }

  @Test
  void attachStreamsTheContainersOutput() throws Exception {
    // Attach shows what is written from now on: a line is appended every 100 ms until one arrives.
    ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
    writer.scheduleAtFixedRate(() -> SimulatedKubelet.appendLog(log, "attached"), 0, 100, TimeUnit.MILLISECONDS);
    try (ExecSession session = pods.attach(pod, namespace, ExecOptions.builder().stderr(false).build())) {
      StringBuilder seen = new StringBuilder();
      awaitOutput(session.stdout(), seen, "attached");

      assertThat(seen.toString()).contains("attached");
    } finally {
      writer.shutdownNow();
    }
  }

  private static void awaitOutput(InputStream out, StringBuilder seen, String text) throws IOException {
    while (!seen.toString().contains(text)) {
      if (!readSome(out, seen)) {
        throw new AssertionError("the output ended before \"" + text + "\": " + seen);
      }
    }
  }

  /** Reads what is there (at least a byte, unless the stream ended). */
  private static boolean readSome(InputStream out, StringBuilder seen) throws IOException {
    byte[] buffer = new byte[4096];
    int n = out.read(buffer);
    if (n < 0) {
      return false;
    }
    seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
    return true;
  }

  private String runningPod() {
    return Cluster.runningPod(core, namespace, "io");
  }
}
