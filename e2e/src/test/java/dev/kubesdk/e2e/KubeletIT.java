package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.testing.ClusterProfile;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.SimulatedKubelet;
import dev.kubesdk.testing.TestNamespace;
import dev.kubesdk.config.Configuration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubelet API of a simulated node, reached through kube-apiserver (which verifies the node's
 * serving certificate): pod logs come from a file the test writes, exec runs a command in a folder
 * the test gives, attach streams the log file, and port-forward reaches a port the test listens on.
 */
@KubernetesTest(profile = ClusterProfile.FULL)
class KubeletIT {
  @TempDir Path temp;
  private CoreV1Api core;
  private String namespace;
  private SimulatedKubelet kubelet;
  private Configuration configuration;

  @BeforeEach
  void client(ApiClient client, KubernetesCluster cluster, @TestNamespace String namespace) {
    this.core = new CoreV1Api(client);
    this.configuration = client.configuration();
    this.namespace = namespace;
    this.kubelet = E2e.localControlPlane(cluster).kubelet();
  }

  @Test
  void aPodsLogIsTheFileTheNodeServesAndTailLinesCutsIt() {
    Path log = temp.resolve("pod.log");
    SimulatedKubelet.appendLog(log, "starting");
    SimulatedKubelet.appendLog(log, "listening on :8080");
    kubelet.serveLogs(namespace, log);
    String pod = runningPod();

    String all = E2e.await("the log of " + pod, () -> nonEmpty(core.readNamespacedPodLog(pod, namespace).execute()));
    String last = core.readNamespacedPodLog(pod, namespace).tailLines(1).execute();

    assertThat(all).isEqualTo("starting\nlistening on :8080\n");
    assertThat(last).isEqualTo("listening on :8080\n");
  }

  @Test
  void execRunsTheCommandInTheTestsFolderAndReturnsItsOutputAndStatus() throws IOException {
    Path work = Files.createDirectory(temp.resolve("work"));
    Files.writeString(work.resolve("greeting.txt"), "hello from the work dir\n", StandardCharsets.UTF_8);
    kubelet.runExecIn(namespace, work);
    String pod = runningPod();

    // Until kwok has seen the setting from its watch, the exec ends with a failure status.
    String output =
        E2e.await(
            "exec in " + pod,
            () -> exec(pod, "exec?container=app&command=cat&command=greeting.txt&stdout=true&stderr=true"));

    assertThat(output).isEqualTo("hello from the work dir\n");
  }

  @Test
  void attachStreamsWhatIsAppendedToTheLogFile() {
    Path log = temp.resolve("attach.log");
    SimulatedKubelet.appendLog(log, "before the attach");
    kubelet.serveLogs(namespace, log);
    String pod = runningPod();
    // Attach follows the file from its end, like a container's output from the moment of attaching:
    // a line is appended every 100 ms until one arrives.
    ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger lines = new AtomicInteger();
    writer.scheduleAtFixedRate(
        () -> SimulatedKubelet.appendLog(log, "attached line " + lines.incrementAndGet()), 0, 100, TimeUnit.MILLISECONDS);
    try {
      String first = E2e.await("attach to " + pod, () -> firstStdout(pod, "attach?container=app&stdout=true"));

      assertThat(first).startsWith("attached line ").doesNotContain("before the attach");
    } finally {
      writer.shutdownNow();
    }
  }

  @Test
  void portForwardReachesThePortTheTestListensOn() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread echo = new Thread(() -> answerPing(server), "port-forward-target");
      echo.setDaemon(true);
      echo.start();
      kubelet.forwardPort(namespace, 8080, server.getLocalPort());
      String pod = runningPod();

      String answer = E2e.await("port-forward to " + pod, () -> ping(pod));

      assertThat(answer).isEqualTo("pong");
    }
  }

  /** stdout of an exec over WebSocket ({@code v5.channel.k8s.io}), or null unless its status is Success. */
  private String exec(String pod, String query) {
    StringBuilder stdout = new StringBuilder();
    String status = "";
    try (Streams stream = Streams.open(configuration, podPath(pod) + query, "v5.channel.k8s.io")) {
      for (Streams.Received r = stream.next(); !r.isEnd(); r = stream.next()) {
        if (r.channel() == 1) {
          stdout.append(r.data().utf8());
        } else if (r.channel() == 3) {
          status = r.data().utf8();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return status.contains("\"Success\"") ? stdout.toString() : null;
  }

  /** The first stdout frame of a stream, or null when the stream ended without one. */
  private String firstStdout(String pod, String query) {
    try (Streams stream = Streams.open(configuration, podPath(pod) + query, "v5.channel.k8s.io")) {
      for (Streams.Received r = stream.next(); !r.isEnd(); r = stream.next()) {
        if (r.channel() == 1 && r.data().size() > 0) {
          return r.data().utf8();
        }
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Sends "ping" to port 8080 of the pod over a port-forward WebSocket ({@code v4.channel.k8s.io}:
   * channel 0 carries data, 1 errors, and each first announces the port) and returns the answer,
   * or null when the forward ended without one.
   */
  private String ping(String pod) {
    try (Streams stream = Streams.open(configuration, podPath(pod) + "portforward?ports=8080", "v4.channel.k8s.io")) {
      int announced = 0;
      for (Streams.Received r = stream.next(); !r.isEnd(); r = stream.next()) {
        if (announced < 2) {
          // The port number, little-endian, once on the data and once on the error channel.
          announced++;
          if (announced == 2) {
            stream.send(0, "ping".getBytes(StandardCharsets.UTF_8));
          }
        } else if (r.channel() == 0 && r.data().size() > 0) {
          return r.data().utf8();
        } else if (r.channel() == 1 && r.data().size() > 0) {
          return null;
        }
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void answerPing(ServerSocket server) {
    while (!server.isClosed()) {
      try (Socket client = server.accept()) {
        byte[] ping = client.getInputStream().readNBytes(4);
        if (new String(ping, StandardCharsets.UTF_8).equals("ping")) {
          client.getOutputStream().write("pong".getBytes(StandardCharsets.UTF_8));
          client.getOutputStream().flush();
        }
      } catch (IOException e) {
        // Closed at the end of the test, or a forward that went away: wait for the next one.
      }
    }
  }

  private String podPath(String pod) {
    return "/api/v1/namespaces/" + namespace + "/pods/" + pod + "/";
  }

  private String runningPod() {
    return Cluster.runningPod(core, namespace, "logger");
  }

  private static String nonEmpty(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
