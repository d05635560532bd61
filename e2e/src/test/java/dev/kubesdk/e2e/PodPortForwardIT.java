package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.podio.PodIo;
import dev.kubesdk.podio.PortForward;
import dev.kubesdk.podio.PortForwardOptions;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiException;
import dev.kubesdk.testing.ClusterProfile;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.SimulatedKubelet;
import dev.kubesdk.testing.TestNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Port-forward of {@code dev.kubesdk.podio} over {@code SPDY/3.1+portforward.k8s.io} through the
 * real kube-apiserver to a kwok node, which connects pod port 8080 to an echo server of the test's.
 */
@KubernetesTest(profile = ClusterProfile.FULL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodPortForwardIT {
  private PodIo pods;
  private String namespace;
  private String pod;
  private ServerSocket echo;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @BeforeAll
  void cluster(ApiClient client, KubernetesCluster cluster, @TestNamespace String namespace) throws IOException {
    this.pods = PodIo.of(client);
    this.namespace = namespace;
    this.echo = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    threads.submit(this::serveEcho);
    SimulatedKubelet kubelet = E2e.localControlPlane(cluster).kubelet();
    kubelet.forwardPort(namespace, 8080, echo.getLocalPort());
    this.pod = Cluster.runningPod(new CoreV1Api(client), namespace, "echo");
    // kwok takes the setting from its watch a moment later; until then the connection fails.
    try (PortForward forward = pods.portForward(pod, namespace, PortForwardOptions.builder().port(8080).connectionErrors(e -> {}).build())) {
      E2e.await("a forwarded echo", () -> roundTrip(forward.localAddress(8080), new byte[] {1, 2, 3}) ? "ready" : null);
    }
  }

  @AfterAll
  void stop() throws IOException {
    echo.close();
    threads.shutdownNow();
  }

  @Test
  void aHundredConcurrentConnectionsCarryTheirBytesUnchanged() throws Exception {
    try (PortForward forward = pods.portForward(pod, namespace, PortForwardOptions.of(8080))) {
      InetSocketAddress local = forward.localAddress(8080);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        byte[] data = new byte[64 * 1024 + i];
        new Random(i).nextBytes(data);
        results.add(threads.submit(() -> roundTrip(local, data)));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get(E2e.DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      }
      assertThat(forward.isOpen()).isTrue();
    }
  }

  @Test
  void aPortThePodDoesNotServeFailsThatConnectionOnlyAndSaysWhy() throws Exception {
    BlockingQueue<ApiException> errors = new LinkedBlockingQueue<>();
    PortForwardOptions options = PortForwardOptions.builder().port(8080).port(9999).connectionErrors(errors::add).build();
    try (PortForward forward = pods.portForward(pod, namespace, options)) {
      try (Socket refused = new Socket()) {
        refused.connect(forward.localAddress(9999));
        refused.getOutputStream().write(1);
        // The kubelet's error closes the local connection: end of stream, or a reset.
        try {
          assertThat(refused.getInputStream().read()).isEqualTo(-1);
        } catch (IOException reset) {
          // as good as end of stream
        }
      }
      ApiException error = errors.poll(E2e.DEADLINE.toSeconds(), TimeUnit.SECONDS);

      assertThat(error).isNotNull();
      assertThat(error.getMessage()).contains("9999");
      assertThat(forward.isOpen()).isTrue();
      assertThat(roundTrip(forward.localAddress(8080), new byte[] {4, 5, 6})).isTrue();
    }
  }

  @Test
  void closingTheForwardClosesItsListeners() throws Exception {
    PortForward forward = pods.portForward(pod, namespace, PortForwardOptions.of(8080));
    InetSocketAddress local = forward.localAddress(8080);
    forward.close();

    assertThat(forward.isOpen()).isFalse();
    assertThat(forward.failure()).isEmpty();
    // No listener holds the port any more: a connection to it is refused. (Binding the port again
    // would race with every outgoing connection of the run, which may take it as its source port.)
    try (Socket late = new Socket()) {
      assertThatThrownBy(() -> late.connect(local, 5000)).isInstanceOf(ConnectException.class);
    }
  }

  /** Sends {@code data} through the forward and reads it back; false when the connection ends first. */
  private static boolean roundTrip(InetSocketAddress local, byte[] data) {
    try (Socket s = new Socket()) {
      s.connect(local, 5000);
      s.setSoTimeout((int) E2e.DEADLINE.toMillis());
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      java.util.concurrent.FutureTask<Void> writer = new java.util.concurrent.FutureTask<>(() -> {
        out.write(data);
        out.flush();
        return null;
      });
      new Thread(writer, "echo-writer").start();
      byte[] back = in.readNBytes(data.length);
      writer.get(E2e.DEADLINE.toSeconds(), TimeUnit.SECONDS);
      return java.util.Arrays.equals(back, data);
    } catch (Exception e) {
      return false;
    }
  }

  private void serveEcho() {
    while (!echo.isClosed()) {
      try {
        Socket client = echo.accept();
        threads.submit(() -> {
          try (client) {
            client.getInputStream().transferTo(client.getOutputStream());
          } catch (IOException e) {
            // the forward went away
          }
          return null;
        });
      } catch (IOException e) {
        return;
      }
    }
  }
}
