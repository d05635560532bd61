package dev.kubesdk.config;

import dev.kubesdk.config.internal.TlsContextFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * How to reach and authenticate to one Kubernetes API server: the server URL, TLS material,
 * credentials, proxy, timeouts and default headers. Immutable and thread-safe.
 *
 * <p>Usually filled by {@code KubeConfig.load()}, which also makes it the process default; {@code
 * new CoreV1Api()} then calls the server it names. To configure by hand:
 *
 * <pre>{@code
 * Configuration staging = Configuration.builder()
 *     .host(URI.create("https://staging.internal:6443"))
 *     .certificateAuthority(caPem)
 *     .credentials(Credentials.bearerToken(Sensitive.of(token)))
 *     .build();
 * Configuration.setDefault(staging);
 * }</pre>
 *
 * <p>The TLS context (trust store, client key, SNI) is built on first use and then reused by every
 * client made from this value.
 */
public final class Configuration {
  /** The host of a Configuration nobody configured, as in the Python client. */
  public static final URI DEFAULT_HOST = URI.create("http://localhost");

  /** Seconds of the default {@link #connectTimeout()}, as client-go's dialer and kubectl use. */
  public static final int DEFAULT_CONNECT_SECONDS = 10;
  /** Seconds of the default {@link #readTimeout()}. */
  public static final int DEFAULT_READ_SECONDS = 30;
  /** Seconds of the default {@link #writeTimeout()}. */
  public static final int DEFAULT_WRITE_SECONDS = 30;
  /**
   * Seconds of the default {@link #requestTimeout()}: a minute is long for any single API call
   * (the API server itself gives up on most requests after 60 s, its {@code --request-timeout}),
   * and short enough that a stuck call surfaces.
   */
  public static final int DEFAULT_REQUEST_SECONDS = 60;

  /**
   * The default {@link #maxRetries()}: enough to ride out an API server restart behind a load
   * balancer or a short burst of 429s; client-go allows 10 for requests with {@code Retry-After}.
   */
  public static final int DEFAULT_MAX_RETRIES = 5;

  private static final AtomicReference<@Nullable Configuration> DEFAULT = new AtomicReference<>();

  private final URI host;
  private final byte @Nullable [] certificateAuthority;
  private final byte @Nullable [] clientCertificate;
  private final @Nullable Sensitive clientKey;
  private final boolean insecureSkipTlsVerify;
  private final @Nullable String tlsServerName;
  private final @Nullable URI proxy;
  private final Credentials credentials;
  private final String namespace;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration writeTimeout;
  private final Duration requestTimeout;
  private final int maxRetries;
  private final boolean retryNonIdempotent;
  private final @Nullable RateLimit rateLimit;
  private final Map<String, String> defaultHeaders;
  private final @Nullable RequestListener requestListener;

  private final Object tlsLock = new Object();
  private volatile @Nullable TlsContext tlsContext;

  private Configuration(Builder b) {
    this.host = b.host;
    this.certificateAuthority = b.certificateAuthority == null ? null : b.certificateAuthority.clone();
    this.clientCertificate = b.clientCertificate == null ? null : b.clientCertificate.clone();
    this.clientKey = b.clientKey;
    this.insecureSkipTlsVerify = b.insecureSkipTlsVerify;
    this.tlsServerName = b.tlsServerName;
    this.proxy = b.proxy;
    this.credentials = b.credentials;
    this.namespace = b.namespace;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.writeTimeout = b.writeTimeout;
    this.requestTimeout = b.requestTimeout;
    this.maxRetries = b.maxRetries;
    this.retryNonIdempotent = b.retryNonIdempotent;
    this.rateLimit = b.rateLimit;
    this.defaultHeaders = Map.copyOf(b.defaultHeaders);
    this.requestListener = b.requestListener;
  }

  /** A builder with the defaults: {@link #DEFAULT_HOST}, no TLS material, no credentials. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this value. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Makes {@code configuration} the process default, the one {@code new ApiClient()} and {@code new
   * CoreV1Api()} use. The value is immutable, so storing it is a deep copy.
   */
  public static void setDefault(Configuration configuration) {
    DEFAULT.set(Objects.requireNonNull(configuration, "configuration"));
  }

  /**
   * The process default set by {@link #setDefault} (or by {@code KubeConfig.load()}). Nothing a
   * caller does to the result changes what another caller sees: the value is immutable.
   *
   * @throws NoConfigurationException when nothing set a default: a client made without a
   *     Configuration would otherwise talk plain HTTP to {@link #DEFAULT_HOST}, which is never what
   *     was meant
   */
  public static Configuration getDefaultCopy() {
    Configuration current = DEFAULT.get();
    if (current == null) {
      throw new NoConfigurationException(
          List.of(
              "No default Kubernetes configuration: nothing called KubeConfig.load() or Configuration.setDefault(...).",
              "Fix: call KubeConfig.load() first (it reads $KUBECONFIG, ~/.kube/config or the in-cluster service account, as kubectl does),"
                  + " or give the client a Configuration: new ApiClient(configuration). `./kubesdk explain` shows what KubeConfig.load() would find."));
    }
    return current;
  }

  /** The API server URL, without a trailing slash. */
  public URI host() {
    return host;
  }

  /** PEM bytes of the CA certificates to trust, or empty to trust the JDK's default CAs. */
  public Optional<byte[]> certificateAuthority() {
    return Optional.ofNullable(certificateAuthority).map(byte[]::clone);
  }

  /**
   * PEM bytes of the client certificate (chain) presented to the server. For an exec plugin that
   * returns certificates, the first one it returned: the TLS context asks the plugin again at
   * each handshake (after expiry or a rejection a new one is used) as long as this value is
   * unchanged; a certificate set here by hand is presented as it is.
   */
  public Optional<byte[]> clientCertificate() {
    return Optional.ofNullable(clientCertificate).map(byte[]::clone);
  }

  /** PEM bytes of the client certificate's private key. */
  public Optional<Sensitive> clientKey() {
    return Optional.ofNullable(clientKey);
  }

  /** True when the server's certificate is not checked at all (kubeconfig {@code insecure-skip-tls-verify}). */
  public boolean insecureSkipTlsVerify() {
    return insecureSkipTlsVerify;
  }

  /** The name sent as SNI and checked against the server certificate instead of the URL's host. */
  public Optional<String> tlsServerName() {
    return Optional.ofNullable(tlsServerName);
  }

  /**
   * The proxy URL ({@code http}, {@code https} or {@code socks5}), or empty for a direct
   * connection. The loader fills it from the cluster's {@code proxy-url}, else from {@code
   * HTTPS_PROXY}/{@code HTTP_PROXY} and {@code NO_PROXY} in {@link LoadOptions#environment()},
   * decided once for {@link #host()} as client-go's {@code http.ProxyFromEnvironment} would; a
   * Configuration built by hand uses only what {@link Builder#proxy} sets. May carry user
   * information for the proxy; never print it whole.
   */
  public Optional<URI> proxy() {
    return Optional.ofNullable(proxy);
  }

  /** Where the {@code Authorization} header comes from. */
  public Credentials credentials() {
    return credentials;
  }

  /** The namespace of the selected context; {@code default} when it names none. */
  public String namespace() {
    return namespace;
  }

  /** How long to wait for a TCP connection; default {@value #DEFAULT_CONNECT_SECONDS} s. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * How long one read may block: the TLS handshake, the response headers, and each wait for more
   * of a response body; default {@value #DEFAULT_READ_SECONDS} s, zero for no limit. The body of a
   * watch is exempt (a quiet watch is not a dead one): HTTP/2 pings and TCP keepalive watch its
   * connection instead.
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** How long one write may block; default {@value #DEFAULT_WRITE_SECONDS} s, zero for no limit. */
  public Duration writeTimeout() {
    return writeTimeout;
  }

  /**
   * The longest a call may take as a whole, from connecting to the last byte of the response;
   * default {@value #DEFAULT_REQUEST_SECONDS} s, zero for no limit. Watches are exempt. A single
   * call can set its own ({@code requestTimeout(Duration)} on the generated request).
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * How often a failed call is sent again; default {@value #DEFAULT_MAX_RETRIES}, zero for never.
   * Retried are: a 429 (Too Many Requests) for any method, since the server turned it away
   * unprocessed; and, for the idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE) only, a 5xx and
   * a connection that failed or broke. The wait honours {@code Retry-After} (at most 30 s), else
   * grows from 200 ms, doubling to 10 s with full jitter; the call's {@link #requestTimeout()}
   * bounds the whole, waits included. Watches are not retried here: an informer resumes them.
   */
  public int maxRetries() {
    return maxRetries;
  }

  /**
   * True when POST and PATCH calls are also retried after a 5xx or a broken connection, which may
   * apply them twice; default false.
   */
  public boolean retryNonIdempotent() {
    return retryNonIdempotent;
  }

  /**
   * The client-side rate limit shared by every client of this configuration; empty (the default)
   * for none. kube-apiserver's API Priority and Fairness (on since 1.20, GA in 1.29) queues and
   * sheds load per client and answers 429 with {@code Retry-After}, which the client honours;
   * SIG API Machinery recommends relying on it rather than on client-go's old default bucket of 5
   * requests per second with a burst of 10, and controller-runtime dropped that default in 2025.
   */
  public Optional<RateLimit> rateLimit() {
    return Optional.ofNullable(rateLimit);
  }

  /** Headers added to every request, unless the request sets them itself. */
  public Map<String, String> defaultHeaders() {
    return defaultHeaders;
  }

  /**
   * What hears of every call of the clients of this configuration, for metrics and traces; empty
   * (the default) for nothing. Every call is also logged at debug by {@code
   * dev.kubesdk.runtime.ApiClient}, listener or not.
   */
  public Optional<RequestListener> requestListener() {
    return Optional.ofNullable(requestListener);
  }

  /**
   * The TLS context for this configuration, built on first use and cached.
   *
   * @throws ConfigException when the CA, certificate or key cannot be read
   */
  public TlsContext tlsContext() {
    TlsContext context = tlsContext;
    if (context == null) {
      synchronized (tlsLock) {
        context = tlsContext;
        if (context == null) {
          context = TlsContextFactory.create(this);
          tlsContext = context;
        }
      }
    }
    return context;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Configuration c
        && host.equals(c.host)
        && Arrays.equals(certificateAuthority, c.certificateAuthority)
        && Arrays.equals(clientCertificate, c.clientCertificate)
        && Objects.equals(clientKey, c.clientKey)
        && insecureSkipTlsVerify == c.insecureSkipTlsVerify
        && Objects.equals(tlsServerName, c.tlsServerName)
        && Objects.equals(proxy, c.proxy)
        && credentials.equals(c.credentials)
        && namespace.equals(c.namespace)
        && connectTimeout.equals(c.connectTimeout)
        && readTimeout.equals(c.readTimeout)
        && writeTimeout.equals(c.writeTimeout)
        && requestTimeout.equals(c.requestTimeout)
        && maxRetries == c.maxRetries
        && retryNonIdempotent == c.retryNonIdempotent
        && Objects.equals(rateLimit, c.rateLimit)
        && defaultHeaders.equals(c.defaultHeaders)
        && Objects.equals(requestListener, c.requestListener);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, Arrays.hashCode(certificateAuthority), tlsServerName, proxy, credentials, namespace);
  }

  /** Names every setting; secrets show as {@code <redacted>}, and header values are hidden. */
  @Override
  public String toString() {
    return "Configuration{host="
        + host
        + ", namespace="
        + namespace
        + ", certificateAuthority="
        + (certificateAuthority == null ? "none" : certificateAuthority.length + " bytes")
        + ", clientCertificate="
        + (clientCertificate == null ? "none" : clientCertificate.length + " bytes")
        + ", clientKey="
        + (clientKey == null ? "none" : "<redacted>")
        + ", insecureSkipTlsVerify="
        + insecureSkipTlsVerify
        + ", tlsServerName="
        + tlsServerName
        + ", proxy="
        + (proxy == null ? "none" : proxy.getScheme() + "://" + proxy.getHost() + ":" + proxy.getPort())
        + ", credentials="
        + credentials.method()
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", writeTimeout="
        + writeTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", maxRetries="
        + maxRetries
        + ", retryNonIdempotent="
        + retryNonIdempotent
        + ", rateLimit="
        + (rateLimit == null ? "none" : rateLimit.qps() + "/s burst " + rateLimit.burst())
        + ", defaultHeaders="
        + defaultHeaders.keySet()
        + (requestListener == null ? "" : ", requestListener=" + requestListener.getClass().getName())
        + "}";
  }

  /**
   * Builds a {@link Configuration}. Mutable and not thread-safe; {@link #build()} may be called more
   * than once.
   */
  public static final class Builder {
    private URI host = DEFAULT_HOST;
    private byte @Nullable [] certificateAuthority;
    private byte @Nullable [] clientCertificate;
    private @Nullable Sensitive clientKey;
    private boolean insecureSkipTlsVerify;
    private @Nullable String tlsServerName;
    private @Nullable URI proxy;
    private Credentials credentials = Credentials.none();
    private String namespace = "default";
    private Duration connectTimeout = Duration.ofSeconds(DEFAULT_CONNECT_SECONDS);
    private Duration readTimeout = Duration.ofSeconds(DEFAULT_READ_SECONDS);
    private Duration writeTimeout = Duration.ofSeconds(DEFAULT_WRITE_SECONDS);
    private Duration requestTimeout = Duration.ofSeconds(DEFAULT_REQUEST_SECONDS);
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private boolean retryNonIdempotent;
    private @Nullable RateLimit rateLimit;
    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();
    private @Nullable RequestListener requestListener;

    private Builder() {}

    private Builder(Configuration c) {
      host = c.host;
      certificateAuthority = c.certificateAuthority;
      clientCertificate = c.clientCertificate;
      clientKey = c.clientKey;
      insecureSkipTlsVerify = c.insecureSkipTlsVerify;
      tlsServerName = c.tlsServerName;
      proxy = c.proxy;
      credentials = c.credentials;
      namespace = c.namespace;
      connectTimeout = c.connectTimeout;
      readTimeout = c.readTimeout;
      writeTimeout = c.writeTimeout;
      requestTimeout = c.requestTimeout;
      maxRetries = c.maxRetries;
      retryNonIdempotent = c.retryNonIdempotent;
      rateLimit = c.rateLimit;
      defaultHeaders.putAll(c.defaultHeaders);
      requestListener = c.requestListener;
    }

    /** The API server URL; a trailing slash is dropped. */
    public Builder host(URI host) {
      Objects.requireNonNull(host, "host");
      String s = host.toString();
      this.host = s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : host;
      return this;
    }

    /** PEM bytes of the CA certificates to trust (one or more certificates). */
    public Builder certificateAuthority(byte @Nullable [] pem) {
      this.certificateAuthority = pem == null ? null : pem.clone();
      return this;
    }

    /** PEM bytes of the client certificate. */
    public Builder clientCertificate(byte @Nullable [] pem) {
      this.clientCertificate = pem == null ? null : pem.clone();
      return this;
    }

    /** PEM bytes of the client key (RSA, EC or Ed25519; PKCS#1, SEC1 or PKCS#8). */
    public Builder clientKey(@Nullable Sensitive pem) {
      this.clientKey = pem;
      return this;
    }

    /** Skips all checks of the server's certificate. Only for clusters you cannot give a CA for. */
    public Builder insecureSkipTlsVerify(boolean insecure) {
      this.insecureSkipTlsVerify = insecure;
      return this;
    }

    /** The name to send as SNI and to check the server certificate against. */
    public Builder tlsServerName(@Nullable String name) {
      this.tlsServerName = name;
      return this;
    }

    /** The proxy URL ({@code http}, {@code https} or {@code socks5}). */
    public Builder proxy(@Nullable URI proxy) {
      this.proxy = proxy;
      return this;
    }

    /** Where the {@code Authorization} header comes from. */
    public Builder credentials(Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** The namespace of the context. */
    public Builder namespace(String namespace) {
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      return this;
    }

    /** The connect timeout. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requireNotNegative(timeout, "connectTimeout");
      return this;
    }

    /** The read timeout; zero for none. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = requireNotNegative(timeout, "readTimeout");
      return this;
    }

    /** The write timeout; zero for none. */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = requireNotNegative(timeout, "writeTimeout");
      return this;
    }

    /** How often a failed call is sent again; zero for never. */
    public Builder maxRetries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("maxRetries must not be negative: " + retries);
      }
      this.maxRetries = retries;
      return this;
    }

    /** Whether POST and PATCH are retried after a 5xx or a broken connection too. */
    public Builder retryNonIdempotent(boolean retry) {
      this.retryNonIdempotent = retry;
      return this;
    }

    /** The client-side rate limit; null for none. */
    public Builder rateLimit(@Nullable RateLimit limit) {
      this.rateLimit = limit;
      return this;
    }

    /** The timeout of a whole non-watch call; zero for none. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = requireNotNegative(timeout, "requestTimeout");
      return this;
    }

    /** Adds a header sent with every request. */
    public Builder defaultHeader(String name, String value) {
      defaultHeaders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** What hears of every call, for metrics and traces; null for nothing. */
    public Builder requestListener(@Nullable RequestListener listener) {
      this.requestListener = listener;
      return this;
    }

    /** The immutable Configuration. */
    public Configuration build() {
      return new Configuration(this);
    }

    private static Duration requireNotNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + d);
      }
      return d;
    }
  }
}
