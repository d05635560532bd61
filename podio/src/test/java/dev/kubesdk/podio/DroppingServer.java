package dev.kubesdk.podio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * A server that accepts one WebSocket upgrade with a given subprotocol, sends some binary
 * messages, and then drops the TCP connection without a close frame: the fault a dead node, a
 * restarted API server or a NAT timeout leaves. MockWebServer's WebSocket cannot drop abruptly.
 */
final class DroppingServer implements AutoCloseable {
  private final ServerSocket server;
  private final Thread thread;

  DroppingServer(String protocol, long dropAfterMillis, byte[]... messages) throws IOException {
    this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    this.thread = new Thread(() -> serve(protocol, dropAfterMillis, messages), "dropping-server");
    thread.setDaemon(true);
    thread.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/";
  }

  private void serve(String protocol, long dropAfterMillis, byte[][] messages) {
    try (Socket s = server.accept()) {
      InputStream in = s.getInputStream();
      String key = "";
      StringBuilder line = new StringBuilder();
      for (int c; (c = in.read()) >= 0; ) {
        if (c == '\n') {
          String header = line.toString().trim();
          if (header.isEmpty()) {
            break;
          }
          if (header.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
            key = header.substring(header.indexOf(':') + 1).trim();
          }
          line.setLength(0);
        } else {
          line.append((char) c);
        }
      }
      OutputStream out = s.getOutputStream();
      out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept(key)
          + "\r\nSec-WebSocket-Protocol: " + protocol + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      for (byte[] m : messages) {
        out.write(0x82); // FIN, binary; a server's frames are not masked
        if (m.length < 126) {
          out.write(m.length);
        } else {
          out.write(126);
          out.write(m.length >>> 8);
          out.write(m.length);
        }
        out.write(m);
      }
      out.flush();
      Thread.sleep(dropAfterMillis);
      s.setSoLinger(true, 0); // a reset, not a polite FIN
    } catch (IOException | InterruptedException e) {
      // the test ended first
    }
  }

  private static String accept(String key) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-1").digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
