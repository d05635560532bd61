package dev.kubesdk.runtime.internal;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketOption;
import java.time.Duration;
import javax.net.SocketFactory;
import jdk.net.ExtendedSocketOptions;

/**
 * A socket factory whose sockets use TCP keepalive with short probes, so that a connection whose
 * peer vanished (a NAT or load balancer dropped it, the host died) fails within about a minute and
 * a half instead of blocking a watch forever. Mirrors client-go's dialer ({@code net.Dialer{KeepAlive:
 * 30 * time.Second}} in {@code k8s.io/apimachinery/pkg/util/net}): probes start after {@link #IDLE} of
 * silence and repeat every {@link #INTERVAL}; after {@link #PROBES} unanswered ones the kernel
 * resets the connection. Where the platform cannot set the timings (they need Linux or macOS),
 * keepalive is still switched on with the system's timings. Its sockets also send without
 * Nagle's delay ({@code TCP_NODELAY}), as Go's do. Immutable and thread-safe.
 */
final class KeepAliveSockets extends ConfiguringSocketFactory {
  static final Duration IDLE = Duration.ofSeconds(30);
  static final Duration INTERVAL = Duration.ofSeconds(15);
  static final int PROBES = 4;

  private KeepAliveSockets(SocketFactory delegate) {
    super(delegate);
  }

  /** {@code delegate}'s sockets with keepalive; {@code delegate} itself when it already is one. */
  static SocketFactory wrap(SocketFactory delegate) {
    return delegate instanceof KeepAliveSockets ? delegate : new KeepAliveSockets(delegate);
  }

  @Override
  Socket configure(Socket socket) {
    try {
      // Go's net package (so client-go and kubectl) sets TCP_NODELAY on every connection. Without
      // it, a small WebSocket frame (a stdin line, a port-forward packet, a close) can wait for
      // the peer's delayed ACK, some 40 ms on Linux, each time.
      socket.setTcpNoDelay(true);
    } catch (IOException e) {
      // Nagle's algorithm stays on; everything still works, only slower for small writes.
    }
    return keepAlive(socket);
  }

  /** Switches keepalive on for {@code socket}, with the timings above where the platform allows. */
  static Socket keepAlive(Socket socket) {
    try {
      socket.setKeepAlive(true);
      set(socket, ExtendedSocketOptions.TCP_KEEPIDLE, (int) IDLE.toSeconds());
      set(socket, ExtendedSocketOptions.TCP_KEEPINTERVAL, (int) INTERVAL.toSeconds());
      set(socket, ExtendedSocketOptions.TCP_KEEPCOUNT, PROBES);
    } catch (IOException e) {
      // A socket that refuses keepalive still works; the HTTP/2 pings remain.
    }
    return socket;
  }

  private static void set(Socket socket, SocketOption<Integer> option, int value) throws IOException {
    if (socket.supportedOptions().contains(option)) {
      try {
        socket.setOption(option, value);
      } catch (SocketException | UnsupportedOperationException e) {
        // Some kernels refuse a value; the system default then applies.
      }
    }
  }
}
