package dev.kubesdk.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of the API server whose connections a test can cut: what a network drop
 * does to a client, against the real server. TLS passes through untouched, so the client still
 * verifies the server's certificate (it names 127.0.0.1). Thread-safe.
 */
final class CuttableProxy implements AutoCloseable {
  private final URI upstream;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean refusing;
  private volatile boolean closed;

  private CuttableProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "cuttable-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A relay to {@code upstream}, an {@code https://127.0.0.1:port} URL. */
  static CuttableProxy to(URI upstream) {
    try {
      return new CuttableProxy(upstream);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback for a proxy to " + upstream, e);
    }
  }

  /** The URL clients use instead of the upstream's. */
  URI url() {
    return URI.create("https://127.0.0.1:" + server.getLocalPort());
  }

  /** Closes every open connection and refuses new ones until {@link #resume()}. */
  void cut() {
    synchronized (open) {
      refusing = true;
      for (Socket s : open) {
        closeQuietly(s);
      }
    }
  }

  /** Relays new connections again. */
  void resume() {
    refusing = false;
  }

  @Override
  public void close() {
    closed = true;
    cut();
    closeQuietly(server);
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      // Under the same lock as cut(), so that a connection accepted as the cut happens is either
      // refused or registered before cut() closes what is registered, never relayed past a cut.
      synchronized (open) {
        if (refusing) {
          closeQuietly(client);
          continue;
        }
        try {
          Socket target = new Socket();
          target.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()));
          open.add(client);
          open.add(target);
          pump(client, target);
          pump(target, client);
        } catch (IOException e) {
          closeQuietly(client);
        }
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // A cut or the other side closing: both directions end.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "cuttable-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // Closing is best effort: the socket may be closed already.
    }
  }
}
