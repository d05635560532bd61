package dev.kubesdk.podio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.config.Configuration;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ForbiddenException;
import dev.kubesdk.runtime.TransportException;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a real API server will not do on demand: refuse an upgrade, choose an old or no subprotocol,
 * drop the connection mid-stream, report an exit code the kubelet way. A local fake server plays
 * the other end; semantics are tested against kube-apiserver in e2e.
 */
class PodIoFaultsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private MockWebServer server;
  private ApiClient client;
  private PodIo pods;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    client = new ApiClient(Configuration.builder().host(URI.create(server.url("/").toString())).maxRetries(0).build());
    pods = PodIo.of(client);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void aRefusedUpgradeIsTheServersStatusNeverAHang() {
    server.enqueue(new MockResponse.Builder().code(403).addHeader("Content-Type", "application/json")
        .body("{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403,"
            + "\"message\":\"pods \\\"p\\\" is forbidden: User \\\"u\\\" cannot create resource \\\"pods/exec\\\"\"}")
        .build());

    assertThatThrownBy(() -> pods.exec("p", "ns", ExecOptions.of("true")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("cannot create resource \"pods/exec\"");
  }

  @Test
  void theRequestOffersV5ThenV4AndCarriesTheCommandAsRepeatedParameters() throws Exception {
    server.enqueue(upgrade("v5.channel.k8s.io", new Script().stdout("hi\n").status("{\"status\":\"Success\"}")));

    ExecResult r = pods.exec("p", "ns", ExecOptions.of("sh", "-c", "echo hi"));

    var recorded = server.takeRequest();
    assertThat(recorded.getHeaders().get("Sec-WebSocket-Protocol")).isEqualTo("v5.channel.k8s.io, v4.channel.k8s.io");
    assertThat(recorded.getUrl().queryParameterValues("command")).containsExactly("sh", "-c", "echo hi");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdoutText()).isEqualTo("hi\n");
  }

  @Test
  void aV4ServerGetsNoCloseSignalAndItsNonZeroExitCodeIsDecoded() throws Exception {
    Script script = new Script().stdout("partial").status(
        "{\"status\":\"Failure\",\"reason\":\"NonZeroExitCode\",\"message\":\"command terminated with non-zero exit code\","
            + "\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"42\"}]}}");
    script.waitForStdin = true;
    server.enqueue(upgrade("v4.channel.k8s.io", script));

    ExecResult r = pods.exec("p", "ns", ExecOptions.builder().command("cat").input("abc".getBytes(StandardCharsets.UTF_8)).build());

    assertThat(r.exitCode()).isEqualTo(42);
    assertThat(script.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ByteString.encodeUtf8("\u0000abc"));
    // Under v4 there is no channel 255: nothing else arrived before the session ended.
    assertThat(script.received.poll()).isNull();
  }

  @Test
  void underV5ClosingStdinSendsTheCloseSignalForChannelZero() throws Exception {
    Script script = new Script();
    script.waitForStdin = true;
    script.waitForClose = true;
    script.status("{\"status\":\"Success\"}");
    server.enqueue(upgrade("v5.channel.k8s.io", script));

    pods.exec("p", "ns", ExecOptions.builder().command("cat").input("x".getBytes(StandardCharsets.UTF_8)).build());

    assertThat(script.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ByteString.of((byte) 0, (byte) 'x'));
    assertThat(script.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ByteString.of((byte) 255, (byte) 0));
  }

  @Test
  void aQuietSessionOutlivesTheReadTimeoutOfOrdinaryCalls() throws Exception {
    try (ApiClient impatient = new ApiClient(Configuration.builder().host(URI.create(server.url("/").toString())).maxRetries(0).readTimeout(Duration.ofMillis(300)).build())) {
      server.enqueue(new MockResponse.Builder().addHeader("Sec-WebSocket-Protocol", "v5.channel.k8s.io").webSocketUpgrade(new WebSocketListener() {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
          // Quiet for three read timeouts, as a command that thinks before it prints.
          new Thread(() -> {
            try {
              Thread.sleep(1000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            webSocket.send(ByteString.encodeUtf8("\u0001late\n"));
            webSocket.send(ByteString.encodeUtf8("\u0003{\"status\":\"Success\"}"));
            webSocket.close(1000, null);
          }).start();
        }
      }).build());

      ExecResult r = PodIo.of(impatient).exec("p", "ns", ExecOptions.of("sh", "-c", "sleep 1; echo late"));

      assertThat(r.stdoutText()).isEqualTo("late\n");
    }
  }

  @Test
  void aServerThatChoosesNoSubprotocolIsRefusedWithTheReason() {
    server.enqueue(new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {}).build());

    assertThatThrownBy(() -> pods.exec("p", "ns", ExecOptions.of("true")))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("chose subprotocol \"\"")
        .hasMessageContaining("v5.channel.k8s.io");
  }

  @Test
  void aConnectionDroppedMidStreamFailsTheReaderAndTheExitCodeInsteadOfHanging() throws Exception {
    byte[] stdout = "\u0001some output".getBytes(StandardCharsets.UTF_8);
    try (DroppingServer dropping = new DroppingServer("v5.channel.k8s.io", 200, stdout);
        ApiClient direct = new ApiClient(Configuration.builder().host(URI.create(dropping.url())).maxRetries(0).build());
        ExecSession session = PodIo.of(direct).openExec("p", "ns", ExecOptions.of("sleep", "100"))) {
      assertThatThrownBy(() -> session.stdout().readAllBytes()).isInstanceOf(IOException.class).hasMessageContaining("broke");
      assertThatThrownBy(() -> session.awaitExit(WAIT)).isInstanceOf(TransportException.class).hasMessageContaining("broke before the process ended");
    }
  }

  @Test
  void aFailureOtherThanAnExitCodeIsAnApiExceptionWithTheStatus() {
    server.enqueue(upgrade("v5.channel.k8s.io", new Script().status(
        "{\"status\":\"Failure\",\"reason\":\"InternalError\",\"code\":500,\"message\":\"executable file not found in $PATH\"}")));

    assertThatThrownBy(() -> pods.exec("p", "ns", ExecOptions.of("nope")))
        .isInstanceOf(dev.kubesdk.runtime.ApiException.class)
        .hasMessageContaining("executable file not found");
  }

  @Test
  void aTunnelThatDiesEndsTheForwardAndSaysWhy() throws Exception {
    try (DroppingServer dropping = new DroppingServer("SPDY/3.1+portforward.k8s.io", 300);
        ApiClient direct = new ApiClient(Configuration.builder().host(URI.create(dropping.url())).maxRetries(0).build())) {
      PortForward forward = PodIo.of(direct).portForward("p", "ns", PortForwardOptions.of(8080));
      int port = forward.localAddress(8080).getPort();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (forward.isOpen()) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(10);
      }

      assertThat(forward.failure()).get().isInstanceOf(TransportException.class);
      assertThat(forward.failure().get().getMessage()).contains("tunnel broke");
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
      forward.close();
    }
  }

  @Test
  void aServerWithoutWebSocketPortForwardIsToldApart() {
    server.enqueue(upgrade("v4.channel.k8s.io", new Script()));

    assertThatThrownBy(() -> pods.portForward("p", "ns", PortForwardOptions.of(8080)))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("PortForwardWebsockets");
  }

  private static MockResponse upgrade(String protocol, Script script) {
    return new MockResponse.Builder().addHeader("Sec-WebSocket-Protocol", protocol).webSocketUpgrade(script).build();
  }

  /** The server's side of a session: sends its frames on open, records what the client sends. */
  private static final class Script extends WebSocketListener {
    final BlockingQueue<ByteString> received = new LinkedBlockingQueue<>();
    private final java.util.List<ByteString> frames = new java.util.ArrayList<>();
    private String status;
    boolean waitForStdin;
    boolean waitForClose;

    Script stdout(String text) {
      frames.add(frame(1, text));
      return this;
    }

    Script status(String json) {
      this.status = json;
      return this;
    }

    private static ByteString frame(int channel, String text) {
      byte[] data = text.getBytes(StandardCharsets.UTF_8);
      byte[] frame = new byte[data.length + 1];
      frame[0] = (byte) channel;
      System.arraycopy(data, 0, frame, 1, data.length);
      return ByteString.of(frame);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      frames.forEach(webSocket::send);
      if (!waitForStdin) {
        end(webSocket);
      }
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
      received.add(bytes);
      boolean close = bytes.size() == 2 && (bytes.getByte(0) & 0xff) == 255;
      if (waitForStdin && (!waitForClose || close)) {
        end(webSocket);
      }
    }

    private void end(WebSocket webSocket) {
      if (status != null) {
        webSocket.send(frame(3, status));
      }
      webSocket.close(1000, null);
    }
  }
}
