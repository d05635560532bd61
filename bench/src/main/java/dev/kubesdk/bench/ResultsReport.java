package dev.kubesdk.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Writes bench/RESULTS.md from what one {@code bench/run} produced: the JMH JSON results, the
 * {@link ContestantProbe} lines and the resolved runtime class paths of each client.
 *
 * <p>Usage: {@code ResultsReport <target-folder> <RESULTS.md> <command line> <note>}; the target
 * folder holds {@code jmh.json}, {@code probe.jsonl} and {@code closure-<client>.classpath}.
 */
public final class ResultsReport {
  private static final String KUBESDK = "kubesdk";
  private static final String FABRIC8 = "fabric8";
  private static final String CLIENT_JAVA = "client-java";
  private static final String CLIENT_JAVA_MF = "client-java+managedFields";
  private static final List<String> CONTESTANTS =
      List.of(KUBESDK, CLIENT_JAVA, CLIENT_JAVA_MF, FABRIC8, "gson-tree", "jackson-tree");
  /** The peers kubesdk's ratios are given against, in table order. */
  private static final List<String> PEERS = List.of(FABRIC8, CLIENT_JAVA, CLIENT_JAVA_MF);
  private static final double MIB = 1024.0 * 1024.0;

  private final StringBuilder out = new StringBuilder();
  /** benchmark ("parse"/"write") → contestant → pods → result. */
  private final Map<String, Map<String, Map<Integer, JsonObject>>> jmh = new LinkedHashMap<>();
  private final Map<String, JsonObject> probes = new LinkedHashMap<>();
  private final Map<String, JsonObject> live = new LinkedHashMap<>();
  /** Cold starts of the extra fresh JVMs, per client, in ms. */
  private final Map<String, List<Double>> coldStarts = new LinkedHashMap<>();
  /** op → contestant → pods → CpuTimeProbe line. */
  private final Map<String, Map<String, Map<Integer, JsonObject>>> cpu = new LinkedHashMap<>();
  private final List<String[]> targets = new ArrayList<>();
  private final List<String[]> otherTargets = new ArrayList<>();
  /** "parse 1000 fabric8" → kubesdk ÷ peer, from JMH and from CPU time. */
  private final Map<String, Double> jmhRatios = new LinkedHashMap<>();
  private final Map<String, Double> cpuRatios = new LinkedHashMap<>();
  private final TreeSet<Integer> sizes = new TreeSet<>();
  private JsonObject anyJmhRun;

  private ResultsReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: ResultsReport <target-folder> <RESULTS.md> <command line> <note>");
    }
    Path target = Paths.get(args[0]);
    ResultsReport report = new ResultsReport();
    report.load(target);
    String markdown = report.render(target, Paths.get(args[1]), args[2], args[3]);
    Files.writeString(Paths.get(args[1]), markdown, StandardCharsets.UTF_8);
    System.out.println(markdown);
  }

  private void load(Path target) throws IOException {
    Path jmhFile = target.resolve("jmh.json");
    if (Files.isRegularFile(jmhFile)) {
      for (JsonElement element : JsonParser.parseString(Files.readString(jmhFile)).getAsJsonArray()) {
        JsonObject run = element.getAsJsonObject();
        anyJmhRun = run;
        String benchmark = run.get("benchmark").getAsString();
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        JsonObject params = run.getAsJsonObject("params");
        jmh.computeIfAbsent(method, m -> new LinkedHashMap<>())
            .computeIfAbsent(params.get("contestant").getAsString(), c -> new LinkedHashMap<>())
            .put(params.get("pods").getAsInt(), run);
      }
    }
    Path cpuFile = target.resolve("cpu.jsonl");
    if (Files.isRegularFile(cpuFile)) {
      for (String line : Files.readAllLines(cpuFile)) {
        if (!line.isBlank()) {
          JsonObject probe = JsonParser.parseString(line).getAsJsonObject();
          cpu.computeIfAbsent(probe.get("operation").getAsString(), o -> new LinkedHashMap<>())
              .computeIfAbsent(probe.get("contestant").getAsString(), c -> new LinkedHashMap<>())
              .put(probe.get("pods").getAsInt(), probe);
        }
      }
    }
    Path liveFile = target.resolve("live.jsonl");
    if (Files.isRegularFile(liveFile)) {
      for (String line : Files.readAllLines(liveFile)) {
        if (!line.isBlank()) {
          JsonObject probe = JsonParser.parseString(line).getAsJsonObject();
          String client = probe.get("client").getAsString();
          if (probe.has("coldStartOnly")) {
            coldStarts.computeIfAbsent(client, c -> new ArrayList<>()).add(probe.get("coldStartMs").getAsDouble());
          } else {
            live.put(client, probe);
          }
        }
      }
    }
    Path probeFile = target.resolve("probe.jsonl");
    if (Files.isRegularFile(probeFile)) {
      for (String line : Files.readAllLines(probeFile)) {
        if (!line.isBlank()) {
          JsonObject probe = JsonParser.parseString(line).getAsJsonObject();
          probes.put(probe.get("contestant").getAsString(), probe);
        }
      }
    }
  }

  private String render(Path target, Path results, String command, String note) throws IOException {
    // The measured sections come first: they fill in the targets table shown above them.
    timings("parse", "Parse: JSON bytes → PodList", "ms per PodList (lower is better)");
    timings("write", "Write: PodList → JSON bytes", "ms per PodList (lower is better)");
    cpuTimes();
    allocation();
    retained();
    closure(target);
    liveApiServer();
    gaps();
    String body = out.toString();
    out.setLength(0);
    for (int pods : sizes) {
      String size = String.format(Locale.ROOT, "%,d", pods);
      speedTarget("parse " + size + " pods ≤ 0.7× fabric8", "parse " + pods + " " + FABRIC8, 0.7);
      speedTarget("parse " + size + " pods ≤ 0.07× client-java (default, drops managedFields)",
          "parse " + pods + " " + CLIENT_JAVA, 0.07);
      speedTarget("parse " + size + " pods ≤ 0.07× client-java+managedFields", "parse " + pods + " " + CLIENT_JAVA_MF, 0.07);
    }
    for (int pods : sizes) {
      String size = String.format(Locale.ROOT, "%,d", pods);
      speedTarget("write " + size + " pods ≤ 0.5× fabric8", "write " + pods + " " + FABRIC8, 0.5);
    }
    targets.addAll(otherTargets);

    String now = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    line("# kubesdk benchmark results");
    line("");
    line("Produced by `" + command + "` on " + now + ". Ratios are kubesdk ÷ peer from this one run "
        + "(below 1 means kubesdk is faster or smaller).");
    if (!note.isBlank()) {
      line("");
      line("> " + note);
    }
    line("");
    machine();
    targetTable();
    out.append(body);
    return out.toString();
  }

  private void machine() throws IOException {
    line("## Machine and versions");
    line("");
    long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
    line("- CPUs: " + Runtime.getRuntime().availableProcessors() + "; memory: "
        + String.format(Locale.ROOT, "%.1f GiB", memory / MIB / 1024) + "; load average when the report was written: "
        + loadAverage());
    line("- JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
    line("- kubesdk " + version("dev.kubesdk", "kubesdk-api") + " (git " + gitRevision() + "), client-java "
        + version("io.kubernetes", "client-java-api") + ", fabric8 kubernetes-client "
        + version("io.fabric8", "kubernetes-client-api") + ", Gson " + version("com.google.code.gson", "gson")
        + ", Jackson " + version("tools.jackson.core", "jackson-databind") + ", JMH "
        + version("org.openjdk.jmh", "jmh-core"));
    if (anyJmhRun != null) {
      line("- JMH: " + anyJmhRun.get("forks").getAsInt() + " fork per contestant and size, "
          + anyJmhRun.get("warmupIterations").getAsInt() + " × " + anyJmhRun.get("warmupTime").getAsString()
          + " warm-up, " + anyJmhRun.get("measurementIterations").getAsInt() + " × "
          + anyJmhRun.get("measurementTime").getAsString() + " measurement, mode "
          + anyJmhRun.get("mode").getAsString() + ", JVM options " + anyJmhRun.get("jvmArgs"));
    }
    JsonObject probe = probes.get(KUBESDK);
    if (probe != null) {
      line("- Fixture: `PodFixtures` seed 0x" + Long.toHexString(PodFixtures.DEFAULT_SEED) + ", "
          + String.format(Locale.ROOT, "%,d", probe.get("fixtureBytes").getAsLong() / probe.get("pods").getAsInt())
          + " bytes of JSON per pod (made at run time, never committed)");
    }
    line("");
  }

  private void targetTable() {
    line("## Targets");
    line("");
    line("Speed targets are judged on the CPU-time ratio (see \"CPU time per operation\": the machine was "
        + "shared, so wall-clock ratios carry the load of the moment); the JMH wall-clock ratio is shown beside it.");
    line("");
    line("| target | measured (CPU time) | JMH wall clock | met |");
    line("| --- | --- | --- | --- |");
    for (String[] row : targets) {
      line("| " + row[0] + " | " + row[1] + " | " + row[2] + " | " + row[3] + " |");
    }
    if (targets.isEmpty()) {
      line("| (no results) | | |");
    }
    line("");
  }

  private void timings(String method, String title, String unit) {
    Map<String, Map<Integer, JsonObject>> byContestant = jmh.get(method);
    if (byContestant == null) {
      return;
    }
    line("## " + title);
    line("");
    line(unit + ", score ± 99.9% error.");
    line("");
    TreeSet<Integer> sizes = new TreeSet<>();
    byContestant.values().forEach(m -> sizes.addAll(m.keySet()));
    this.sizes.addAll(sizes);
    List<String> present = CONTESTANTS.stream().filter(byContestant::containsKey).toList();
    sizeTableHeader(present);
    for (int pods : sizes) {
      StringBuilder row = new StringBuilder("| " + String.format(Locale.ROOT, "%,d", pods) + " |");
      for (String contestant : present) {
        JsonObject run = byContestant.get(contestant).get(pods);
        row.append(' ').append(run == null ? "–" : score(run)).append(" |");
      }
      Double fabric8 = ratio(byContestant, pods, FABRIC8);
      Double official = ratio(byContestant, pods, CLIENT_JAVA);
      Double officialMf = ratio(byContestant, pods, CLIENT_JAVA_MF);
      row.append(' ').append(formatRatio(fabric8)).append(" | ").append(formatRatio(official))
          .append(" | ").append(formatRatio(officialMf)).append(" |");
      line(row.toString());
      putRatio(jmhRatios, method + " " + pods + " " + FABRIC8, fabric8);
      putRatio(jmhRatios, method + " " + pods + " " + CLIENT_JAVA, official);
      putRatio(jmhRatios, method + " " + pods + " " + CLIENT_JAVA_MF, officialMf);
    }
    line("");
  }

  /** The header of a table with a row per size: a column per contestant, then kubesdk's ratio to each peer. */
  private void sizeTableHeader(List<String> contestants) {
    StringBuilder header = new StringBuilder("| pods |");
    StringBuilder rule = new StringBuilder("| ---: |");
    for (String contestant : contestants) {
      header.append(' ').append(contestant).append(" |");
      rule.append(" ---: |");
    }
    for (String peer : PEERS) {
      header.append(" kubesdk ÷ ").append(peer).append(" |");
      rule.append(" ---: |");
    }
    line(header.toString());
    line(rule.toString());
  }

  private void cpuTimes() {
    if (cpu.isEmpty()) {
      return;
    }
    line("## CPU time per operation");
    line("");
    line("Median CPU time of the measuring thread per PodList (`CpuTimeProbe`, one JVM per contestant, "
        + "warm-up and measured operations counted the same for everyone), in ms; wall-clock time on a shared "
        + "machine also counts the time spent waiting for a core, this does not. JIT and GC threads are not included.");
    for (String operation : List.of("parse", "write")) {
      Map<String, Map<Integer, JsonObject>> byContestant = cpu.get(operation);
      if (byContestant == null) {
        continue;
      }
      line("");
      line("**" + operation + "**");
      line("");
      List<String> present = CONTESTANTS.stream().filter(byContestant::containsKey).toList();
      sizeTableHeader(present);
      TreeSet<Integer> cpuSizes = new TreeSet<>();
      byContestant.values().forEach(m -> cpuSizes.addAll(m.keySet()));
      sizes.addAll(cpuSizes);
      for (int pods : cpuSizes) {
        StringBuilder row = new StringBuilder("| " + String.format(Locale.ROOT, "%,d", pods) + " |");
        for (String contestant : present) {
          JsonObject probe = byContestant.get(contestant).get(pods);
          row.append(' ').append(probe == null ? "–" : number(probe.get("cpuMsMedian").getAsDouble())).append(" |");
        }
        for (String peer : PEERS) {
          JsonObject ours = byContestant.getOrDefault(KUBESDK, Map.of()).get(pods);
          JsonObject theirs = byContestant.getOrDefault(peer, Map.of()).get(pods);
          Double ratio = ours == null || theirs == null ? null
              : ours.get("cpuMsMedian").getAsDouble() / theirs.get("cpuMsMedian").getAsDouble();
          putRatio(cpuRatios, operation + " " + pods + " " + peer, ratio);
          row.append(' ').append(formatRatio(ratio)).append(" |");
        }
        line(row.toString());
      }
    }
    line("");
  }

  private static void putRatio(Map<String, Double> ratios, String key, Double ratio) {
    if (ratio != null) {
      ratios.put(key, ratio);
    }
  }

  private void speedTarget(String name, String key, double limit) {
    Double cpuRatio = cpuRatios.get(key);
    Double jmhRatio = jmhRatios.get(key);
    Double judged = cpuRatio != null ? cpuRatio : jmhRatio;
    targets.add(new String[] {
      name,
      cpuRatio == null ? "not measured" : formatRatio(cpuRatio) + "×",
      jmhRatio == null ? "not measured" : formatRatio(jmhRatio) + "×",
      judged == null ? "–" : judged <= limit ? "yes" : "**no**"
    });
  }

  private void liveApiServer() {
    if (live.isEmpty()) {
      return;
    }
    int pods = live.values().iterator().next().get("pods").getAsInt();
    line("## Against a local kube-apiserver");
    line("");
    line("kube-apiserver " + "and etcd from the testing module's `LocalControlPlane` on loopback, holding "
        + String.format(Locale.ROOT, "%,d", pods) + " fixture pods (created without status; the server adds "
        + "managedFields). One fresh JVM per client (`LiveClientProbe`) whose class path is that client's runtime "
        + "closure (as in the closure table) plus the probe's classes, Gson for its output and slf4j-simple as the "
        + "logging backend; bearer-token kubeconfig. Cold start: JVM "
        + "start → kubeconfig loaded → first `LIST pods?limit=1` answered (JVM uptime), the median of "
        + "the full run and the extra cold-start-only JVMs (the clients take turns; the count is in the table). "
        + "LIST: every pod in one "
        + "request, decoded; median of 3 after one warm-up. Watch: from resourceVersion 0, ADDED events decoded "
        + "per second until all pods arrived. client-java runs with its default (managedFields dropped). The "
        + "API server shares the machine's 2 cores with the client.");
    line("");
    line("| client | cold start ms (JVMs) | LIST ms | watch events/s | cold start kubesdk ÷ this | LIST kubesdk ÷ this | watch events/s kubesdk ÷ this |");
    line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    JsonObject ours = live.get(KUBESDK);
    for (String client : List.of(KUBESDK, CLIENT_JAVA, FABRIC8)) {
      JsonObject probe = live.get(client);
      if (probe == null) {
        continue;
      }
      List<Double> colds = coldStartsOf(client, probe);
      double cold = median(colds);
      double list = probe.get("listAllMsMedian").getAsDouble();
      double watch = probe.get("watchEventsPerSecond").getAsDouble();
      double ourCold = ours == null ? Double.NaN : median(coldStartsOf(KUBESDK, ours));
      if (client.equals(CLIENT_JAVA) && ours != null) {
        target("cold start ≤ 0.6× client-java", ourCold / cold, 0.6);
      }
      line("| " + client + " | " + String.format(Locale.ROOT, "%,.0f (%d)", cold, colds.size()) + " | " + number(list) + " | "
          + String.format(Locale.ROOT, "%,.0f", watch) + " | "
          + (ours == null ? "–" : formatRatio(ourCold / cold)) + " | "
          + (ours == null ? "–" : formatRatio(ours.get("listAllMsMedian").getAsDouble() / list)) + " | "
          + (ours == null ? "–" : formatRatio(ours.get("watchEventsPerSecond").getAsDouble() / watch)) + " |");
    }
    line("");
  }

  /** The full run's cold start and those of the cold-start-only JVMs. */
  private List<Double> coldStartsOf(String client, JsonObject fullRun) {
    List<Double> all = new ArrayList<>(coldStarts.getOrDefault(client, List.of()));
    all.add(fullRun.get("coldStartMs").getAsDouble());
    return all;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private void gaps() {
    List<String> gaps = new ArrayList<>();
    for (String method : List.of("parse", "write")) {
      for (int pods : List.of(100, 1_000, 10_000)) {
        boolean inJmh = jmh.getOrDefault(method, Map.of()).getOrDefault(KUBESDK, Map.of()).containsKey(pods);
        boolean inCpu = cpu.getOrDefault(method, Map.of()).getOrDefault(KUBESDK, Map.of()).containsKey(pods);
        if (!inJmh || !inCpu) {
          gaps.add(method + " at " + String.format(Locale.ROOT, "%,d", pods) + " pods: "
              + (!inJmh && !inCpu ? "not measured" : !inJmh ? "no JMH figure (CPU time only)" : "no CPU-time figure (JMH only)")
              + " in this run");
        }
      }
    }
    if (probes.isEmpty()) {
      gaps.add("retained heap and round trip: not measured in this run");
    } else if (probes.values().stream().anyMatch(p -> p.get("pods").getAsInt() != 10_000)) {
      gaps.add("retained heap: measured after parsing " + String.format(Locale.ROOT, "%,d",
          probes.values().iterator().next().get("pods").getAsInt()) + " pods, not 10,000");
    }
    if (live.isEmpty()) {
      gaps.add("cold start, LIST end-to-end and watch events/s against the local kube-apiserver: not measured in this "
          + "run (bench/run --live-pods N runs them)");
    } else if (live.values().iterator().next().get("pods").getAsInt() != 10_000) {
      gaps.add("LIST end-to-end and watch: " + String.format(Locale.ROOT, "%,d",
          live.values().iterator().next().get("pods").getAsInt()) + " pods in the API server, not 10,000");
    }
    if (gaps.isEmpty()) {
      return;
    }
    line("## Not measured in this run");
    line("");
    gaps.forEach(gap -> line("- " + gap));
    line("");
  }

  private void allocation() {
    if (jmh.isEmpty()) {
      return;
    }
    line("## Allocation per pod");
    line("");
    line("Bytes allocated per pod: JMH `-prof gc` `gc.alloc.rate.norm` (bytes per operation) ÷ pods, "
        + "at the largest size measured.");
    line("");
    line("| contestant | parse B/pod | write B/pod |");
    line("| --- | ---: | ---: |");
    for (String contestant : CONTESTANTS) {
      String parse = allocationPerPod("parse", contestant);
      String write = allocationPerPod("write", contestant);
      if (!parse.equals("–") || !write.equals("–")) {
        line("| " + contestant + " | " + parse + " | " + write + " |");
      }
    }
    line("");
  }

  private String allocationPerPod(String method, String contestant) {
    Map<Integer, JsonObject> runs = jmh.getOrDefault(method, Map.of()).get(contestant);
    if (runs == null || runs.isEmpty()) {
      return "–";
    }
    int pods = runs.keySet().stream().max(Integer::compare).orElseThrow();
    JsonObject secondary = runs.get(pods).getAsJsonObject("secondaryMetrics");
    if (secondary == null || !secondary.has("gc.alloc.rate.norm")) {
      return "–";
    }
    double perOp = secondary.getAsJsonObject("gc.alloc.rate.norm").get("score").getAsDouble();
    return String.format(Locale.ROOT, "%,.0f", perOp / pods);
  }

  private void retained() {
    if (probes.isEmpty()) {
      return;
    }
    line("## Retained heap per pod and round trip");
    line("");
    line("Live heap the parsed PodList keeps, per pod, in a fresh JVM per contestant (`ContestantProbe`, "
        + "`-XX:+UseSerialGC`: full collections until the used heap is stable, before and after reading "
        + "the list; MemoryMXBean used-heap difference ÷ pods). Round trip: read the 100-pod list, write "
        + "it back, compare both as JSON trees.");
    line("");
    line("| contestant | pods | retained B/pod | kubesdk ÷ this | round trip |");
    line("| --- | ---: | ---: | ---: | --- |");
    JsonObject kubesdk = probes.get(KUBESDK);
    for (String contestant : CONTESTANTS) {
      JsonObject probe = probes.get(contestant);
      if (probe == null) {
        continue;
      }
      long perPod = probe.get("retainedBytesPerPod").getAsLong();
      String ratio = kubesdk == null ? "–"
          : formatRatio(kubesdk.get("retainedBytesPerPod").getAsDouble() / perPod);
      line("| " + contestant + " | " + String.format(Locale.ROOT, "%,d", probe.get("pods").getAsInt()) + " | "
          + String.format(Locale.ROOT, "%,d", perPod) + " | " + ratio + " | "
          + probe.get("roundTrip").getAsString().replace("|", "\\|") + " |");
    }
    if (kubesdk != null && probes.containsKey(FABRIC8)) {
      target("retained heap per pod (managedFields kept) ≤ 0.8× fabric8",
          kubesdk.get("retainedBytesPerPod").getAsDouble() / probes.get(FABRIC8).get("retainedBytesPerPod").getAsDouble(),
          0.8);
    }
    line("");
  }

  private void closure(Path target) throws IOException {
    Map<String, Path> files = new LinkedHashMap<>();
    for (String client : List.of(KUBESDK, CLIENT_JAVA, FABRIC8)) {
      Path file = target.resolve("closure-" + client + ".classpath");
      if (Files.isRegularFile(file)) {
        files.put(client, file);
      }
    }
    if (files.isEmpty()) {
      return;
    }
    line("## Runtime dependency closure");
    line("");
    line("Each client's runtime class path as its published POM resolves it on its own (`bench/closure/pom.xml`, "
        + "`dependency:build-classpath -Dmdep.includeScope=runtime`), the client's own jars included.");
    line("");
    line("| client | jars | MiB | kubesdk ÷ this (MiB) | largest jars |");
    line("| --- | ---: | ---: | ---: | --- |");
    double kubesdkMib = -1;
    for (Map.Entry<String, Path> entry : files.entrySet()) {
      List<File> jars = new ArrayList<>();
      for (String path : Files.readString(entry.getValue()).trim().split(File.pathSeparator)) {
        if (!path.isBlank()) {
          jars.add(new File(path));
        }
      }
      long bytes = jars.stream().mapToLong(File::length).sum();
      double mib = bytes / MIB;
      if (entry.getKey().equals(KUBESDK)) {
        kubesdkMib = mib;
        target("runtime closure ≤ 12 MiB", mib / 12.0, 1.0, String.format(Locale.ROOT, "%.1f MiB", mib));
      }
      jars.sort(Comparator.comparingLong(File::length).reversed());
      StringBuilder largest = new StringBuilder();
      for (File jar : jars.subList(0, Math.min(4, jars.size()))) {
        largest.append(largest.length() == 0 ? "" : ", ").append(jar.getName())
            .append(String.format(Locale.ROOT, " %.1f", jar.length() / MIB));
      }
      line("| " + entry.getKey() + " | " + jars.size() + " | " + String.format(Locale.ROOT, "%.1f", mib) + " | "
          + (kubesdkMib < 0 ? "–" : formatRatio(kubesdkMib / mib)) + " | " + largest + " |");
    }
    line("");
  }

  private void target(String name, Double ratio, double limit) {
    target(name, ratio, limit, ratio == null ? null : formatRatio(ratio) + "×");
  }

  private void target(String name, Double ratio, double limit, String measured) {
    if (ratio == null) {
      otherTargets.add(new String[] {name, "not measured", "", "–"});
    } else {
      otherTargets.add(new String[] {name, measured, "", ratio <= limit ? "yes" : "**no**"});
    }
  }

  private static Double ratio(Map<String, Map<Integer, JsonObject>> byContestant, int pods, String peer) {
    JsonObject ours = byContestant.getOrDefault(KUBESDK, Map.of()).get(pods);
    JsonObject theirs = byContestant.getOrDefault(peer, Map.of()).get(pods);
    if (ours == null || theirs == null) {
      return null;
    }
    return ours.getAsJsonObject("primaryMetric").get("score").getAsDouble()
        / theirs.getAsJsonObject("primaryMetric").get("score").getAsDouble();
  }

  private static String score(JsonObject run) {
    JsonObject primary = run.getAsJsonObject("primaryMetric");
    double score = primary.get("score").getAsDouble();
    double error = primary.get("scoreError").getAsDouble();
    return Double.isNaN(error) ? number(score) : number(score) + " ± " + number(error);
  }

  private static String number(double value) {
    if (value >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (value >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static String formatRatio(Double ratio) {
    if (ratio == null) {
      return "–";
    }
    return ratio < 0.1 ? String.format(Locale.ROOT, "%.3f", ratio) : String.format(Locale.ROOT, "%.2f", ratio);
  }

  private static String version(String group, String artifact) {
    String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = ResultsReport.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return "?";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static String gitRevision() {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
      String revision = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return git.waitFor() == 0 ? revision : "?";
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Paths.get("/proc/loadavg")).trim().split(" ")[0] + " (1 min)";
    } catch (IOException e) {
      return "unknown";
    }
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
