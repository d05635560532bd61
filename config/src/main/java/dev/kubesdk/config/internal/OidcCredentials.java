package dev.kubesdk.config.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.CredentialsTimeoutException;
import dev.kubesdk.config.Sensitive;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legacy {@code auth-provider: oidc}: sends the id-token, and when it has expired (or the
 * server rejected it) trades the refresh-token for a new one at the issuer's token endpoint, then
 * writes the new tokens back to the kubeconfig file the user came from, as kubectl did.
 * Thread-safe; share one instance.
 *
 * <p>The header and the instant to refresh at are computed once per id-token, so a request costs
 * a volatile read and a clock comparison, without a lock or a JWT decode. Refresh is
 * single-flight and holds no lock while it talks to the issuer. It goes through the cluster's
 * {@code proxy-url}, else the proxy the environment names for the issuer's host; it never follows
 * a redirect of the token endpoint to another origin, where the refresh-token would go.
 */
public final class OidcCredentials implements Credentials {
  private static final Logger log = LoggerFactory.getLogger(OidcCredentials.class);
  /** Refresh a little early, as golang.org/x/oauth2 does, so a token does not expire in flight. */
  private static final Duration EXPIRY_DELTA = Duration.ofSeconds(10);
  private static final int MAX_REDIRECTS = 5;

  private final String where;
  private final Path file;
  private final String user;
  private final @Nullable String issuer;
  private final @Nullable String clientId;
  private final @Nullable Sensitive clientSecret;
  private final byte @Nullable [] issuerCa;
  private final @Nullable URI proxy;
  private final Clock clock;
  private final SingleFlight<Token> refreshes = new SingleFlight<>();
  private final AtomicReference<@Nullable Token> current = new AtomicReference<>();
  private volatile @Nullable Sensitive refreshToken;

  /**
   * An id-token as requests use it.
   *
   * @param header {@code Bearer <id-token>}
   * @param refreshAt when to refresh: the JWT's exp less {@link #EXPIRY_DELTA}; null for never
   *     (no exp claim), {@link Instant#MIN} for at once
   */
  private record Token(Sensitive header, @Nullable Instant refreshAt) {}

  /**
   * Settings of one {@code auth-provider: oidc} entry.
   *
   * @param proxy the proxy for requests to the issuer, or null for a direct connection
   */
  public record Settings(
      @Nullable String issuer,
      @Nullable String clientId,
      @Nullable Sensitive clientSecret,
      @Nullable Sensitive idToken,
      @Nullable Sensitive refreshToken,
      byte @Nullable [] issuerCa,
      @Nullable URI proxy) {
    @Override
    public String toString() {
      return "OidcCredentials.Settings[issuer=" + issuer + ", clientId=" + clientId + ", proxy=" + (proxy == null ? "none" : EnvironmentProxy.shown(proxy))
          + ", secrets=<redacted>]";
    }
  }

  /**
   * OIDC credentials of the user {@code user} defined in {@code file}.
   *
   * @param where names the entry in messages
   */
  public OidcCredentials(String where, Path file, String user, Settings settings, Clock clock) {
    this.where = Objects.requireNonNull(where, "where");
    this.file = Objects.requireNonNull(file, "file");
    this.user = Objects.requireNonNull(user, "user");
    this.issuer = settings.issuer();
    this.clientId = settings.clientId();
    this.clientSecret = settings.clientSecret();
    this.refreshToken = settings.refreshToken();
    this.issuerCa = settings.issuerCa() == null ? null : settings.issuerCa().clone();
    this.proxy = settings.proxy();
    this.clock = Objects.requireNonNull(clock, "clock");
    Sensitive id = settings.idToken();
    // An id-token from the file whose expiry cannot be read is refreshed at once when it can be.
    current.set(id == null ? null : token(id, refreshToken != null ? Instant.MIN : null));
  }

  @Override
  public Optional<Sensitive> authorization() {
    return authorization(Duration.ZERO);
  }

  @Override
  public Optional<Sensitive> authorization(Duration maxWait) {
    Objects.requireNonNull(maxWait, "maxWait");
    Token t = current.get();
    if (usable(t)) {
      return Optional.of(t.header());
    }
    return Optional.of(refreshes.get(() -> {
      Token now = current.get();
      return usable(now) ? now : null;
    }, this::refresh, maxWait, this::waitedTooLong).header());
  }

  private boolean usable(@Nullable Token t) {
    return t != null && (t.refreshAt() == null || clock.instant().isBefore(t.refreshAt()));
  }

  private CredentialsTimeoutException waitedTooLong(Duration maxWait) {
    return new CredentialsTimeoutException(where + ": timed out after " + Durations.format(maxWait) + " waiting for the OIDC token refresh at " + issuer
        + ", which another request started and is still running.", maxWait);
  }

  @Override
  public boolean invalidate(Sensitive rejected) {
    Token t = current.get();
    if (t != null && !rejected.equals(t.header())) {
      return true;
    }
    if (refreshToken == null) {
      return false;
    }
    // Only the rejected token is dropped: a token another thread refreshed meanwhile stays.
    current.compareAndSet(t, null);
    return true;
  }

  /**
   * The token for {@code idToken}, refreshed at its exp claim less {@link #EXPIRY_DELTA}; {@code
   * unreadable} is used when the JWT or its exp cannot be read.
   */
  private static Token token(Sensitive idToken, @Nullable Instant unreadable) {
    Sensitive header = Sensitive.of("Bearer " + idToken.reveal());
    String[] parts = idToken.reveal().split("\\.");
    if (parts.length != 3) {
      return new Token(header, unreadable);
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      JsonElement claims = JsonParser.parseString(new String(payload, StandardCharsets.UTF_8));
      if (!claims.isJsonObject() || !claims.getAsJsonObject().has("exp")) {
        return new Token(header, null);
      }
      long exp = claims.getAsJsonObject().get("exp").getAsLong();
      return new Token(header, Instant.ofEpochSecond(exp).minus(EXPIRY_DELTA));
    } catch (IllegalArgumentException | JsonParseException | IllegalStateException | UnsupportedOperationException | java.time.DateTimeException
        | ArithmeticException e) {
      return new Token(header, unreadable);
    }
  }

  private Token refresh() {
    Sensitive refresh = refreshToken;
    if (refresh == null || issuer == null || clientId == null) {
      throw new ConfigException(where + ": the OIDC id-token is " + (current.get() == null ? "missing or was rejected" : "expired") + " and cannot be refreshed"
          + " (auth-provider.config needs refresh-token, idp-issuer-url and client-id). Log in again with your OIDC helper, or switch to an exec plugin such as kubelogin.");
    }
    HttpClient http = httpClient();
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    URI discovery = URI.create(base + "/.well-known/openid-configuration");
    JsonObject meta = getJson(http, HttpRequest.newBuilder(discovery).GET().timeout(Duration.ofSeconds(30)).build(), "discovery document " + discovery, false);
    JsonElement endpoint = meta.get("token_endpoint");
    if (endpoint == null || !endpoint.isJsonPrimitive()) {
      throw new ConfigException(where + ": the OIDC discovery document " + discovery + " has no token_endpoint. Check auth-provider.config.idp-issuer-url.");
    }
    URI tokenUri;
    try {
      tokenUri = URI.create(endpoint.getAsString());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": the OIDC discovery document " + discovery + " has an invalid token_endpoint. Check the identity provider.");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refresh.reveal());
    form.put("client_id", clientId);
    if (clientSecret != null) {
      form.put("client_secret", clientSecret.reveal());
    }
    StringJoiner body = new StringJoiner("&");
    form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest post = HttpRequest.newBuilder(tokenUri)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    JsonObject tokens = getJson(http, post, "token endpoint " + origin(tokenUri) + tokenUri.getRawPath(), true);
    JsonElement id = tokens.get("id_token");
    if (id == null || !id.isJsonPrimitive() || id.getAsString().isEmpty()) {
      throw new ConfigException(where + ": the OIDC token endpoint " + tokenUri + " returned no id_token. Check that the client requests the openid scope.");
    }
    Sensitive idToken = Sensitive.of(id.getAsString());
    JsonElement newRefresh = tokens.get("refresh_token");
    if (newRefresh != null && newRefresh.isJsonPrimitive() && !newRefresh.getAsString().isEmpty()) {
      refreshToken = Sensitive.of(newRefresh.getAsString());
    }
    Map<String, String> update = new LinkedHashMap<>();
    update.put("id-token", idToken.reveal());
    update.put("refresh-token", Objects.requireNonNull(refreshToken).reveal());
    KubeconfigWriter.updateAuthProviderConfig(file, user, update);
    log.debug("{}: refreshed the OIDC id-token and saved it to {}", where, file);
    // A fresh token whose expiry cannot be read is used until the server rejects it.
    Token t = token(idToken, null);
    current.set(t);
    return t;
  }

  /**
   * Sends {@code request}, following redirects by hand: a request that carries the refresh-token
   * follows only 307/308 to the same origin (scheme, host and port), so the token never reaches
   * another server; any request refuses a step down from https to http.
   */
  private JsonObject getJson(HttpClient http, HttpRequest request, String what, boolean carriesSecrets) {
    HttpRequest next = request;
    for (int hops = 0; ; hops++) {
      HttpResponse<String> response = send(http, next, what);
      int status = response.statusCode();
      Optional<String> location = response.headers().firstValue("Location");
      if (status / 100 == 3 && location.isPresent()) {
        URI from = next.uri();
        URI to;
        try {
          to = from.resolve(location.get());
        } catch (IllegalArgumentException e) {
          throw new ConfigException(where + ": the OIDC " + what + " redirected to an invalid URL. Check auth-provider.config.idp-issuer-url.");
        }
        if (carriesSecrets && ((status != 307 && status != 308) || !origin(from).equals(origin(to)))) {
          throw new ConfigException(where + ": the OIDC " + what + " redirected (HTTP " + status + ") to " + origin(to)
              + "; the refresh-token is sent only to the token endpoint itself. Check the identity provider's token_endpoint and auth-provider.config.idp-issuer-url.");
        }
        if ("https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(to.getScheme())) {
          throw new ConfigException(where + ": the OIDC " + what + " redirected from https to " + origin(to) + ", which is not encrypted. Check auth-provider.config.idp-issuer-url.");
        }
        if (hops >= MAX_REDIRECTS) {
          throw new ConfigException(where + ": the OIDC " + what + " redirected more than " + MAX_REDIRECTS + " times. Check auth-provider.config.idp-issuer-url.");
        }
        next = HttpRequest.newBuilder(next, (name, value) -> true).uri(to).build();
        continue;
      }
      if (status / 100 != 2) {
        throw new ConfigException(where + ": the OIDC " + what + " answered HTTP " + status
            + ". The refresh-token may have expired or been revoked: log in again.");
      }
      try {
        JsonElement e = JsonParser.parseString(response.body());
        if (e.isJsonObject()) {
          return e.getAsJsonObject();
        }
      } catch (JsonParseException e) {
        // Reported below; the body may hold tokens, so it is not quoted.
      }
      throw new ConfigException(where + ": the OIDC " + what + " did not answer with a JSON object. Check auth-provider.config.idp-issuer-url.");
    }
  }

  private HttpResponse<String> send(HttpClient http, HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ConfigException(where + ": cannot reach the OIDC " + what + (proxy == null ? "" : " through the proxy " + EnvironmentProxy.shown(proxy)) + " ("
          + e.getClass().getSimpleName() + "). Check auth-provider.config.idp-issuer-url and the network.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException(where + ": interrupted while calling the OIDC " + what + ".", e);
    }
  }

  /** {@code scheme://host:port} with the scheme's default port, for comparing and showing URLs. */
  private static String origin(URI u) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
    return scheme + "://" + (u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT)) + ":" + port;
  }

  private HttpClient httpClient() {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER);
    if (proxy != null) {
      b.proxy(proxySelector(proxy));
    } else {
      // A direct connection, as decided at load time; the JVM's default selector is not consulted.
      b.proxy(HttpClient.Builder.NO_PROXY);
    }
    if (issuerCa != null) {
      SSLContext ssl = TlsContextFactory.sslContextTrusting(issuerCa, where + ": auth-provider.config.idp-certificate-authority");
      b.sslContext(ssl);
    }
    return b.build();
  }

  /**
   * java.net.http speaks to plain http proxies only (CONNECT for https issuers), and sends no
   * proxy credentials through a tunnel; anything else is refused here with what to do instead.
   */
  private ProxySelector proxySelector(URI p) {
    String scheme = p.getScheme() == null ? "" : p.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      throw new ConfigException(where + ": the OIDC token refresh cannot use the proxy " + EnvironmentProxy.shown(p) + ": only http:// proxies are supported for it."
          + " Use an http proxy for the issuer (NO_PROXY can exempt it), or an exec plugin such as kubelogin.");
    }
    if (p.getRawUserInfo() != null) {
      throw new ConfigException(where + ": the OIDC token refresh cannot use the proxy " + EnvironmentProxy.shown(p) + ", which needs a user name and password."
          + " Use a proxy without authentication for the issuer, or an exec plugin such as kubelogin.");
    }
    return ProxySelector.of(InetSocketAddress.createUnresolved(p.getHost(), p.getPort() >= 0 ? p.getPort() : 80));
  }

  @Override
  public String method() {
    return "authProvider";
  }

  @Override
  public String toString() {
    return "OidcCredentials[issuer=" + issuer + ", clientId=" + clientId + ", tokens=<redacted>]";
  }
}
