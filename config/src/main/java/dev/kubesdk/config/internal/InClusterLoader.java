package dev.kubesdk.config.internal;

import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.LoadOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration of a pod's service account, as client-go's {@code rest.InClusterConfig}: the API
 * server from {@code KUBERNETES_SERVICE_HOST}/{@code _PORT}, the token (re-read when the kubelet
 * rotates it), the CA and the namespace from the service-account directory.
 */
public final class InClusterLoader {
  private static final Logger log = LoggerFactory.getLogger(InClusterLoader.class);

  private InClusterLoader() {}

  /**
   * The in-cluster configuration, or null when this is not a pod (adding why to {@code tried}).
   *
   * @throws ConfigException when it is a pod but its files are unusable
   */
  public static @Nullable Resolution load(LoadOptions options, List<String> tried) {
    Map<String, String> env = options.environment();
    String host = env.get(WellKnown.KUBERNETES_SERVICE_HOST);
    String port = env.get(WellKnown.KUBERNETES_SERVICE_PORT);
    if (host == null || host.isEmpty() || port == null || port.isEmpty()) {
      tried.add("in-cluster: " + WellKnown.KUBERNETES_SERVICE_HOST + " and " + WellKnown.KUBERNETES_SERVICE_PORT + " are not both set (not running in a pod)");
      return null;
    }
    Path dir = options.serviceAccountDirectory();
    Path tokenFile = dir.resolve(WellKnown.SA_TOKEN);
    if (!Files.isRegularFile(tokenFile)) {
      tried.add("in-cluster: " + tokenFile + " does not exist (the pod has no service-account token mounted; check automountServiceAccountToken)");
      return null;
    }
    Map<String, String> sources = new LinkedHashMap<>();
    String why = "in-cluster service account (no kubeconfig was found)";
    sources.put("context", why);
    sources.put("cluster", why);
    sources.put("user", why);
    Configuration.Builder b = Configuration.builder();
    String hostPort = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    URI server;
    try {
      int p = Integer.parseInt(port.trim());
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
      server = new URI("https://" + hostPort + ":" + p);
      if (server.getHost() == null) {
        throw new URISyntaxException(host, "no host");
      }
    } catch (NumberFormatException e) {
      throw new ConfigException("environment " + WellKnown.KUBERNETES_SERVICE_PORT + "=\"" + port + "\" is not a port number (1-65535). The kubelet sets it; check the pod's environment.");
    } catch (URISyntaxException e) {
      throw new ConfigException("environment " + WellKnown.KUBERNETES_SERVICE_HOST + "=\"" + host + "\" is not a valid host name or IP address. The kubelet sets it; check the pod's environment.");
    }
    b.host(server);
    sources.put("host", "env " + WellKnown.KUBERNETES_SERVICE_HOST + " and " + WellKnown.KUBERNETES_SERVICE_PORT);
    // client-go's InClusterConfig leaves Proxy unset, so its transport reads the environment too.
    List<String> problems = new ArrayList<>();
    KubeconfigResolver.environmentProxy(server, b, sources, problems, "the in-cluster server " + server, env);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    Path caFile = dir.resolve(WellKnown.SA_CA);
    if (Files.isRegularFile(caFile)) {
      byte[] ca = read(caFile);
      TlsContextFactory.certificates(ca, caFile.toString());
      b.certificateAuthority(ca);
      sources.put("caCert", "in-cluster " + caFile);
    } else {
      log.warn("in-cluster: {} does not exist; the server's certificate is checked against the JDK's default CAs", caFile);
    }
    sources.put("verifySsl", "default (verify)");
    TokenFileCredentials creds = new TokenFileCredentials(tokenFile, "in-cluster service account", "tokenFile", options.clock());
    creds.authorization();
    b.credentials(creds);
    sources.put("auth", "in-cluster " + tokenFile);
    String namespace = options.namespace().orElse(null);
    if (namespace != null) {
      sources.put("namespace", "LoadOptions.namespace");
    } else {
      Path nsFile = dir.resolve(WellKnown.SA_NAMESPACE);
      if (Files.isRegularFile(nsFile)) {
        namespace = new String(read(nsFile), StandardCharsets.UTF_8).trim();
        sources.put("namespace", "in-cluster " + nsFile);
      }
      if (namespace == null || namespace.isEmpty()) {
        namespace = "default";
        sources.put("namespace", "default (no namespace file)");
      }
    }
    b.namespace(namespace);
    log.debug("in-cluster configuration: {}", server);
    return new Resolution(b.build(), null, null, null, "tokenFile", null, sources, List.of());
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException("in-cluster: cannot read " + file + " (" + e.getClass().getSimpleName() + "). Check the pod's service-account mount.", e);
    }
  }
}
