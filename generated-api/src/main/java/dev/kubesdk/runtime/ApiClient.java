package dev.kubesdk.runtime;

import com.google.gson.JsonParseException;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.stream.MalformedJsonException;
import dev.kubesdk.api.model.V1Status;
import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.RequestEvent;
import dev.kubesdk.config.RequestListener;
import dev.kubesdk.config.Sensitive;
import dev.kubesdk.runtime.internal.CallTrace;
import dev.kubesdk.runtime.internal.CredentialsFailure;
import dev.kubesdk.runtime.internal.HttpTransport;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link ApiRequest}s to one Kubernetes API server and decodes the answers. Thread-safe; share
 * one instance. The generated {@code *Api} classes call it; most code only passes it to them:
 *
 * <pre>{@code
 * ApiClient client = new ApiClient(KubeConfig.load());      // or new ApiClient() for the default
 * CoreV1Api core = new CoreV1Api(client);
 * V1PodList pods = core.listNamespacedPod("shop").labelSelector("app=cart").execute();
 * }</pre>
 *
 * <p>From the {@link Configuration} it takes the server URL, TLS material (CA, client certificate,
 * {@code tls-server-name}, {@code insecure-skip-tls-verify}), timeouts, proxy ({@code http}, {@code
 * https}, {@code socks5}), default headers and the {@code Authorization} header of its {@link
 * dev.kubesdk.config.Credentials}. When the server answers 401 and the credential source can
 * refresh (exec plugin, rotated token file), the request is sent once more with the fresh
 * credential. Redirects are not followed (as in client-go): a {@code 3xx} answer is an {@link
 * ApiException}.
 *
 * <p><b>Timeouts.</b> No call waits forever. A call as a whole is limited by the configuration's
 * {@link Configuration#requestTimeout() requestTimeout} (60 s by default; {@code
 * requestTimeout(Duration)} on a generated request sets it for one call), each read by {@link
 * Configuration#readTimeout() readTimeout} (30 s) and the connection by {@link
 * Configuration#connectTimeout() connectTimeout} (10 s). A watch has no whole-call limit and no read
 * timeout on its events (a quiet watch is not a dead one): every HTTP/2 connection is pinged every
 * 15 s and closed when a ping goes unanswered for as long, and every socket uses TCP keepalive, so a
 * watch on a connection that a load balancer or NAT dropped ends with a {@link TransportException}.
 *
 * <p><b>Connections and threads.</b> Clients made from equal configurations (such as every {@code
 * new CoreV1Api()}, which takes {@code Configuration.getDefaultCopy()}) share one OkHttp client:
 * its connections (HTTP/2 multiplexes all calls to a server over one) and one process-wide pool of
 * daemon threads for async calls. {@link #withDefaultHeader} and {@link #withCookie} give a client
 * that adds a header or a cookie to every request on the same connections. To bring your own OkHttp
 * setup (interceptors, event listener, a pool of your own), pass it as the base in {@link
 * #ApiClient(Configuration, OkHttpClient)}.
 *
 * <p><b>Lifetime.</b> {@link #close()} cancels this client's calls and watches still running and
 * refuses new ones; the shared connections stay for other clients and close after five idle
 * minutes. A client that is never closed leaks nothing: an unused client holds no thread and no
 * connection of its own.
 *
 * <p>Every failure is an unchecked {@link ApiException} ({@link TransportException} when no
 * response arrived), except a credential source that cannot produce a credential (an exec plugin
 * that fails), which throws its {@link ConfigException}.
 */
public final class ApiClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiClient.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final String ACCEPT = "application/json, */*";
  private static final String USER_AGENT = userAgent();
  // Error bodies are small Status objects; a proxy's HTML page or a runaway body is kept only up to
  // this size so an exception never holds a huge String.
  private static final long MAX_ERROR_BODY = 1024 * 1024;

  private final Configuration configuration;
  private final HttpTransport transport;
  private final HttpUrl base;
  // The calls and watches of this client that have not ended, so that close() can end them.
  private final Set<Call> running = ConcurrentHashMap.newKeySet();
  // Likewise its open WebSockets (pod exec, attach, port-forward).
  private final Set<WebSocket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private final Map<String, String> headers;
  private final @Nullable Sensitive cookie;

  /**
   * A client for the process default {@link Configuration#getDefaultCopy()}.
   *
   * @throws dev.kubesdk.config.NoConfigurationException when nothing loaded or set a default
   *     (call {@code KubeConfig.load()} first)
   */
  public ApiClient() {
    this(Configuration.getDefaultCopy());
  }

  /**
   * A client for {@code configuration}, sharing connections and threads with every other client of
   * an equal configuration.
   *
   * @throws ConfigException when the TLS material, server URL or proxy URL is not usable
   */
  public ApiClient(Configuration configuration) {
    this(configuration, HttpTransport.shared(Objects.requireNonNull(configuration, "configuration")));
  }

  /**
   * A client for {@code configuration} built on {@code base}: the base's connection pool,
   * dispatcher, interceptors and event listener are kept; TLS, timeouts, proxy and authentication
   * come from the configuration and replace the base's.
   *
   * @throws ConfigException when the TLS material, server URL or proxy URL is not usable
   */
  public ApiClient(Configuration configuration, OkHttpClient base) {
    this(configuration, HttpTransport.on(Objects.requireNonNull(configuration, "configuration"), Objects.requireNonNull(base, "base")));
  }

  private ApiClient(Configuration configuration, HttpTransport transport) {
    this.configuration = configuration;
    this.base = baseUrl(configuration);
    this.transport = transport;
    // Checked here so that a bad header fails when the client is made, not on every call.
    configuration.defaultHeaders().forEach(ApiClient::checkHeader);
    this.headers = Map.copyOf(configuration.defaultHeaders());
    this.cookie = null;
    log.debug("API client for {} (credentials: {})", configuration.host(), configuration.credentials().method());
  }

  private ApiClient(ApiClient from, Map<String, String> headers, @Nullable Sensitive cookie) {
    this.configuration = from.configuration;
    this.transport = from.transport;
    this.base = from.base;
    this.headers = Map.copyOf(headers);
    this.cookie = cookie;
  }

  /** The configuration this client was made from. */
  public Configuration configuration() {
    return configuration;
  }

  /**
   * A client that also sends header {@code name: value} with every request (replacing a default
   * header of the same name), sharing this client's connections. Like the Python client's {@code
   * set_default_header}, but this client is left unchanged. An {@code Authorization} header set
   * this way replaces the one from the configuration's credentials.
   *
   * @throws IllegalArgumentException when the name or value holds a character HTTP headers cannot
   *     carry
   */
  public ApiClient withDefaultHeader(String name, String value) {
    checkHeader(name, value);
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
    more.put(name, value);
    return new ApiClient(this, more, cookie);
  }

  /**
   * A client that sends {@code Cookie: <cookie>} with every request, sharing this client's
   * connections; like the Python client's {@code cookie}. The value is a secret: it appears in no
   * message, log or {@code toString}.
   */
  public ApiClient withCookie(Sensitive cookie) {
    Objects.requireNonNull(cookie, "cookie");
    // OkHttp treats Cookie as sensitive: its complaint about a bad character omits the value.
    checkHeader("Cookie", cookie.reveal());
    return new ApiClient(this, headers, cookie);
  }

  /**
   * Sends {@code request} and waits for the answer, decoded as {@code responseType}: a model class,
   * a {@code TypeToken}'s type for generic shapes, {@code String.class} for the body text as is
   * (pod logs), {@code Void.class} to ignore the body (the result is then null). The body is decoded
   * straight from the connection, never copied into a String first.
   *
   * @throws ApiException when the server answers with an error status (a subclass for the codes
   *     callers handle separately), or with a success whose body is empty or does not decode
   * @throws TransportException when no answer arrives
   */
  public <T> T execute(ApiRequest request, Type responseType) {
    Objects.requireNonNull(responseType, "responseType");
    Call call = start(request, false);
    int status = -1;
    @Nullable RuntimeException error = null;
    try (Response response = call.execute()) {
      status = response.code();
      return decode(request, response, responseType);
    } catch (IOException e) {
      error = transportFailure(request, call, e);
      throw error;
    } catch (RuntimeException e) {
      error = e;
      throw e;
    } finally {
      running.remove(call);
      finished(request, call.request(), false, status, error);
    }
  }

  /**
   * Sends {@code request} without blocking the caller. The future completes on an OkHttp
   * dispatcher thread, which also runs the stages chained with the non-{@code Async} methods
   * ({@code thenApply}, …): keep them short, or chain with {@code thenApplyAsync(fn, executor)}.
   * Cancelling the future cancels the HTTP call. Fails with the same exceptions as {@link
   * #execute}.
   */
  public <T> CompletableFuture<T> executeAsync(ApiRequest request, Type responseType) {
    Objects.requireNonNull(responseType, "responseType");
    CompletableFuture<T> future = new CompletableFuture<>();
    Call call;
    try {
      call = start(request, false);
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
      return future;
    }
    future.whenComplete(
        (value, error) -> {
          running.remove(call);
          if (future.isCancelled()) {
            call.cancel();
          }
        });
    call.enqueue(
        new Callback() {
          @Override
          public void onResponse(Call c, Response response) {
            @Nullable T value = null;
            @Nullable RuntimeException error = null;
            try (response) {
              value = decode(request, response, responseType);
            } catch (IOException e) {
              error = transportFailure(request, c, e);
            } catch (RuntimeException e) {
              error = e;
            }
            finished(request, c.request(), false, response.code(), error);
            if (error == null) {
              future.complete(value);
            } else {
              future.completeExceptionally(error);
            }
          }

          @Override
          public void onFailure(Call c, IOException e) {
            RuntimeException error = transportFailure(request, c, e);
            finished(request, c.request(), false, -1, error);
            future.completeExceptionally(error);
          }
        });
    return future;
  }

  /**
   * Starts a watch: sends {@code request} with {@code watch=true} and returns the stream of events,
   * each object decoded as {@code objectType}. The call waits for the response headers, so a
   * rejected watch (403, 404, 410) throws here; events are then read on the thread that iterates
   * the {@link Watch}. Close the watch to release the connection.
   *
   * @throws ApiException when the server rejects the watch
   * @throws TransportException when no answer arrives
   */
  public <T> Watch<T> watch(ApiRequest request, Type objectType) {
    Objects.requireNonNull(objectType, "objectType");
    Call call = start(request, true);
    Response response = openStreaming(request, call);
    return new Watch<>(call, response, objectType, request, withoutQuery(call.request().url()), () -> running.remove(call));
  }

  /**
   * Sends {@code request} and returns the response body as it arrives, for bodies that are read
   * while the server still writes them (a pod log with {@code follow=true}). Like a watch it has
   * no whole-call limit and no read timeout once the headers arrived; closing the stream, from
   * any thread, ends the call, and a read blocked in another thread then ends as at the end of
   * the body. A read that fails for another reason throws an {@link IOException} naming the
   * request.
   *
   * @throws ApiException when the server answers with an error status
   * @throws TransportException when no answer arrives
   */
  public InputStream stream(ApiRequest request) {
    Call call = start(request, true);
    Response response = openStreaming(request, call);
    String url = withoutQuery(call.request().url());
    return new FilterInputStream(response.body().byteStream()) {
      private volatile boolean closed;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (IOException e) {
          if (closed || call.isCanceled()) {
            return -1;
          }
          throw new IOException(request.method() + " " + url + ": " + e.getMessage(), e);
        }
      }

      @Override
      public void close() {
        closed = true;
        running.remove(call);
        call.cancel();
        response.close();
      }
    };
  }

  /** Executes a watch or stream call up to its headers; a rejected one throws and is forgotten. */
  private Response openStreaming(ApiRequest request, Call call) {
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      running.remove(call);
      RuntimeException error = transportFailure(request, call, e);
      finished(request, call.request(), true, -1, error);
      throw error;
    }
    if (!response.isSuccessful()) {
      running.remove(call);
      try (response) {
        ApiException error = errorOf(request, response);
        finished(request, call.request(), true, response.code(), error);
        throw error;
      }
    }
    finished(request, call.request(), true, response.code(), null);
    return response;
  }

  /**
   * Opens a WebSocket for {@code request} (a {@code GET} of a streaming subresource such as {@code
   * pods/exec}), offering {@code subprotocols} in {@code Sec-WebSocket-Protocol}, over the same
   * TLS, proxy, credentials (refreshed on 401) and default headers as every other call of this
   * client. Returns once the server accepted the upgrade; {@code listener} has then seen {@code
   * onOpen}, whose response carries the protocol the server chose. Failures after that go to the
   * listener. The socket is pinged every 15 s and fails when a pong does not come in time; {@link
   * #close()} cancels it.
   *
   * @throws ApiException when the server refuses the upgrade (its Status: 403 for RBAC, 404 for a
   *     missing pod, 400 for a pod that is not running)
   * @throws TransportException when no answer arrives
   */
  public WebSocket webSocket(ApiRequest request, List<String> subprotocols, WebSocketListener listener) {
    Objects.requireNonNull(subprotocols, "subprotocols");
    Objects.requireNonNull(listener, "listener");
    if (closed) {
      throw new IllegalStateException("this ApiClient is closed; " + request + " was not sent. Make a new ApiClient.");
    }
    Request.Builder http = toHttpRequest(request, false).newBuilder();
    if (!subprotocols.isEmpty()) {
      http.header("Sec-WebSocket-Protocol", String.join(", ", subprotocols));
    }
    Request upgrade = http.build();
    String url = withoutQuery(upgrade.url());
    CompletableFuture<WebSocket> opened = new CompletableFuture<>();
    WebSocket socket =
        transport.watches()
            .newWebSocket(
                upgrade,
                new WebSocketListener() {
                  @Override
                  public void onOpen(WebSocket webSocket, Response response) {
                    finished(request, upgrade, true, response.code(), null);
                    listener.onOpen(webSocket, response);
                    opened.complete(webSocket);
                  }

                  @Override
                  public void onMessage(WebSocket webSocket, String text) {
                    listener.onMessage(webSocket, text);
                  }

                  @Override
                  public void onMessage(WebSocket webSocket, okio.ByteString bytes) {
                    listener.onMessage(webSocket, bytes);
                  }

                  @Override
                  public void onClosing(WebSocket webSocket, int code, String reason) {
                    listener.onClosing(webSocket, code, reason);
                  }

                  @Override
                  public void onClosed(WebSocket webSocket, int code, String reason) {
                    sockets.remove(webSocket);
                    listener.onClosed(webSocket, code, reason);
                  }

                  @Override
                  public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
                    sockets.remove(webSocket);
                    if (opened.isDone()) {
                      listener.onFailure(webSocket, t, response);
                    } else {
                      RuntimeException error = upgradeFailure(request, url, t, response);
                      finished(request, upgrade, true, response == null ? -1 : response.code(), error);
                      opened.completeExceptionally(error);
                    }
                  }
                });
    sockets.add(socket);
    try {
      return opened.get();
    } catch (InterruptedException e) {
      socket.cancel();
      sockets.remove(socket);
      Thread.currentThread().interrupt();
      throw TransportException.of(request.method(), request.path(), url, "interrupted while waiting for the WebSocket upgrade", e);
    } catch (ExecutionException e) {
      sockets.remove(socket);
      throw (RuntimeException) e.getCause();
    }
  }

  /** The exception for an upgrade the server refused, or that got no answer. */
  private RuntimeException upgradeFailure(ApiRequest request, String url, Throwable t, @Nullable Response response) {
    if (t instanceof CredentialsFailure failure) {
      return failure.getCause();
    }
    if (response != null && response.code() != 101) {
      return errorOf(request, response);
    }
    if (response != null) {
      // 101 but not a valid upgrade (a missing or wrong Sec-WebSocket-Accept): a proxy in between.
      return TransportException.of(request.method(), request.path(), url, "the server switched protocols but not to a valid WebSocket: " + t.getMessage(), t);
    }
    if (t instanceof IOException io) {
      return TransportException.of(
          request.method(), request.path(), url, io, "connectTimeout " + shown(configuration.connectTimeout()) + ", readTimeout " + shown(configuration.readTimeout()));
    }
    return TransportException.of(request.method(), request.path(), url, String.valueOf(t.getMessage()), t);
  }

  /**
   * Ends this client: calls, watches, streams and WebSockets still running are cancelled (their callers, and the
   * threads reading the watches, get a {@link TransportException}) and new calls throw {@link
   * IllegalStateException}.
   * Connections are shared with other clients and stay open for them; clients made with {@link
   * #withDefaultHeader} or {@link #withCookie} are separate clients and are not closed. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    for (Call call : running) {
      call.cancel();
    }
    running.clear();
    for (WebSocket socket : sockets) {
      socket.cancel();
    }
    sockets.clear();
  }

  /** Names the server, never the credentials. */
  @Override
  public String toString() {
    return "ApiClient{host=" + configuration.host() + ", credentials=" + configuration.credentials().method() + ", headers=" + headers.keySet() + (cookie == null ? "" : ", cookie=<redacted>") + "}";
  }

  /** A new call of this client, counted as running until it ends. */
  private Call start(ApiRequest request, boolean watch) {
    if (closed) {
      throw new IllegalStateException("this ApiClient is closed; " + request + " was not sent. Make a new ApiClient.");
    }
    Call call = (watch ? transport.watches() : transport.calls()).newCall(toHttpRequest(request, watch));
    if (!watch) {
      request.requestTimeout().ifPresent(limit -> call.timeout().timeout(limit.toNanos(), TimeUnit.NANOSECONDS));
    }
    running.add(call);
    if (closed) {
      // close() ran between the check and the add: it may have missed this call.
      running.remove(call);
      throw new IllegalStateException("this ApiClient is closed; " + request + " was not sent. Make a new ApiClient.");
    }
    return call;
  }

  private Request toHttpRequest(ApiRequest request, boolean watch) {
    HttpUrl.Builder url = base.newBuilder();
    if (request.path().length() > 1) {
      url.addEncodedPathSegments(request.path().substring(1));
    }
    boolean hasWatch = false;
    for (ApiRequest.QueryParam param : request.query()) {
      hasWatch |= param.name().equals("watch");
      url.addQueryParameter(param.name(), param.value());
    }
    if (watch && !hasWatch) {
      url.addQueryParameter("watch", "true");
    }
    Request.Builder builder = new Request.Builder().url(url.build()).tag(CallTrace.class, new CallTrace()).header("Accept", ACCEPT).header("User-Agent", USER_AGENT);
    if (watch) {
      // kube-apiserver may send a watch (a streaming list above all) as several gzip members one
      // after another, which OkHttp's transparent gzip cannot read; events are small and meant
      // to arrive at once, so a watch asks for none.
      builder.header("Accept-Encoding", "identity");
    }
    headers.forEach(builder::header);
    if (cookie != null) {
      builder.header("Cookie", cookie.reveal());
    }
    builder.method(request.method(), body(request));
    return builder.build();
  }

  private static @Nullable RequestBody body(ApiRequest request) {
    Object body = request.body().orElse(null);
    if (body == null) {
      // OkHttp insists on a body for these methods; the API server reads an empty one as none.
      return switch (request.method()) {
        case "POST", "PUT", "PATCH" -> RequestBody.create(new byte[0], null);
        default -> null;
      };
    }
    if (body instanceof V1Patch patch) {
      return RequestBody.create(patch.body(), MediaType.get(patch.contentType()));
    }
    // Serialized once into bytes (never a String), so the length is known and a retry after 401
    // can send the same bytes again.
    Buffer buffer = new Buffer();
    Json.serialize(body, buffer.outputStream());
    return RequestBody.create(buffer.readByteString(), JSON);
  }

  @SuppressWarnings("unchecked")
  private <T> T decode(ApiRequest request, Response response, Type type) throws IOException {
    if (!response.isSuccessful()) {
      throw errorOf(request, response);
    }
    ResponseBody body = response.body();
    if (type == Void.class || type == void.class) {
      return (T) null;
    }
    if (type == String.class) {
      return (T) body.string();
    }
    String what = type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
    T value;
    try {
      value =
          type == V1Status.class
              ? (T) DeleteAnswers.status(
                  Objects.requireNonNullElse(Json.<JsonElement>deserialize(body.byteStream(), JsonElement.class), JsonNull.INSTANCE),
                  response.code())
              : Json.deserialize(body.byteStream(), type);
    } catch (JsonParseException e) {
      if (e.getCause() instanceof IOException io && !(io instanceof MalformedJsonException)) {
        // The body ended early: the connection broke while it was read.
        throw io;
      }
      throw unexpected(request, response, "the response body is not a valid " + what + ": " + e.getMessage());
    } catch (NumberFormatException e) {
      throw unexpected(request, response, "the response body is not a valid " + what + ": " + e.getMessage());
    }
    if (value == null) {
      throw unexpected(request, response, "the response body is empty; expected a " + what);
    }
    return value;
  }

  private static ApiException unexpected(ApiRequest request, Response response, String problem) {
    return new HttpFailure(request.method(), request.path(), response.code(), response.headers().toMultimap(), "", false, null, problem).toException();
  }

  /** The exception for an error response, with (the start of) its body. */
  private static ApiException errorOf(ApiRequest request, Response response) {
    BufferedSource source = response.body().source();
    boolean cut;
    try {
      cut = source.request(MAX_ERROR_BODY + 1);
    } catch (IOException e) {
      // A truncated error body still tells something: keep what arrived.
      cut = false;
    }
    Buffer buffer = source.getBuffer();
    String body;
    try {
      body = cut ? buffer.readUtf8(MAX_ERROR_BODY) : buffer.readUtf8();
    } catch (IOException e) {
      throw new IllegalStateException("the buffer holds the bytes just requested", e);
    }
    return HttpFailure.of(request.method(), request.path(), response.code(), response.headers().toMultimap(), body, cut).toException();
  }

  /**
   * Reports a call that ended: one debug line (client-go's {@code -v=6} line: method, URL, status,
   * latency, and here the retries) and the configuration's request listener. The URL never holds
   * a credential (they travel in headers, which are not shown).
   */
  private void finished(ApiRequest request, Request http, boolean streaming, int status, @Nullable RuntimeException error) {
    CallTrace trace = http.tag(CallTrace.class);
    RequestListener listener = configuration.requestListener().orElse(null);
    if (trace == null || (listener == null && !log.isDebugEnabled())) {
      return;
    }
    RequestEvent event =
        RequestEvent.builder(request.method(), request.pathTemplate(), withoutUserInfo(http.url()))
            .streaming(streaming)
            .status(status)
            .started(trace.started())
            .duration(Duration.ofNanos(trace.elapsedNanos()))
            .retries(trace.retries())
            .error(error)
            .build();
    if (error != null && status < 0) {
      log.debug("{}: {}", event, error.getMessage());
    } else {
      log.debug("{}", event);
    }
    if (listener != null) {
      try {
        listener.requestFinished(event);
      } catch (RuntimeException e) {
        log.warn("the request listener {} failed on {}: {}", listener.getClass().getName(), event, e.toString());
      }
    }
  }

  private static String withoutUserInfo(HttpUrl url) {
    return url.username().isEmpty() && url.password().isEmpty() ? url.toString() : url.newBuilder().username("").password("").build().toString();
  }

  private RuntimeException transportFailure(ApiRequest request, Call call, IOException e) {
    if (e instanceof CredentialsFailure failure) {
      return failure.getCause();
    }
    Duration requestTimeout = call.timeout().timeoutNanos() == 0 ? Duration.ZERO : Duration.ofNanos(call.timeout().timeoutNanos());
    String timeouts = "connectTimeout " + shown(configuration.connectTimeout()) + ", readTimeout " + shown(configuration.readTimeout())
        + ", requestTimeout " + shown(requestTimeout);
    return TransportException.of(request.method(), request.path(), withoutQuery(call.request().url()), e, timeouts);
  }

  private static String shown(Duration d) {
    if (d.isZero()) {
      return "none";
    }
    // As kubectl and the config module's messages write durations: 300ms, 30s.
    return d.toMillisPart() != 0 || d.toSeconds() == 0 ? d.toMillis() + "ms" : d.toSeconds() + "s";
  }

  private static String withoutQuery(HttpUrl url) {
    return url.newBuilder().query(null).build().toString();
  }

  private static HttpUrl baseUrl(Configuration configuration) {
    HttpUrl url = HttpUrl.parse(configuration.host().toString());
    if (url == null) {
      throw new ConfigException("server \"" + configuration.host() + "\" is not an http or https URL. Set server of the cluster in the kubeconfig to a URL such as https://api.example.com:6443.");
    }
    return url;
  }

  /** Rejects what the request would: names and values HTTP cannot carry, e.g. a line break. */
  private static void checkHeader(String name, String value) {
    new Headers.Builder().set(name, value);
  }

  private static String userAgent() {
    String version = ApiClient.class.getPackage().getImplementationVersion();
    return "kubesdk/" + (version == null ? "dev" : version) + " (Java " + Runtime.version().feature() + ")";
  }
}
