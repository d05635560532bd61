package dev.kubesdk.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time (and, with {@code -prof gc}, allocation) to read a PodList of 100, 1,000 and 10,000 pods from
 * the same JSON bytes, per contestant. Each contestant runs in its own JVM, which client-java's
 * once-per-JVM managedFields switch needs anyway.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ParseBenchmark {
  @Param({"100", "1000", "10000"})
  public int pods;

  @Param({"kubesdk", "client-java", "client-java+managedFields", "fabric8", "gson-tree", "jackson-tree"})
  public String contestant;

  private byte[] json;
  private Codec codec;

  /** Loads the fixture and checks that this contestant reads every pod of it. */
  @Setup(Level.Trial)
  public void setUp() {
    json = Fixtures.podList(pods);
    codec = Contestant.named(contestant).codec();
    int read = codec.itemCount(codec.parse(json));
    if (read != pods) {
      throw new IllegalStateException(contestant + " read " + read + " pods of " + pods);
    }
  }

  /** One PodList read from bytes. */
  @Benchmark
  public Object parse() {
    return codec.parse(json);
  }
}
