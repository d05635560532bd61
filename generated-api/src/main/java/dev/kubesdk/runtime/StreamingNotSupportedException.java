package dev.kubesdk.runtime;

import java.util.Objects;

/**
 * Thrown by a generated call that streams, which a plain request and response cannot carry: {@code
 * exec}, {@code attach} and {@code portforward} (they need the connection upgraded to a WebSocket),
 * and a pod log read with {@code follow(true)} (it never ends, so {@code execute()} would buffer it
 * forever). Thrown before anything is sent; the message names the operation and what to use
 * instead: {@code dev.kubesdk.podio.PodIo} of the {@code kubesdk-podio} module.
 *
 * <p>A programmer error, like {@link UnsupportedOperationException}, not an {@link ApiException}: no call
 * was made.
 */
public final class StreamingNotSupportedException extends UnsupportedOperationException {
  private static final long serialVersionUID = 1L;

  /** The operation that cannot stream. */
  private final String operation;

  private StreamingNotSupportedException(String operation, String message) {
    super(operation + ": " + message);
    this.operation = operation;
  }

  /**
   * The error of a connect operation whose {@code subresource} needs a connection upgrade.
   *
   * @param operation the generated method, e.g. {@code connectGetNamespacedPodExec}
   * @param subresource {@code exec}, {@code attach} or {@code portforward}
   * @return the exception to throw
   */
  public static StreamingNotSupportedException upgradeRequired(String operation, String subresource) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(subresource, "subresource");
    return new StreamingNotSupportedException(
        operation,
        subresource
            + " streams over a connection upgraded to a WebSocket, which a plain request and response"
            + " cannot carry. Use dev.kubesdk.podio.PodIo (module kubesdk-podio): PodIo.of(client)."
            + (subresource.equals("portforward") ? "portForward" : subresource.equals("exec") ? "exec or openExec" : "attach")
            + "(pod, namespace, options). toApiRequest() still gives the path and query, for a WebSocket client of your own.");
  }

  /**
   * The error of a read whose {@code flag} query parameter was set to true: it streams without end.
   *
   * @param operation the generated method, e.g. {@code readNamespacedPodLog}
   * @param flag the query parameter, {@code follow}
   * @return the exception to throw
   */
  public static StreamingNotSupportedException endlessStream(String operation, String flag) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(flag, "flag");
    return new StreamingNotSupportedException(
        operation,
        flag
            + "(true) streams for as long as the container runs, and execute() would buffer the answer"
            + " forever. Stream it with dev.kubesdk.podio.PodIo (module kubesdk-podio):"
            + " PodIo.of(client).logLines(pod, namespace, LogOptions.builder().follow(true).build()), or use "
            + flag
            + "(false) and poll with sinceTime(...) or sinceSeconds(...) (timestamps(true) tells where the"
            + " last read ended).");
  }

  /**
   * Returns the generated method that cannot be called.
   *
   * @return e.g. {@code connectGetNamespacedPodExec}
   */
  public String operation() {
    return operation;
  }
}
