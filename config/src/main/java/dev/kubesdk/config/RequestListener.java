package dev.kubesdk.config;

/**
 * Hears of every call a client of a {@link Configuration} makes, once, when it ends: the place to
 * bind request metrics or traces (Micrometer, OpenTelemetry) without kubesdk depending on either.
 *
 * <pre>{@code
 * MeterRegistry registry = ...;
 * Configuration.setDefault(KubeConfig.load().toBuilder()
 *     .requestListener(event -> Timer.builder("kubernetes.client.requests")
 *         .tag("method", event.method())
 *         .tag("path", event.pathTemplate())
 *         .tag("status", event.status().isPresent() ? String.valueOf(event.status().getAsInt()) : "none")
 *         .register(registry)
 *         .record(event.duration()))
 *     .build());
 * }</pre>
 *
 * <p>Called on the thread that made the call (for an asynchronous call, the thread that completed
 * it) before the caller sees the result, so it must be quick and must not block; an exception it
 * throws is logged and otherwise ignored. Like client-go's {@code rest_client_request_duration_seconds},
 * the duration of an ordinary call includes reading and decoding its body; for a watch, a stream
 * and a WebSocket it ends when the server answered the request (headers or upgrade), since their
 * bodies last as long as the caller reads.
 */
@FunctionalInterface
public interface RequestListener {
  /** One call ended: answered (any status), failed, or timed out. */
  void requestFinished(RequestEvent event);
}
