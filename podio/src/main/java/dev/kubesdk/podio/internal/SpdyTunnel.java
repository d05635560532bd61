package dev.kubesdk.podio.internal;

import dev.kubesdk.podio.PortForward;
import dev.kubesdk.podio.PortForwardOptions;
import dev.kubesdk.runtime.ApiException;
import dev.kubesdk.runtime.TransportException;
import dev.kubesdk.runtime.internal.Threads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A port-forward over {@code SPDY/3.1+portforward.k8s.io}: SPDY/3.1 frames carried in the binary
 * messages of one WebSocket, which kube-apiserver relays to the kubelet (client-go's {@code
 * tools/portforward} tunnelling dialer and {@code PortForwarder.handleConnection} mirrored). Each
 * local connection gets an error stream, closed by us at once, and a data stream, both with the
 * headers {@code streamtype}, {@code port} and {@code requestid}. Thread-safe.
 *
 * <p>Threads: an acceptor per listener, one per connection copying local bytes into the tunnel,
 * the WebSocket's reader thread writing the pod's bytes to the local sockets, and a pinger. The
 * kubelet's SPDY (moby/spdystream) has no flow control, so neither end sends WINDOW_UPDATE; a
 * local client that stops reading holds up the reader thread, and so the tunnel, as in kubectl.
 */
public final class SpdyTunnel extends WebSocketListener implements PortForward {
  /** The subprotocol offered. */
  public static final String PROTOCOL = "SPDY/3.1+portforward.k8s.io";

  private static final Logger log = LoggerFactory.getLogger(SpdyTunnel.class);
  private static final Duration PING_PERIOD = Duration.ofSeconds(10);
  /** How long a shutdown waits for an accepting thread to see its listener closed; it takes microseconds. */
  private static final Duration ACCEPTOR_EXIT = Duration.ofSeconds(2);
  private static final int MAX_DATA = 32 * 1024;
  private static final long MAX_QUEUED = 4L * 1024 * 1024;

  private final String method;
  private final String path;
  private final String what;
  private final PortForwardOptions options;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final SpdyFrames frames = new SpdyFrames(); // guarded by writeLock
  private int nextStreamId = 1; // guarded by writeLock; a client opens odd streams
  private final SpdyFrames.Reader reader = new SpdyFrames.Reader(); // reader thread only
  private final Map<Integer, Connection> streams = new ConcurrentHashMap<>();
  private final Map<Integer, ServerSocket> listeners = new LinkedHashMap<>();
  private final List<Thread> acceptors = new CopyOnWriteArrayList<>();
  private final AtomicInteger requestIds = new AtomicInteger();
  private final AtomicInteger pingIds = new AtomicInteger(1);
  private volatile @Nullable WebSocket socket;
  private volatile String protocol = "";
  private volatile boolean closed;
  private volatile @Nullable ApiException failure;
  private volatile long pingSentNanos;
  private volatile long pongNanos;

  /** A tunnel for {@code GET path}, described as {@code what} in errors. */
  public SpdyTunnel(String method, String path, String what, PortForwardOptions options) {
    this.method = method;
    this.path = path;
    this.what = what;
    this.options = options;
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    this.socket = webSocket;
    String chosen = response.header("Sec-WebSocket-Protocol");
    this.protocol = chosen == null ? "" : chosen.trim();
  }

  /**
   * Checks the protocol, opens the listeners and starts the pinger.
   *
   * @throws TransportException when the server chose another protocol or a port cannot be bound
   */
  public void start() {
    if (!PROTOCOL.equals(protocol)) {
      closed = true;
      WebSocket s = socket;
      if (s != null) {
        s.cancel(); // a server that speaks another protocol may not answer a close
      }
      throw TransportException.of(method, path, path, "the server chose subprotocol \"" + protocol + "\", not " + PROTOCOL
          + "; port-forward over WebSocket needs Kubernetes 1.31 or later (feature gate PortForwardWebsockets), and no proxy in between that strips Sec-WebSocket-Protocol.", null);
    }
    try {
      for (Map.Entry<Integer, Integer> port : options.ports().entrySet()) {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(options.address(), port.getValue()), 128);
        listeners.put(port.getKey(), server);
      }
    } catch (IOException e) {
      shutDown(null);
      throw TransportException.of(method, path, path, "cannot listen on " + options.address().getHostAddress() + " for " + options.ports() + ": " + e.getMessage(), e);
    }
    listeners.forEach((podPort, server) -> acceptors.add(Threads.start("kubesdk-portforward-accept-" + podPort, () -> accept(podPort, server))));
    pongNanos = System.nanoTime();
    daemon("kubesdk-portforward-ping", this::ping);
    log.debug("{}: forwarding {}", what, listeners);
  }

  @Override
  public InetSocketAddress localAddress(int podPort) {
    ServerSocket server = listeners.get(podPort);
    if (server == null) {
      throw new IllegalArgumentException("pod port " + podPort + " is not forwarded; forwarded: " + listeners.keySet());
    }
    return new InetSocketAddress(options.address(), server.getLocalPort());
  }

  @Override
  public boolean isOpen() {
    return !closed && failure == null;
  }

  @Override
  public Optional<ApiException> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    shutDown(null);
  }

  @Override
  public String toString() {
    return "PortForward{" + what + ", ports=" + options.ports() + (isOpen() ? "" : ", ended") + "}";
  }

  private void accept(int podPort, ServerSocket server) {
    while (isOpen()) {
      Socket local;
      try {
        local = server.accept();
      } catch (IOException e) {
        return; // closed by shutDown
      }
      daemon("kubesdk-portforward-" + podPort, () -> forward(podPort, local));
    }
  }

  /** Opens the two streams of a connection and copies the local bytes into the data stream. */
  private void forward(int podPort, Socket local) {
    Connection c = new Connection(podPort, requestIds.getAndIncrement(), local);
    try {
      local.setTcpNoDelay(true);
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("streamtype", "error");
      headers.put("port", String.valueOf(podPort));
      headers.put("requestid", String.valueOf(c.requestId));
      writeLock.lock();
      try {
        c.errorStream = nextStreamId;
        c.dataStream = nextStreamId + 2;
        nextStreamId += 4;
        streams.put(c.errorStream, c);
        streams.put(c.dataStream, c);
        // The error stream is one-way: we never write to it, so it is half-closed from the start.
        sendLocked(frames.synStream(c.errorStream, headers, true));
        headers.put("streamtype", "data");
        sendLocked(frames.synStream(c.dataStream, headers, false));
      } finally {
        writeLock.unlock();
      }
      InputStream in = local.getInputStream();
      byte[] buffer = new byte[MAX_DATA];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (!send(SpdyFrames.data(c.dataStream, buffer, 0, n, false)) || c.done) {
          return;
        }
      }
      send(SpdyFrames.data(c.dataStream, buffer, 0, 0, true));
    } catch (IOException e) {
      // The local socket was closed: by the client, or by us when the pod's side ended.
      if (!c.done) {
        finish(c, true);
      }
    }
  }

  @Override
  public void onMessage(WebSocket webSocket, ByteString bytes) {
    reader.add(bytes.asByteBuffer());
    try {
      for (SpdyFrames.Frame frame; (frame = reader.next()) != null; ) {
        handle(frame);
      }
    } catch (IOException e) {
      fail("the tunnel sent a frame that is not SPDY/3.1: " + e.getMessage(), e);
    }
  }

  private void handle(SpdyFrames.Frame frame) throws IOException {
    if (frame.type() == 0) {
      Connection c = streams.get(frame.streamId());
      if (c == null) {
        return; // a stream already finished; the kubelet may still send what was under way
      }
      if (frame.streamId() == c.errorStream) {
        c.error.writeBytes(frame.payload());
        if (frame.fin()) {
          // The kubelet writes its error after it closed the data stream, then closes this one.
          streams.remove(c.errorStream);
          if (c.error.size() > 0) {
            connectionFailed(c, c.error.toString(StandardCharsets.UTF_8));
          }
        }
        return;
      }
      if (frame.payload().length > 0 && !c.done) {
        try {
          OutputStream out = c.local.getOutputStream();
          out.write(frame.payload());
        } catch (IOException e) {
          finish(c, true);
          return;
        }
      }
      if (frame.fin()) {
        // The pod's side ended: as kubectl, end the local connection and reset the stream; the
        // error stream stays until the kubelet closes it, as an error may still come on it.
        streams.remove(c.dataStream);
        finish(c, true);
      }
      return;
    }
    switch (frame.type()) {
      case SpdyFrames.PING -> {
        int id = frame.firstWord();
        if ((id & 1) == 1) {
          pongNanos = System.nanoTime();
        } else {
          send(SpdyFrames.ping(id));
        }
      }
      case SpdyFrames.RST_STREAM -> {
        Connection c = streams.remove(frame.firstWord());
        if (c != null) {
          connectionFailed(c, "the kubelet reset stream " + frame.firstWord() + " (SPDY status " + frame.secondWord() + ")");
        }
      }
      case SpdyFrames.GOAWAY -> fail("the kubelet ended the tunnel (SPDY GOAWAY)", null);
      default -> {
        // SYN_REPLY, SETTINGS, WINDOW_UPDATE, HEADERS: nothing to do for port-forward. A reply's
        // header block is not inflated: we never read its headers, and our zlib stream is the
        // other direction's.
      }
    }
  }

  private void connectionFailed(Connection c, String message) {
    if (c.reported) {
      return;
    }
    c.reported = true;
    finish(c, true);
    if (!closed) {
      options.connectionErrors().accept(TransportException.of(method, path, path,
          "forwarding local port " + c.local.getLocalPort() + " to port " + c.port + " of " + what + " (request " + c.requestId + "): " + message, null));
    }
  }

  /** Ends a connection's local side: closes the local socket and resets the data stream. */
  private void finish(Connection c, boolean reset) {
    if (c.done) {
      return;
    }
    c.done = true;
    try {
      c.local.close();
    } catch (IOException e) {
      // closing anyway
    }
    if (reset && isOpen()) {
      send(SpdyFrames.rstStream(c.dataStream, SpdyFrames.RST_CANCEL));
    }
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    webSocket.close(1000, null);
    fail("the server closed the tunnel (" + code + (reason.isEmpty() ? "" : " " + reason) + ")", null);
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
    fail("the tunnel broke: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()), t);
  }

  private void fail(String problem, @Nullable Throwable cause) {
    if (closed || failure != null) {
      return;
    }
    failure = TransportException.of(method, path, path, "port-forward to " + what + ": " + problem, cause);
    log.debug("{}: {}", what, problem);
    shutDown(failure);
  }

  private void shutDown(@Nullable ApiException why) {
    for (ServerSocket server : listeners.values()) {
      try {
        server.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    // The JDK closes a listening socket that a thread is blocked accepting on only when that thread
    // wakes: until the acceptors have ended, the port would still take connections.
    for (Thread acceptor : acceptors) {
      if (acceptor != Thread.currentThread()) {
        try {
          acceptor.join(ACCEPTOR_EXIT.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    for (Connection c : streams.values()) {
      finish(c, false);
    }
    streams.clear();
    WebSocket s = socket;
    if (s != null) {
      if (why == null) {
        s.close(1000, null);
      } else {
        s.cancel();
      }
    }
  }

  /** Sends an odd-numbered PING each period; a tunnel whose last one got no answer has failed. */
  private void ping() {
    while (isOpen()) {
      LockSupport.parkNanos(PING_PERIOD.toNanos());
      if (!isOpen()) {
        return;
      }
      if (pingSentNanos != 0 && pongNanos - pingSentNanos < 0) {
        fail("no answer to a ping within " + PING_PERIOD.toSeconds() + " s; the connection to the API server or the kubelet is gone", null);
        return;
      }
      pingSentNanos = System.nanoTime();
      send(SpdyFrames.ping(pingIds.getAndAdd(2)));
    }
  }

  private boolean send(byte[] frame) {
    writeLock.lock();
    try {
      return sendLocked(frame);
    } finally {
      writeLock.unlock();
    }
  }

  // Under the write lock, so that frames leave in the order their headers were compressed.
  private boolean sendLocked(byte[] frame) {
    WebSocket s = socket;
    if (s == null) {
      return false;
    }
    while (s.queueSize() > MAX_QUEUED) {
      if (!isOpen()) {
        return false;
      }
      // OkHttp has no drain signal; a short park keeps its 16 MiB queue (past which it closes the
      // socket) from overflowing.
      LockSupport.parkNanos(200_000);
    }
    return s.send(ByteString.of(frame));
  }

  /** A thread per listener and per connection: virtual threads on Java 21+, where a thousand connections cost little. */
  private static void daemon(String name, Runnable body) {
    Threads.start(name, body);
  }

  /** One forwarded local connection. */
  private static final class Connection {
    final int port;
    final int requestId;
    final Socket local;
    final ByteArrayOutputStream error = new ByteArrayOutputStream();
    int errorStream;
    int dataStream;
    volatile boolean done;
    volatile boolean reported;

    Connection(int port, int requestId, Socket local) {
      this.port = port;
      this.requestId = requestId;
      this.local = local;
    }
  }
}
