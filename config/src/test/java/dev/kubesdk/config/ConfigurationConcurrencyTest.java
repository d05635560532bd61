package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConfigurationConcurrencyTest {

  @Test
  void concurrentSetDefaultAndGetDefaultCopyAlwaysSeeAWholeValueThatWasSet() throws Exception {
    int writers = 4;
    int perWriter = 500;
    List<Configuration> candidates = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      for (int i = 0; i < perWriter; i++) {
        candidates.add(Configuration.builder()
            .host(URI.create("https://w" + w + "-" + i + ".example"))
            .namespace("ns-" + w + "-" + i)
            .credentials(Credentials.bearerToken(Sensitive.of("t" + w + "-" + i)))
            .build());
      }
    }
    Set<Configuration> allowed = ConcurrentHashMap.newKeySet();
    allowed.addAll(candidates);
    Configuration initial = Configuration.builder().host(URI.create("https://initial.example")).build();
    allowed.add(initial);
    Configuration.setDefault(initial);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int w = 0; w < writers; w++) {
        int offset = w * perWriter;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perWriter; i++) {
            Configuration.setDefault(candidates.get(offset + i));
          }
          return null;
        }));
      }
      for (int r = 0; r < 4; r++) {
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 2000; i++) {
            Configuration c = Configuration.getDefaultCopy();
            if (!allowed.contains(c)) {
              throw new AssertionError("getDefaultCopy returned a value nobody set: " + c);
            }
            // Host, namespace and token always belong to the same value: no torn reads.
            String suffix = c.host().getHost().replace(".example", "").substring(1);
            if (!c.host().getHost().startsWith("initial") && !c.namespace().equals("ns-" + suffix)) {
              throw new AssertionError("torn value: " + c);
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Configuration last = Configuration.getDefaultCopy();
    assertThat(candidates).contains(last);
    assertThat(last.toBuilder().namespace("changed").build()).isNotEqualTo(Configuration.getDefaultCopy());
  }
}
