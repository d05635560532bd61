package dev.kubesdk.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Load and dump of the {@link ManifestsBenchmark} manifest with the three clients taking turns in one
 * JVM: after a warm-up, every round times each contestant once (the order rotating), so a machine
 * whose load changes during the run (a shared build host) weighs on all three alike. Prints the
 * median time per contestant and the median of the per-round kubesdk ÷ peer ratios as Markdown.
 *
 * <p>Arguments: {@code [rounds] [objects]}, default 15 rounds of 1,000 objects.
 */
public final class ManifestsBench {
  private static final String[] CONTESTANTS = {"kubesdk", "client-java", "fabric8"};

  private ManifestsBench() {}

  /** Runs the rounds and prints the table. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int objects = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    ManifestsBenchmark[] benches = new ManifestsBenchmark[CONTESTANTS.length];
    for (int i = 0; i < CONTESTANTS.length; i++) {
      benches[i] = new ManifestsBenchmark();
      benches[i].contestant = CONTESTANTS[i];
      benches[i].objects = objects;
      benches[i].setUp();
    }
    // Warm-up: each contestant until the JIT has settled (a few seconds of work each).
    for (int w = 0; w < 5; w++) {
      for (ManifestsBenchmark b : benches) {
        b.load();
        b.dump();
      }
    }
    double[][] load = new double[CONTESTANTS.length][rounds];
    double[][] dump = new double[CONTESTANTS.length][rounds];
    long sink = 0;
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < CONTESTANTS.length; k++) {
        int i = (r + k) % CONTESTANTS.length;
        System.gc();
        long t0 = System.nanoTime();
        sink += benches[i].load().size();
        long t1 = System.nanoTime();
        sink += benches[i].dump().length();
        long t2 = System.nanoTime();
        load[i][r] = (t1 - t0) / 1e6;
        dump[i][r] = (t2 - t1) / 1e6;
      }
    }
    for (ManifestsBenchmark b : benches) {
      b.tearDown();
    }
    StringBuilder out = new StringBuilder();
    out.append("| contestant | load, median ms | dump, median ms | load: kubesdk ÷ this (median of rounds) | dump: kubesdk ÷ this |\n");
    out.append("|---|---:|---:|---:|---:|\n");
    for (int i = 0; i < CONTESTANTS.length; i++) {
      out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %s | %s |%n", CONTESTANTS[i], median(load[i]), median(dump[i]),
          i == 0 ? "1" : String.format(Locale.ROOT, "%.2f", medianRatio(load[0], load[i])), i == 0 ? "1" : String.format(Locale.ROOT, "%.2f", medianRatio(dump[0], dump[i]))));
    }
    out.append(String.format(Locale.ROOT, "%n%d rounds of %d objects (%d bytes); checksum %d%n", rounds, objects, ManifestsBenchmark.manifest(objects).length(), sink));
    System.out.print(out);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static double medianRatio(double[] ours, double[] theirs) {
    List<Double> ratios = new ArrayList<>();
    for (int r = 0; r < ours.length; r++) {
      ratios.add(ours[r] / theirs[r]);
    }
    return median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
