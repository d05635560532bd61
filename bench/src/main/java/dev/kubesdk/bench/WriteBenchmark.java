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
 * Time (and, with {@code -prof gc}, allocation) to write back to JSON bytes the PodList each
 * contestant read from the shared fixture. client-java with its default drops managedFields on
 * read, so it writes less: compare writes against {@code client-java+managedFields}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class WriteBenchmark {
  @Param({"100", "1000", "10000"})
  public int pods;

  @Param({"kubesdk", "client-java", "client-java+managedFields", "fabric8", "gson-tree", "jackson-tree"})
  public String contestant;

  private Codec codec;
  private Object podList;

  /** Reads the fixture once with this contestant; the fixture bytes are then dropped. */
  @Setup(Level.Trial)
  public void setUp() {
    codec = Contestant.named(contestant).codec();
    podList = codec.parse(Fixtures.podList(pods));
  }

  /** One PodList written to bytes. */
  @Benchmark
  public byte[] write() {
    return codec.write(podList);
  }
}
