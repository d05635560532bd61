package dev.kubesdk.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link RequestListener} hears about one call: what was asked, what came back, how long it
 * took and how often it was sent. Immutable. It never holds a header, a body or a credential.
 */
public final class RequestEvent {
  private final String method;
  private final String pathTemplate;
  private final String url;
  private final boolean streaming;
  private final int status;
  private final Instant started;
  private final Duration duration;
  private final int retries;
  private final @Nullable RuntimeException error;

  private RequestEvent(Builder b) {
    this.method = Objects.requireNonNull(b.method, "method");
    this.pathTemplate = Objects.requireNonNull(b.pathTemplate, "pathTemplate");
    this.url = Objects.requireNonNull(b.url, "url");
    this.streaming = b.streaming;
    this.status = b.status;
    this.started = Objects.requireNonNull(b.started, "started");
    this.duration = Objects.requireNonNull(b.duration, "duration");
    this.retries = b.retries;
    this.error = b.error;
  }

  /** A builder for an event of a call of {@code method} on {@code url}. */
  public static Builder builder(String method, String pathTemplate, String url) {
    return new Builder(method, pathTemplate, url);
  }

  /** The HTTP method: {@code GET}, {@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}. */
  public String method() {
    return method;
  }

  /**
   * The path with its parameters as placeholders, such as {@code
   * /api/v1/namespaces/{namespace}/pods/{name}}: a tag of bounded cardinality for metrics, as
   * client-go's URL template.
   */
  public String pathTemplate() {
    return pathTemplate;
  }

  /** The whole URL called, query included. */
  public String url() {
    return url;
  }

  /** True for a watch, a stream (a followed log) or a WebSocket, whose {@link #duration()} ends at the server's answer. */
  public boolean streaming() {
    return streaming;
  }

  /** The HTTP status of the last attempt; empty when no answer came (the connection failed or the call timed out). */
  public OptionalInt status() {
    return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** When the call started. */
  public Instant started() {
    return started;
  }

  /** How long the call took, every attempt and every wait between them included. */
  public Duration duration() {
    return duration;
  }

  /** How often the call was sent again after a 429, a 5xx or a broken connection; zero when the first attempt ended it. */
  public int retries() {
    return retries;
  }

  /** What the caller got instead of a result: an error status or a failed connection; empty on success. */
  public Optional<RuntimeException> error() {
    return Optional.ofNullable(error);
  }

  /** One line as in the debug log, without the error's message. */
  @Override
  public String toString() {
    return method + " " + url + " " + (status < 0 ? "no answer" : String.valueOf(status)) + " in " + duration.toMillis() + " ms"
        + (retries == 0 ? "" : " after " + retries + (retries == 1 ? " retry" : " retries"));
  }

  /** Builds a {@link RequestEvent}. Mutable and not thread-safe. */
  public static final class Builder {
    private final String method;
    private final String pathTemplate;
    private final String url;
    private boolean streaming;
    private int status = -1;
    private Instant started = Instant.EPOCH;
    private Duration duration = Duration.ZERO;
    private int retries;
    private @Nullable RuntimeException error;

    private Builder(String method, String pathTemplate, String url) {
      this.method = Objects.requireNonNull(method, "method");
      this.pathTemplate = Objects.requireNonNull(pathTemplate, "pathTemplate");
      this.url = Objects.requireNonNull(url, "url");
    }

    /** Whether the call was a watch, a stream or a WebSocket. */
    public Builder streaming(boolean streaming) {
      this.streaming = streaming;
      return this;
    }

    /** The HTTP status of the last attempt; negative for none. */
    public Builder status(int status) {
      this.status = status < 0 ? -1 : status;
      return this;
    }

    /** When the call started. */
    public Builder started(Instant started) {
      this.started = Objects.requireNonNull(started, "started");
      return this;
    }

    /** How long the call took. */
    public Builder duration(Duration duration) {
      this.duration = Objects.requireNonNull(duration, "duration");
      return this;
    }

    /** How often it was sent again. */
    public Builder retries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries must not be negative: " + retries);
      }
      this.retries = retries;
      return this;
    }

    /** What the caller got instead of a result; null on success. */
    public Builder error(@Nullable RuntimeException error) {
      this.error = error;
      return this;
    }

    /** The immutable event. */
    public RequestEvent build() {
      return new RequestEvent(this);
    }
  }
}
