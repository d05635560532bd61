package dev.kubesdk.controller;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue of work items for controller workers: de-duplicating, delaying and rate-limited, as
 * client-go's {@code workqueue.TypedRateLimitingInterface}. Thread-safe; share one among a
 * controller's workers.
 *
 * <pre>{@code
 * WorkQueue<ObjectKey> queue = WorkQueue.create();
 * // worker threads:
 * for (Optional<ObjectKey> key; (key = queue.take()).isPresent(); ) {
 *   try {
 *     reconcile(key.get());
 *     queue.forget(key.get());
 *   } catch (RuntimeException e) {
 *     queue.addRateLimited(key.get());
 *   } finally {
 *     queue.done(key.get());
 *   }
 * }
 * }</pre>
 *
 * <p>Semantics of client-go's queue: an item added again before a worker took it is queued once;
 * an item added while a worker processes it is queued again when that worker calls {@link
 * #done}, never handed to two workers at once; items come out in the order they were first added.
 * {@link #addAfter} holds an item back (the earliest of several delays wins) and {@link
 * #addRateLimited} holds it back as long as the {@link RateLimiter} says, {@link
 * RateLimiter#controllerDefault()} unless the builder sets another.
 *
 * <p>{@link #shutDown()} refuses new items and drops delayed ones; workers still get the items
 * already queued, then {@link #take()} answers empty. {@link #shutDownAndDrain} also waits for the
 * workers to finish them.
 *
 * @param <K> the item type: a value with {@code equals} and {@code hashCode}, typically {@link
 *     ObjectKey}
 */
public final class WorkQueue<K> {
  private final RateLimiter<K> rateLimiter;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<K> queue = new ArrayDeque<>();
  private final Set<K> dirty = new HashSet<>();
  private final Set<K> processing = new HashSet<>();
  private final PriorityQueue<Waiting<K>> waiting = new PriorityQueue<>();
  private final Map<K, Waiting<K>> waitingByItem = new HashMap<>();
  private long sequence;
  private boolean shuttingDown;

  private WorkQueue(Builder<K> b) {
    this.rateLimiter = b.rateLimiter;
  }

  /** A queue with {@link RateLimiter#controllerDefault()}. */
  public static <K> WorkQueue<K> create() {
    return WorkQueue.<K>builder().build();
  }

  /** A builder for a queue. */
  public static <K> Builder<K> builder() {
    return new Builder<>();
  }

  /** Queues {@code item} unless it is queued already; ignored after {@link #shutDown()}. */
  public void add(K item) {
    Objects.requireNonNull(item, "item");
    lock.lock();
    try {
      insert(item);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues {@code item} after {@code delay}; at once when the delay is zero or negative. When the
   * item is already held back, the earlier time wins (client-go's {@code AddAfter}).
   */
  public void addAfter(K item, Duration delay) {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.isZero()) {
      add(item);
      return;
    }
    lock.lock();
    try {
      if (shuttingDown) {
        return;
      }
      long readyAt = System.nanoTime() + delay.toNanos();
      Waiting<K> existing = waitingByItem.get(item);
      if (existing != null) {
        if (readyAt - existing.readyAt >= 0) {
          return;
        }
        waiting.remove(existing);
      }
      Waiting<K> w = new Waiting<>(item, readyAt, sequence++);
      waiting.add(w);
      waitingByItem.put(item, w);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Queues {@code item} after the rate limiter's delay for it, counting a failure. */
  public void addRateLimited(K item) {
    addAfter(item, rateLimiter.when(item));
  }

  /** Forgets {@code item}'s failures, so its next retry waits the shortest delay again. */
  public void forget(K item) {
    rateLimiter.forget(item);
  }

  /** The failures of {@code item} the rate limiter counts. */
  public int requeues(K item) {
    return rateLimiter.requeues(item);
  }

  /**
   * Waits for the next item and marks it as being processed: call {@link #done} with it when
   * finished. Empty once the queue is shut down and holds nothing more.
   *
   * @throws IllegalStateException when interrupted (the interrupt flag is kept)
   */
  public Optional<K> take() {
    lock.lock();
    try {
      while (true) {
        long nextReady = promote();
        K item = queue.poll();
        if (item != null) {
          dirty.remove(item);
          processing.add(item);
          return Optional.of(item);
        }
        if (shuttingDown) {
          return Optional.empty();
        }
        if (nextReady == Long.MAX_VALUE) {
          changed.await();
        } else {
          changed.awaitNanos(Math.max(1, nextReady - System.nanoTime()));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a work item", e);
    } finally {
      lock.unlock();
    }
  }

  /** Ends the processing of {@code item}; when it was added meanwhile, it is queued again. */
  public void done(K item) {
    Objects.requireNonNull(item, "item");
    lock.lock();
    try {
      processing.remove(item);
      if (dirty.contains(item)) {
        queue.add(item);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** How many items are queued and ready, not counting those held back or being processed. */
  public int size() {
    lock.lock();
    try {
      promote();
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** True after {@link #shutDown()}. */
  public boolean isShutDown() {
    lock.lock();
    try {
      return shuttingDown;
    } finally {
      lock.unlock();
    }
  }

  /** Refuses new items, drops held-back ones, and wakes waiting workers once the queue is empty. */
  public void shutDown() {
    lock.lock();
    try {
      shuttingDown = true;
      waiting.clear();
      waitingByItem.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@link #shutDown()}, then waits up to {@code timeout} for the workers to process what is queued
   * and finish what they hold (client-go's {@code ShutDownWithDrain}); true when they did.
   */
  public boolean shutDownAndDrain(Duration timeout) {
    shutDown();
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!queue.isEmpty() || !processing.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(left);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    lock.lock();
    try {
      return "WorkQueue{queued=" + queue.size() + ", processing=" + processing.size() + ", delayed=" + waiting.size() + (shuttingDown ? ", shut down" : "") + "}";
    } finally {
      lock.unlock();
    }
  }

  /** client-go's {@code Type.Add}. Lock held. */
  private void insert(K item) {
    if (shuttingDown || dirty.contains(item)) {
      return;
    }
    dirty.add(item);
    if (processing.contains(item)) {
      return;
    }
    queue.add(item);
    changed.signal();
  }

  /** Moves held-back items that are due into the queue; the time the next one is due, or MAX_VALUE. Lock held. */
  private long promote() {
    long now = System.nanoTime();
    Waiting<K> w;
    while ((w = waiting.peek()) != null) {
      if (w.readyAt - now > 0) {
        return w.readyAt;
      }
      waiting.poll();
      waitingByItem.remove(w.item);
      insert(w.item);
    }
    return Long.MAX_VALUE;
  }

  private record Waiting<K>(K item, long readyAt, long sequence) implements Comparable<Waiting<K>> {
    @Override
    public int compareTo(Waiting<K> o) {
      int byTime = Long.compare(readyAt - o.readyAt, 0);
      return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
    }
  }

  /** Builds a {@link WorkQueue}. Mutable and not thread-safe. */
  public static final class Builder<K> {
    private RateLimiter<K> rateLimiter = RateLimiter.controllerDefault();

    private Builder() {}

    /** The rate limiter behind {@link #addRateLimited}; default {@link RateLimiter#controllerDefault()}. */
    public Builder<K> rateLimiter(RateLimiter<K> rateLimiter) {
      this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
      return this;
    }

    /** The queue. */
    public WorkQueue<K> build() {
      return new WorkQueue<>(this);
    }
  }
}
