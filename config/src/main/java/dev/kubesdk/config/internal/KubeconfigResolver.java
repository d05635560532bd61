package dev.kubesdk.config.internal;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.CredentialsTimeoutException;
import dev.kubesdk.config.LoadOptions;
import dev.kubesdk.config.Sensitive;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the merged kubeconfig plus overrides into a {@link Configuration}: selects the context,
 * cluster and user, reads every referenced file, and validates everything, reporting all problems
 * in one {@link ConfigException}. Mirrors client-go's {@code DirectClientConfig} and {@code
 * validation.go}. Used once per load; not thread-safe.
 */
final class KubeconfigResolver {
  private static final Logger log = LoggerFactory.getLogger(KubeconfigResolver.class);
  static final String EXEC_EXTENSION = "client.authentication.k8s.io/exec";

  private final ConfigLoader.MergedKubeconfig merged;
  private final LoadOptions options;
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private @Nullable CredentialsTimeoutException timeout;

  KubeconfigResolver(ConfigLoader.MergedKubeconfig merged, LoadOptions options) {
    this.merged = merged;
    this.options = options;
  }

  Resolution resolve() {
    String files = String.join(", ", merged.fileNames());
    String contextName;
    if (options.context().isPresent()) {
      contextName = options.context().get();
      sources.put("context", "LoadOptions.context (--context)");
    } else if (merged.currentContext != null) {
      contextName = merged.currentContext;
      sources.put("context", merged.currentContextFile + ": current-context");
    } else {
      throw new ConfigException(files + ": no current-context is set and no context was asked for. Contexts defined: "
          + merged.contexts.keySet() + ". Pick one with `kubectl config use-context NAME`, or pass a context (--context NAME).");
    }
    KubeconfigEntry context = merged.contexts.get(contextName);
    if (context == null) {
      throw new ConfigException(files + ": context \"" + contextName + "\" (from " + sources.get("context") + ") is not defined. Contexts defined: "
          + merged.contexts.keySet() + ". Fix the name, or add the context with `kubectl config set-context`.");
    }
    String clusterName = override(options.cluster().orElse(null), "cluster", context, "cluster", "LoadOptions.cluster");
    String userName = override(options.user().orElse(null), "user", context, "user", "LoadOptions.user");
    String namespace = override(options.namespace().orElse(null), "namespace", context, "namespace", "LoadOptions.namespace");
    if (namespace == null) {
      namespace = "default";
      sources.put("namespace", "default (the context names no namespace)");
    }
    if (clusterName == null) {
      throw new ConfigException(context.where("cluster") + " is not set. Name one of the clusters " + merged.clusters.keySet() + ".");
    }
    KubeconfigEntry cluster = merged.clusters.get(clusterName);
    if (cluster == null) {
      throw new ConfigException(context.where("cluster") + ": cluster \"" + clusterName + "\" is not defined in " + files
          + ". Clusters defined: " + merged.clusters.keySet() + ". Fix the name, or add it with `kubectl config set-cluster`.");
    }
    KubeconfigEntry user = null;
    if (userName != null) {
      user = merged.users.get(userName);
      if (user == null) {
        throw new ConfigException(context.where("user") + ": user \"" + userName + "\" is not defined in " + files
            + ". Users defined: " + merged.users.keySet() + ". Fix the name, or add it with `kubectl config set-credentials`.");
      }
    }
    log.debug("kubeconfig {}: context {}, cluster {}, user {}", files, contextName, clusterName, userName);

    Configuration.Builder b = Configuration.builder().namespace(namespace);
    ClusterSettings cs = cluster(cluster, b, user != null && (user.has("client-certificate") || user.has("client-certificate-data")));
    AuthResult auth = user == null ? new AuthResult("none", null) : new UserResolver(user, cs, b).resolve();
    if (user == null) {
      sources.put("auth", "none: the context names no user");
    }
    if (problems.size() == 1 && timeout != null) {
      // Alone, a plugin timeout keeps its type, so a caller can tell it from a broken file.
      throw timeout;
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new Resolution(b.build(), contextName, clusterName, userName, auth.method, auth.username, sources, merged.fileNames());
  }

  private @Nullable String override(@Nullable String value, String key, KubeconfigEntry context, String field, String option) {
    if (value != null) {
      sources.put(key, option);
      return value;
    }
    String v = context.string(field);
    if (v != null) {
      sources.put(key, context.where(field));
    }
    return v;
  }

  /** What the exec plugin's provideClusterInfo needs to know about the cluster. */
  record ClusterSettings(URI host, byte @Nullable [] ca, boolean insecure, @Nullable String tlsServerName, @Nullable String proxyUrl, @Nullable URI proxy,
      boolean disableCompression, @Nullable Object execExtension) {}

  private ClusterSettings cluster(KubeconfigEntry cluster, Configuration.Builder b, boolean userHasCert) {
    byte[] ca = material(cluster, "certificate-authority", "certificate-authority-data", "caCert",
        "put the CA inline as certificate-authority-data");
    boolean insecure = cluster.bool("insecure-skip-tls-verify");
    if (insecure) {
      sources.put("verifySsl", cluster.where("insecure-skip-tls-verify"));
      if (ca != null) {
        // client-go's transport refuses this combination: a CA that is never checked is a mistake.
        problems.add(cluster.where() + ": both insecure-skip-tls-verify and a certificate-authority are set; specifying a root certificate with the insecure flag is not allowed. Remove one of them.");
      } else {
        log.warn("{}: insecure-skip-tls-verify is true; the server's certificate will not be checked", cluster.where());
      }
    } else {
      sources.put("verifySsl", cluster.has("insecure-skip-tls-verify") ? cluster.where("insecure-skip-tls-verify") : "default (verify)");
    }
    if (ca != null) {
      try {
        TlsContextFactory.certificates(ca, sources.get("caCert"));
      } catch (ConfigException e) {
        problems.add(e.getMessage());
      }
    }
    String server = cluster.string("server");
    URI host = null;
    if (server == null) {
      problems.add(cluster.where("server") + " is not set. Add the API server URL, e.g. `kubectl config set-cluster " + cluster.name() + " --server=https://HOST:6443`.");
    } else {
      boolean tls = ca != null || insecure || userHasCert;
      host = parseServer(server, tls, cluster.where("server"));
      if (host != null) {
        b.host(host);
        sources.put("host", cluster.where("server"));
      }
    }
    String tlsServerName = cluster.string("tls-server-name");
    if (tlsServerName != null) {
      b.tlsServerName(tlsServerName);
      sources.put("tlsServerName", cluster.where("tls-server-name"));
    }
    String proxyUrl = cluster.string("proxy-url");
    URI proxy = null;
    if (proxyUrl != null) {
      proxy = parseProxy(proxyUrl, cluster.where("proxy-url"));
      if (proxy != null) {
        b.proxy(proxy);
        sources.put("proxyUrl", cluster.where("proxy-url"));
      }
    } else if (host != null) {
      environmentProxy(host, b, sources, problems, cluster.where("server") + " " + host + " (the cluster sets no proxy-url)", options.environment());
    }
    b.certificateAuthority(ca).insecureSkipTlsVerify(insecure);
    Object execExtension = null;
    for (Object ext : cluster.list("extensions")) {
      Map<String, Object> e = KubeconfigYaml.stringKeyed(ext);
      if (e != null && EXEC_EXTENSION.equals(e.get("name"))) {
        execExtension = e.get("extension");
      }
    }
    return new ClusterSettings(host == null ? Configuration.DEFAULT_HOST : host, ca, insecure, tlsServerName, proxyUrl, proxy,
        cluster.bool("disable-compression"), execExtension);
  }

  /**
   * Applies HTTPS_PROXY/HTTP_PROXY/NO_PROXY to {@code host}, as client-go's transport does when
   * rest.Config.Proxy is unset (http.ProxyFromEnvironment); decided now, because the host is fixed.
   */
  static void environmentProxy(URI host, Configuration.Builder b, Map<String, String> sources, List<String> problems, String appliesTo,
      Map<String, String> environment) {
    try {
      EnvironmentProxy.of(environment).decide(host).ifPresent(d -> {
        b.proxy(d.proxy());
        sources.put("proxyUrl", d.source());
        if (d.proxy() != null) {
          log.debug("{}: through proxy {} ({})", appliesTo, EnvironmentProxy.shown(d.proxy()), d.source());
        } else {
          log.debug("{}: no proxy ({})", appliesTo, d.source());
        }
      });
    } catch (ConfigException e) {
      problems.add(e.getMessage() + " It applies to " + appliesTo + ".");
    }
  }

  /** The URL without user information, for messages. */
  static String withoutUserInfo(String url) {
    return url.replaceAll("//[^/@]*@", "//");
  }

  private @Nullable URI parseServer(String rawServer, boolean tls, String where) {
    String s = rawServer.trim();
    String server = withoutUserInfo(s);
    if (!s.matches("(?s)^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      // client-go's DefaultServerURL: no scheme means https when TLS material is configured.
      s = (tls ? "https://" : "http://") + s;
    }
    try {
      URI u = new URI(s);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        problems.add(where + " \"" + server + "\" has scheme " + scheme + "; the API server URL must start with https:// (or http://).");
        return null;
      }
      if (u.getHost() == null || u.getHost().isEmpty()) {
        problems.add(where + " \"" + server + "\" names no host. Use a URL such as https://HOST:6443.");
        return null;
      }
      if (u.getRawUserInfo() != null) {
        problems.add(where + " holds user information (user:password@). Put credentials in the user entry instead.");
        return null;
      }
      return u;
    } catch (URISyntaxException e) {
      problems.add(where + " \"" + server + "\" is not a valid URL (" + e.getReason() + "). Use a URL such as https://HOST:6443.");
      return null;
    }
  }

  private @Nullable URI parseProxy(String proxyUrl, String where) {
    try {
      URI u = new URI(proxyUrl.trim());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      // client-go's parseProxyURL accepts exactly these.
      if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("socks5")) {
        problems.add(where + " has scheme \"" + scheme + "\"; proxy-url must be http://, https:// or socks5://.");
        return null;
      }
      if (u.getHost() == null) {
        problems.add(where + " names no host. Use a URL such as http://proxy:3128 or socks5://localhost:1080.");
        return null;
      }
      return u;
    } catch (URISyntaxException e) {
      problems.add(where + " is not a valid URL (" + e.getReason() + "). Use a URL such as http://proxy:3128 or socks5://localhost:1080.");
      return null;
    }
  }

  /**
   * Reads a file-or-data pair ({@code client-key} / {@code client-key-data}). Both set is an error,
   * as in client-go's validation.
   */
  byte @Nullable [] material(KubeconfigEntry entry, String fileField, String dataField, String key, String inlineHint) {
    byte[] data;
    String file;
    try {
      data = entry.base64(dataField);
      file = entry.string(fileField);
    } catch (ConfigException e) {
      problems.add(e.getMessage());
      return null;
    }
    if (data != null && file != null) {
      problems.add(entry.where() + ": both " + fileField + " and " + dataField + " are set. Remove one of them.");
      return null;
    }
    if (data != null) {
      sources.put(key, entry.where(dataField));
      return data;
    }
    if (file == null) {
      return null;
    }
    Path p;
    try {
      p = entry.resolve(fileField, file);
    } catch (ConfigException e) {
      problems.add(e.getMessage());
      return null;
    }
    String resolved = p.toString().equals(file) ? "" : " (resolved to " + p + ")";
    try {
      byte[] bytes = Files.readAllBytes(p);
      sources.put(key, entry.where(fileField) + " " + p);
      return bytes;
    } catch (NoSuchFileException e) {
      problems.add(entry.where() + ": " + fileField + " \"" + file + "\"" + resolved + " does not exist. Fix the path, or " + inlineHint + ".");
    } catch (IOException e) {
      problems.add(entry.where() + ": " + fileField + " \"" + file + "\"" + resolved + " cannot be read (" + e.getClass().getSimpleName() + "). Check its permissions.");
    }
    return null;
  }

  private record AuthResult(String method, @Nullable String username) {}

  /** Resolves one user entry. */
  private final class UserResolver {
    private final KubeconfigEntry user;
    private final ClusterSettings cluster;
    private final Configuration.Builder b;

    UserResolver(KubeconfigEntry user, ClusterSettings cluster, Configuration.Builder b) {
      this.user = user;
      this.cluster = cluster;
      this.b = b;
    }

    AuthResult resolve() {
      try {
        return resolveChecked();
      } catch (ConfigException e) {
        if (e instanceof CredentialsTimeoutException t) {
          timeout = t;
        }
        problems.addAll(e.problems());
        return new AuthResult("none", null);
      }
    }

    private AuthResult resolveChecked() {
      impersonation();
      byte[] cert = material(user, "client-certificate", "client-certificate-data", "clientCert", "put the certificate inline as client-certificate-data");
      byte[] keyBytes = material(user, "client-key", "client-key-data", "clientKey", "put the key inline as client-key-data");
      boolean certSet = user.has("client-certificate") || user.has("client-certificate-data");
      boolean keySet = user.has("client-key") || user.has("client-key-data");
      if (certSet != keySet) {
        problems.add(user.where() + ": " + (certSet ? "client-certificate is set but client-key is not" : "client-key is set but client-certificate is not")
            + ". A client certificate needs its key: set both, or remove the one that is set.");
      }
      if (cert != null && keyBytes != null) {
        Sensitive key = Sensitive.ofBytes(keyBytes);
        try {
          TlsContextFactory.certificates(cert, sources.get("clientCert"));
          TlsContextFactory.privateKey(key, sources.get("clientKey"));
        } catch (ConfigException e) {
          problems.add(e.getMessage());
        }
        b.clientCertificate(cert).clientKey(key);
      }
      String token = user.string("token");
      String tokenFile = user.string("tokenFile");
      String username = user.string("username");
      boolean password = user.has("password");
      boolean basic = username != null || password;
      Map<String, Object> exec = user.map("exec");
      Map<String, Object> authProvider = user.map("auth-provider");
      List<String> methods = new ArrayList<>();
      if (token != null || tokenFile != null) {
        methods.add("token");
      }
      if (basic) {
        methods.add("basicAuth");
      }
      if (methods.size() > 1) {
        problems.add(user.where() + ": more than one authentication method is set (" + String.join(", ", methods) + "); only one is allowed. Remove the others.");
      }
      if (exec != null && authProvider != null) {
        problems.add(user.where() + ": both exec and auth-provider are set; they cannot be combined. Keep the exec plugin and remove auth-provider.");
      }
      boolean staticAuth = !methods.isEmpty() || certSet;
      if (exec != null && staticAuth) {
        // client-go's exec authenticator steps aside when a token, basic auth or a client certificate is set.
        log.warn("{}: exec is ignored because the user also sets {}", user.where(), certSet ? "a client certificate" : String.join(" and ", methods));
      }
      if (tokenFile != null) {
        if (token != null) {
          // client-go sends the file's content whenever the file is readable; the inline token is only its first value.
          log.warn("{}: both token and tokenFile are set; the token from tokenFile is used", user.where());
        }
        Path p = user.resolve("tokenFile", tokenFile);
        TokenFileCredentials creds = new TokenFileCredentials(p, user.where("tokenFile"), "tokenFile", options.clock());
        if (!Files.isRegularFile(p)) {
          String resolved = p.toString().equals(tokenFile) ? "" : " (resolved to " + p + ")";
          problems.add(user.where() + ": tokenFile \"" + tokenFile + "\"" + resolved + " does not exist. Fix the path, or put the token inline as token.");
        } else {
          creds.authorization();
        }
        b.credentials(creds);
        sources.put("auth", user.where("tokenFile") + " " + p);
        return new AuthResult("tokenFile", null);
      }
      if (token != null) {
        b.credentials(Credentials.bearerToken(Sensitive.of(token)));
        sources.put("auth", user.where("token"));
        return new AuthResult("token", null);
      }
      if (basic) {
        String pw = user.string("password");
        if (username == null || pw == null) {
          problems.add(user.where() + ": " + (username == null ? "password is set without username" : "username is set without password") + ". Set both for basic authentication.");
          return new AuthResult("basic", username);
        }
        b.credentials(new BasicCredentials(username, Sensitive.of(pw)));
        sources.put("auth", user.where("username") + " and password");
        return new AuthResult("basic", username);
      }
      if (certSet) {
        sources.put("auth", "client certificate: " + sources.getOrDefault("clientCert", user.where("client-certificate")));
        if (authProvider != null) {
          log.warn("{}: auth-provider is ignored because the user also sets a client certificate", user.where());
        }
        return new AuthResult("clientCert", null);
      }
      if (exec != null) {
        return exec(exec);
      }
      if (authProvider != null) {
        return authProvider(authProvider);
      }
      sources.put("auth", "none: " + user.where() + " sets no credentials");
      return new AuthResult("none", null);
    }

    private void impersonation() {
      String as = user.string("as");
      if (as != null) {
        b.defaultHeader("Impersonate-User", as);
        sources.put("impersonateUser", user.where("as"));
      }
      String uid = user.string("as-uid");
      if (uid != null) {
        b.defaultHeader("Impersonate-Uid", uid);
      }
      List<Object> groups = user.list("as-groups");
      if (groups.size() == 1 && groups.get(0) instanceof String g) {
        b.defaultHeader("Impersonate-Group", g);
      } else if (groups.size() > 1) {
        problems.add(user.where("as-groups") + " names " + groups.size() + " groups; only one impersonated group is supported. Keep one, or impersonate with a dedicated user entry.");
      }
      if (as == null && (!groups.isEmpty() || user.map("as-user-extra") != null)) {
        // client-go's validation.go: groups or extras without a user to impersonate are meaningless.
        problems.add(user.where() + ": as-groups or as-user-extra is set without as. Name the user to impersonate with as.");
      }
      if (user.map("as-user-extra") != null) {
        problems.add(user.where("as-user-extra") + " is not supported. Remove it.");
      }
    }

    private AuthResult exec(Map<String, Object> exec) {
      String where = user.where("exec");
      String command = exec.get("command") instanceof String c && !c.isEmpty() ? c : null;
      String apiVersion = exec.get("apiVersion") instanceof String v && !v.isEmpty() ? v : null;
      List<String> local = new ArrayList<>();
      if (command == null) {
        local.add(where + ".command is not set. Name the plugin executable.");
      }
      if (apiVersion == null) {
        local.add(where + ".apiVersion is not set. Use client.authentication.k8s.io/v1.");
      } else if (!ExecPlugin.API_VERSIONS.contains(apiVersion)) {
        local.add(where + ".apiVersion \"" + apiVersion + "\" is not supported; use client.authentication.k8s.io/v1 (or v1beta1) and update the plugin if it only speaks v1alpha1.");
      }
      List<String> args = new ArrayList<>();
      Object rawArgs = exec.get("args");
      if (rawArgs instanceof List<?> l) {
        for (Object a : l) {
          if (a instanceof String || a instanceof Number || a instanceof Boolean) {
            args.add(a.toString());
          } else {
            local.add(where + ".args must be a list of strings.");
            break;
          }
        }
      } else if (rawArgs != null) {
        local.add(where + ".args must be a list of strings.");
      }
      Map<String, String> env = new LinkedHashMap<>();
      Object rawEnv = exec.get("env");
      if (rawEnv instanceof List<?> l) {
        for (int i = 0; i < l.size(); i++) {
          Map<String, Object> e = KubeconfigYaml.stringKeyed(l.get(i));
          if (e == null || !(e.get("name") instanceof String n) || n.isEmpty() || e.get("value") == null || e.get("value") instanceof Map || e.get("value") instanceof List) {
            local.add(where + ".env[" + i + "] must have a name and a string value.");
          } else {
            env.put(n, e.get("value").toString());
          }
        }
      } else if (rawEnv != null) {
        local.add(where + ".env must be a list of {name, value}.");
      }
      String installHint = exec.get("installHint") instanceof String h && !h.isEmpty() ? h : null;
      ExecPlugin.InteractiveMode mode = ExecPlugin.InteractiveMode.IF_AVAILABLE;
      Object rawMode = exec.get("interactiveMode");
      if (rawMode == null || "".equals(rawMode)) {
        if ("client.authentication.k8s.io/v1".equals(apiVersion)) {
          local.add(where + ".interactiveMode must be set for client.authentication.k8s.io/v1. Use Never, IfAvailable or Always.");
        }
      } else {
        switch (String.valueOf(rawMode)) {
          case "Never" -> mode = ExecPlugin.InteractiveMode.NEVER;
          case "IfAvailable" -> mode = ExecPlugin.InteractiveMode.IF_AVAILABLE;
          case "Always" -> mode = ExecPlugin.InteractiveMode.ALWAYS;
          default -> local.add(where + ".interactiveMode \"" + rawMode + "\" is not valid. Use Never, IfAvailable or Always.");
        }
      }
      boolean provideClusterInfo = Boolean.TRUE.equals(exec.get("provideClusterInfo")) || "true".equals(exec.get("provideClusterInfo"));
      if (!local.isEmpty() || command == null || apiVersion == null) {
        problems.addAll(local);
        return new AuthResult("exec", null);
      }
      // client-go resolves the command against the kubeconfig's directory only when it is a path,
      // not a name to look up on PATH.
      String resolvedCommand = command.contains("/") ? user.resolve("exec.command", command).toString() : command;
      ExecPlugin plugin = new ExecPlugin(where, resolvedCommand, args, env, apiVersion, installHint, mode,
          provideClusterInfo ? clusterInfo() : null, ExecPlugin.Host.of(options));
      ExecCredentials creds = new ExecCredentials(plugin, options.clock());
      // Run the plugin now, as the Python client does: a failure is reported at load time, and the
      // first client certificate shows in the Configuration (and explain); the TLS context then
      // asks the plugin at every handshake, so a renewed certificate is used.
      ExecPlugin.Result result = creds.current();
      if (result.clientCertificate() != null && result.clientKey() != null) {
        try {
          TlsContextFactory.certificates(result.clientCertificate(), where + " (status.clientCertificateData)");
          TlsContextFactory.privateKey(result.clientKey(), where + " (status.clientKeyData)");
        } catch (ConfigException e) {
          problems.add(e.getMessage());
        }
        b.clientCertificate(result.clientCertificate()).clientKey(result.clientKey());
        sources.put("clientCert", where + " (plugin output)");
        sources.put("clientKey", where + " (plugin output)");
      }
      b.credentials(creds);
      sources.put("auth", where + ": " + resolvedCommand);
      return new AuthResult("exec", null);
    }

    private JsonObject clusterInfo() {
      JsonObject c = new JsonObject();
      c.addProperty("server", cluster.host().toString());
      if (cluster.tlsServerName() != null) {
        c.addProperty("tls-server-name", cluster.tlsServerName());
      }
      if (cluster.insecure()) {
        c.addProperty("insecure-skip-tls-verify", true);
      }
      if (cluster.ca() != null) {
        c.addProperty("certificate-authority-data", Base64.getEncoder().encodeToString(cluster.ca()));
      }
      if (cluster.proxyUrl() != null) {
        c.addProperty("proxy-url", cluster.proxyUrl());
      }
      if (cluster.disableCompression()) {
        c.addProperty("disable-compression", true);
      }
      if (cluster.execExtension() != null) {
        JsonElement ext = new Gson().toJsonTree(cluster.execExtension());
        c.add("config", ext);
      }
      return c;
    }

    private AuthResult authProvider(Map<String, Object> provider) {
      String where = user.where("auth-provider");
      String name = provider.get("name") instanceof String n ? n : "";
      switch (name) {
        case "gcp" -> throw new ConfigException(where + ": auth-provider \"gcp\" was removed from Kubernetes clients (kubectl 1.26). Install gke-gcloud-auth-plugin"
            + " (`gcloud components install gke-gcloud-auth-plugin`) and run `gcloud container clusters get-credentials CLUSTER` to switch this user to the exec plugin.");
        case "azure" -> throw new ConfigException(where + ": auth-provider \"azure\" was removed from Kubernetes clients (kubectl 1.26). Install kubelogin"
            + " (https://azure.github.io/kubelogin) and run `kubelogin convert-kubeconfig -l azurecli` to switch this user to the exec plugin.");
        case "oidc" -> {
          return oidc(provider, where);
        }
        default -> throw new ConfigException(where + ": auth-provider \"" + name + "\" is not supported; only oidc is. Use an exec plugin (users[].user.exec) instead.");
      }
    }

    private AuthResult oidc(Map<String, Object> provider, String where) {
      Map<String, Object> config = KubeconfigYaml.stringKeyed(provider.get("config"));
      if (config == null) {
        config = Map.of();
      }
      String issuer = str(config, "idp-issuer-url");
      String clientId = str(config, "client-id");
      String secret = str(config, "client-secret");
      String idToken = str(config, "id-token");
      String refresh = str(config, "refresh-token");
      byte[] ca = null;
      String caData = str(config, "idp-certificate-authority-data");
      String caFile = str(config, "idp-certificate-authority");
      if (caData != null) {
        try {
          ca = Base64.getMimeDecoder().decode(caData.trim());
        } catch (IllegalArgumentException e) {
          problems.add(where + ".config.idp-certificate-authority-data is not valid base64. Encode the PEM file with `base64 -w0`.");
        }
      } else if (caFile != null) {
        // client-go's oidc provider reads this path as given (relative to the working directory).
        try {
          ca = Files.readAllBytes(Path.of(caFile));
        } catch (IOException | RuntimeException e) {
          problems.add(where + ".config.idp-certificate-authority \"" + caFile + "\" cannot be read (" + e.getClass().getSimpleName() + "). Fix the path.");
        }
      }
      if (idToken == null && refresh == null) {
        problems.add(where + ".config has neither id-token nor refresh-token. Log in with your OIDC helper to fill them in.");
      }
      OidcCredentials.Settings settings = new OidcCredentials.Settings(issuer, clientId, secret == null ? null : Sensitive.of(secret),
          idToken == null ? null : Sensitive.of(idToken), refresh == null ? null : Sensitive.of(refresh), ca, issuerProxy(issuer, where));
      b.credentials(new OidcCredentials(where, user.file(), user.name(), settings, options.clock()));
      sources.put("auth", where + " (oidc, issuer " + issuer + ")");
      return new AuthResult("authProvider", null);
    }

    /**
     * The proxy for the token refresh: the cluster's proxy-url, else what the environment chooses
     * for the issuer's own host, as Go's default transport (used by golang.org/x/oauth2) would.
     */
    private @Nullable URI issuerProxy(@Nullable String issuer, String where) {
      if (cluster.proxy() != null || issuer == null) {
        return cluster.proxy();
      }
      try {
        return EnvironmentProxy.of(options.environment()).decide(new URI(issuer)).map(EnvironmentProxy.Decision::proxy).orElse(null);
      } catch (URISyntaxException e) {
        // The refresh reports an unusable issuer URL with its own message.
        return null;
      } catch (ConfigException e) {
        problems.add(e.getMessage() + " It applies to " + where + ".config.idp-issuer-url.");
        return null;
      }
    }

    private static @Nullable String str(Map<String, Object> m, String key) {
      Object v = m.get(key);
      return v instanceof String s && !s.isEmpty() ? s : null;
    }
  }
}
