package dev.kubesdk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The PodList fixtures every benchmark reads, made by {@link PodFixtures} with the default seed and
 * kept in a folder ({@code -Dkubesdk.bench.fixtures}, default {@code target/fixtures}) so that each
 * forked JVM reads the bytes instead of making them again. The folder is a build output, never
 * committed; delete it and the next run writes the same bytes again.
 */
public final class Fixtures {
  /** System property naming the fixture folder. */
  public static final String DIRECTORY_PROPERTY = "kubesdk.bench.fixtures";

  private Fixtures() {}

  /** The bytes of the {@code pods}-pod list, made and stored first if the folder lacks them. */
  public static byte[] podList(int pods) {
    Path file = directory().resolve(String.format(Locale.ROOT, "pods-%d-%x.json", pods, PodFixtures.DEFAULT_SEED));
    try {
      if (Files.isRegularFile(file)) {
        return Files.readAllBytes(file);
      }
      byte[] json = PodFixtures.podList(pods, PodFixtures.DEFAULT_SEED);
      Files.createDirectories(file.getParent());
      Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".partial");
      Files.write(partial, json);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the fixture " + file
          + "; set -D" + DIRECTORY_PROPERTY + " to a writable folder", e);
    }
  }

  private static Path directory() {
    return Paths.get(System.getProperty(DIRECTORY_PROPERTY, "target/fixtures")).toAbsolutePath();
  }

  /** Makes the fixtures for the given pod counts ahead of a run: {@code Fixtures 100 1000 10000}. */
  public static void main(String[] args) {
    for (String arg : args) {
      int pods = Integer.parseInt(arg);
      long started = System.nanoTime();
      byte[] json = podList(pods);
      System.out.printf(Locale.ROOT, "fixture: %,d pods, %,d bytes (%,d per pod) in %.1f s%n",
          pods, json.length, json.length / Math.max(1, pods), (System.nanoTime() - started) / 1e9);
    }
  }
}
