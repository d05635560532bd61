package dev.kubesdk.bench;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Parse and write time of one contestant measured as the CPU time of the measuring thread, in a JVM
 * of its own. On a machine shared with other work, wall-clock time (what JMH reports) includes the
 * time the thread waited for a core; CPU time does not, so these ratios stay comparable when the
 * load changes between contestants. It still includes the thread's own share of allocation and
 * cache misses, but not the JIT or GC threads: read it next to the JMH figures, not instead of them.
 *
 * <p>For each size: warm up by operation count (the same for every contestant), then time each of
 * the measured operations with {@link ThreadMXBean#getCurrentThreadCpuTime()} and report the median.
 *
 * <p>Usage: {@code CpuTimeProbe <contestant> <output.jsonl> <pods>...}
 */
public final class CpuTimeProbe {
  private CpuTimeProbe() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      throw new IllegalArgumentException("usage: CpuTimeProbe <contestant> <output.jsonl> <pods>...");
    }
    Contestant contestant = Contestant.named(args[0]);
    Path output = Paths.get(args[1]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure thread CPU time");
    }
    Codec codec = contestant.codec();
    for (int i = 2; i < args.length; i++) {
      int pods = Integer.parseInt(args[i]);
      byte[] json = Fixtures.podList(pods);
      // About 3,000 pods' worth of warm-up and 1,500 measured; at 10,000 pods (the JVM is warm from
      // the smaller sizes by then) one warm-up and two measured operations.
      int warmups = Math.max(1, 3_000 / pods);
      int measured = pods >= 10_000 ? 2 : Math.max(3, 1_500 / pods);
      Object podList = null;
      for (int w = 0; w < warmups; w++) {
        podList = codec.parse(json);
        codec.write(podList);
      }
      long[] parse = new long[measured];
      long[] write = new long[measured];
      long[] parseWall = new long[measured];
      for (int m = 0; m < measured; m++) {
        podList = null;
        long wall = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        podList = codec.parse(json);
        parse[m] = threads.getCurrentThreadCpuTime() - cpu;
        parseWall[m] = System.nanoTime() - wall;
        cpu = threads.getCurrentThreadCpuTime();
        byte[] written = codec.write(podList);
        write[m] = threads.getCurrentThreadCpuTime() - cpu;
        if (written.length == 0 || codec.itemCount(podList) != pods) {
          throw new IllegalStateException(contestant.label() + " lost pods at " + pods);
        }
      }
      record(output, contestant, pods, "parse", parse, parseWall, warmups);
      record(output, contestant, pods, "write", write, null, warmups);
    }
  }

  private static void record(Path output, Contestant contestant, int pods, String operation,
      long[] cpuNanos, long[] wallNanos, int warmups) throws IOException {
    JsonObject line = new JsonObject();
    line.addProperty("contestant", contestant.label());
    line.addProperty("pods", pods);
    line.addProperty("operation", operation);
    line.addProperty("cpuMsMedian", median(cpuNanos) / 1e6);
    line.addProperty("cpuMsMin", Arrays.stream(cpuNanos).min().orElseThrow() / 1e6);
    if (wallNanos != null) {
      line.addProperty("wallMsMedian", median(wallNanos) / 1e6);
    }
    line.addProperty("warmupOperations", warmups);
    line.addProperty("measuredOperations", cpuNanos.length);
    Files.writeString(output, line + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.out.println(line);
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
  }
}
