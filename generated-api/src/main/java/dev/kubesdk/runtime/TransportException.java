package dev.kubesdk.runtime;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/**
 * No HTTP response arrived: the connection was refused or dropped, TLS failed, DNS failed, or a
 * timeout passed. {@link #statusCode()} is 0; the cause is the {@link IOException} that ended the
 * call, and the message names the method, the URL (without its query) and what to check.
 */
public class TransportException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** The URL the request went to. */
  private final String url;

  private TransportException(String method, String path, String url, String message, @Nullable Throwable cause) {
    super(method, path, message, cause);
    this.url = url;
  }

  /**
   * Wraps {@code cause}, adding what the user can check for the usual failures.
   *
   * @param url the request URL without its query
   * @param timeouts the timeouts in force, named in timeout messages
   */
  static TransportException of(String method, String path, String url, IOException cause, String timeouts) {
    return new TransportException(method, path, url, method + " " + url + ": " + describe(cause, timeouts), cause);
  }

  /**
   * A failure that has no {@link IOException} of its own, e.g. a stream that ended mid-event or a
   * WebSocket whose tunnel stopped answering pings; for modules that stream (pod I/O).
   *
   * @param method the request method
   * @param path the request path
   * @param url the request URL without its query
   * @param problem what went wrong, how to fix it where that is known
   * @param cause the failure underneath, or null
   * @return the exception, whose message is {@code METHOD url: problem}
   */
  public static TransportException of(String method, String path, String url, String problem, @Nullable Throwable cause) {
    return new TransportException(method, path, url, method + " " + url + ": " + problem, cause);
  }

  /** The URL of the request, without its query. */
  public String url() {
    return url;
  }

  private static String describe(IOException e, String timeouts) {
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof SSLPeerUnverifiedException) {
      return "the server's TLS certificate does not name the host of the URL ("
          + detail
          + "). Set tls-server-name of the cluster in the kubeconfig to a name the certificate carries, or use such a name in its server URL.";
    }
    if (e instanceof SSLException) {
      if (hasCause(e, CertPathValidatorException.class) || hasCause(e, CertificateException.class)) {
        return "the server's TLS certificate is not trusted ("
            + detail
            + "). Set certificate-authority or certificate-authority-data of the cluster in the kubeconfig to the CA that signed it.";
      }
      if (detail.contains("plaintext")) {
        return "TLS handshake failed (" + detail + "): the server speaks plain HTTP; use an http:// server URL or check the port.";
      }
      return "TLS handshake failed (" + detail + "). Check certificate-authority and tls-server-name of the cluster in the kubeconfig, and the client certificate of the user.";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host " + detail + ". Check the server URL of the cluster in the kubeconfig and DNS.";
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return "cannot connect (" + detail + "). Is the API server running and reachable at that address and port?";
    }
    if (e instanceof SocketTimeoutException || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
      return "timed out ("
          + detail
          + "; "
          + timeouts
          + "). Check that the server is reachable and answers; raise the timeouts of the Configuration, or requestTimeout(Duration) of this call, if it is only slow.";
    }
    if (e instanceof InterruptedIOException) {
      return "interrupted (" + detail + ")";
    }
    if ("Canceled".equals(e.getMessage())) {
      return "canceled";
    }
    return e.getClass().getSimpleName() + ": " + detail;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
