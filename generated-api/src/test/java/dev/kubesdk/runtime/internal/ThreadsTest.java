package dev.kubesdk.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Run on Java 17, 21 and 25 by the build: each asserts what its own runtime must do. */
class ThreadsTest {
  private static final boolean JAVA_21 = Runtime.version().feature() >= 21;

  @Test
  void backgroundWorkRunsOnVirtualThreadsFromJava21AndOnPlatformDaemonsBefore() throws Exception {
    CompletableFuture<Thread> ran = new CompletableFuture<>();

    Thread t = Threads.start("informer-pods-reflector", () -> ran.complete(Thread.currentThread()));

    assertThat(ran.get(10, TimeUnit.SECONDS)).isSameAs(t);
    assertThat(t.getName()).isEqualTo("informer-pods-reflector");
    assertThat(t.isDaemon()).isTrue();
    assertThat(isVirtual(t)).isEqualTo(JAVA_21);
    assertThat(Threads.virtual()).isEqualTo(JAVA_21);
  }

  @Test
  void thePropertyTurnsVirtualThreadsOffAndJava17NeverHasThem() {
    assertThat(Threads.virtualFactory(Runtime.version().feature(), "false")).isNull();
    assertThat(Threads.virtualFactory(17, null)).isNull();
    assertThat(Threads.virtualFactory(Runtime.version().feature(), null) != null).isEqualTo(JAVA_21);
  }

  private static boolean isVirtual(Thread t) throws Exception {
    if (!JAVA_21) {
      return false;
    }
    return (boolean) Thread.class.getMethod("isVirtual").invoke(t);
  }
}
