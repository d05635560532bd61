package dev.kubesdk.config;

import dev.kubesdk.config.internal.ConfigLoader;
import dev.kubesdk.config.internal.Resolution;
import java.util.Objects;

/**
 * Loads Kubernetes client configuration the way kubectl does. Stateless and thread-safe; the only
 * state it touches is the process default of {@link Configuration#setDefault}.
 *
 * <p>The default chain, as client-go's loading rules:
 *
 * <ol>
 *   <li>the file given with {@link LoadOptions.Builder#kubeconfig} (it must exist), else
 *   <li>every file in {@code KUBECONFIG} (path-separator list; empty entries and missing files are
 *       skipped; the first file to define a cluster, context or user name, and the first to set
 *       current-context, wins), else
 *   <li>{@code ~/.kube/config}, else
 *   <li>the pod's service account ({@code KUBERNETES_SERVICE_HOST}/{@code _PORT} and {@code
 *       /var/run/secrets/kubernetes.io/serviceaccount}).
 * </ol>
 *
 * When nothing applies, one {@link ConfigException} lists what was tried.
 *
 * <p>Credentials: a token, a {@code tokenFile} (read again when it changes), basic auth, a client
 * certificate, an exec plugin (client.authentication.k8s.io/v1 and v1beta1; its token is cached
 * until {@code expirationTimestamp} and fetched again after a 401), or {@code auth-provider: oidc}
 * (refreshed tokens are written back to the file that holds the user). A client certificate
 * returned by an exec plugin is fetched again at the TLS handshake after it expired or the server
 * rejected it; {@link Configuration#clientCertificate()} shows the first one. An exec plugin run
 * is stopped after {@link LoadOptions#execPluginTimeout()}. The removed {@code gcp} and {@code azure} providers fail with the name of the
 * exec plugin that replaces them. Relative paths (CA,
 * client certificate and key, tokenFile, an exec command containing a slash) resolve against the
 * file that names them.
 *
 * <pre>{@code
 * KubeConfig.load();                                   // like kubectl: the default chain, sets the default
 * CoreV1Api core = new CoreV1Api();                    // uses it
 *
 * Configuration staging = KubeConfig.resolve(LoadOptions.builder()
 *     .kubeconfig(Path.of("ci/kubeconfig"))
 *     .context("staging")
 *     .build());                                      // leaves the default alone
 * }</pre>
 */
public final class KubeConfig {
  private KubeConfig() {}

  /**
   * Loads the default chain with the process environment and makes the result the process default
   * ({@link Configuration#setDefault}); the Java form of Python's {@code load_kube_config()}.
   *
   * @throws ConfigException naming the file, entry and field of every problem, or listing what was
   *     tried when no configuration exists
   */
  public static Configuration load() {
    return load(LoadOptions.defaults());
  }

  /**
   * Loads what {@code options} select and makes it the process default.
   *
   * @throws ConfigException naming the file, entry and field of every problem
   */
  public static Configuration load(LoadOptions options) {
    Configuration c = resolve(options);
    Configuration.setDefault(c);
    return c;
  }

  /**
   * Loads what {@code options} select without touching the process default (Python's {@code
   * load_kube_config(client_configuration=...)}). Exec plugins run once now, so that a failing
   * plugin is reported here and a plugin's client certificate reaches the TLS settings.
   *
   * @throws ConfigException naming the file, entry and field of every problem
   */
  public static Configuration resolve(LoadOptions options) {
    return ConfigLoader.load(Objects.requireNonNull(options, "options")).configuration();
  }

  /**
   * Loads exactly as {@link #resolve} does, fetches the credential once, and reports every
   * effective value with where it came from. Secrets appear only as SHA-256 digests.
   *
   * @throws ConfigException as {@link #resolve} does, and when the credential cannot be fetched
   */
  public static Explanation explain(LoadOptions options) {
    Resolution r = ConfigLoader.load(Objects.requireNonNull(options, "options"));
    return Explanation.of(r);
  }
}
