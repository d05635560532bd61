package dev.kubesdk.podio;

import dev.kubesdk.podio.internal.ChannelSession;
import dev.kubesdk.podio.internal.LogLines;
import dev.kubesdk.podio.internal.SpdyTunnel;
import dev.kubesdk.podio.internal.TarCopy;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiRequest;
import dev.kubesdk.runtime.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Logs, exec, attach, port-forward and copy for the pods of one API server, through an {@link
 * ApiClient}: the same connections, TLS, proxy, credentials (refreshed on 401) and timeouts as its
 * other calls. Thread-safe; share one instance.
 *
 * <pre>{@code
 * PodIo pods = PodIo.of(new ApiClient(KubeConfig.load()));
 *
 * try (Stream<String> lines = pods.logLines("cart-0", "shop", LogOptions.builder().follow(true).build())) {
 *   lines.forEach(System.out::println);                  // until the container stops or lines.close()
 * }
 * ExecResult r = pods.exec("cart-0", "shop", ExecOptions.of("sh", "-c", "id -u; exit 3"));
 * r.exitCode();                                          // 3
 * }</pre>
 *
 * <p>Exec and attach speak {@code v5.channel.k8s.io} (stdin can be closed on its own) and fall
 * back to {@code v4.channel.k8s.io} for servers before Kubernetes 1.30. Every failure is an
 * unchecked {@link dev.kubesdk.runtime.ApiException}: a missing pod or container, a pod that is not
 * running, RBAC denial of {@code pods/exec} and any other refused upgrade carry the server's
 * Status; a broken connection is a {@link TransportException}.
 */
public final class PodIo {
  private final ApiClient client;

  private PodIo(ApiClient client) {
    this.client = client;
  }

  /** Pod I/O through {@code client}; closing the client ends its streams and sessions too. */
  public static PodIo of(ApiClient client) {
    return new PodIo(Objects.requireNonNull(client, "client"));
  }

  /** The client this goes through. */
  public ApiClient client() {
    return client;
  }

  /**
   * The log of a container as it arrives. With {@link LogOptions#follow()} it goes on until the
   * container stops (the stream then ends normally) or it is closed, from any thread (a read
   * blocked in another thread then returns end of stream).
   *
   * @throws dev.kubesdk.runtime.ApiException when the server refuses (no such pod or container,
   *     403), at once, before any byte is read
   */
  public InputStream logs(String pod, String namespace, LogOptions options) {
    Objects.requireNonNull(options, "options");
    ApiRequest.Builder request = ApiRequest.builder("GET", "/api/v1/namespaces/{namespace}/pods/{name}/log").pathParam("namespace", namespace).pathParam("name", pod);
    options.container().ifPresent(c -> request.query("container", c));
    if (options.follow()) {
      request.query("follow", "true");
    }
    if (options.previous()) {
      request.query("previous", "true");
    }
    // The API takes whole seconds; round up so that no line inside the window is lost.
    options.since().ifPresent(d -> request.query("sinceSeconds", (d.toNanos() + 999_999_999L) / 1_000_000_000L));
    options.sinceTime().ifPresent(t -> request.query("sinceTime", t.toString()));
    options.tailLines().ifPresent(n -> request.query("tailLines", n));
    options.limitBytes().ifPresent(n -> request.query("limitBytes", n));
    if (options.timestamps()) {
      request.query("timestamps", "true");
    }
    return client.stream(request.build());
  }

  /**
   * The log of a container as lines (UTF-8, split at {@code \n}), as {@link #logs} reads it. Close
   * the stream (try-with-resources) to end the request; closing it from another thread ends the
   * iteration normally.
   *
   * @throws dev.kubesdk.runtime.ApiException when the server refuses
   */
  public Stream<String> logLines(String pod, String namespace, LogOptions options) {
    return LogLines.of(logs(pod, namespace, options));
  }

  /**
   * Runs a command and waits for it: its exit code and all of stdout and stderr. Writes {@link
   * ExecOptions#input()} to stdin first and then closes it. A non-zero exit code is a result, not
   * an exception.
   *
   * @throws dev.kubesdk.runtime.ApiException when the server refuses (no such pod or container,
   *     pod not running, RBAC), or the kubelet reports a failure other than an exit code (the
   *     command does not exist)
   * @throws TransportException when the connection breaks, or {@link ExecOptions#timeout()} passes
   *     (the session is then closed)
   * @throws IllegalArgumentException when the options have no command
   */
  public ExecResult exec(String pod, String namespace, ExecOptions options) {
    ChannelSession session = open("exec", pod, namespace, options, true);
    try (session) {
      if (options.stdin()) {
        try (OutputStream in = session.stdin()) {
          in.write(options.input().orElse(new byte[0]));
        } catch (IOException e) {
          // The process may end without reading its input; its exit status tells what happened.
        }
      }
      Duration timeout = options.timeout().isZero() ? Duration.ofDays(365) : options.timeout();
      OptionalInt code = session.awaitExit(timeout);
      if (code.isEmpty()) {
        throw TransportException.of("GET", path("exec", pod, namespace), path("exec", pod, namespace),
            "exec " + options.command() + " in pod " + namespace + "/" + pod + " did not end within " + timeout
                + "; the session was closed. Raise ExecOptions.timeout, or use openExec for long-running commands.", null);
      }
      return ExecResult.of(code.getAsInt(), session.collectedStdout(), session.collectedStderr());
    }
  }

  /**
   * Starts a command and returns its session at once: write stdin, read stdout and stderr, resize
   * the terminal, wait for the exit code. Close the session when done.
   *
   * @throws dev.kubesdk.runtime.ApiException when the server refuses
   * @throws IllegalArgumentException when the options have no command
   */
  public ExecSession openExec(String pod, String namespace, ExecOptions options) {
    return open("exec", pod, namespace, options, false);
  }

  /**
   * Attaches to the main process of a container: its output from now on, its stdin when the
   * container was started with {@code stdin: true}. Close the session when done; the process goes
   * on.
   *
   * @throws dev.kubesdk.runtime.ApiException when the server refuses
   * @throws IllegalArgumentException when the options have a command (attach runs none)
   */
  public ExecSession attach(String pod, String namespace, ExecOptions options) {
    return open("attach", pod, namespace, options, false);
  }

  /**
   * Forwards local ports to ports of a pod, over one WebSocket speaking {@code
   * SPDY/3.1+portforward.k8s.io} (what kubectl speaks since Kubernetes 1.31): many connections at
   * once, each on its own pair of SPDY streams. Returns once the tunnel is up and the listeners are
   * bound; close it when done.
   *
   * @throws dev.kubesdk.runtime.ApiException when the server refuses (no such pod, pod not running,
   *     RBAC on {@code pods/portforward})
   * @throws TransportException when a local port cannot be bound, or the server does not speak the
   *     protocol
   */
  public PortForward portForward(String pod, String namespace, PortForwardOptions options) {
    Objects.requireNonNull(options, "options");
    ApiRequest request =
        ApiRequest.builder("GET", "/api/v1/namespaces/{namespace}/pods/{name}/portforward").pathParam("namespace", namespace).pathParam("name", pod).build();
    SpdyTunnel tunnel = new SpdyTunnel("GET", path("portforward", pod, namespace), "pod " + namespace + "/" + pod, options);
    client.webSocket(request, java.util.List.of(SpdyTunnel.PROTOCOL), tunnel);
    tunnel.start();
    return tunnel;
  }

  /**
   * Copies a local file or directory tree into a folder of a container, as {@code kubectl cp}
   * does: a tar of it streamed to {@code tar -xf -} run in the container (which therefore needs
   * {@code tar}). {@code source} lands at {@code destination.path()/<its name>}; symbolic links are
   * copied as links, not followed.
   *
   * @throws CopyException when {@code tar} in the container fails (its stderr in the message)
   * @throws java.io.UncheckedIOException when a local file cannot be read
   * @throws dev.kubesdk.runtime.ApiException when the server refuses the exec
   */
  public void copyToPod(Path source, PodPath destination) {
    TarCopy.toPod(this, source, destination);
  }

  /**
   * Copies a file or directory tree of a container to a local folder, as {@code kubectl cp} does:
   * {@code tar -cf -} run in the container, its archive extracted under {@code destination}
   * (created when missing) as {@code destination/<name>}. Every entry that could land outside
   * {@code destination} (absolute names, {@code ..}, links pointing outside or paths through links)
   * is refused with a {@link CopyException}, before anything of it is written.
   *
   * @throws CopyException for an unsafe entry, or when {@code tar} in the container fails
   * @throws java.io.UncheckedIOException when a local file cannot be written
   * @throws dev.kubesdk.runtime.ApiException when the server refuses the exec
   */
  public void copyFromPod(PodPath source, Path destination) {
    TarCopy.fromPod(this, source, destination);
  }

  private ChannelSession open(String subresource, String pod, String namespace, ExecOptions options, boolean collect) {
    Objects.requireNonNull(options, "options");
    boolean exec = subresource.equals("exec");
    if (exec && options.command().isEmpty()) {
      throw new IllegalArgumentException("exec needs a command; set it with ExecOptions.of(\"ls\", \"-l\") or builder().command(...)");
    }
    if (!exec && !options.command().isEmpty()) {
      throw new IllegalArgumentException("attach runs no command, but the options name " + options.command() + "; use exec, or options without a command");
    }
    ApiRequest.Builder request =
        ApiRequest.builder("GET", "/api/v1/namespaces/{namespace}/pods/{name}/" + subresource).pathParam("namespace", namespace).pathParam("name", pod);
    if (exec) {
      request.query("command", options.command());
    }
    options.container().ifPresent(c -> request.query("container", c));
    request.query("stdin", options.stdin()).query("stdout", options.stdout()).query("stderr", options.stderr()).query("tty", options.tty());
    String what = subresource + (exec ? " " + options.command() : "") + " in pod " + namespace + "/" + pod;
    ChannelSession session = new ChannelSession("GET", path(subresource, pod, namespace), what, options.stdin(), options.stdout(), options.stderr(), options.tty(), collect);
    client.webSocket(request.build(), ChannelSession.PROTOCOLS, session);
    session.checkProtocol();
    if (options.tty() && options.columns() > 0) {
      session.resize(options.columns(), options.rows());
    }
    return session;
  }

  private static String path(String subresource, String pod, String namespace) {
    return "/api/v1/namespaces/" + namespace + "/pods/" + pod + "/" + subresource;
  }

  @Override
  public String toString() {
    return "PodIo{" + client + "}";
  }
}
