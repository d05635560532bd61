package dev.kubesdk.bench;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.api.model.V1Namespace;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.controller.EventHandler;
import dev.kubesdk.controller.InformerFactory;
import dev.kubesdk.controller.ListWatch;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.V1Patch;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Event delivery latency of a kubesdk informer: a writer patches {@code objects} ConfigMaps at
 * {@code rate} updates per second for {@code seconds}, each patch carrying the monotonic time it was
 * sent; the handler records how long after that it heard of the change. So each figure is the whole
 * path, request, API server write, watch fan-out, decode, cache and handler thread, an upper bound
 * on the time from the API server's write to the handler. Prints p50, p99 and the rate achieved.
 *
 * <p>Usage: {@code InformerLatencyBench <rate> <seconds> <objects>}
 */
public final class InformerLatencyBench {
  private static final int WRITERS = 16;

  private InformerLatencyBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: InformerLatencyBench <rate> <seconds> <objects>");
    }
    int rate = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    int objects = Integer.parseInt(args[2]);
    try (LocalControlPlane controlPlane = LocalControlPlane.builder().build()) {
      controlPlane.start();
      ApiClient client = new ApiClient(controlPlane.configuration(LocalUser.ADMIN_TOKEN));
      CoreV1Api core = new CoreV1Api(client);
      String namespace = "latency";
      core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(namespace))).execute();
      for (int i = 0; i < objects; i++) {
        core.createNamespacedConfigMap(namespace, new V1ConfigMap().metadata(new V1ObjectMeta().name("cm-" + i)).data(Map.of("sent", "0"))).execute();
      }
      ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
      try (InformerFactory factory = InformerFactory.create(client)) {
        factory
            .informer(ListWatch.of(core.listNamespacedConfigMap(namespace).toApiRequest(), V1ConfigMap.class, V1ConfigMap::getMetadata))
            .addHandler(
                new EventHandler<>() {
                  @Override
                  public void onUpdate(V1ConfigMap oldObject, V1ConfigMap newObject) {
                    long sent = Long.parseLong(newObject.getData().get("sent"));
                    if (sent > 0) {
                      latencies.add(System.nanoTime() - sent);
                    }
                  }
                });
        factory.start();
        factory.awaitSynced(Duration.ofMinutes(1));
        // Writers send synchronously, each patch stamped just before it goes out, so that time spent
        // waiting for a free writer is not counted; a ticker hands out one ticket per 1/rate s, and
        // when the API server falls behind the tickets pile up and the rate achieved is lower.
        AtomicInteger sentCount = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        LinkedBlockingQueue<Integer> tickets = new LinkedBlockingQueue<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long started = System.nanoTime();
        long end = started + TimeUnit.SECONDS.toNanos(seconds);
        AtomicInteger issued = new AtomicInteger();
        ticker.scheduleAtFixedRate(() -> tickets.add(issued.getAndIncrement()), 0, periodNanos, TimeUnit.NANOSECONDS);
        for (int w = 0; w < WRITERS; w++) {
          writers.execute(
              () -> {
                while (System.nanoTime() < end) {
                  Integer i;
                  try {
                    i = tickets.poll(100, TimeUnit.MILLISECONDS);
                  } catch (InterruptedException e) {
                    return;
                  }
                  if (i == null) {
                    continue;
                  }
                  String patch = "{\"data\":{\"sent\":\"" + System.nanoTime() + "\"}}";
                  try {
                    core.patchNamespacedConfigMap("cm-" + (i % objects), namespace, V1Patch.merge(patch)).execute();
                    sentCount.incrementAndGet();
                  } catch (RuntimeException e) {
                    failed.incrementAndGet();
                  }
                }
              });
        }
        writers.shutdown();
        writers.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        ticker.shutdownNow();
        long elapsed = System.nanoTime() - started;
        int sent = sentCount.get();
        // The last writes' events are in flight: wait until the handler heard of every write.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (latencies.size() < sent && System.nanoTime() < deadline) {
          TimeUnit.MILLISECONDS.sleep(10);
        }
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        System.out.printf(
            Locale.ROOT,
            "asked %d updates/s for %d s over %d objects: %d written (%.0f/s achieved), %d failed, %d delivered; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
            rate, seconds, objects, sent, sent / (elapsed / 1e9), failed.get(), sorted.size(),
            percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
      }
    }
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }
}
