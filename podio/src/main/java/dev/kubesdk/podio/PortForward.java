package dev.kubesdk.podio;

import dev.kubesdk.runtime.ApiException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A running port-forward: one WebSocket to the API server carrying SPDY/3.1 streams, a local
 * listener per forwarded pod port, and two streams (data and error) per accepted connection, as
 * kubectl does. Thread-safe.
 *
 * <pre>{@code
 * try (PortForward forward = pods.portForward("db-0", "shop", PortForwardOptions.of(5432))) {
 *   int port = forward.localAddress(5432).getPort();    // connect to 127.0.0.1:port
 * }
 * }</pre>
 *
 * <p>A connection the pod refuses is closed and its error goes to {@link
 * PortForwardOptions#connectionErrors()}; the forward goes on. The tunnel is pinged every 10 s; one
 * that stops answering, or that the server closes, ends the whole forward: the listeners close, the
 * connections are cut and {@link #failure()} tells why.
 */
public interface PortForward extends AutoCloseable {
  /**
   * The local address that forwards to {@code podPort}.
   *
   * @throws IllegalArgumentException when {@code podPort} is not forwarded
   */
  InetSocketAddress localAddress(int podPort);

  /** Whether the tunnel is up and the listeners accept connections. */
  boolean isOpen();

  /** Why the forward ended on its own (tunnel broken, server closed it); empty while open or after {@link #close()}. */
  Optional<ApiException> failure();

  /** Closes the listeners, the connections and the tunnel; idempotent. */
  @Override
  void close();
}
