package dev.kubesdk.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/** What a callback was told, as lines of text, recorded from any thread; a test waits on it. */
public final class Calls {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<String> calls = new ArrayList<>();

  /** Records one call. */
  public void add(String call) {
    lock.lock();
    try {
      calls.add(call);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The calls so far. */
  public List<String> all() {
    lock.lock();
    try {
      return List.copyOf(calls);
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to 10 s for {@code condition} on the calls so far and returns them. */
  public List<String> await(Predicate<List<String>> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    lock.lock();
    try {
      while (!condition.test(calls)) {
        long left = deadline - System.nanoTime();
        assertThat(left).as("waited 10 s; calls so far: %s", calls).isPositive();
        changed.awaitNanos(left);
      }
      return List.copyOf(calls);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      lock.unlock();
    }
  }
}
