package dev.kubesdk.e2e;

import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.TlsContext;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * A WebSocket to a streaming subresource of kube-apiserver ({@code pods/exec}, {@code pods/attach},
 * {@code pods/portforward}) with the TLS material and credentials of a {@link Configuration}.
 * Frames of the {@code channel.k8s.io} protocols start with their channel number; this keeps
 * each received frame as is.
 */
final class Streams implements AutoCloseable {
  /** What arrives: a frame, or the end of the stream (then {@code frame} is null and {@code end} says how). */
  record Received(ByteString frame, String end) {
    boolean isEnd() {
      return frame == null;
    }

    int channel() {
      return frame.getByte(0) & 0xff;
    }

    /** The frame without its channel byte. */
    ByteString data() {
      return frame.substring(1);
    }
  }

  private final WebSocket socket;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  private Streams(Configuration configuration, String pathAndQuery, String protocol) {
    TlsContext tls = configuration.tlsContext();
    OkHttpClient.Builder http = new OkHttpClient.Builder().sslSocketFactory(tls.socketFactory(), tls.trustManager());
    if (tls.hostnameVerifier() != null) {
      http.hostnameVerifier(tls.hostnameVerifier());
    }
    Request.Builder request =
        new Request.Builder()
            .url(configuration.host().resolve(pathAndQuery).toString())
            .header("Sec-WebSocket-Protocol", protocol);
    configuration.credentials().authorization().ifPresent(value -> request.header("Authorization", value.reveal()));
    this.socket =
        http.build()
            .newWebSocket(
                request.build(),
                new WebSocketListener() {
                  @Override
                  public void onMessage(WebSocket webSocket, ByteString bytes) {
                    received.add(new Received(bytes, ""));
                  }

                  @Override
                  public void onClosing(WebSocket webSocket, int code, String reason) {
                    received.add(new Received(null, "closed " + code + " " + reason));
                  }

                  @Override
                  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                    String status = response == null ? "" : " (HTTP " + response.code() + ")";
                    received.add(new Received(null, "failed: " + t + status));
                  }
                });
  }

  static Streams open(Configuration configuration, String pathAndQuery, String protocol) {
    return new Streams(configuration, pathAndQuery, protocol);
  }

  /** The next frame or end, or fails after {@link E2e#DEADLINE}. */
  Received next() throws InterruptedException {
    Received next = received.poll(E2e.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    if (next == null) {
      throw new AssertionError("no frame within " + E2e.DEADLINE);
    }
    return next;
  }

  /** Sends {@code data} on {@code channel}. */
  void send(int channel, byte[] data) {
    byte[] frame = new byte[data.length + 1];
    frame[0] = (byte) channel;
    System.arraycopy(data, 0, frame, 1, data.length);
    socket.send(ByteString.of(frame));
  }

  @Override
  public void close() {
    socket.close(1000, "done");
  }
}
