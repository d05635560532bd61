package dev.kubesdk.podio;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * What part of a container's log to read, and whether to follow it: the query of {@code
 * GET /api/v1/namespaces/{namespace}/pods/{name}/log}. Immutable and thread-safe; {@link
 * #defaults()} reads the whole current log of the pod's only container and ends.
 *
 * <pre>{@code
 * LogOptions last100 = LogOptions.builder().container("app").tailLines(100).follow(true).build();
 * }</pre>
 */
public final class LogOptions {
  private static final LogOptions DEFAULTS = builder().build();

  private final @Nullable String container;
  private final boolean follow;
  private final boolean previous;
  private final @Nullable Duration since;
  private final @Nullable Instant sinceTime;
  private final long tailLines;
  private final long limitBytes;
  private final boolean timestamps;

  private LogOptions(Builder b) {
    this.container = b.container;
    this.follow = b.follow;
    this.previous = b.previous;
    this.since = b.since;
    this.sinceTime = b.sinceTime;
    this.tailLines = b.tailLines;
    this.limitBytes = b.limitBytes;
    this.timestamps = b.timestamps;
  }

  /** The whole current log of the pod's only container, not followed. */
  public static LogOptions defaults() {
    return DEFAULTS;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this object's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.container = container;
    b.follow = follow;
    b.previous = previous;
    b.since = since;
    b.sinceTime = sinceTime;
    b.tailLines = tailLines;
    b.limitBytes = limitBytes;
    b.timestamps = timestamps;
    return b;
  }

  /** The container; empty for the pod's only (or default) container. */
  public Optional<String> container() {
    return Optional.ofNullable(container);
  }

  /** Whether the stream goes on with what the container writes until it stops or the stream is closed. */
  public boolean follow() {
    return follow;
  }

  /** Whether to read the log of the previous, terminated instance of the container. */
  public boolean previous() {
    return previous;
  }

  /** Only lines written within this long before now ({@code sinceSeconds}, rounded up to seconds). */
  public Optional<Duration> since() {
    return Optional.ofNullable(since);
  }

  /** Only lines written at or after this time ({@code sinceTime}). */
  public Optional<Instant> sinceTime() {
    return Optional.ofNullable(sinceTime);
  }

  /** Only this many lines from the end of the log; empty for all. */
  public OptionalLong tailLines() {
    return tailLines < 0 ? OptionalLong.empty() : OptionalLong.of(tailLines);
  }

  /** At most this many bytes; the server may cut the last line. Empty for no limit. */
  public OptionalLong limitBytes() {
    return limitBytes < 0 ? OptionalLong.empty() : OptionalLong.of(limitBytes);
  }

  /** Whether each line starts with its RFC 3339 time and a space. */
  public boolean timestamps() {
    return timestamps;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LogOptions other
        && Objects.equals(container, other.container)
        && follow == other.follow
        && previous == other.previous
        && Objects.equals(since, other.since)
        && Objects.equals(sinceTime, other.sinceTime)
        && tailLines == other.tailLines
        && limitBytes == other.limitBytes
        && timestamps == other.timestamps;
  }

  @Override
  public int hashCode() {
    return Objects.hash(container, follow, previous, since, sinceTime, tailLines, limitBytes, timestamps);
  }

  @Override
  public String toString() {
    return "LogOptions{container=" + container + ", follow=" + follow + ", previous=" + previous + ", since=" + since
        + ", sinceTime=" + sinceTime + ", tailLines=" + tailLines + ", limitBytes=" + limitBytes + ", timestamps=" + timestamps + "}";
  }

  /** Builds {@link LogOptions}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable String container;
    private boolean follow;
    private boolean previous;
    private @Nullable Duration since;
    private @Nullable Instant sinceTime;
    private long tailLines = -1;
    private long limitBytes = -1;
    private boolean timestamps;

    private Builder() {}

    /** The container to read; unset for the pod's only container. */
    public Builder container(String container) {
      this.container = Objects.requireNonNull(container, "container");
      return this;
    }

    /** Whether to go on streaming what the container writes; default false. */
    public Builder follow(boolean follow) {
      this.follow = follow;
      return this;
    }

    /** Whether to read the previous, terminated instance of the container; default false. */
    public Builder previous(boolean previous) {
      this.previous = previous;
      return this;
    }

    /**
     * Only lines written within {@code since} before now. Exclusive with {@link #sinceTime}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder since(Duration since) {
      Objects.requireNonNull(since, "since");
      if (since.isNegative() || since.isZero()) {
        throw new IllegalArgumentException("since must be positive: " + since);
      }
      this.since = since;
      return this;
    }

    /** Only lines written at or after {@code sinceTime}. Exclusive with {@link #since}. */
    public Builder sinceTime(Instant sinceTime) {
      this.sinceTime = Objects.requireNonNull(sinceTime, "sinceTime");
      return this;
    }

    /**
     * Only the last {@code lines} lines.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder tailLines(long lines) {
      if (lines < 0) {
        throw new IllegalArgumentException("tailLines must not be negative: " + lines);
      }
      this.tailLines = lines;
      return this;
    }

    /**
     * At most {@code bytes} bytes.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder limitBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("limitBytes must be positive: " + bytes);
      }
      this.limitBytes = bytes;
      return this;
    }

    /** Whether each line starts with its time; default false. */
    public Builder timestamps(boolean timestamps) {
      this.timestamps = timestamps;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalStateException when both since and sinceTime are set (the server takes one)
     */
    public LogOptions build() {
      if (since != null && sinceTime != null) {
        throw new IllegalStateException("since and sinceTime are both set; the API server accepts only one of sinceSeconds and sinceTime. Keep one.");
      }
      return new LogOptions(this);
    }
  }
}
