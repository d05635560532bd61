package dev.kubesdk.controller;

import dev.kubesdk.controller.internal.Backoff;
import dev.kubesdk.controller.internal.Daemons;
import dev.kubesdk.controller.internal.Delivery;
import dev.kubesdk.controller.internal.IndexedStore;
import dev.kubesdk.controller.internal.ObjectAccess;
import dev.kubesdk.controller.internal.Reflector;
import dev.kubesdk.controller.internal.ReflectorSink;
import dev.kubesdk.runtime.ApiClient;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache of one collection kept equal to the server's, and the handlers told of each change:
 * client-go's {@code SharedIndexInformer}. Thread-safe; made by {@link InformerFactory#informer},
 * which shares one informer (one watch) among all users of the same {@link ListWatch}.
 *
 * <pre>{@code
 * SharedInformer<V1Pod> pods = factory.informer(ListWatch.of(
 *     core.listPodForAllNamespaces().toApiRequest(), V1Pod.class, V1Pod::getMetadata));
 * pods.addHandler(new EventHandler<>() {
 *   public void onAdd(V1Pod pod) { queue.add(ObjectKey.of(pod.getMetadata().getNamespace(), pod.getMetadata().getName())); }
 * });
 * factory.start();
 * factory.awaitSynced(Duration.ofMinutes(1));
 * List<V1Pod> shop = pods.store().inNamespace("shop");
 * }</pre>
 *
 * <p>A reflector thread ({@code informer-<resource>-reflector}) lists, then watches from the listed
 * resourceVersion, resuming from the last resourceVersion seen after a watch ends or breaks, and
 * listing again only after 410 Gone; see {@link InformerOptions} for the streaming list. Failures
 * to list or watch are retried with a backoff and reported to a {@link WatchErrorHandler} and by
 * {@link #lastError()}. Each watch
 * asks the server to end it after 5 to 10 minutes; one still open a tenth past that is taken for a
 * connection that died without a reset, closed and resumed the same way. Each change
 * is applied to the {@link #store()} before any handler hears of it. A list replaces the cache in
 * one step (a reader sees the state before it or after it, never a mix); then new objects reach handlers as adds, changed ones as updates, vanished ones as {@link Tombstone}s
 * ({@link EventHandler#onMissedDelete}); objects whose resourceVersion did not change are not
 * delivered again. Each handler runs on a thread of its own (see {@link EventHandler}).
 *
 * <p>Lifetime: {@link #start()} once (the factory does it), {@link #close()} to stop the watch and
 * the handler threads. Indexes and the transform are set before start.
 *
 * @param <T> the object type
 */
public final class SharedInformer<T> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SharedInformer.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  // client-go's minimumResyncPeriod: a shorter resync would make handlers do little else.
  private static final Duration MIN_RESYNC = Duration.ofSeconds(1);

  private final ApiClient client;
  private final ListWatch<T> listWatch;
  private final InformerOptions options;
  private final ObjectAccess<T> access;
  private final String name;
  // Held while a change is applied to the store and queued to every handler, and while a handler
  // is added or a resync queued, so that every handler sees the changes in the store's order.
  private final ReentrantLock processing = new ReentrantLock();
  private final CopyOnWriteArrayList<Delivery<T>> deliveries = new CopyOnWriteArrayList<>();
  private final CountDownLatch synced = new CountDownLatch(1);
  private final AtomicInteger handlerCount = new AtomicInteger();
  private final Map<String, Function<T, Collection<String>>> indexers = new LinkedHashMap<>();
  private volatile IndexedStore<T> store;
  private volatile UnaryOperator<T> userTransform = UnaryOperator.identity();
  private volatile @Nullable WatchErrorHandler errorHandler;
  private volatile @Nullable RuntimeException lastError;
  private volatile @Nullable Reflector<T> reflector;
  private volatile @Nullable Thread resyncThread;
  private volatile boolean started;
  private volatile boolean closed;

  SharedInformer(ApiClient client, ListWatch<T> listWatch, InformerOptions options) {
    this.client = Objects.requireNonNull(client, "client");
    this.listWatch = Objects.requireNonNull(listWatch, "listWatch");
    this.options = Objects.requireNonNull(options, "options");
    this.access = listWatch.access();
    this.name = listWatch.resource();
    indexers.put(Store.NAMESPACE_INDEX, o -> {
      String ns = access.namespace(o);
      return ns == null ? List.of() : List.of(ns);
    });
    this.store = new IndexedStore<>(indexers);
  }

  /** What this informer lists and watches. */
  public ListWatch<T> listWatch() {
    return listWatch;
  }

  /** The cache. Before the first complete state ({@link #hasSynced()}) it may be empty or partial. */
  public Store<T> store() {
    return store;
  }

  /**
   * Adds an index: {@code function} gives the values an object is found under by {@link
   * Store#byIndex}. It runs on the reflector thread, outside any lock, and must not change the
   * object.
   *
   * @throws IllegalStateException after {@link #start()}, or when the name is taken
   */
  public void addIndex(String indexName, Function<T, Collection<String>> function) {
    Objects.requireNonNull(indexName, "indexName");
    Objects.requireNonNull(function, "function");
    processing.lock();
    try {
      if (started) {
        throw new IllegalStateException("addIndex(\"" + indexName + "\") after the informer of " + listWatch + " started; add indexes first");
      }
      if (indexers.containsKey(indexName)) {
        throw new IllegalStateException("the informer of " + listWatch + " already has an index \"" + indexName + "\"");
      }
      indexers.put(indexName, function);
      store = new IndexedStore<>(indexers);
    } finally {
      processing.unlock();
    }
  }

  /**
   * Sets a function applied to every object before it is cached (client-go's {@code SetTransform}),
   * after managedFields are dropped (unless kept, see {@link InformerOptions}); it may change the
   * object in place and return it. Runs on the reflector thread.
   *
   * @throws IllegalStateException after {@link #start()}
   */
  public void setTransform(UnaryOperator<T> transform) {
    Objects.requireNonNull(transform, "transform");
    if (started) {
      throw new IllegalStateException("setTransform after the informer of " + listWatch + " started");
    }
    this.userTransform = transform;
  }

  /**
   * Sets the handler told of every failed attempt to list or watch (client-go's {@code
   * SetWatchErrorHandler}); by default failures are only logged (WARN) and retried. See {@link
   * #lastError()} for the same as a state.
   *
   * @throws IllegalStateException after {@link #start()}
   */
  public void setWatchErrorHandler(WatchErrorHandler handler) {
    Objects.requireNonNull(handler, "handler");
    if (started) {
      throw new IllegalStateException("setWatchErrorHandler after the informer of " + listWatch + " started");
    }
    this.errorHandler = handler;
  }

  /**
   * The failure of the last attempt to list or watch, while the informer is retrying; empty once a
   * list or watch succeeded again, and before any failure. A health check reads this: present for
   * long means the cache is not following the server (RBAC, a missing resource, an unreachable
   * server).
   */
  public Optional<RuntimeException> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** Adds {@code handler} with the options' default resync period; see {@link #addHandler(EventHandler, Duration)}. */
  public HandlerRegistration addHandler(EventHandler<T> handler) {
    return addHandler(handler, options.defaultResync());
  }

  /**
   * Adds {@code handler}, resynced every {@code resync} (zero for never; at least 1 s otherwise). A
   * handler added after the informer synced first gets an add for every cached object. Handlers run
   * on their own thread each, see {@link EventHandler}.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public HandlerRegistration addHandler(EventHandler<T> handler, Duration resync) {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(resync, "resync");
    if (resync.isNegative()) {
      throw new IllegalArgumentException("resync must not be negative: " + resync);
    }
    Duration period = resync.isZero() || resync.compareTo(MIN_RESYNC) >= 0 ? resync : MIN_RESYNC;
    Delivery<T> delivery = new Delivery<>(handler, period, "informer-" + name + "-handler-" + handlerCount.incrementAndGet());
    processing.lock();
    try {
      if (closed) {
        throw new IllegalStateException("addHandler after the informer of " + listWatch + " was closed");
      }
      delivery.start();
      if (hasSynced()) {
        for (T object : store.list()) {
          delivery.add(object);
        }
        delivery.syncedMarker();
      }
      deliveries.add(delivery);
    } finally {
      processing.unlock();
    }
    if (!period.isZero()) {
      startResync();
    }
    return new Registration(delivery);
  }

  /** True once the first complete state (list or streaming list) is in the store. */
  public boolean hasSynced() {
    return synced.getCount() == 0;
  }

  /**
   * Waits up to {@code timeout} for {@link #hasSynced()}; true when synced. When interrupted it
   * returns false with the interrupt flag set.
   */
  public boolean awaitSynced(Duration timeout) {
    try {
      return synced.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The resourceVersion the cache is at; empty before the first state. */
  public String lastSyncResourceVersion() {
    Reflector<T> r = reflector;
    return r == null ? "" : r.lastSyncResourceVersion();
  }

  /** How many times the complete state was fetched: 1 after the first sync, more after each 410. */
  public long lists() {
    Reflector<T> r = reflector;
    return r == null ? 0 : r.lists();
  }

  /** Starts the reflector; a second call does nothing. */
  public void start() {
    processing.lock();
    try {
      if (started || closed) {
        return;
      }
      started = true;
      UnaryOperator<T> user = userTransform;
      UnaryOperator<T> transform = options.keepManagedFields() ? user : o -> user.apply(access.stripManagedFields(o));
      Reflector<T> r =
          new Reflector<>(
              client,
              new Reflector.Source<>(name, listWatch.path(), listWatch.selectors(), listWatch.type(), access, transform),
              new Sink(),
              new Reflector.Settings(options.streamingList(), Backoff.reflector(), Reflector.MIN_WATCH_TIMEOUT));
      reflector = r;
      r.start();
    } finally {
      processing.unlock();
    }
  }

  /** Stops the watch and every handler thread; waits a few seconds for them. */
  @Override
  public void close() {
    processing.lock();
    try {
      closed = true;
    } finally {
      processing.unlock();
    }
    Reflector<T> r = reflector;
    if (r != null) {
      r.stop(STOP_TIMEOUT);
    }
    Thread t = resyncThread;
    if (t != null) {
      t.interrupt();
    }
    for (Delivery<T> d : deliveries) {
      d.stop();
    }
    for (Delivery<T> d : deliveries) {
      d.join(STOP_TIMEOUT);
    }
  }

  @Override
  public String toString() {
    return "SharedInformer[" + listWatch + (hasSynced() ? ", synced, " + store.size() + " objects" : ", not synced") + "]";
  }

  private void startResync() {
    processing.lock();
    try {
      if (resyncThread != null || closed) {
        return;
      }
      resyncThread = Daemons.start("informer-" + name + "-resync", this::resyncLoop);
    } finally {
      processing.unlock();
    }
  }

  /** client-go's {@code resyncCheckPeriod}: wake at the shortest period and resync the handlers due. */
  private void resyncLoop() {
    while (!closed) {
      long check = Long.MAX_VALUE;
      for (Delivery<T> d : deliveries) {
        if (d.resyncNanos() > 0) {
          check = Math.min(check, d.resyncNanos());
        }
      }
      try {
        TimeUnit.NANOSECONDS.sleep(check == Long.MAX_VALUE ? MIN_RESYNC.toNanos() : Math.max(check / 2, MIN_RESYNC.toNanos() / 2));
      } catch (InterruptedException e) {
        return;
      }
      if (!hasSynced()) {
        continue;
      }
      processing.lock();
      try {
        long now = System.nanoTime();
        List<T> objects = null;
        for (Delivery<T> d : deliveries) {
          if (d.resyncDue(now)) {
            if (objects == null) {
              objects = store.list();
            }
            for (T o : objects) {
              d.update(o, o);
            }
          }
        }
      } finally {
        processing.unlock();
      }
    }
  }

  private @Nullable ObjectKey keyOf(T object) {
    String n = access.name(object);
    if (n == null || n.isEmpty()) {
      log.warn("informer of {}: an object without metadata.name cannot be cached; skipped", listWatch);
      return null;
    }
    return new ObjectKey(access.namespace(object), n);
  }

  private boolean sameVersion(T a, T b) {
    String ra = access.resourceVersion(a);
    return ra != null && !ra.isEmpty() && ra.equals(access.resourceVersion(b));
  }

  /** client-go's {@code processDeltas}: store first, then every handler, in one critical section. */
  private void upsert(T object) {
    ObjectKey key = keyOf(object);
    if (key == null) {
      return;
    }
    T old = store.put(key, object);
    if (old == null) {
      for (Delivery<T> d : deliveries) {
        d.add(object);
      }
    } else if (!sameVersion(old, object)) {
      for (Delivery<T> d : deliveries) {
        d.update(old, object);
      }
    }
  }

  /** The reflector's view of this informer. Runs on the reflector thread only. */
  private final class Sink implements ReflectorSink<T> {
    @Override
    public void replace(Collection<T> objects, String resourceVersion) {
      // Keys and index values are computed before the lock, the store changes under one write
      // lock, and only then are handlers told: a complete list of 10,000 objects is one critical
      // section, not 10,000.
      Map<ObjectKey, T> state = new LinkedHashMap<>(Math.max(16, (int) (objects.size() / 0.75f) + 1));
      for (T object : objects) {
        ObjectKey key = keyOf(object);
        if (key != null) {
          state.put(key, object);
        }
      }
      processing.lock();
      try {
        IndexedStore.Replaced<T> replaced = store.replace(state);
        if (!deliveries.isEmpty()) {
          for (Map.Entry<ObjectKey, T> e : state.entrySet()) {
            T object = e.getValue();
            T old = replaced.previous().get(e.getKey());
            if (old == null) {
              for (Delivery<T> d : deliveries) {
                d.add(object);
              }
            } else if (!sameVersion(old, object)) {
              for (Delivery<T> d : deliveries) {
                d.update(old, object);
              }
            }
          }
          for (Map.Entry<ObjectKey, T> e : replaced.removed().entrySet()) {
            Tombstone<T> tombstone = new Tombstone<>(e.getKey(), e.getValue());
            for (Delivery<T> d : deliveries) {
              d.missedDelete(tombstone);
            }
          }
        }
        if (!hasSynced()) {
          for (Delivery<T> d : deliveries) {
            d.syncedMarker();
          }
          synced.countDown();
          log.debug("informer of {}: synced, {} objects at resourceVersion {}", listWatch, state.size(), resourceVersion);
        }
      } finally {
        processing.unlock();
      }
    }

    @Override
    public void added(T object) {
      processing.lock();
      try {
        upsert(object);
      } finally {
        processing.unlock();
      }
    }

    @Override
    public void modified(T object) {
      added(object);
    }

    @Override
    public void failed(RuntimeException error) {
      lastError = error;
      WatchErrorHandler handler = errorHandler;
      if (handler != null) {
        handler.onError(listWatch, error);
      }
    }

    @Override
    public void recovered() {
      lastError = null;
    }

    @Override
    public void deleted(T object) {
      ObjectKey key = keyOf(object);
      if (key == null) {
        return;
      }
      processing.lock();
      try {
        if (store.remove(key) != null) {
          for (Delivery<T> d : deliveries) {
            d.delete(object);
          }
        }
      } finally {
        processing.unlock();
      }
    }
  }

  private final class Registration implements HandlerRegistration {
    private final Delivery<T> delivery;

    Registration(Delivery<T> delivery) {
      this.delivery = delivery;
    }

    @Override
    public boolean hasSynced() {
      return delivery.hasSynced();
    }

    @Override
    public boolean awaitSynced(Duration timeout) {
      try {
        return delivery.awaitSynced(timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    @Override
    public void remove() {
      deliveries.remove(delivery);
      delivery.stop();
    }
  }
}
