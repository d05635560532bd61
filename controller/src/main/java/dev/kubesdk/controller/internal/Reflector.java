package dev.kubesdk.controller.internal;

import dev.kubesdk.api.model.V1Status;
import dev.kubesdk.api.model.V1StatusCause;
import dev.kubesdk.api.model.V1StatusDetails;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiException;
import dev.kubesdk.runtime.ApiRequest;
import dev.kubesdk.runtime.GoneException;
import dev.kubesdk.runtime.Watch;
import dev.kubesdk.runtime.WatchEvent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link ReflectorSink} equal to one collection on the server: client-go's {@code
 * Reflector.ListAndWatch}, on a thread of its own. Thread-safe: {@link #start()} and {@link
 * #stop()} from any thread; everything else runs on the reflector thread.
 *
 * <p>It first gets the complete state, by a streaming list (a watch with {@code
 * sendInitialEvents=true}, ended by the bookmark annotated {@code k8s.io/initial-events-end}) when
 * the server offers it, else by a paged LIST; then watches from that state's resourceVersion with
 * bookmarks. When a watch ends it watches again from the last resourceVersion seen (an event's or a
 * bookmark's), so nothing is delivered twice or lost; when the connection drops or the watch cannot
 * be opened it waits a {@link Backoff} and does the same. Only a 410 Gone (the resourceVersion left
 * the server's window) makes it list again, and a 410 on that list makes it list at the newest
 * state ({@code resourceVersion=""}), as client-go's {@code relistResourceVersion} does.
 *
 * @param <T> the object type
 */
public final class Reflector<T> {
  private static final Logger log = LoggerFactory.getLogger(Reflector.class);
  /** client-go's {@code pager.PageSize}. */
  static final int PAGE_SIZE = 500;
  /** client-go's {@code defaultMinWatchTimeout}: watches last a random 5 to 10 minutes. */
  public static final Duration MIN_WATCH_TIMEOUT = Duration.ofMinutes(5);
  private static final String INITIAL_EVENTS_END = "k8s.io/initial-events-end";

  private final ApiClient client;
  private final String path;
  private final List<ApiRequest.QueryParam> selectors;
  private final Type type;
  private final Type pageType;
  private final ObjectAccess<T> access;
  private final UnaryOperator<T> transform;
  private final ReflectorSink<T> sink;
  private final String name;
  private final Backoff backoff;
  private final Duration minWatchTimeout;
  private final AtomicLong stalls = new AtomicLong();
  private final CountDownLatch stopLatch = new CountDownLatch(1);
  private final AtomicLong lists = new AtomicLong();
  private final AtomicLong watches = new AtomicLong();
  private volatile boolean streaming;
  private volatile boolean stopped;
  private volatile @Nullable OpenWatch<T> currentWatch;
  private volatile @Nullable CompletableFuture<?> currentList;
  private volatile String lastSyncResourceVersion = "";
  private volatile boolean lastSyncUnavailable;
  private volatile @Nullable Thread thread;
  // Reflector thread only: whether the last attempt to list or watch failed.
  private boolean failing;

  /**
   * A reflector of the collection at {@code path} (with {@code selectors}) into {@code sink}.
   *
   * @param settings how: streaming list on or off, and the backoff
   */
  public Reflector(ApiClient client, Source<T> source, ReflectorSink<T> sink, Settings settings) {
    this.client = Objects.requireNonNull(client, "client");
    this.path = source.path();
    this.selectors = List.copyOf(source.selectors());
    this.type = source.type();
    this.pageType = Page.of(type);
    this.access = source.access();
    this.transform = source.transform();
    this.sink = Objects.requireNonNull(sink, "sink");
    this.name = source.name();
    this.streaming = settings.streamingList();
    this.backoff = settings.backoff();
    this.minWatchTimeout = settings.minWatchTimeout();
  }

  /**
   * What a reflector lists and watches.
   *
   * @param name for thread names and logs, e.g. the resource's plural
   * @param path the list path, already encoded
   * @param selectors query parameters kept on every call (label and field selectors)
   * @param type the item type
   * @param access reads the items' metadata
   * @param transform applied to every object before it reaches the sink
   */
  public record Source<T>(String name, String path, List<ApiRequest.QueryParam> selectors, Type type, ObjectAccess<T> access, UnaryOperator<T> transform) {}

  /**
   * How a reflector gets the state.
   *
   * @param streamingList try the streaming list first (falls back to LIST when the server refuses)
   * @param backoff the waits between failed attempts
   * @param minWatchTimeout each watch asks the server to end it after a random time between this
   *     and twice this ({@link #MIN_WATCH_TIMEOUT} in production)
   */
  public record Settings(boolean streamingList, Backoff backoff, Duration minWatchTimeout) {}

  /** An open watch and the time by which the server must have ended it. */
  private record OpenWatch<T>(Watch<T> watch, long deadlineNanos) {}

  /** Starts the reflector thread and its watchdog. */
  public void start() {
    thread = Daemons.start("informer-" + name + "-reflector", this::run);
    Daemons.start("informer-" + name + "-watchdog", this::watchdog);
  }

  /** How many watches were closed because the server had not ended them in time (dead connections). */
  public long stalls() {
    return stalls.get();
  }

  /**
   * Closes a watch the server should have ended by now. Over HTTP/1.1 nothing notices a connection
   * that died without a reset (a NAT or load balancer forgot it): reads just wait, and watches have
   * no read timeout. The server ends every watch after its {@code timeoutSeconds}, so one still
   * open a tenth of that later is dead; closing it makes the reflector watch again from the last
   * resourceVersion, as after any other end.
   */
  private void watchdog() {
    while (!stopped) {
      OpenWatch<T> open = currentWatch;
      long now = System.nanoTime();
      if (open != null && now - open.deadlineNanos() >= 0) {
        log.debug("{}: the watch of {} outlived its timeout; its connection is dead, closing it", name, path);
        stalls.incrementAndGet();
        open.watch().close();
        currentWatch = null;
        continue;
      }
      long wait = open == null ? TimeUnit.SECONDS.toNanos(1) : Math.min(TimeUnit.SECONDS.toNanos(1), open.deadlineNanos() - now);
      try {
        if (stopLatch.await(wait, TimeUnit.NANOSECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops the reflector: closes its watch, cancels its list, and waits up to {@code timeout} for its thread. */
  public void stop(Duration timeout) {
    stopped = true;
    stopLatch.countDown();
    OpenWatch<T> w = currentWatch;
    if (w != null) {
      w.watch().close();
    }
    CompletableFuture<?> l = currentList;
    if (l != null) {
      l.cancel(true);
    }
    Daemons.join(thread, timeout);
  }

  /** The resourceVersion of the last state applied to the sink; empty before the first. */
  public String lastSyncResourceVersion() {
    return lastSyncResourceVersion;
  }

  /** How many times the reflector got the complete state (LIST or streaming list). */
  public long lists() {
    return lists.get();
  }

  /** How many watches it opened, streaming lists included. */
  public long watches() {
    return watches.get();
  }

  /** False once a streaming list was refused or ignored: from then on the reflector LISTs. */
  public boolean streamingListEnabled() {
    return streaming;
  }

  private void run() {
    log.debug("{}: listing and watching {}", name, path);
    while (!stopped) {
      try {
        listAndWatch();
      } catch (Stopped e) {
        break;
      } catch (RuntimeException e) {
        if (stopped) {
          break;
        }
        log.warn("{}: list and watch of {} failed, retrying after a backoff: {}", name, path, e.toString());
        failed(e);
      }
      if (!pause()) {
        break;
      }
    }
    log.debug("{}: stopped", name);
  }

  /** Waits one backoff step; false when stopped meanwhile. */
  private boolean pause() {
    Duration wait = backoff.next();
    try {
      return !stopLatch.await(wait.toNanos(), TimeUnit.NANOSECONDS) && !stopped;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Gets the state, then watches until a 410 asks for a new list (returns) or a failure (throws). */
  private void listAndWatch() {
    Watch<T> open = null;
    if (streaming) {
      open = streamList();
    }
    if (open == null) {
      list();
    }
    watchLoop(open);
  }

  /**
   * client-go's {@code watchList}: the state as ADDED events, then the initial-events-end bookmark,
   * and the same watch goes on. Null when the server refused or ignored it (the reflector falls back
   * to LIST for good).
   */
  private @Nullable Watch<T> streamList() {
    while (true) {
      checkStopped();
      String rv = lastSyncUnavailable ? "" : lastSyncResourceVersion;
      Watch<T> watch;
      try {
        watch = openWatch(Map.of("sendInitialEvents", Boolean.TRUE, "resourceVersionMatch", "NotOlderThan"), rv);
      } catch (ApiException e) {
        checkStopped();
        if (isExpired(e) && !rv.isEmpty()) {
          lastSyncUnavailable = true;
          continue;
        }
        if (e.statusCode() == 429 || e.statusCode() == 0 || e.statusCode() >= 500) {
          throw e;
        }
        log.debug("{}: the server refused the streaming list ({}); listing instead", name, e.getMessage());
        streaming = false;
        return null;
      }
      // By key, so that an object the server sends twice (an ADDED then a MODIFIED while the
      // initial events are being sent) is kept once, in its last state.
      Map<Key, T> state = new LinkedHashMap<>(1024);
      String endRv = null;
      try {
        while (endRv == null && watch.hasNext()) {
          WatchEvent<T> event = watch.next();
          T object = event.object();
          switch (event.type()) {
            case ADDED, MODIFIED -> state.put(key(object), transform.apply(object));
            case DELETED -> state.remove(key(object));
            case BOOKMARK -> {
              if ("true".equals(access.annotations(object).get(INITIAL_EVENTS_END))) {
                endRv = nonEmpty(access.resourceVersion(object));
              } else {
                // A server that ignores sendInitialEvents sends plain bookmarks: no state is coming.
                watch.close();
                log.debug("{}: the server ignored sendInitialEvents; listing instead", name);
                streaming = false;
                return null;
              }
            }
            default -> {}
          }
        }
      } catch (ApiException e) {
        watch.close();
        checkStopped();
        if (isExpired(e) && !rv.isEmpty()) {
          lastSyncUnavailable = true;
          continue;
        }
        throw e;
      }
      checkStopped();
      if (endRv == null) {
        watch.close();
        log.debug("{}: the streaming list ended without the initial-events-end bookmark; listing instead", name);
        streaming = false;
        return null;
      }
      lists.incrementAndGet();
      lastSyncResourceVersion = endRv;
      lastSyncUnavailable = false;
      sink.replace(state.values(), endRv);
      log.debug("{}: streamed {} objects at resourceVersion {}", name, state.size(), endRv);
      return watch;
    }
  }

  /** client-go's {@code Reflector.list}: paged for a consistent read, whole from the watch cache otherwise. */
  private void list() {
    while (true) {
      checkStopped();
      String rv = lastSyncUnavailable ? "" : lastSyncResourceVersion.isEmpty() ? "0" : lastSyncResourceVersion;
      try {
        Page<T> state = listAll(rv);
        succeeded();
        List<T> objects = new ArrayList<>(state.items().size());
        for (T item : state.items()) {
          objects.add(transform.apply(item));
        }
        String listRv = state.resourceVersion();
        lists.incrementAndGet();
        lastSyncResourceVersion = listRv;
        lastSyncUnavailable = false;
        sink.replace(objects, listRv);
        log.debug("{}: listed {} objects at resourceVersion {}", name, objects.size(), listRv);
        return;
      } catch (ApiException e) {
        checkStopped();
        if ((isExpired(e) || isTooLarge(e)) && !rv.isEmpty()) {
          // The resourceVersion we asked for is gone or not there yet: list the newest state.
          lastSyncUnavailable = true;
          continue;
        }
        throw e;
      }
    }
  }

  /**
   * Every page of the list at {@code rv}, as client-go's pager: pages of 500 for a consistent read
   * ({@code ""}) and for {@code "0"} (the watch cache ignores the limit then), one request
   * otherwise, so that it is served from the watch cache; a continue token that expires means one
   * full list.
   */
  private Page<T> listAll(String rv) {
    boolean paged = rv.isEmpty() || rv.equals("0");
    Page<T> first = listPage(rv, paged ? PAGE_SIZE : null, null);
    if (first.continueToken().isEmpty()) {
      return first;
    }
    List<T> all = new ArrayList<>(first.items());
    String token = first.continueToken();
    Page<T> last = first;
    while (!token.isEmpty()) {
      try {
        last = listPage(null, PAGE_SIZE, token);
      } catch (GoneException e) {
        log.debug("{}: continue token expired; listing in full", name);
        return listPage(rv, null, null);
      }
      all.addAll(last.items());
      token = last.continueToken();
    }
    return Page.combined(first.resourceVersion(), all);
  }

  private Page<T> listPage(@Nullable String rv, @Nullable Integer limit, @Nullable String token) {
    ApiRequest.Builder b = base();
    b.query("resourceVersion", rv == null || rv.isEmpty() ? null : rv);
    b.query("limit", limit);
    b.query("continue", token);
    CompletableFuture<Page<T>> call = client.executeAsync(b.build(), pageType);
    currentList = call;
    try {
      if (stopped) {
        call.cancel(true);
      }
      return call.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      throw new Stopped();
    } catch (CancellationException e) {
      throw new Stopped();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      currentList = null;
    }
  }

  /**
   * client-go's {@code Reflector.watch}: watch from the last resourceVersion; a watch the server
   * ends is reopened at once, a failure after a backoff; returns on 410 so the caller lists again.
   */
  private void watchLoop(@Nullable Watch<T> open) {
    Watch<T> watch = open;
    while (true) {
      checkStopped();
      if (watch == null) {
        try {
          watch = openWatch(Map.of(), lastSyncResourceVersion);
        } catch (ApiException e) {
          checkStopped();
          if (isExpired(e)) {
            log.debug("{}: resourceVersion {} expired; listing again", name, lastSyncResourceVersion);
            return;
          }
          log.warn("{}: watch of {} could not start ({}); retrying after a backoff", name, path, e.toString());
          failed(e);
          if (!pause()) {
            throw new Stopped();
          }
          continue;
        }
      }
      try {
        while (watch.hasNext()) {
          deliver(watch.next());
        }
        // The server ended the watch (timeoutSeconds): resume from the last resourceVersion.
      } catch (ApiException e) {
        checkStopped();
        if (isExpired(e)) {
          log.debug("{}: watch of {} ended with 410 Gone; listing again", name, path);
          return;
        }
        log.debug("{}: watch of {} broke ({}); resuming from {} after a backoff", name, path, e.toString(), lastSyncResourceVersion);
        failed(e);
        if (!pause()) {
          throw new Stopped();
        }
      } finally {
        watch.close();
        currentWatch = null;
      }
      watch = null;
    }
  }

  /** Tells the sink of a failed attempt; the caller backs off and retries. */
  private void failed(RuntimeException e) {
    failing = true;
    try {
      sink.failed(e);
    } catch (RuntimeException thrown) {
      log.warn("{}: the error handler threw", name, thrown);
    }
  }

  /** Tells the sink that an attempt succeeded after failures. */
  private void succeeded() {
    if (failing) {
      failing = false;
      sink.recovered();
    }
  }

  private void deliver(WatchEvent<T> event) {
    T object = event.object();
    String rv = access.resourceVersion(object);
    // Recorded before the sink hears of the event, so that whoever the sink tells reads a
    // resourceVersion at least as new as the change.
    if (rv != null && !rv.isEmpty()) {
      lastSyncResourceVersion = rv;
    }
    switch (event.type()) {
      case ADDED -> sink.added(transform.apply(object));
      case MODIFIED -> sink.modified(transform.apply(object));
      case DELETED -> sink.deleted(transform.apply(object));
      default -> {}
    }
  }

  private Watch<T> openWatch(Map<String, Object> extra, String rv) {
    checkStopped();
    // client-go spreads watch restarts over [5 min, 10 min) so that many clients do not reconnect together.
    long timeout = Math.max(1, (long) (minWatchTimeout.toSeconds() * (1 + ThreadLocalRandom.current().nextDouble())));
    ApiRequest.Builder b = base();
    b.query("allowWatchBookmarks", Boolean.TRUE);
    b.query("resourceVersion", rv.isEmpty() ? null : rv);
    b.query("timeoutSeconds", timeout);
    extra.forEach(b::query);
    // ApiClient asks for uncompressed watches: kube-apiserver may send a streaming list's initial
    // events as several gzip members, which OkHttp's transparent gzip cannot read.
    Watch<T> watch = client.watch(b.build(), type);
    watches.incrementAndGet();
    succeeded();
    long grace = Math.max(TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(timeout) / 10);
    currentWatch = new OpenWatch<>(watch, System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout) + grace);
    if (stopped) {
      watch.close();
      throw new Stopped();
    }
    return watch;
  }

  private ApiRequest.Builder base() {
    ApiRequest.Builder b = ApiRequest.builder("GET", path);
    for (ApiRequest.QueryParam p : selectors) {
      b.query(p.name(), p.value());
    }
    return b;
  }

  private Key key(T object) {
    return new Key(access.namespace(object), access.name(object));
  }

  /** An object's namespace and name as the server sent them; the informer checks them. */
  private record Key(@Nullable String namespace, @Nullable String name) {}

  private void checkStopped() {
    if (stopped) {
      throw new Stopped();
    }
  }

  private static String nonEmpty(@Nullable String rv) {
    return rv == null ? "" : rv;
  }

  /** client-go's {@code isExpiredError}: 410, reason Expired or Gone. */
  static boolean isExpired(ApiException e) {
    return e instanceof GoneException || e.statusCode() == 410;
  }

  /** client-go's {@code isTooLargeResourceVersionError}: the cache has not reached that resourceVersion yet. */
  static boolean isTooLarge(ApiException e) {
    V1Status status = e.status().orElse(null);
    V1StatusDetails details = status == null ? null : status.getDetails();
    if (details == null || details.getCauses() == null) {
      return false;
    }
    for (V1StatusCause cause : details.getCauses()) {
      if ("ResourceVersionTooLarge".equals(cause.getReason())) {
        return true;
      }
    }
    return false;
  }

  /** Unwinds the reflector thread after {@link #stop}. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super("stopped", null, false, false);
    }
  }
}
