package dev.kubesdk.bench;

import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.config.LoadOptions;
import dev.kubesdk.runtime.Watch;
import dev.kubesdk.runtime.WatchEvent;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client against a live kube-apiserver, in a JVM started for it (by {@link LiveApiServerBench}):
 *
 * <ol>
 *   <li>cold start: from JVM start (RuntimeMXBean uptime) through loading the kubeconfig and
 *       building the client to the answer of a first {@code LIST pods?limit=1};
 *   <li>LIST of every pod (all namespaces, one request): one warm-up, then the median of three,
 *       wall clock, response decoded into the client's models;
 *   <li>watch throughput: a watch from {@code resourceVersion=0}, which the server answers with one
 *       ADDED event per existing pod from its watch cache; events decoded per second until all
 *       have arrived.
 * </ol>
 *
 * <p>Usage: {@code LiveClientProbe <client> <kubeconfig> <pods> <output.jsonl> [--cold-start-only]}; client is
 * kubesdk, client-java or fabric8 (client-java with its default, which drops managedFields).
 */
public final class LiveClientProbe {
  /** The last argument that makes a run measure the cold start only. */
  static final String COLD_START_ONLY = "--cold-start-only";

  private static final Duration WATCH_DEADLINE = Duration.ofMinutes(5);

  private LiveClientProbe() {}

  /** What each client must do; one implementation per client, created after the clock started. */
  private interface LiveClient extends AutoCloseable {
    void listOne() throws Exception;

    int listAll() throws Exception;

    /** Watches from resourceVersion 0 until {@code pods} ADDED events arrived; returns how many did. */
    int watchAll(int pods) throws Exception;

    @Override
    default void close() {}
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4 && !(args.length == 5 && args[4].equals(COLD_START_ONLY))) {
      throw new IllegalArgumentException(
          "usage: LiveClientProbe <client> <kubeconfig> <pods> <output.jsonl> [" + COLD_START_ONLY + "]");
    }
    String name = args[0];
    Path kubeconfig = Paths.get(args[1]);
    int pods = Integer.parseInt(args[2]);
    Path output = Paths.get(args[3]);

    try (LiveClient client = connect(name, kubeconfig)) {
      client.listOne();
      long coldStartMs = ManagementFactory.getRuntimeMXBean().getUptime();
      if (args.length == 5) {
        JsonObject line = new JsonObject();
        line.addProperty("client", name);
        line.addProperty("coldStartOnly", true);
        line.addProperty("coldStartMs", coldStartMs);
        Files.writeString(output, line + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println(line);
        return;
      }

      int listed = client.listAll();
      if (listed != pods) {
        throw new IllegalStateException(name + " listed " + listed + " pods, expected " + pods);
      }
      long[] lists = new long[3];
      for (int i = 0; i < lists.length; i++) {
        long started = System.nanoTime();
        client.listAll();
        lists[i] = System.nanoTime() - started;
      }
      Arrays.sort(lists);

      long started = System.nanoTime();
      int events = client.watchAll(pods);
      long watchNanos = System.nanoTime() - started;
      if (events != pods) {
        throw new IllegalStateException(name + " saw " + events + " ADDED events, expected " + pods);
      }

      JsonObject line = new JsonObject();
      line.addProperty("client", name);
      line.addProperty("pods", pods);
      line.addProperty("coldStartMs", coldStartMs);
      line.addProperty("listAllMsMedian", lists[1] / 1e6);
      line.addProperty("watchEventsPerSecond", events / (watchNanos / 1e9));
      Files.writeString(output, line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      System.out.println(line);
    }
  }

  private static LiveClient connect(String name, Path kubeconfig) throws IOException {
    return switch (name) {
      case "kubesdk" -> new Kubesdk(kubeconfig);
      case "client-java" -> new OfficialClient(kubeconfig);
      case "fabric8" -> new Fabric8(kubeconfig);
      default -> throw new IllegalArgumentException("unknown client '" + name + "'; use kubesdk, client-java or fabric8");
    };
  }

  private static final class Kubesdk implements LiveClient {
    private final CoreV1Api core;

    Kubesdk(Path kubeconfig) {
      core = new CoreV1Api(new dev.kubesdk.runtime.ApiClient(
          KubeConfig.load(LoadOptions.builder().kubeconfig(kubeconfig).build())));
    }

    @Override
    public void listOne() {
      core.listPodForAllNamespaces().limit(1).execute();
    }

    @Override
    public int listAll() {
      return core.listPodForAllNamespaces().execute().getItems().size();
    }

    @Override
    public int watchAll(int pods) {
      int added = 0;
      try (Watch<dev.kubesdk.api.model.V1Pod> watch =
          core.listPodForAllNamespaces().resourceVersion("0").timeoutSeconds((int) WATCH_DEADLINE.toSeconds()).watch()) {
        for (WatchEvent<dev.kubesdk.api.model.V1Pod> event : watch) {
          if (event.type() == WatchEvent.Type.ADDED && ++added == pods) {
            break;
          }
        }
      }
      return added;
    }
  }

  private static final class OfficialClient implements LiveClient {
    private final io.kubernetes.client.openapi.ApiClient client;
    private final io.kubernetes.client.openapi.apis.CoreV1Api core;

    OfficialClient(Path kubeconfig) throws IOException {
      client = io.kubernetes.client.util.Config.fromConfig(kubeconfig.toString());
      client.setHttpClient(client.getHttpClient().newBuilder().readTimeout(0, TimeUnit.SECONDS).build());
      core = new io.kubernetes.client.openapi.apis.CoreV1Api(client);
    }

    @Override
    public void listOne() throws Exception {
      core.listPodForAllNamespaces().limit(1).execute();
    }

    @Override
    public int listAll() throws Exception {
      return core.listPodForAllNamespaces().execute().getItems().size();
    }

    @Override
    public int watchAll(int pods) throws Exception {
      int added = 0;
      try (io.kubernetes.client.util.Watch<io.kubernetes.client.openapi.models.V1Pod> watch =
          io.kubernetes.client.util.Watch.createWatch(client,
              core.listPodForAllNamespaces().resourceVersion("0").watch(true)
                  .timeoutSeconds((int) WATCH_DEADLINE.toSeconds()).buildCall(null),
              new TypeToken<io.kubernetes.client.util.Watch.Response<io.kubernetes.client.openapi.models.V1Pod>>() {}.getType())) {
        for (io.kubernetes.client.util.Watch.Response<io.kubernetes.client.openapi.models.V1Pod> event : watch) {
          if ("ADDED".equals(event.type) && ++added == pods) {
            break;
          }
        }
      }
      return added;
    }
  }

  private static final class Fabric8 implements LiveClient {
    private final KubernetesClient client;

    Fabric8(Path kubeconfig) throws IOException {
      client = new KubernetesClientBuilder()
          .withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(kubeconfig)))
          .build();
    }

    @Override
    public void listOne() {
      client.pods().inAnyNamespace().list(new ListOptionsBuilder().withLimit(1L).build());
    }

    @Override
    public int listAll() {
      return client.pods().inAnyNamespace().list().getItems().size();
    }

    @Override
    public int watchAll(int pods) throws InterruptedException {
      AtomicInteger added = new AtomicInteger();
      CountDownLatch all = new CountDownLatch(pods);
      io.fabric8.kubernetes.client.Watch watch = client.pods().inAnyNamespace().watch(
          new ListOptionsBuilder().withResourceVersion("0").build(), new Watcher<Pod>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
              if (action == Action.ADDED) {
                added.incrementAndGet();
                all.countDown();
              }
            }

            @Override
            public void onClose(WatcherException cause) {}
          });
      try {
        if (!all.await(WATCH_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
          throw new IllegalStateException("fabric8 saw " + added.get() + " of " + pods + " ADDED events in " + WATCH_DEADLINE);
        }
      } finally {
        watch.close();
      }
      return added.get();
    }

    @Override
    public void close() {
      client.close();
    }
  }
}
