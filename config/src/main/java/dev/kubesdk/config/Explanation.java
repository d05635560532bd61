package dev.kubesdk.config;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.kubesdk.config.internal.EnvironmentProxy;
import dev.kubesdk.config.internal.Resolution;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every effective setting of a loaded configuration and where it came from: the answer of {@code
 * kubesdk explain}. Immutable and thread-safe. Holds no secret: tokens, keys and certificates
 * appear only as SHA-256 digests, which are enough to tell whether two are the same.
 *
 * <p>Source strings name the file and YAML entry ({@code /home/me/.kube/config: users[1] "ci":
 * user.token}), an environment variable ({@code env KUBERNETES_SERVICE_HOST ...}), a load option,
 * or {@code default}.
 */
public final class Explanation {
  private final @Nullable String context;
  private final @Nullable String cluster;
  private final @Nullable String user;
  private final URI host;
  private final String namespace;
  private final boolean verifySsl;
  private final @Nullable String tlsServerName;
  private final @Nullable URI proxyUrl;
  private final boolean proxyDecided;
  private final @Nullable String caCertSha256;
  private final @Nullable String clientCertSha256;
  private final @Nullable String clientKeySha256;
  private final String authMethod;
  private final @Nullable String tokenSha256;
  private final @Nullable String username;
  private final Map<String, String> sources;
  private final List<String> files;

  private Explanation(Resolution r, @Nullable String tokenSha256) {
    Configuration c = r.configuration();
    this.context = r.context();
    this.cluster = r.cluster();
    this.user = r.user();
    this.host = c.host();
    this.namespace = c.namespace();
    this.verifySsl = !c.insecureSkipTlsVerify();
    this.tlsServerName = c.tlsServerName().orElse(null);
    // A proxy URL may carry user:password; only scheme, host and port are shown.
    this.proxyUrl = c.proxy().map(p -> URI.create(EnvironmentProxy.shown(p))).orElse(null);
    // A direct connection chosen by NO_PROXY (or a loopback host) has a reason worth showing.
    this.proxyDecided = r.sources().containsKey("proxyUrl");
    this.caCertSha256 = c.certificateAuthority().map(Explanation::sha256).orElse(null);
    this.clientCertSha256 = c.clientCertificate().map(Explanation::sha256).orElse(null);
    this.clientKeySha256 = c.clientKey().map(Sensitive::sha256).orElse(null);
    this.authMethod = r.authMethod();
    this.tokenSha256 = tokenSha256;
    this.username = r.username();
    Map<String, String> src = new LinkedHashMap<>(r.sources());
    // Name the defaults too, so that every field has an answer to "where did this come from?".
    src.putIfAbsent("user", "not set: the context names no user");
    src.putIfAbsent("namespace", "default");
    src.putIfAbsent("verifySsl", "default (verify)");
    src.putIfAbsent("tlsServerName", "default: not set (the server URL's host is checked)");
    src.putIfAbsent("proxyUrl", "default: not set (direct connection)");
    src.putIfAbsent("caCert", "default: not set (the JDK's trusted CAs)");
    src.putIfAbsent("clientCert", "default: not set");
    src.putIfAbsent("clientKey", "default: not set");
    this.sources = Collections.unmodifiableMap(src);
    this.files = List.copyOf(r.files());
  }

  /** Fetches the credential once (running an exec plugin or reading a token file) and explains {@code r}. */
  static Explanation of(Resolution r) {
    String tokenSha = null;
    Optional<Sensitive> header = r.configuration().credentials().authorization();
    if (header.isPresent()) {
      String h = header.get().reveal();
      if (h.startsWith("Bearer ")) {
        tokenSha = Sensitive.of(h.substring("Bearer ".length())).sha256();
      }
    }
    return new Explanation(r, tokenSha);
  }

  private static String sha256(byte[] bytes) {
    return Sensitive.ofBytes(bytes).sha256();
  }

  /** The context used; empty in-cluster. */
  public Optional<String> context() {
    return Optional.ofNullable(context);
  }

  /** The cluster entry used; empty in-cluster. */
  public Optional<String> cluster() {
    return Optional.ofNullable(cluster);
  }

  /** The user entry used; empty in-cluster or when the context names none. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** The API server URL, without a trailing slash. */
  public URI host() {
    return host;
  }

  /** The namespace; {@code default} when none is configured. */
  public String namespace() {
    return namespace;
  }

  /** False when insecure-skip-tls-verify is set. */
  public boolean verifySsl() {
    return verifySsl;
  }

  /** The SNI / certificate name override. */
  public Optional<String> tlsServerName() {
    return Optional.ofNullable(tlsServerName);
  }

  /**
   * The proxy, as {@code scheme://host:port} without user information: the cluster's {@code
   * proxy-url}, else the one {@code HTTPS_PROXY}/{@code HTTP_PROXY} choose for the server unless
   * {@code NO_PROXY} excludes it; {@code sources().get("proxyUrl")} says which.
   */
  public Optional<URI> proxyUrl() {
    return Optional.ofNullable(proxyUrl);
  }

  /** SHA-256 (hex) of the CA bytes. */
  public Optional<String> caCertSha256() {
    return Optional.ofNullable(caCertSha256);
  }

  /** SHA-256 (hex) of the client certificate bytes. */
  public Optional<String> clientCertSha256() {
    return Optional.ofNullable(clientCertSha256);
  }

  /** SHA-256 (hex) of the client key bytes. */
  public Optional<String> clientKeySha256() {
    return Optional.ofNullable(clientKeySha256);
  }

  /** none, token, tokenFile, basic, clientCert, exec or authProvider. */
  public String authMethod() {
    return authMethod;
  }

  /** SHA-256 (hex) of the bearer token that would be sent now. */
  public Optional<String> tokenSha256() {
    return Optional.ofNullable(tokenSha256);
  }

  /** The basic-auth user name. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** For each field (context, host, namespace, caCert, auth, …) where its value came from. */
  public Map<String, String> sources() {
    return sources;
  }

  /** The kubeconfig files read, in precedence order; empty in-cluster. */
  public List<String> files() {
    return files;
  }

  /** One JSON object with every field, pretty-printed. */
  public String toJson() {
    JsonObject o = new JsonObject();
    add(o, "context", context);
    add(o, "cluster", cluster);
    add(o, "user", user);
    o.addProperty("host", host.toString());
    o.addProperty("namespace", namespace);
    o.addProperty("verifySsl", verifySsl);
    add(o, "tlsServerName", tlsServerName);
    add(o, "proxyUrl", proxyUrl == null ? null : proxyUrl.toString());
    o.add("caCert", digest(caCertSha256));
    o.add("clientCert", digest(clientCertSha256));
    o.add("clientKey", digest(clientKeySha256));
    JsonObject auth = new JsonObject();
    auth.addProperty("method", authMethod);
    add(auth, "tokenSha256", tokenSha256);
    add(auth, "username", username);
    o.add("auth", auth);
    JsonObject src = new JsonObject();
    sources.forEach(src::addProperty);
    o.add("sources", src);
    com.google.gson.JsonArray f = new com.google.gson.JsonArray();
    files.forEach(f::add);
    o.add("files", f);
    return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(o);
  }

  private static void add(JsonObject o, String key, @Nullable String value) {
    if (value == null) {
      o.add(key, JsonNull.INSTANCE);
    } else {
      o.addProperty(key, value);
    }
  }

  private static com.google.gson.JsonElement digest(@Nullable String sha) {
    if (sha == null) {
      return JsonNull.INSTANCE;
    }
    JsonObject d = new JsonObject();
    d.addProperty("sha256", sha);
    return d;
  }

  /** A human-readable report, one setting per line with its source. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("Kubernetes client configuration\n");
    line(sb, "files", files.isEmpty() ? "(none: in-cluster)" : String.join(", ", files), null);
    line(sb, "context", orNone(context), sources.get("context"));
    line(sb, "cluster", orNone(cluster), sources.get("cluster"));
    line(sb, "user", orNone(user), sources.get("user"));
    line(sb, "server", host.toString(), sources.get("host"));
    line(sb, "namespace", namespace, sources.get("namespace"));
    line(sb, "TLS", verifySsl ? "server certificate verified" : "NOT VERIFIED (insecure-skip-tls-verify)", sources.get("verifySsl"));
    line(sb, "CA", caCertSha256 == null ? "JDK default trust store" : "sha256 " + caCertSha256, caCertSha256 == null ? null : sources.get("caCert"));
    if (tlsServerName != null) {
      line(sb, "tls-server-name", tlsServerName, sources.get("tlsServerName"));
    }
    line(sb, "proxy", proxyUrl == null ? "none" : proxyUrl.toString(), proxyDecided ? sources.get("proxyUrl") : null);
    if (clientCertSha256 != null) {
      line(sb, "client cert", "sha256 " + clientCertSha256, sources.get("clientCert"));
      line(sb, "client key", "sha256 " + Objects.requireNonNull(clientKeySha256), sources.get("clientKey"));
    }
    String auth = authMethod;
    if (tokenSha256 != null) {
      auth += " (token sha256 " + tokenSha256 + ")";
    }
    if (username != null) {
      auth += " (username " + username + ")";
    }
    line(sb, "auth", auth, sources.get("auth"));
    return sb.toString();
  }

  private static String orNone(@Nullable String s) {
    return s == null ? "(none)" : s;
  }

  private static void line(StringBuilder sb, String label, String value, @Nullable String source) {
    sb.append(String.format("  %-16s %s%n", label, value));
    if (source != null) {
      sb.append(String.format("  %-16s   from %s%n", "", source));
    }
  }

  /** The same as {@link #render()}: an explanation holds no secret. */
  @Override
  public String toString() {
    return render();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Explanation e && toJson().equals(e.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

}
