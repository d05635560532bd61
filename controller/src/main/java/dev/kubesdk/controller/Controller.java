package dev.kubesdk.controller;

import dev.kubesdk.api.model.V1OwnerReference;
import dev.kubesdk.controller.internal.Daemons;
import dev.kubesdk.controller.internal.ObjectAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reconcile loop: informers turn changes of a primary resource (and of the resources it owns, or
 * any other mapped to it) into keys on a {@link WorkQueue}, and N workers hand each key to a {@link
 * Reconciler}, retrying with backoff on failure or when asked. The shape of client-go's
 * sample-controller and controller-runtime's builder. Thread-safe.
 *
 * <pre>{@code
 * Controller controller = Controller.builder(factory, deployments)
 *     .owns(replicaSets, "Deployment")
 *     .workers(2)
 *     .reconciler(key -> {
 *       Optional<V1Deployment> d = factory.informer(deployments).store().get(key);
 *       ...
 *       return Result.done();
 *     })
 *     .build();
 * controller.start();          // starts the informers, waits for their caches, starts the workers
 * ...
 * controller.close();          // lets the workers finish what is queued, then stops them
 * }</pre>
 *
 * <p>Keys are {@link ObjectKey}s of the primary resource. Workers are daemon threads {@code
 * controller-<name>-worker-<n>}; a key is never reconciled on two of them at once. The informers
 * belong to the factory: closing the controller leaves them running for their other users.
 */
public final class Controller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Controller.class);

  private final String name;
  private final InformerFactory factory;
  private final List<Source<?>> sources;
  private final Reconciler reconciler;
  private final int workers;
  private final Duration syncTimeout;
  private final Duration drainTimeout;
  private final WorkQueue<ObjectKey> queue;
  private final List<HandlerRegistration> registrations = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final Object lifecycle = new Object();
  private boolean started;
  private boolean closed;

  private Controller(Builder b) {
    this.name = b.name;
    this.factory = b.factory;
    this.sources = List.copyOf(b.sources);
    this.reconciler = Objects.requireNonNull(b.reconciler, "reconciler");
    this.workers = b.workers;
    this.syncTimeout = b.syncTimeout;
    this.drainTimeout = b.drainTimeout;
    this.queue = WorkQueue.<ObjectKey>builder().rateLimiter(b.rateLimiter).build();
  }

  /**
   * A builder for a controller of the {@code primary} resource, whose informers come from {@code
   * factory}.
   */
  public static <T> Builder builder(InformerFactory factory, ListWatch<T> primary) {
    return new Builder(factory, primary);
  }

  /** The work queue of the primary keys: add to it to have a key reconciled. */
  public WorkQueue<ObjectKey> queue() {
    return queue;
  }

  /**
   * Adds the handlers, starts the factory's informers, waits until the handlers were given every
   * cached object, then starts the workers.
   *
   * @throws IllegalStateException when the caches did not sync within the builder's {@code
   *     syncTimeout}, or after {@link #close()}
   */
  public void start() {
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("controller " + name + " was closed");
      }
      if (started) {
        return;
      }
      started = true;
      for (Source<?> source : sources) {
        registrations.add(source.register(factory, queue));
      }
    }
    factory.start();
    long deadline = System.nanoTime() + syncTimeout.toNanos();
    for (HandlerRegistration r : registrations) {
      if (!r.awaitSynced(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        throw new IllegalStateException("controller " + name + ": the informer caches did not sync within " + syncTimeout + "; is the API server reachable, and may this identity list and watch?");
      }
    }
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      for (int i = 1; i <= workers; i++) {
        threads.add(Daemons.start("controller-" + name + "-worker-" + i, this::work));
      }
    }
    log.debug("controller {}: caches synced, {} workers started", name, workers);
  }

  /**
   * Stops the controller: no new keys; workers finish the queued ones (up to the builder's {@code
   * drainTimeout}), then end; the handlers are removed from the informers.
   */
  @Override
  public void close() {
    List<Thread> running;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      running = List.copyOf(threads);
    }
    for (HandlerRegistration r : registrations) {
      r.remove();
    }
    if (!queue.shutDownAndDrain(drainTimeout)) {
      log.debug("controller {}: workers still busy after {}; stopping them", name, drainTimeout);
    }
    for (Thread t : running) {
      t.interrupt();
    }
    for (Thread t : running) {
      Daemons.join(t, Duration.ofSeconds(5));
    }
  }

  @Override
  public String toString() {
    return "Controller[" + name + ", " + workers + " workers, " + queue + "]";
  }

  private void work() {
    while (true) {
      Optional<ObjectKey> next;
      try {
        next = queue.take();
      } catch (IllegalStateException interrupted) {
        return;
      }
      if (next.isEmpty()) {
        return;
      }
      ObjectKey key = next.get();
      try {
        Result result = reconciler.reconcile(key);
        if (result.rateLimitedRequeue()) {
          queue.addRateLimited(key);
        } else if (result.requeueDelay().isPresent()) {
          queue.forget(key);
          queue.addAfter(key, result.requeueDelay().get());
        } else {
          queue.forget(key);
        }
      } catch (RuntimeException e) {
        log.warn("controller {}: reconciling {} failed (retry {} after backoff)", name, key, queue.requeues(key) + 1, e);
        queue.addRateLimited(key);
      } finally {
        queue.done(key);
      }
    }
  }

  /** One informer and how its objects map to primary keys. */
  private record Source<T>(ListWatch<T> listWatch, Function<T, Collection<ObjectKey>> keys) {
    HandlerRegistration register(InformerFactory factory, WorkQueue<ObjectKey> queue) {
      return factory.informer(listWatch).addHandler(new Enqueue<>(keys, queue));
    }
  }

  /** Puts the keys an object maps to on the queue, for every kind of change. */
  private record Enqueue<T>(Function<T, Collection<ObjectKey>> keys, WorkQueue<ObjectKey> queue) implements EventHandler<T> {
    private void enqueue(T object) {
      for (ObjectKey key : keys.apply(object)) {
        queue.add(key);
      }
    }

    @Override
    public void onAdd(T object) {
      enqueue(object);
    }

    @Override
    public void onUpdate(T oldObject, T newObject) {
      enqueue(oldObject);
      enqueue(newObject);
    }

    @Override
    public void onDelete(T lastState) {
      enqueue(lastState);
    }
  }

  /** Builds a {@link Controller}. Mutable and not thread-safe. */
  public static final class Builder {
    private final InformerFactory factory;
    private final List<Source<?>> sources = new ArrayList<>();
    private String name;
    private @Nullable Reconciler reconciler;
    private int workers = 1;
    private Duration syncTimeout = Duration.ofMinutes(2);
    private Duration drainTimeout = Duration.ofSeconds(30);
    private RateLimiter<ObjectKey> rateLimiter = RateLimiter.controllerDefault();

    private <T> Builder(InformerFactory factory, ListWatch<T> primary) {
      this.factory = Objects.requireNonNull(factory, "factory");
      Objects.requireNonNull(primary, "primary");
      ObjectAccess<T> access = primary.access();
      this.name = primary.resource();
      sources.add(new Source<>(primary, o -> List.of(keyOf(access, o))));
    }

    /**
     * Also reconciles the owner of each {@code owned} object: the owner reference with {@code
     * controller: true} and kind {@code ownerKind} (e.g. {@code "Deployment"}) names the primary
     * key, in the owned object's namespace.
     */
    public <O> Builder owns(ListWatch<O> owned, String ownerKind) {
      Objects.requireNonNull(owned, "owned");
      Objects.requireNonNull(ownerKind, "ownerKind");
      ObjectAccess<O> access = owned.access();
      sources.add(
          new Source<>(
              owned,
              o -> {
                List<ObjectKey> out = new ArrayList<>(1);
                for (V1OwnerReference ref : access.ownerReferences(o)) {
                  if (Boolean.TRUE.equals(ref.getController()) && ownerKind.equals(ref.getKind()) && ref.getName() != null) {
                    out.add(new ObjectKey(access.namespace(o), ref.getName()));
                  }
                }
                return out;
              }));
      return this;
    }

    /** Also reconciles the keys {@code keys} maps each object of {@code other} to. */
    public <O> Builder watches(ListWatch<O> other, Function<O, Collection<ObjectKey>> keys) {
      sources.add(new Source<>(Objects.requireNonNull(other, "other"), Objects.requireNonNull(keys, "keys")));
      return this;
    }

    /** The reconciler; required. */
    public Builder reconciler(Reconciler reconciler) {
      this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
      return this;
    }

    /** How many keys are reconciled at once; default 1. */
    public Builder workers(int workers) {
      if (workers < 1) {
        throw new IllegalArgumentException("workers must be at least 1, not " + workers);
      }
      this.workers = workers;
      return this;
    }

    /** For thread names and logs; default the primary resource's plural. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** How long {@link Controller#start()} waits for the caches; default 2 minutes. */
    public Builder syncTimeout(Duration timeout) {
      this.syncTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How long {@link Controller#close()} lets the workers finish queued keys; default 30 s. */
    public Builder drainTimeout(Duration timeout) {
      this.drainTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The backoff of failed keys; default {@link RateLimiter#controllerDefault()}. */
    public Builder rateLimiter(RateLimiter<ObjectKey> rateLimiter) {
      this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
      return this;
    }

    /**
     * The controller, not started.
     *
     * @throws IllegalStateException when no reconciler was set
     */
    public Controller build() {
      if (reconciler == null) {
        throw new IllegalStateException("reconciler is required: call reconciler(key -> ...)");
      }
      return new Controller(this);
    }

    private static <T> ObjectKey keyOf(ObjectAccess<T> access, T object) {
      return new ObjectKey(access.namespace(object), Objects.requireNonNull(access.name(object), "metadata.name"));
    }
  }
}
