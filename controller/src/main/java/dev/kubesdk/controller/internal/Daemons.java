package dev.kubesdk.controller.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The threads informers, controllers and leader electors run on: named daemon threads, so that a
 * forgotten {@code close()} never keeps a JVM alive, and a bounded join for their shutdown.
 */
public final class Daemons {
  private Daemons() {}

  /** Starts {@code task} on a new daemon thread called {@code name}. */
  public static Thread start(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * Waits up to {@code timeout} for {@code thread} to end; returns at once for null or the calling
   * thread itself. An interrupt ends the wait and stays set.
   */
  public static void join(@Nullable Thread thread, Duration timeout) {
    if (thread == null || thread == Thread.currentThread()) {
      return;
    }
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
