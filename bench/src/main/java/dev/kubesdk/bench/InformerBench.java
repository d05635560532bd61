package dev.kubesdk.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The informers of kubesdk, client-java and fabric8 over the same pods of one local kube-apiserver:
 * starts a {@link LocalControlPlane}, creates the fixture pods ({@link LiveApiServerBench#seed}),
 * then runs {@link InformerProbe} in a fresh JVM per client, the clients taking turns for {@code
 * rounds} rounds, and writes a Markdown table of the medians and their ratios.
 *
 * <p>Usage: {@code InformerBench <pods> <rounds> <output.jsonl> <report.md>}
 */
public final class InformerBench {
  private static final List<String> CLIENTS = List.of("kubesdk", "kubesdk+managedFields", "kubesdk+streamingList", "client-java", "fabric8");

  private InformerBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: InformerBench <pods> <rounds> <output.jsonl> <report.md>");
    }
    int pods = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    Path output = Paths.get(args[2]).toAbsolutePath();
    Path report = Paths.get(args[3]).toAbsolutePath();
    Files.deleteIfExists(output);
    try (LocalControlPlane controlPlane = LocalControlPlane.builder().build()) {
      controlPlane.start();
      LiveApiServerBench.seed(new CoreV1Api(new ApiClient(controlPlane.configuration(LocalUser.ADMIN_TOKEN))), pods);
      Path kubeconfig = controlPlane.kubeconfig(LocalUser.ADMIN_TOKEN);
      for (int round = 0; round < rounds; round++) {
        for (String client : CLIENTS) {
          probe(client, kubeconfig, pods, output);
        }
      }
    }
    Files.writeString(report, report(output, pods, rounds), StandardCharsets.UTF_8);
    System.out.println(Files.readString(report));
  }

  private static void probe(String client, Path kubeconfig, int pods, Path output) throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        List.of(
            java.toString(), "-Xms4g", "-Xmx4g", "-XX:+UseSerialGC",
            "-D" + InformerProbe.HISTOGRAM_PROPERTY + "=" + output.getParent(),
            "-cp", System.getProperty("java.class.path"),
            InformerProbe.class.getName(), client, kubeconfig.toString(), Integer.toString(pods), output.toString());
    ChildJvm.run(command, client);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static String report(Path output, int pods, int rounds) throws Exception {
    Map<String, List<Double>> sync = new LinkedHashMap<>();
    Map<String, List<Double>> heap = new LinkedHashMap<>();
    for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      JsonObject o = JsonParser.parseString(line).getAsJsonObject();
      String client = o.get("client").getAsString();
      sync.computeIfAbsent(client, k -> new ArrayList<>()).add(o.get("syncMs").getAsDouble());
      heap.computeIfAbsent(client, k -> new ArrayList<>()).add(o.get("retainedBytesPerPod").getAsDouble());
    }
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "Pod informers over %,d pods of a local kube-apiserver, median of %d fresh JVMs per client (clients taking turns).%n%n", pods, rounds));
    md.append("| client | time to synced (ms) | retained heap per cached pod (KB) |\n| --- | ---: | ---: |\n");
    for (String client : sync.keySet()) {
      md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f |%n", client, median(sync.get(client)), median(heap.get(client)) / 1024));
    }
    md.append("\n| kubesdk ÷ peer (below 1 is better) | time to synced | retained heap per pod |\n| --- | ---: | ---: |\n");
    for (String mine : List.of("kubesdk", "kubesdk+managedFields", "kubesdk+streamingList")) {
      for (String peer : List.of("client-java", "fabric8")) {
        if (sync.containsKey(mine) && sync.containsKey(peer)) {
          md.append(String.format(Locale.ROOT, "| %s ÷ %s | %.2f× | %.2f× |%n", mine, peer, median(sync.get(mine)) / median(sync.get(peer)), median(heap.get(mine)) / median(heap.get(peer))));
        }
      }
    }
    return md.toString();
  }
}
