package dev.kubesdk.config.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.Sensitive;
import java.io.IOException;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legacy {@code auth-provider: oidc}: sends the id-token, and when it has expired (or the
 * server rejected it) trades the refresh-token for a new one at the issuer's token endpoint, then
 * writes the new tokens back to the kubeconfig file the user came from, as kubectl did.
 * Thread-safe; refresh is single-flight.
 */
public final class OidcCredentials implements Credentials {
  private static final Logger log = LoggerFactory.getLogger(OidcCredentials.class);
  /** Refresh a little early, as golang.org/x/oauth2 does, so a token does not expire in flight. */
  private static final Duration EXPIRY_DELTA = Duration.ofSeconds(10);

  private final String where;
  private final Path file;
  private final String user;
  private final @Nullable String issuer;
  private final @Nullable String clientId;
  private final @Nullable Sensitive clientSecret;
  private final byte @Nullable [] issuerCa;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable Sensitive idToken;
  private @Nullable Sensitive refreshToken;
  private boolean forceRefresh;

  /** Settings of one {@code auth-provider: oidc} entry. */
  public record Settings(
      @Nullable String issuer,
      @Nullable String clientId,
      @Nullable Sensitive clientSecret,
      @Nullable Sensitive idToken,
      @Nullable Sensitive refreshToken,
      byte @Nullable [] issuerCa) {
    @Override
    public String toString() {
      return "OidcCredentials.Settings[issuer=" + issuer + ", clientId=" + clientId + ", secrets=<redacted>]";
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
    this.idToken = settings.idToken();
    this.refreshToken = settings.refreshToken();
    this.issuerCa = settings.issuerCa() == null ? null : settings.issuerCa().clone();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<Sensitive> authorization() {
    lock.lock();
    try {
      Sensitive token = idToken;
      if (token == null || forceRefresh || expired(token)) {
        refresh();
        token = Objects.requireNonNull(idToken);
      }
      return Optional.of(Sensitive.of("Bearer " + token.reveal()));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean invalidate(Sensitive rejected) {
    lock.lock();
    try {
      Sensitive token = idToken;
      if (token != null && !rejected.equals(Sensitive.of("Bearer " + token.reveal()))) {
        return true;
      }
      if (refreshToken == null) {
        return false;
      }
      forceRefresh = true;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** True when the JWT's exp claim is past (or unreadable, so that a refresh is tried). */
  private boolean expired(Sensitive token) {
    String[] parts = token.reveal().split("\\.");
    if (parts.length != 3) {
      return refreshToken != null;
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      JsonElement claims = JsonParser.parseString(new String(payload, StandardCharsets.UTF_8));
      if (!claims.isJsonObject() || !claims.getAsJsonObject().has("exp")) {
        return false;
      }
      long exp = claims.getAsJsonObject().get("exp").getAsLong();
      return !clock.instant().plus(EXPIRY_DELTA).isBefore(Instant.ofEpochSecond(exp));
    } catch (IllegalArgumentException | JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      return refreshToken != null;
    }
  }

  private void refresh() {
    Sensitive refresh = refreshToken;
    if (refresh == null || issuer == null || clientId == null) {
      throw new ConfigException(where + ": the OIDC id-token is " + (idToken == null ? "missing" : "expired") + " and cannot be refreshed"
          + " (auth-provider.config needs refresh-token, idp-issuer-url and client-id). Log in again with your OIDC helper, or switch to an exec plugin such as kubelogin.");
    }
    HttpClient http = httpClient();
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    URI discovery = URI.create(base + "/.well-known/openid-configuration");
    JsonObject meta = getJson(http, HttpRequest.newBuilder(discovery).GET().timeout(Duration.ofSeconds(30)).build(), "discovery document " + discovery);
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
    JsonObject tokens = getJson(http, post, "token endpoint " + tokenUri);
    JsonElement id = tokens.get("id_token");
    if (id == null || !id.isJsonPrimitive() || id.getAsString().isEmpty()) {
      throw new ConfigException(where + ": the OIDC token endpoint " + tokenUri + " returned no id_token. Check that the client requests the openid scope.");
    }
    idToken = Sensitive.of(id.getAsString());
    JsonElement newRefresh = tokens.get("refresh_token");
    if (newRefresh != null && newRefresh.isJsonPrimitive() && !newRefresh.getAsString().isEmpty()) {
      refreshToken = Sensitive.of(newRefresh.getAsString());
    }
    forceRefresh = false;
    Map<String, String> update = new LinkedHashMap<>();
    update.put("id-token", idToken.reveal());
    update.put("refresh-token", Objects.requireNonNull(refreshToken).reveal());
    KubeconfigWriter.updateAuthProviderConfig(file, user, update);
    log.debug("{}: refreshed the OIDC id-token and saved it to {}", where, file);
  }

  private JsonObject getJson(HttpClient http, HttpRequest request, String what) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ConfigException(where + ": cannot reach the OIDC " + what + " (" + e.getClass().getSimpleName() + "). Check auth-provider.config.idp-issuer-url and the network.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException(where + ": interrupted while calling the OIDC " + what + ".", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new ConfigException(where + ": the OIDC " + what + " answered HTTP " + response.statusCode()
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

  private HttpClient httpClient() {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL);
    if (issuerCa != null) {
      SSLContext ssl = TlsContextFactory.sslContextTrusting(issuerCa, where + ": auth-provider.config.idp-certificate-authority");
      b.sslContext(ssl);
    }
    return b.build();
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
