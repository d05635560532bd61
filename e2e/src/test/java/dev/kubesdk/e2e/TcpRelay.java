package dev.kubesdk.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A TCP relay on the loopback interface, for the network faults a real API server cannot show: it
 * either forwards every connection to a fixed target ({@link #forwarding}) or acts as an HTTP
 * {@code CONNECT} proxy ({@link #connectProxy}). {@link #blackhole()} makes every connection go
 * silent without closing, as when a NAT or load balancer forgets it. Thread-safe.
 */
final class TcpRelay implements AutoCloseable {
  private final ServerSocket listener;
  private final List<Socket> sockets = new ArrayList<>();
  private final CountDownLatch blackholed = new CountDownLatch(1);
  private final List<String> tunnels = new ArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();

  private TcpRelay(Function<Socket, Socket> route) throws IOException {
    listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor =
        new Thread(
            () -> {
              while (!listener.isClosed()) {
                try {
                  Socket client = listener.accept();
                  connections.incrementAndGet();
                  daemon("relay-route", () -> relay(client, route));
                } catch (IOException e) {
                  return;
                }
              }
            },
            "relay-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A relay that forwards every connection to {@code target}. */
  static TcpRelay forwarding(InetSocketAddress target) throws IOException {
    return new TcpRelay(client -> connect(target));
  }

  /**
   * An HTTP proxy that answers {@code CONNECT host:port} by opening a tunnel to {@code
   * resolve(host:port)}, so a test can name a host that DNS does not know.
   */
  static TcpRelay connectProxy(Function<String, InetSocketAddress> resolve) throws IOException {
    TcpRelay[] self = new TcpRelay[1];
    self[0] =
        new TcpRelay(
            client -> {
              try {
                String target = readConnect(client.getInputStream());
                synchronized (self[0].tunnels) {
                  self[0].tunnels.add(target);
                }
                Socket upstream = connect(resolve.apply(target));
                client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                return upstream;
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    return self[0];
  }

  /** The address clients connect to. */
  InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  /** The {@code host:port} of every CONNECT so far, in order. */
  List<String> tunnels() {
    synchronized (tunnels) {
      return List.copyOf(tunnels);
    }
  }

  /** How many TCP connections were accepted. */
  int connections() {
    return connections.get();
  }

  /** From now on nothing is forwarded in either direction; connections stay open. */
  void blackhole() {
    blackholed.countDown();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    synchronized (sockets) {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  private void relay(Socket client, Function<Socket, Socket> route) {
    track(client);
    Socket upstream;
    try {
      upstream = route.apply(client);
    } catch (RuntimeException e) {
      closeQuietly(client);
      return;
    }
    track(upstream);
    daemon("relay-up", () -> pump(client, upstream));
    daemon("relay-down", () -> pump(upstream, client));
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (blackholed.getCount() == 0) {
          blackholed.await(); // returns at once: park this direction for good, bytes unread
          Thread.sleep(Long.MAX_VALUE);
        }
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException | InterruptedException e) {
      closeQuietly(to);
    }
  }

  private void track(Socket socket) {
    synchronized (sockets) {
      sockets.add(socket);
    }
  }

  private static Socket connect(InetSocketAddress target) {
    try {
      return new Socket(target.getAddress(), target.getPort());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Reads {@code CONNECT host:port HTTP/1.1} and the headers after it; returns {@code host:port}. */
  private static String readConnect(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("the client closed before the end of the CONNECT request");
      }
      head.append((char) c);
    }
    String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
    if (requestLine.length != 3 || !requestLine[0].equals("CONNECT")) {
      throw new IOException("not a CONNECT request: " + requestLine[0]);
    }
    return requestLine[1];
  }

  private static void daemon(String name, Runnable work) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
