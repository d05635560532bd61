package dev.kubesdk.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP call to the API server, as the generated {@code *Api} classes describe it: method, path
 * with its parameters already encoded, query parameters and body. Immutable and thread-safe; sent by
 * {@link ApiClient#execute}, {@link ApiClient#executeAsync} or {@link ApiClient#watch}.
 *
 * <pre>{@code
 * ApiRequest request = ApiRequest.builder("GET", "/api/v1/namespaces/{namespace}/pods/{name}")
 *     .pathParam("namespace", "shop")
 *     .pathParam("name", "cart-0")
 *     .query("pretty", null)          // skipped
 *     .build();
 * request.path();                     // "/api/v1/namespaces/shop/pods/cart-0"
 * }</pre>
 */
public final class ApiRequest {
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}/]+)}");
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final String method;
  private final String pathTemplate;
  private final String path;
  private final List<QueryParam> query;
  private final @Nullable Object body;
  private final @Nullable Duration requestTimeout;

  private ApiRequest(Builder b, String path) {
    this.method = b.method;
    this.pathTemplate = b.pathTemplate;
    this.path = path;
    this.query = List.copyOf(b.query);
    this.body = b.body;
    this.requestTimeout = b.requestTimeout;
  }

  /**
   * A builder for a call of {@code method} (GET, POST, PUT, PATCH, DELETE, …) to {@code
   * pathTemplate}, a path that starts with {@code /} and names its parameters in braces: {@code
   * /api/v1/namespaces/{namespace}/pods}.
   */
  public static Builder builder(String method, String pathTemplate) {
    return new Builder(method, pathTemplate);
  }

  /** The HTTP method, upper case. */
  public String method() {
    return method;
  }

  /** The path as given to {@link #builder}, with its {@code {placeholders}}. */
  public String pathTemplate() {
    return pathTemplate;
  }

  /** The path with every parameter percent-encoded as one segment, without the query. */
  public String path() {
    return path;
  }

  /** The query parameters in the order they were added; a name repeats for each list element. */
  public List<QueryParam> query() {
    return query;
  }

  /** The body: a {@link V1Patch}, or any object sent as JSON; empty for none. */
  public Optional<Object> body() {
    return Optional.ofNullable(body);
  }

  /**
   * How long this call may take as a whole, replacing the client's {@link
   * dev.kubesdk.config.Configuration#requestTimeout()}; empty to use the client's. Zero means no
   * limit. Watches ignore it.
   */
  public Optional<Duration> requestTimeout() {
    return Optional.ofNullable(requestTimeout);
  }

  /** The method and path, e.g. {@code GET /api/v1/namespaces/shop/pods}; no query, no body. */
  @Override
  public String toString() {
    return method + " " + path;
  }

  /**
   * One query parameter, already converted to text.
   *
   * @param name the parameter name, e.g. {@code labelSelector}
   * @param value the text sent, before URL encoding
   */
  public record QueryParam(String name, String value) {
    /** Checks that both parts are present. */
    public QueryParam {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Builds an {@link ApiRequest}. Mutable and not thread-safe; {@link #build()} may be called more
   * than once.
   */
  public static final class Builder {
    private final String method;
    private final String pathTemplate;
    private final Map<String, String> pathParams = new LinkedHashMap<>();
    private final List<QueryParam> query = new ArrayList<>();
    private @Nullable Object body;
    private @Nullable Duration requestTimeout;

    private Builder(String method, String pathTemplate) {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(pathTemplate, "pathTemplate");
      String upper = method.toUpperCase(Locale.ROOT);
      if (!METHODS.contains(upper)) {
        throw new IllegalArgumentException("method \"" + method + "\" is not an HTTP method; use one of " + METHODS);
      }
      if (!pathTemplate.startsWith("/")) {
        throw new IllegalArgumentException("pathTemplate \"" + pathTemplate + "\" must start with /");
      }
      this.method = upper;
      this.pathTemplate = pathTemplate;
    }

    /**
     * Sets the value of the {@code {name}} placeholder. The value is percent-encoded as one path
     * segment, so a {@code /} in it cannot reach another resource.
     *
     * @throws IllegalArgumentException when the value is empty, {@code .} or {@code ..}: such a
     *     segment would address a different resource (an empty name turns "delete this pod" into
     *     "delete the collection")
     */
    public Builder pathParam(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (value == null) {
        throw new NullPointerException("path parameter \"" + name + "\" of " + pathTemplate + " must not be null");
      }
      String text = String.valueOf(value);
      // client-go's IsValidPathSegmentName rejects the same values, for the same reason.
      if (text.isEmpty() || text.equals(".") || text.equals("..")) {
        throw new IllegalArgumentException(
            "path parameter \"" + name + "\" of " + pathTemplate + " is \"" + text + "\"; give a non-empty name other than . and ..");
      }
      pathParams.put(name, text);
      return this;
    }

    /**
     * Adds a query parameter. A null value is skipped; each element of a {@link Collection} adds
     * one parameter (null elements are skipped); any other value is sent as {@code
     * String.valueOf(value)}.
     */
    public Builder query(String name, @Nullable Object value) {
      Objects.requireNonNull(name, "name");
      if (value instanceof Collection<?> values) {
        for (Object element : values) {
          if (element != null) {
            query.add(new QueryParam(name, String.valueOf(element)));
          }
        }
      } else if (value != null) {
        query.add(new QueryParam(name, String.valueOf(value)));
      }
      return this;
    }

    /**
     * Sets the body: a {@link V1Patch} is sent as is with its content type, anything else as JSON
     * through {@link Json#gson()}; null for no body.
     */
    public Builder body(@Nullable Object body) {
      this.body = body;
      return this;
    }

    /**
     * How long the call may take as a whole; null for the client's default, zero for no limit.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder requestTimeout(@Nullable Duration timeout) {
      if (timeout != null && timeout.isNegative()) {
        throw new IllegalArgumentException("requestTimeout must not be negative: " + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    /**
     * The request.
     *
     * @throws IllegalStateException when a placeholder of the path has no value
     */
    public ApiRequest build() {
      Matcher m = PLACEHOLDER.matcher(pathTemplate);
      StringBuilder out = new StringBuilder(pathTemplate.length() + 32);
      List<String> missing = new ArrayList<>();
      int last = 0;
      while (m.find()) {
        out.append(pathTemplate, last, m.start());
        String value = pathParams.get(m.group(1));
        if (value == null) {
          missing.add(m.group(1));
        } else {
          encodeSegment(value, out);
        }
        last = m.end();
      }
      out.append(pathTemplate, last, pathTemplate.length());
      if (!missing.isEmpty()) {
        throw new IllegalStateException("path parameter(s) " + missing + " of " + pathTemplate + " not set; call pathParam(name, value)");
      }
      return new ApiRequest(this, out.toString());
    }
  }

  /**
   * Percent-encodes everything but RFC 3986 unreserved characters, as the Python client does with
   * {@code quote(value, safe='')}: the value stays one segment whatever it holds.
   */
  static void encodeSegment(String value, StringBuilder out) {
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
  }
}
