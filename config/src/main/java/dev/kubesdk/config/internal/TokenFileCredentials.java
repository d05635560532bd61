package dev.kubesdk.config.internal;

import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.Sensitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bearer token read from a file and read again when the file changes (kubeconfig {@code
 * tokenFile}, and the rotated service-account token in a pod). Thread-safe; share one instance.
 *
 * <p>The file is checked on every request (a stat, no read) and read again when its modification
 * time or size changed, at least once a minute (client-go's cached file token source re-reads
 * every minute, which also catches a same-size rewrite within the file system's time resolution),
 * and after the server rejected the token.
 *
 * <p>When a read fails (the file is missing, unreadable or empty, as mid-rotation) the last token
 * stays in use and the file is not read again for a minute unless it changes, as client-go's
 * cachingTokenSource keeps its last token on error; the first failure of a streak is logged as a
 * warning, the rest at debug. A rejection while the file cannot be read keeps the last token too,
 * because other requests may still be served with it.
 */
public final class TokenFileCredentials implements Credentials {
  private static final Logger log = LoggerFactory.getLogger(TokenFileCredentials.class);
  private static final Duration MAX_AGE = Duration.ofMinutes(1);

  private final Path file;
  private final String where;
  private final String method;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable Snapshot current;
  private volatile @Nullable Failure failing;

  private record Snapshot(Sensitive header, @Nullable FileTime modified, long size, Instant readAt) {}

  /** A streak of failed reads: retry after {@code retryAt}, or sooner when the file's stat changes. */
  private record Failure(Instant retryAt, @Nullable FileTime modified, long size) {
    boolean backingOff(Instant now, @Nullable BasicFileAttributes attrs) {
      return now.isBefore(retryAt) && Objects.equals(modified, attrs == null ? null : attrs.lastModifiedTime()) && size == (attrs == null ? -1 : attrs.size());
    }
  }

  /**
   * A token file.
   *
   * @param file the token file
   * @param where names the setting in messages (file and field)
   * @param method the method name {@code kubesdk explain} shows: tokenFile, or token in-cluster
   * @param clock decides when the token is a minute old
   */
  public TokenFileCredentials(Path file, String where, String method, Clock clock) {
    this.file = Objects.requireNonNull(file, "file");
    this.where = Objects.requireNonNull(where, "where");
    this.method = Objects.requireNonNull(method, "method");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The token file. */
  public Path file() {
    return file;
  }

  @Override
  public Optional<Sensitive> authorization() {
    Snapshot s = current;
    BasicFileAttributes attrs = stat();
    if (s != null) {
      Failure f = failing;
      Instant now = clock.instant();
      if (f != null ? f.backingOff(now, attrs) : !changed(s, attrs) && now.isBefore(s.readAt().plus(MAX_AGE))) {
        return Optional.of(s.header());
      }
    }
    return Optional.of(reload(s, false).header());
  }

  @Override
  public boolean invalidate(Sensitive rejected) {
    lock.lock();
    try {
      Snapshot s = current;
      if (s != null && !s.header().equals(rejected)) {
        return true;
      }
      Snapshot fresh = reload(s, true);
      return !fresh.header().equals(rejected);
    } catch (ConfigException e) {
      return false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Reads the file unless another thread did since {@code seen} was taken (or, with a failure
   * streak and no change to the file, the retry time has not come).
   *
   * @param rejected true after a 401: read now unless a failure streak is backing off
   */
  private Snapshot reload(@Nullable Snapshot seen, boolean rejected) {
    lock.lock();
    try {
      Snapshot s = current;
      if (s != seen && s != null) {
        // Another thread read the file while this one waited.
        return s;
      }
      BasicFileAttributes attrs = stat();
      Instant now = clock.instant();
      Failure f = failing;
      if (s != null && f != null && f.backingOff(now, attrs)) {
        return s;
      }
      String token;
      try {
        token = Files.readString(file, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        if (s != null) {
          return keep(s, attrs, now, e.getClass().getSimpleName(), rejected);
        }
        throw new ConfigException(where + ": cannot read the token file " + file + " (" + e.getClass().getSimpleName() + "). Check that it exists and is readable.", e);
      }
      if (token.isEmpty()) {
        if (s != null) {
          return keep(s, attrs, now, "the file is empty", rejected);
        }
        throw new ConfigException(where + ": the token file " + file + " is empty. Write the token into it, or remove the setting.");
      }
      Snapshot fresh = new Snapshot(Sensitive.of("Bearer " + token), attrs == null ? null : attrs.lastModifiedTime(), attrs == null ? -1 : attrs.size(), now);
      if (f != null) {
        log.debug("{}: the token file {} is readable again", where, file);
        failing = null;
      }
      if (s != null && !s.header().equals(fresh.header())) {
        log.debug("{}: token file {} changed; using the new token", where, file);
      }
      current = fresh;
      return fresh;
    } finally {
      lock.unlock();
    }
  }

  /** Keeps {@code s} after a failed read, backs off for a minute, and warns once per streak. */
  private Snapshot keep(Snapshot s, @Nullable BasicFileAttributes attrs, Instant now, String why, boolean rejected) {
    boolean first = failing == null;
    failing = new Failure(now.plus(MAX_AGE), attrs == null ? null : attrs.lastModifiedTime(), attrs == null ? -1 : attrs.size());
    if (first) {
      log.warn("{}: cannot read the token file {} again ({}){}; keeping the token read at {} and trying again in a minute or when the file changes",
          where, file, why, rejected ? " after the server rejected the token" : "", s.readAt());
    } else {
      log.debug("{}: the token file {} is still unreadable ({}); keeping the token read at {}", where, file, why, s.readAt());
    }
    return s;
  }

  private static boolean changed(Snapshot s, @Nullable BasicFileAttributes attrs) {
    return attrs == null || !attrs.lastModifiedTime().equals(s.modified()) || attrs.size() != s.size();
  }

  private @Nullable BasicFileAttributes stat() {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String toString() {
    return "TokenFileCredentials[file=" + file + ", token=<redacted>]";
  }
}
