package dev.kubesdk.podio.internal;

import dev.kubesdk.podio.ExecSession;
import dev.kubesdk.runtime.ApiException;
import dev.kubesdk.runtime.TransportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exec or attach over the {@code channel.k8s.io} WebSocket protocols: every binary message
 * starts with its channel (0 stdin, 1 stdout, 2 stderr, 3 error Status, 4 terminal size; under v5,
 * 255 followed by a channel closes that channel). Thread-safe.
 *
 * <p>Output goes either to bounded {@link BytePipe}s read by the user (a session) or to growing
 * buffers (a one-shot exec, which must never stall the reader thread on an unread stream).
 */
public final class ChannelSession extends WebSocketListener implements ExecSession {
  /** The protocols offered, best first. */
  public static final List<String> PROTOCOLS = List.of(ChannelSession.V5, ChannelSession.V4);

  static final String V5 = "v5.channel.k8s.io";
  static final String V4 = "v4.channel.k8s.io";
  private static final Logger log = LoggerFactory.getLogger(ChannelSession.class);
  private static final int STDIN = 0;
  private static final int STDOUT = 1;
  private static final int STDERR = 2;
  private static final int ERROR = 3;
  private static final int RESIZE = 4;
  private static final int CLOSE = 255;
  private static final int MAX_MESSAGE = 32 * 1024;
  private static final long MAX_QUEUED = 1024 * 1024;
  private static final long PIPE_CAPACITY = 4L * 1024 * 1024;

  private final String method;
  private final String path;
  private final String what;
  private final boolean stdinOpen;
  private final boolean tty;
  private final @Nullable BytePipe stdoutPipe;
  private final @Nullable BytePipe stderrPipe;
  private final @Nullable ByteArrayOutputStream stdoutBuffer;
  private final @Nullable ByteArrayOutputStream stderrBuffer;
  private final ByteArrayOutputStream status = new ByteArrayOutputStream();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final OutputStream stdin = new Stdin();
  private final boolean stdoutEmpty;
  private volatile @Nullable WebSocket socket;
  private volatile String protocol = "";
  private volatile boolean closedByUser;
  private volatile boolean stdinClosed;

  /**
   * A session for the request {@code method path}, described as {@code what} in errors.
   *
   * @param collect true to buffer all output (one-shot), false to pipe it to the user
   */
  public ChannelSession(String method, String path, String what, boolean stdin, boolean stdout, boolean stderr, boolean tty, boolean collect) {
    this.method = method;
    this.path = path;
    this.what = what;
    this.stdinOpen = stdin;
    this.tty = tty;
    this.stdoutPipe = stdout && !collect ? new BytePipe("stdout of " + what, PIPE_CAPACITY) : null;
    this.stderrPipe = stderr && !collect ? new BytePipe("stderr of " + what, PIPE_CAPACITY) : null;
    this.stdoutBuffer = collect ? new ByteArrayOutputStream() : null;
    this.stderrBuffer = collect ? new ByteArrayOutputStream() : null;
    // Reading an unopened stdout gives end of stream at once.
    this.stdoutEmpty = !stdout && !collect;
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    this.socket = webSocket;
    String chosen = response.header("Sec-WebSocket-Protocol");
    this.protocol = chosen == null ? "" : chosen.trim();
    log.debug("{}: WebSocket open, protocol {}", what, protocol.isEmpty() ? "(none)" : protocol);
  }

  /** Checks the protocol the server chose; closes the socket and throws when it is none of ours. */
  public void checkProtocol() {
    if (!PROTOCOLS.contains(protocol)) {
      // Not a session to end politely: a server that chose no protocol of ours may not answer a close.
      closedByUser = true;
      WebSocket s = socket;
      if (s != null) {
        s.cancel();
      }
      throw TransportException.of(method, path, path, "the server chose subprotocol \"" + protocol + "\", not one of " + PROTOCOLS
          + "; it is too old for this client (Kubernetes 1.19+ speaks v4.channel.k8s.io) or a proxy in between strips Sec-WebSocket-Protocol.", null);
    }
  }

  @Override
  public void onMessage(WebSocket webSocket, ByteString bytes) {
    if (bytes.size() == 0) {
      return;
    }
    int channel = bytes.getByte(0) & 0xff;
    if (bytes.size() == 1) {
      return; // servers announce each channel with an empty message
    }
    // One copy, out of the message's own buffer (substring().toByteArray() would make two).
    byte[] data = new byte[bytes.size() - 1];
    java.nio.ByteBuffer view = bytes.asByteBuffer();
    view.position(1);
    view.get(data);
    try {
      switch (channel) {
        case STDOUT -> deliver(stdoutPipe, stdoutBuffer, data);
        case STDERR -> deliver(stderrPipe, stderrBuffer, data);
        case ERROR -> {
          synchronized (status) {
            status.writeBytes(data);
          }
        }
        default -> log.trace("{}: ignoring {} bytes on channel {}", what, data.length, channel);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    // The channel protocols are binary; base64 text ones are not offered.
    log.trace("{}: ignoring a text message", what);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    webSocket.close(1000, null);
    finish();
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    finish();
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
    if (closedByUser) {
      finish();
      return;
    }
    String detail = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    IOException broken = new IOException("the stream of " + what + " broke: " + detail, t);
    fail(stdoutPipe, broken);
    fail(stderrPipe, broken);
    exit.completeExceptionally(TransportException.of(method, path, path, "the stream of " + what + " broke before the process ended: " + detail, t));
  }

  private void finish() {
    if (stdoutPipe != null) {
      stdoutPipe.finish();
    }
    if (stderrPipe != null) {
      stderrPipe.finish();
    }
    if (exit.isDone()) {
      return;
    }
    if (closedByUser) {
      exit.completeExceptionally(TransportException.of(method, path, path, "the session of " + what + " was closed before the process ended", null));
      return;
    }
    String json;
    synchronized (status) {
      json = status.toString(StandardCharsets.UTF_8);
    }
    try {
      exit.complete(ExitStatus.decode(json, method, path));
    } catch (ApiException e) {
      exit.completeExceptionally(e);
    }
  }

  private static void deliver(@Nullable BytePipe pipe, @Nullable ByteArrayOutputStream buffer, byte[] data) throws InterruptedException {
    if (pipe != null) {
      pipe.write(data);
    } else if (buffer != null) {
      synchronized (buffer) {
        buffer.writeBytes(data);
      }
    }
  }

  private static void fail(@Nullable BytePipe pipe, IOException e) {
    if (pipe != null) {
      pipe.fail(e);
    }
  }

  @Override
  public String protocol() {
    return protocol;
  }

  @Override
  public OutputStream stdin() {
    if (!stdinOpen) {
      throw new IllegalStateException(what + " was opened without stdin; set stdin(true) in ExecOptions.");
    }
    return stdin;
  }

  @Override
  public InputStream stdout() {
    if (stdoutPipe == null) {
      if (stdoutEmpty) {
        return InputStream.nullInputStream();
      }
      throw new IllegalStateException("a one-shot exec has no stdout stream");
    }
    return stdoutPipe.input();
  }

  @Override
  public InputStream stderr() {
    if (stderrPipe == null) {
      throw new IllegalStateException(what + " was opened without stderr" + (tty ? " (a terminal carries it on stdout)" : "; leave stderr(true) in ExecOptions."));
    }
    return stderrPipe.input();
  }

  /** Everything stdout carried so far (one-shot). */
  public byte[] collectedStdout() {
    return collected(stdoutBuffer);
  }

  /** Everything stderr carried so far (one-shot). */
  public byte[] collectedStderr() {
    return collected(stderrBuffer);
  }

  private static byte[] collected(@Nullable ByteArrayOutputStream buffer) {
    if (buffer == null) {
      return new byte[0];
    }
    synchronized (buffer) {
      return buffer.toByteArray();
    }
  }

  @Override
  public void resize(int columns, int rows) {
    if (!tty) {
      throw new IllegalStateException(what + " has no terminal; set tty(true) in ExecOptions to resize it.");
    }
    if (columns < 1 || columns > 65535 || rows < 1 || rows > 65535) {
      throw new IllegalArgumentException("columns and rows must be between 1 and 65535: " + columns + "x" + rows);
    }
    send(RESIZE, ("{\"Width\":" + columns + ",\"Height\":" + rows + "}").getBytes(StandardCharsets.UTF_8), 0, -1);
  }

  @Override
  public OptionalInt awaitExit(Duration timeout) {
    try {
      return OptionalInt.of(exit.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TransportException.of(method, path, path, "interrupted while waiting for " + what + " to end", e);
    } catch (ExecutionException e) {
      throw (RuntimeException) e.getCause();
    }
  }

  @Override
  public void close() {
    closedByUser = true;
    closeSocket();
    finish();
  }

  private void closeSocket() {
    WebSocket s = socket;
    if (s != null && !s.close(1000, null)) {
      s.cancel();
    }
  }

  /** Sends {@code data[off, off+len)} (all of it when len is -1) on {@code channel}, waiting for room. */
  private boolean send(int channel, byte[] data, int off, int len) {
    WebSocket s = socket;
    if (s == null) {
      return false;
    }
    int n = len < 0 ? data.length : len;
    while (s.queueSize() > MAX_QUEUED) {
      if (closedByUser || exit.isDone()) {
        return false;
      }
      // OkHttp offers no signal when its queue drains; a short park keeps a fast sender from
      // overrunning the 16 MiB queue, past which OkHttp would close the socket.
      LockSupport.parkNanos(200_000);
    }
    byte[] frame = new byte[n + 1];
    frame[0] = (byte) channel;
    System.arraycopy(data, off, frame, 1, n);
    return s.send(ByteString.of(frame));
  }

  /** Writes the process's stdin on channel 0. */
  private final class Stdin extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      if (stdinClosed) {
        throw new IOException("stdin of " + what + " is closed");
      }
      for (int done = 0; done < len; ) {
        int n = Math.min(MAX_MESSAGE, len - done);
        if (!send(STDIN, b, off + done, n)) {
          throw new IOException("cannot write stdin of " + what + ": the session has ended");
        }
        done += n;
      }
    }

    @Override
    public void close() {
      if (stdinClosed) {
        return;
      }
      stdinClosed = true;
      if (V5.equals(protocol)) {
        send(CLOSE, new byte[] {STDIN}, 0, 1);
      } else {
        log.debug("{}: {} cannot close stdin alone; the process sees end of input when the session closes", what, protocol);
      }
    }
  }
}
