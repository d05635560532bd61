package dev.kubesdk.bench;

import com.google.gson.JsonObject;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.config.LoadOptions;
import dev.kubesdk.controller.InformerFactory;
import dev.kubesdk.controller.InformerOptions;
import dev.kubesdk.controller.ListWatch;
import dev.kubesdk.controller.SharedInformer;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One client's pod informer against a live kube-apiserver, in a JVM started for it (by {@link
 * InformerBench}): builds the client and makes one small LIST (so the connection and the client's
 * own classes are in place), counts the live heap, then starts an informer over every
 * pod of every namespace and measures
 *
 * <ol>
 *   <li>time to synced: wall clock from starting the informer until it reports synced, with every
 *       pod in its cache;
 *   <li>retained heap per cached pod: the bytes of live objects (class histogram) with the
 *       informer synced, minus those before it started, divided by the pods.
 * </ol>
 *
 * <p>Usage: {@code InformerProbe <client> <kubeconfig> <pods> <output.jsonl>}; client is kubesdk
 * (LIST + WATCH, managedFields dropped), kubesdk+managedFields, kubesdk+streamingList
 * (the defaults: the first state from a streaming list), client-java or fabric8 (each with its own informer's
 * defaults, which keep managedFields).
 */
public final class InformerProbe {
  private static final Duration SYNC_DEADLINE = Duration.ofMinutes(5);
  /** System property naming a folder to write each client's live-object histogram to. */
  static final String HISTOGRAM_PROPERTY = "kubesdk.bench.histogram";

  private InformerProbe() {}

  /** One client's informer. */
  private interface Informer extends AutoCloseable {
    void connect() throws Exception;

    /** Starts the informer and returns once it synced; the number of cached pods. */
    int sync() throws Exception;

    @Override
    void close();
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: InformerProbe <client> <kubeconfig> <pods> <output.jsonl>");
    }
    String name = args[0];
    Path kubeconfig = Paths.get(args[1]);
    int pods = Integer.parseInt(args[2]);
    Path output = Paths.get(args[3]);
    try (Informer informer = informer(name, kubeconfig)) {
      informer.connect();
      long before = liveHeap(name, "before");
      long started = System.nanoTime();
      int cached = informer.sync();
      long syncNanos = System.nanoTime() - started;
      if (cached != pods) {
        throw new IllegalStateException(name + " cached " + cached + " pods, expected " + pods);
      }
      long after = liveHeap(name, "synced");
      JsonObject line = new JsonObject();
      line.addProperty("client", name);
      line.addProperty("pods", pods);
      line.addProperty("syncMs", syncNanos / 1e6);
      line.addProperty("retainedBytesPerPod", (after - before) / (double) pods);
      line.addProperty("jvmUptimeMs", ManagementFactory.getRuntimeMXBean().getUptime());
      Files.writeString(output, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      System.out.println(line);
    }
  }

  /**
   * The bytes of live objects: the total of this JVM's class histogram ({@code jcmd
   * GC.class_histogram}, which collects first and counts only what is reachable), also written to
   * {@code histogram-<client>-<label>.txt} when {@link #HISTOGRAM_PROPERTY} names a folder. Used
   * instead of the heap figures of MemoryMXBean, which after {@code System.gc()} still counted
   * objects the informer threads allocated meanwhile (by 13 KB a pod for one client).
   */
  private static long liveHeap(String client, String label) throws Exception {
    Process jcmd =
        new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    String histogram = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (jcmd.waitFor() != 0) {
      throw new IllegalStateException("jcmd GC.class_histogram failed: " + histogram);
    }
    String folder = System.getProperty(HISTOGRAM_PROPERTY);
    if (folder != null) {
      Files.writeString(Paths.get(folder, "histogram-" + client + "-" + label + ".txt"), histogram, StandardCharsets.UTF_8);
    }
    String[] lines = histogram.strip().split("\n");
    String[] total = lines[lines.length - 1].trim().split("\\s+");
    if (!total[0].equals("Total")) {
      throw new IllegalStateException("no Total line at the end of the class histogram: " + lines[lines.length - 1]);
    }
    return Long.parseLong(total[2]);
  }

  private static Informer informer(String name, Path kubeconfig) {
    return switch (name) {
      case "kubesdk" -> new Kubesdk(kubeconfig, InformerOptions.builder().streamingList(false).build());
      case "kubesdk+managedFields" -> new Kubesdk(kubeconfig, InformerOptions.builder().keepManagedFields(true).build());
      case "kubesdk+streamingList" -> new Kubesdk(kubeconfig, InformerOptions.defaults());
      case "client-java" -> new OfficialClient(kubeconfig);
      case "fabric8" -> new Fabric8(kubeconfig);
      default -> throw new IllegalArgumentException("unknown client '" + name + "'; use kubesdk, kubesdk+managedFields, kubesdk+streamingList, client-java or fabric8");
    };
  }

  private static final class Kubesdk implements Informer {
    private final Path kubeconfig;
    private final InformerOptions options;
    private dev.kubesdk.runtime.ApiClient client;
    private InformerFactory factory;

    Kubesdk(Path kubeconfig, InformerOptions options) {
      this.kubeconfig = kubeconfig;
      this.options = options;
    }

    @Override
    public void connect() {
      client = new dev.kubesdk.runtime.ApiClient(KubeConfig.load(LoadOptions.builder().kubeconfig(kubeconfig).build()));
      new CoreV1Api(client).listPodForAllNamespaces().limit(1).execute();
    }

    @Override
    public int sync() {
      factory = InformerFactory.create(client, options);
      SharedInformer<dev.kubesdk.api.model.V1Pod> pods =
          factory.informer(
              ListWatch.of(
                  new CoreV1Api(client).listPodForAllNamespaces().toApiRequest(), dev.kubesdk.api.model.V1Pod.class, dev.kubesdk.api.model.V1Pod::getMetadata));
      factory.start();
      if (!factory.awaitSynced(SYNC_DEADLINE)) {
        throw new IllegalStateException("kubesdk did not sync within " + SYNC_DEADLINE);
      }
      return pods.store().size();
    }

    @Override
    public void close() {
      if (factory != null) {
        factory.close();
      }
    }
  }

  private static final class OfficialClient implements Informer {
    private final Path kubeconfig;
    private io.kubernetes.client.openapi.ApiClient client;
    private io.kubernetes.client.openapi.apis.CoreV1Api core;
    private SharedInformerFactory factory;

    OfficialClient(Path kubeconfig) {
      this.kubeconfig = kubeconfig;
    }

    @Override
    public void connect() throws Exception {
      client = io.kubernetes.client.util.Config.fromConfig(kubeconfig.toString());
      client.setHttpClient(client.getHttpClient().newBuilder().readTimeout(0, TimeUnit.SECONDS).build());
      core = new io.kubernetes.client.openapi.apis.CoreV1Api(client);
      core.listPodForAllNamespaces().limit(1).execute();
    }

    @Override
    public int sync() throws InterruptedException {
      factory = new SharedInformerFactory(client);
      SharedIndexInformer<io.kubernetes.client.openapi.models.V1Pod> informer =
          factory.sharedIndexInformerFor(
              params ->
                  core.listPodForAllNamespaces()
                      .resourceVersion(params.resourceVersion)
                      .timeoutSeconds(params.timeoutSeconds)
                      .watch(params.watch)
                      .buildCall(null),
              io.kubernetes.client.openapi.models.V1Pod.class,
              io.kubernetes.client.openapi.models.V1PodList.class);
      factory.startAllRegisteredInformers();
      long deadline = System.nanoTime() + SYNC_DEADLINE.toNanos();
      // client-java has no wait-for-sync call that blocks: poll, as its examples do.
      while (!informer.hasSynced()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("client-java did not sync within " + SYNC_DEADLINE);
        }
        Thread.sleep(1);
      }
      return informer.getIndexer().list().size();
    }

    @Override
    public void close() {
      if (factory != null) {
        factory.stopAllRegisteredInformers();
      }
    }
  }

  private static final class Fabric8 implements Informer {
    private final Path kubeconfig;
    private KubernetesClient client;
    private io.fabric8.kubernetes.client.informers.SharedIndexInformer<Pod> informer;

    Fabric8(Path kubeconfig) {
      this.kubeconfig = kubeconfig;
    }

    @Override
    public void connect() throws Exception {
      client = new KubernetesClientBuilder().withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(kubeconfig))).build();
      client.pods().inAnyNamespace().list(new ListOptionsBuilder().withLimit(1L).build());
    }

    @Override
    public int sync() throws Exception {
      informer = client.pods().inAnyNamespace().runnableInformer(0);
      informer.start().toCompletableFuture().get(SYNC_DEADLINE.toSeconds(), TimeUnit.SECONDS);
      return informer.getStore().list().size();
    }

    @Override
    public void close() {
      if (informer != null) {
        informer.close();
      }
      if (client != null) {
        client.close();
      }
    }
  }
}
