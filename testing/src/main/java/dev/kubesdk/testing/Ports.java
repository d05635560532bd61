package dev.kubesdk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses TCP ports for etcd and kube-apiserver. Another process can take a port between the
 * choice and the bind; {@link LocalControlPlane} then retries with new ones.
 */
@FunctionalInterface
interface Ports {
  /** {@code count} distinct ports on the loopback interface that were free a moment ago. */
  int[] choose(int count);

  /** Asks the kernel for free ephemeral ports, holding each until all are chosen so none repeats. */
  Ports EPHEMERAL =
      count -> {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
          int[] ports = new int[count];
          for (int i = 0; i < count; i++) {
            ServerSocket socket = new ServerSocket();
            sockets.add(socket);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ports[i] = socket.getLocalPort();
          }
          return ports;
        } catch (IOException e) {
          throw new UncheckedIOException("cannot find a free port on the loopback interface", e);
        } finally {
          for (ServerSocket socket : sockets) {
            try {
              socket.close();
            } catch (IOException e) {
              // Closing a listening socket we never accepted on does not fail in practice.
            }
          }
        }
      };
}
