package dev.kubesdk.bench;

import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.config.LoadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The part of a request a credential source adds, alone: the {@code Authorization} header that
 * kubesdk's API client asks for on every request, with 16 threads asking at once. Average time per
 * header; set it against the time of a whole request ({@link CredentialsBenchmark}) to read the
 * overhead per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Threads(16)
public class CredentialHeaderBenchmark {
  @Param({"token", "tokenFile", "oidc"})
  public String credential;

  private Credentials credentials;

  /** Loads the kubeconfig of {@link CredentialsBenchmark} for this credential. */
  @Setup
  public void setUp() throws Exception {
    Path kubeconfig = CredentialsBenchmark.writeKubeconfig(Files.createTempDirectory("kubesdk-bench-header"), credential, 6443);
    credentials = KubeConfig.resolve(LoadOptions.builder().kubeconfig(kubeconfig).environment(Map.of()).build()).credentials();
  }

  /** One header, as {@code AuthorizationInterceptor} asks for it (the request's timeout as the wait). */
  @Benchmark
  public Object authorization() {
    return credentials.authorization(Duration.ofSeconds(60));
  }
}
