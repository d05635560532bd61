package dev.kubesdk.config.internal;

import java.nio.file.Path;

/** Environment variable names and well-known paths, in one place. */
public final class WellKnown {
  /** The list of kubeconfig files, separated by the platform's path separator. */
  public static final String KUBECONFIG = "KUBECONFIG";
  /** The home directory when no explicit home is given. */
  public static final String HOME = "HOME";
  /** Set by the kubelet in every pod: the API server's service IP. */
  public static final String KUBERNETES_SERVICE_HOST = "KUBERNETES_SERVICE_HOST";
  /** Set by the kubelet in every pod: the API server's service port. */
  public static final String KUBERNETES_SERVICE_PORT = "KUBERNETES_SERVICE_PORT";
  /** Given to exec plugins: the ExecCredential input as JSON. */
  public static final String KUBERNETES_EXEC_INFO = "KUBERNETES_EXEC_INFO";
  /** The executable search path, used to find exec plugins named without a slash. */
  public static final String PATH = "PATH";
  /** The extensions a command may have on Windows ({@code .COM;.EXE;.BAT;.CMD}). */
  public static final String PATHEXT = "PATHEXT";
  /** {@code Windows_NT} on every Windows system. */
  public static final String OS = "OS";
  /** The proxy for https servers when the kubeconfig names none (also read in lower case). */
  public static final String HTTPS_PROXY = "HTTPS_PROXY";
  /** The proxy for http servers when the kubeconfig names none (also read in lower case). */
  public static final String HTTP_PROXY = "HTTP_PROXY";
  /** Hosts, domains and CIDR ranges reached without the environment's proxy (also read in lower case). */
  public static final String NO_PROXY = "NO_PROXY";
  /** Set in a CGI handler, where {@code HTTP_PROXY} may come from a request header. */
  public static final String REQUEST_METHOD = "REQUEST_METHOD";

  /** The kubeconfig under the home directory. */
  public static final Path RECOMMENDED_CONFIG = Path.of(".kube", "config");
  /** Where the kubelet mounts the pod's service-account token, CA and namespace. */
  public static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
  /** File names inside {@link #SERVICE_ACCOUNT_DIR}. */
  public static final String SA_TOKEN = "token";
  /** The cluster CA inside {@link #SERVICE_ACCOUNT_DIR}. */
  public static final String SA_CA = "ca.crt";
  /** The pod's namespace inside {@link #SERVICE_ACCOUNT_DIR}. */
  public static final String SA_NAMESPACE = "namespace";

  private WellKnown() {}
}
