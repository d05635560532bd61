package dev.kubesdk.bench;

import dev.kubesdk.maven.CrdGenerator;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * Generation of Java classes for 100 CustomResourceDefinitions by kubesdk's {@link CrdGenerator} and by
 * fabric8's {@code java-generator-core}, taking turns in one JVM: each round, each generator reads the
 * same 100 files and writes its sources to an empty directory; the order alternates. The 100 CRDs are
 * the real CRDs in {@code crdDir} (cert-manager's six), copied round-robin under distinct groups ({@code
 * g7.cert-manager.io}), so that no two generate the same classes.
 *
 * <p>Arguments: {@code <crdDir> <fabric8ClassPathFile> [rounds] [crds]}. fabric8's generator runs in a
 * class loader of its own, built from the class path in the file (see {@code bench/crdgen-fabric8}).
 */
public final class CrdGenBench {
  private CrdGenBench() {}

  /** Runs the rounds and prints the table. */
  public static void main(String[] args) throws Exception {
    Path crdDir = Path.of(args[0]);
    String classPath = Files.readString(Path.of(args[1])).strip();
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    int count = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    Path work = Files.createTempDirectory("crdgen-bench");
    Path input = Files.createDirectories(work.resolve("crds"));
    long bytes = copies(crdDir, input, count);

    List<URL> urls = new ArrayList<>();
    for (String jar : classPath.split(File.pathSeparator)) {
      urls.add(Path.of(jar).toUri().toURL());
    }
    URLClassLoader fabric8 = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    Class<?> configClass = fabric8.loadClass("io.fabric8.java.generator.Config");
    Object config = configClass.getConstructor().newInstance();
    Constructor<?> generatorConstructor = fabric8.loadClass("io.fabric8.java.generator.FileJavaGenerator").getConstructor(configClass, File.class);
    Method run = fabric8.loadClass("io.fabric8.java.generator.JavaGenerator").getMethod("run", File.class);

    CrdGenerator kubesdk = CrdGenerator.builder().build();
    String[] names = {"kubesdk", "fabric8 java-generator 7.7.0"};
    double[][] ms = new double[2][rounds];
    long[] files = new long[2];
    // Two rounds warm both up; they are not counted.
    for (int r = -2; r < rounds; r++) {
      for (int k = 0; k < 2; k++) {
        int i = (r + 2 + k) % 2;
        Path out = work.resolve("out-" + i + "-" + (r + 2));
        System.gc();
        long t0 = System.nanoTime();
        if (i == 0) {
          SortedMap<String, String> sources = kubesdk.generate(List.of(input));
          CrdGenerator.write(sources, out);
        } else {
          // fabric8 finds its model classes through ServiceLoader on the context class loader.
          Thread.currentThread().setContextClassLoader(fabric8);
          try {
            Object generator = generatorConstructor.newInstance(config, input.toFile());
            run.invoke(generator, out.toFile());
          } finally {
            Thread.currentThread().setContextClassLoader(CrdGenBench.class.getClassLoader());
          }
        }
        long t1 = System.nanoTime();
        files[i] = countJava(out);
        delete(out);
        if (r >= 0) {
          ms[i][r] = (t1 - t0) / 1e6;
        }
      }
    }
    StringBuilder table = new StringBuilder();
    table.append("| generator | median ms (").append(count).append(" CRDs) | Java files written | kubesdk ÷ this (median of rounds) |\n");
    table.append("|---|---:|---:|---:|\n");
    for (int i = 0; i < 2; i++) {
      table.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %s |%n", names[i], ManifestsBench.median(ms[i]), files[i],
          i == 0 ? "1" : String.format(Locale.ROOT, "%.2f", ManifestsBench.medianRatio(ms[0], ms[i]))));
    }
    table.append(String.format(Locale.ROOT, "%n%d rounds after two warm-up rounds; %d CRD files, %d bytes of YAML%n", rounds, count, bytes));
    System.out.print(table);
    delete(work);
  }

  /** Writes {@code count} CRDs into {@code target}, the files of {@code source} round-robin under distinct groups. */
  static long copies(Path source, Path target, int count) throws IOException {
    List<Path> crds;
    try (Stream<Path> files = Files.list(source)) {
      crds = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      Path file = crds.get(i % crds.size());
      String text = Files.readString(file);
      String group = text.lines().filter(l -> l.startsWith("  group: ")).findFirst().orElseThrow().substring(9).strip();
      String copy = text.replace("  group: " + group, "  group: g" + i + "." + group).replace("." + group + "\n", ".g" + i + "." + group + "\n");
      Path out = target.resolve(String.format(Locale.ROOT, "%03d-%s", i, file.getFileName()));
      Files.writeString(out, copy);
      bytes += copy.length();
    }
    return bytes;
  }

  private static long countJava(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".java")).count();
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
