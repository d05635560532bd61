package dev.kubesdk.controller.internal;

import dev.kubesdk.controller.EventHandler;
import dev.kubesdk.controller.Tombstone;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one handler's notifications on a thread of its own, in order: client-go's {@code
 * processorListener}, whose unbounded buffer lets a slow handler fall behind without holding up the
 * informer or the other handlers. Thread-safe: the informer adds notifications under its own lock,
 * the delivery thread takes them under this one's, and the handler runs under no lock.
 *
 * @param <T> the object type
 */
public final class Delivery<T> {
  private static final Logger log = LoggerFactory.getLogger(Delivery.class);

  private final EventHandler<T> handler;
  private final String threadName;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition pendingChanged = lock.newCondition();
  private final ArrayDeque<Note<T>> pending = new ArrayDeque<>();
  private final CountDownLatch synced = new CountDownLatch(1);
  private final long resyncNanos;
  private boolean stopped;
  private boolean busy;
  private long nextResyncNanos;
  private volatile @Nullable Thread thread;

  /** A delivery to {@code handler}; {@code resync} zero for none. */
  public Delivery(EventHandler<T> handler, Duration resync, String threadName) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.resyncNanos = resync.toNanos();
    this.threadName = threadName;
    this.nextResyncNanos = System.nanoTime() + resyncNanos;
  }

  /** Starts the delivery thread. */
  public void start() {
    thread = Daemons.start(threadName, this::run);
  }

  /** Stops after the notification being delivered; pending ones are dropped. */
  public void stop() {
    lock.lock();
    try {
      stopped = true;
      pending.clear();
      pendingChanged.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code timeout} for the delivery thread to end after {@link #stop()}. */
  public void join(Duration timeout) {
    Daemons.join(thread, timeout);
  }

  /** The handler's resync period in nanoseconds; zero for none. */
  public long resyncNanos() {
    return resyncNanos;
  }

  /** True when this handler's resync is due at {@code now}; moves the next one on. Informer lock only. */
  public boolean resyncDue(long now) {
    if (resyncNanos <= 0 || now - nextResyncNanos < 0) {
      return false;
    }
    nextResyncNanos = now + resyncNanos;
    return true;
  }

  /** True once the handler has been given every object of the informer's first complete state. */
  public boolean hasSynced() {
    return synced.getCount() == 0;
  }

  /** Waits up to {@code timeout} for {@link #hasSynced()}. */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    return synced.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** True while nothing is pending and the handler is not running: for tests and drains. */
  public boolean idle() {
    lock.lock();
    try {
      return pending.isEmpty() && !busy;
    } finally {
      lock.unlock();
    }
  }

  public void add(T object) {
    offer(new Note<>(Kind.ADD, null, object, null));
  }

  public void update(T oldObject, T newObject) {
    offer(new Note<>(Kind.UPDATE, oldObject, newObject, null));
  }

  public void delete(T object) {
    offer(new Note<>(Kind.DELETE, null, object, null));
  }

  public void missedDelete(Tombstone<T> tombstone) {
    offer(new Note<>(Kind.MISSED_DELETE, null, tombstone.lastKnown(), tombstone));
  }

  /** Marks the end of the first complete state: {@link #hasSynced()} turns true when it is reached. */
  public void syncedMarker() {
    offer(new Note<>(Kind.SYNCED, null, null, null));
  }

  private void offer(Note<T> note) {
    lock.lock();
    try {
      if (stopped) {
        return;
      }
      pending.add(note);
      pendingChanged.signal();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (true) {
      Note<T> note;
      lock.lock();
      try {
        busy = false;
        while (pending.isEmpty() && !stopped) {
          pendingChanged.awaitUninterruptibly();
        }
        if (stopped) {
          return;
        }
        note = pending.poll();
        busy = true;
      } finally {
        lock.unlock();
      }
      deliver(note);
    }
  }

  private void deliver(Note<T> note) {
    try {
      switch (note.kind) {
        case ADD -> handler.onAdd(note.object);
        case UPDATE -> handler.onUpdate(note.old, note.object);
        case DELETE -> handler.onDelete(note.object);
        case MISSED_DELETE -> handler.onMissedDelete(note.tombstone);
        case SYNCED -> synced.countDown();
      }
    } catch (RuntimeException e) {
      // client-go's HandleCrash would end the process; a library must not. The handler saw the
      // notification; the next one is delivered.
      log.warn("{}: event handler {} threw on {}", threadName, handler, note.kind, e);
    }
  }

  private enum Kind {
    ADD,
    UPDATE,
    DELETE,
    MISSED_DELETE,
    SYNCED
  }

  // Which parts are set depends on the kind; deliver() reads only those.
  @SuppressWarnings("nullness")
  private record Note<T>(Kind kind, @Nullable T old, @Nullable T object, @Nullable Tombstone<T> tombstone) {}
}
