package dev.kubesdk.podio;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A running exec or attach: the process's stdin, stdout and stderr as streams, its terminal size,
 * and its exit code. Thread-safe: one thread may write stdin while others read stdout and stderr.
 *
 * <pre>{@code
 * try (ExecSession sh = pods.openExec("cart-0", "shop", ExecOptions.builder().command("sh").stdin(true).build())) {
 *   sh.stdin().write("echo hello; exit 3\n".getBytes(UTF_8));
 *   sh.stdin().close();                                   // the process sees end of input (v5)
 *   String out = new String(sh.stdout().readAllBytes(), UTF_8);
 *   int code = sh.awaitExit(Duration.ofSeconds(10)).orElseThrow();   // 3
 * }
 * }</pre>
 *
 * <p>Output arrives on one reader thread per session and waits in a bounded buffer per stream:
 * read stdout and stderr both (or turn stderr off), or a full stderr buffer stops stdout too, as
 * with {@link Process}. A reader that stops for longer than the ping interval (15 s) lets the
 * connection time out.
 *
 * <p>{@link #close()} ends the session at once: the WebSocket is closed, reads return end of
 * stream, writes fail. The process itself is ended by the kubelet when its streams go away.
 */
public interface ExecSession extends AutoCloseable {
  /**
   * The subprotocol the server chose: {@code v5.channel.k8s.io}, or {@code v4.channel.k8s.io}
   * from a server that does not speak v5 (Kubernetes before 1.30).
   */
  String protocol();

  /**
   * The process's stdin. Writes are sent as they come, in messages of up to 32 KiB, waiting while
   * more than 1 MiB is queued for the network. {@link OutputStream#close()} closes stdin for the
   * process under v5 (the process reads end of input); under v4 there is no way to say so and the
   * process sees end of input only when the session closes.
   *
   * @throws IllegalStateException when the session was opened without stdin
   */
  OutputStream stdin();

  /** The process's stdout (and stderr, with a terminal); ends when the process ends. */
  InputStream stdout();

  /**
   * The process's stderr; ends when the process ends.
   *
   * @throws IllegalStateException when the session was opened without stderr (or with a terminal)
   */
  InputStream stderr();

  /**
   * Tells the terminal its new size; the process gets {@code SIGWINCH}.
   *
   * @throws IllegalStateException when the session has no terminal
   * @throws IllegalArgumentException when a value is not between 1 and 65535
   */
  void resize(int columns, int rows);

  /**
   * Waits until the process ended and returns its exit code; empty when it still runs after {@code
   * timeout}.
   *
   * @throws dev.kubesdk.runtime.ApiException when the kubelet reported a failure other than an
   *     exit code (with its Status), or the connection broke ({@link
   *     dev.kubesdk.runtime.TransportException})
   */
  OptionalInt awaitExit(Duration timeout);

  /** Ends the session and its streams; idempotent. */
  @Override
  void close();
}
