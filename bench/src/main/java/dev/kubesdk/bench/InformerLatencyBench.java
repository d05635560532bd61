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
import dev.kubesdk.runtime.internal.HttpTransport;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Event delivery latency: one writer patches {@code objects} ConfigMaps at {@code rate} updates
 * per second for {@code seconds} (after {@code warmup} seconds that are not counted), each patch
 * carrying the monotonic time it was sent; several observers in the same JVM watch the same
 * ConfigMaps and record when each change reached them:
 *
 * <ul>
 *   <li>{@code watch}: a bare OkHttp watch (the kubesdk transport, no decoding beyond finding the
 *       stamp in each line), the floor any client can reach;
 *   <li>{@code kubesdk}: a kubesdk informer's handler;
 *   <li>{@code kubesdk-shared}: the same on the writer's client, so its watch shares the writer's
 *       HTTP/2 connection, as a controller's informers and writes do;
 *   <li>{@code client-java}, {@code fabric8}: those clients' informers' handlers.
 * </ul>
 *
 * <p>The writer, the bare watch and the informers each have a connection of their own. The writer
 * sends asynchronously over HTTP/2 (up to {@link #IN_FLIGHT} patches in flight), each
 * stamped just before it is handed to the HTTP client, so that a slow answer does not hold back the
 * next write. The API server commits a write somewhere between sending it and answering it, so for
 * each change the time from commit to observer lies between {@code observed − answered} (lower
 * bound, 0 when the event came first) and {@code observed − sent} (upper bound); both are reported.
 *
 * <p>Usage: {@code InformerLatencyBench <rate> <seconds> <objects> [warmup] [observers]}, observers
 * a comma-separated subset of {@code watch,kubesdk,client-java,fabric8} (default all).
 */
public final class InformerLatencyBench {
  /** Writes in flight at most; more only queue in kube-apiserver's priority and fairness. */
  static final int IN_FLIGHT = Integer.getInteger("kubesdk.bench.inFlight", 64);
  private static final String NAMESPACE = "latency";

  private InformerLatencyBench() {}

  /** Times at which one observer saw each stamped change: stamp → observed nanoTime. */
  private static final class Observer {
    final String name;
    final Map<Long, Long> seen = new ConcurrentHashMap<>();

    Observer(String name) {
      this.name = name;
    }

    void saw(String stamp) {
      long now = System.nanoTime();
      long sent = Long.parseLong(stamp);
      if (sent > 0) {
        seen.putIfAbsent(sent, now);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || args.length > 5) {
      throw new IllegalArgumentException("usage: InformerLatencyBench <rate> <seconds> <objects> [warmup] [observers]");
    }
    int rate = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    int objects = Integer.parseInt(args[2]);
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    List<String> names = List.of((args.length > 4 ? args[4] : "watch,kubesdk,client-java,fabric8").split(","));
    try (LocalControlPlane controlPlane = LocalControlPlane.builder().build()) {
      controlPlane.start();
      ApiClient client = new ApiClient(controlPlane.configuration(LocalUser.ADMIN_TOKEN));
      CoreV1Api core = new CoreV1Api(client);
      core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(NAMESPACE))).execute();
      for (int i = 0; i < objects; i++) {
        core.createNamespacedConfigMap(NAMESPACE, new V1ConfigMap().metadata(new V1ObjectMeta().name("cm-" + i)).data(Map.of("sent", "0"))).execute();
      }
      Path kubeconfig = controlPlane.kubeconfig(LocalUser.ADMIN_TOKEN);
      // The writer has a connection of its own (kubesdk-shared excepted): what one connection
      // carries for the writer and for a watch is measured apart from the watch itself.
      Dispatcher dispatcher = new Dispatcher();
      dispatcher.setMaxRequests(IN_FLIGHT);
      dispatcher.setMaxRequestsPerHost(IN_FLIGHT);
      ApiClient writer = new ApiClient(client.configuration(), new OkHttpClient.Builder().dispatcher(dispatcher).build());
      Map<String, Observer> observers = new LinkedHashMap<>();
      List<AutoCloseable> closing = new ArrayList<>();
      try {
        for (String name : names) {
          Observer o = new Observer(name);
          observers.put(name, o);
          closing.add(start(name, o, name.equals("kubesdk-shared") ? writer : client, kubeconfig));
        }
        run(new CoreV1Api(writer), rate, seconds, warmup, objects, observers);
      } finally {
        for (AutoCloseable c : closing) {
          c.close();
        }
      }
    }
    System.exit(0);
  }

  private static void run(CoreV1Api core, int rate, int seconds, int warmup, int objects, Map<String, Observer> observers) throws Exception {
    Map<Long, Long> answered = new ConcurrentHashMap<>();
    AtomicInteger failed = new AtomicInteger();
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    long started = System.nanoTime();
    long measureFrom = started + TimeUnit.SECONDS.toNanos(warmup);
    long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    long next = started;
    int i = 0;
    int skipped = 0;
    long lastStamp = 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        break;
      }
      if (now < next) {
        LockSupport.parkNanos(next - now);
        continue;
      }
      next += periodNanos;
      if (!inFlight.tryAcquire()) {
        // The server is IN_FLIGHT writes behind: this tick's write is not sent (counted).
        skipped++;
        continue;
      }
      long stamp = System.nanoTime();
      if (stamp == lastStamp) {
        stamp++;
      }
      lastStamp = stamp;
      long sent = stamp;
      String patch = "{\"data\":{\"sent\":\"" + sent + "\"}}";
      core.patchNamespacedConfigMap("cm-" + (i++ % objects), NAMESPACE, V1Patch.merge(patch))
          .executeAsync()
          .whenComplete(
              (cm, e) -> {
                long t = System.nanoTime();
                inFlight.release();
                if (e == null) {
                  answered.put(sent, t);
                } else {
                  failed.incrementAndGet();
                }
              });
    }
    inFlight.acquire(IN_FLIGHT);
    long elapsed = System.nanoTime() - measureFrom;
    List<Long> measured = new ArrayList<>();
    for (Long sent : answered.keySet()) {
      if (sent >= measureFrom) {
        measured.add(sent);
      }
    }
    // The last writes' events are in flight: wait until every observer saw every measured write.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (Observer o : observers.values()) {
      while (!o.seen.keySet().containsAll(measured) && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
    }
    long[] roundTrips = measured.stream().mapToLong(s -> answered.get(s) - s).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "asked %d updates/s for %d s (after %d s of warm-up) over %d objects: %d written (%.0f/s achieved), %d failed, %d not sent (%d in flight); write round trip p50 %.1f ms, p99 %.1f ms%n",
        rate, seconds, warmup, objects, measured.size(), measured.size() / (elapsed / 1e9), failed.get(), skipped, IN_FLIGHT,
        ms(percentile(roundTrips, 0.50)), ms(percentile(roundTrips, 0.99)));
    System.out.println();
    System.out.println("| observer | delivered | p50 (commit → observer, bounds) | p99 (bounds) | max (upper) |");
    System.out.println("| --- | ---: | ---: | ---: | ---: |");
    for (Observer o : observers.values()) {
      long[] upper = new long[measured.size()];
      long[] lower = new long[measured.size()];
      int n = 0;
      for (Long sent : measured) {
        Long seen = o.seen.get(sent);
        if (seen != null) {
          upper[n] = seen - sent;
          lower[n] = Math.max(0, seen - answered.get(sent));
          n++;
        }
      }
      upper = Arrays.copyOf(upper, n);
      lower = Arrays.copyOf(lower, n);
      Arrays.sort(upper);
      Arrays.sort(lower);
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %.1f – %.1f ms | %.1f – %.1f ms | %.1f ms |%n",
          o.name, n, ms(percentile(lower, 0.50)), ms(percentile(upper, 0.50)), ms(percentile(lower, 0.99)), ms(percentile(upper, 0.99)), n == 0 ? Double.NaN : ms(upper[n - 1]));
    }
  }

  private static AutoCloseable start(String name, Observer o, ApiClient client, Path kubeconfig) throws Exception {
    return switch (name) {
      case "watch" -> bareWatch(o, client);
      case "kubesdk", "kubesdk-shared" -> kubesdk(o, client);
      case "client-java" -> clientJava(o, kubeconfig);
      case "fabric8" -> fabric8(o, kubeconfig);
      default -> throw new IllegalArgumentException("unknown observer '" + name + "'; use watch, kubesdk, kubesdk-shared, client-java or fabric8");
    };
  }

  /** A watch read line by line with no model: finds the stamp in each event's text. */
  private static AutoCloseable bareWatch(Observer o, ApiClient client) throws Exception {
    String rv = new CoreV1Api(client).listNamespacedConfigMap(NAMESPACE).execute().getMetadata().getResourceVersion();
    String url = client.configuration().host().toString().replaceAll("/$", "") + "/api/v1/namespaces/" + NAMESPACE + "/configmaps?watch=true&resourceVersion=" + rv;
    OkHttpClient watches = HttpTransport.on(client.configuration(), new OkHttpClient()).watches();
    Response response = watches.newCall(new Request.Builder().url(url).header("Accept-Encoding", "identity").build()).execute();
    if (!response.isSuccessful()) {
      throw new IllegalStateException("bare watch: HTTP " + response.code());
    }
    Thread reader =
        new Thread(
            () -> {
              BufferedSource source = response.body().source();
              String key = "\"sent\":\"";
              try {
                for (String line; (line = source.readUtf8Line()) != null; ) {
                  if (System.getProperty("kubesdk.bench.debug") != null) {
                    System.err.println("bare watch: " + line.substring(Math.max(0, line.length() - 200)));
                  }
                  int at = line.indexOf(key);
                  if (at >= 0) {
                    int from = at + key.length();
                    o.saw(line.substring(from, line.indexOf('"', from)));
                  }
                }
              } catch (Exception e) {
                System.err.println("bare watch ended: " + e);
              }
            },
            "bare-watch");
    reader.setDaemon(true);
    reader.start();
    return () -> {
      response.close();
      watches.connectionPool().evictAll();
    };
  }

  private static AutoCloseable kubesdk(Observer o, ApiClient client) {
    InformerFactory factory = InformerFactory.create(client);
    factory
        .informer(ListWatch.of(new CoreV1Api(client).listNamespacedConfigMap(NAMESPACE).toApiRequest(), V1ConfigMap.class, V1ConfigMap::getMetadata))
        .addHandler(
            new EventHandler<>() {
              @Override
              public void onUpdate(V1ConfigMap oldObject, V1ConfigMap newObject) {
                o.saw(newObject.getData().get("sent"));
              }
            });
    factory.start();
    if (!factory.awaitSynced(Duration.ofMinutes(1))) {
      throw new IllegalStateException("kubesdk informer did not sync");
    }
    return factory;
  }

  private static AutoCloseable clientJava(Observer o, Path kubeconfig) throws Exception {
    io.kubernetes.client.openapi.ApiClient client = io.kubernetes.client.util.Config.fromConfig(kubeconfig.toString());
    client.setHttpClient(client.getHttpClient().newBuilder().readTimeout(0, TimeUnit.SECONDS).build());
    io.kubernetes.client.openapi.apis.CoreV1Api core = new io.kubernetes.client.openapi.apis.CoreV1Api(client);
    SharedInformerFactory factory = new SharedInformerFactory(client);
    SharedIndexInformer<io.kubernetes.client.openapi.models.V1ConfigMap> informer =
        factory.sharedIndexInformerFor(
            params -> core.listNamespacedConfigMap(NAMESPACE).resourceVersion(params.resourceVersion).timeoutSeconds(params.timeoutSeconds).watch(params.watch).buildCall(null),
            io.kubernetes.client.openapi.models.V1ConfigMap.class,
            io.kubernetes.client.openapi.models.V1ConfigMapList.class);
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(io.kubernetes.client.openapi.models.V1ConfigMap obj) {}

          @Override
          public void onUpdate(io.kubernetes.client.openapi.models.V1ConfigMap oldObj, io.kubernetes.client.openapi.models.V1ConfigMap newObj) {
            o.saw(newObj.getData().get("sent"));
          }

          @Override
          public void onDelete(io.kubernetes.client.openapi.models.V1ConfigMap obj, boolean deletedFinalStateUnknown) {}
        });
    factory.startAllRegisteredInformers();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!informer.hasSynced()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("client-java informer did not sync");
      }
      Thread.sleep(10);
    }
    return factory::stopAllRegisteredInformers;
  }

  private static AutoCloseable fabric8(Observer o, Path kubeconfig) throws Exception {
    KubernetesClient client = new KubernetesClientBuilder().withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(kubeconfig))).build();
    io.fabric8.kubernetes.client.informers.SharedIndexInformer<ConfigMap> informer =
        client.configMaps().inNamespace(NAMESPACE).inform(
            new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
              @Override
              public void onAdd(ConfigMap obj) {}

              @Override
              public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                o.saw(newObj.getData().get("sent"));
              }

              @Override
              public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {}
            },
            0);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!informer.hasSynced()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("fabric8 informer did not sync");
      }
      Thread.sleep(10);
    }
    return () -> {
      informer.close();
      client.close();
    };
  }

  private static double ms(double nanos) {
    return nanos / 1e6;
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))];
  }
}
