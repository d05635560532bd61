package dev.kubesdk.controller.internal;

import dev.kubesdk.runtime.internal.Threads;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The threads informers, controllers and leader electors run on: named daemon threads ({@link
 * Threads}), so that a forgotten {@code close()} never keeps a JVM alive, and a bounded join for
 * their shutdown.
 */
public final class Daemons {
  private Daemons() {}

  /**
   * Starts {@code task} on a new thread called {@code name}: a virtual thread on Java 21+ (an
   * informer's threads spend their life blocked in a watch read), a platform daemon before.
   */
  public static Thread start(String name, Runnable task) {
    return Threads.start(name, task);
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
