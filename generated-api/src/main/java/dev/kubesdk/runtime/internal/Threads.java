package dev.kubesdk.runtime.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads the client's background work runs on: watches and informers, controller workers,
 * port-forward connections, asynchronous calls. On Java 21 and later they are virtual threads, so
 * that a process with hundreds of informers or forwarded connections does not hold hundreds of
 * platform threads and their stacks, each blocked in a socket read; on Java 17 they are platform
 * daemon threads. Either way a forgotten {@code close()} never keeps the JVM alive (virtual threads
 * are always daemons). {@code -Dkubesdk.virtualThreads=false} keeps platform threads on any Java.
 *
 * <p>The code is compiled for Java 17, so the virtual thread builder is found by reflection once.
 */
public final class Threads {
  private static final Logger log = LoggerFactory.getLogger(Threads.class);

  /** The system property that turns virtual threads off when {@code false}. */
  public static final String PROPERTY = "kubesdk.virtualThreads";

  private static final @Nullable ThreadFactory VIRTUAL = virtualFactory(Runtime.version().feature(), System.getProperty(PROPERTY));

  private Threads() {}

  /** Whether {@link #start} makes virtual threads in this JVM. */
  public static boolean virtual() {
    return VIRTUAL != null;
  }

  /** Starts {@code task} on a new thread called {@code name}: virtual on Java 21+, else a platform daemon. */
  public static Thread start(String name, Runnable task) {
    Thread t = newThread(name, task);
    t.start();
    return t;
  }

  /** A factory of such threads, each called {@code name}. */
  public static ThreadFactory factory(String name) {
    return task -> newThread(name, task);
  }

  private static Thread newThread(String name, Runnable task) {
    Thread t;
    if (VIRTUAL != null) {
      t = VIRTUAL.newThread(task);
      t.setName(name);
    } else {
      t = new Thread(task, name);
      t.setDaemon(true);
    }
    return t;
  }

  /** The virtual thread factory for a runtime of {@code feature} version, or null for platform threads. */
  static @Nullable ThreadFactory virtualFactory(int feature, @Nullable String property) {
    if (feature < 21 || "false".equalsIgnoreCase(property)) {
      return null;
    }
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Method factory = Class.forName("java.lang.Thread$Builder").getMethod("factory");
      return (ThreadFactory) factory.invoke(builder);
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("no virtual threads on Java {}; using platform threads: {}", feature, e.toString());
      return null;
    }
  }
}
