package dev.kubesdk.bench;

import com.sun.net.httpserver.HttpServer;
import dev.kubesdk.api.VersionApi;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.config.LoadOptions;
import dev.kubesdk.runtime.ApiClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a credential source costs per request when 16 threads share one client: {@code GET
 * /version} against a local HTTP server that answers 401 unless the expected bearer token arrives,
 * with the user of the kubeconfig holding a fixed token, a tokenFile, or a (valid, unexpired) OIDC
 * id-token. Each client loads the same kubeconfig its own way; a client that cannot send the token
 * fails its set-up and has no figure. Throughput, so the ratio of a source to the fixed token of the
 * same client is its overhead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// The JDK's HTTP server writes headers and body separately; without TCP_NODELAY every answer
// waits for the client's delayed ACK (about 40 ms), which would hide everything measured here.
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx1g", "-Dsun.net.httpserver.nodelay=true"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Threads(16)
public class CredentialsBenchmark {
  /** A JWT whose exp is in 2100, so no client refreshes it. */
  static final String ID_TOKEN = jwt("{\"iss\":\"https://issuer.invalid\",\"sub\":\"bench\",\"aud\":\"kubesdk\",\"exp\":4102444800}");
  static final String TOKEN = "bench-static-token";
  /** A whole VersionInfo: client-java refuses one without its required fields. */
  static final String VERSION =
      "{\"major\":\"1\",\"minor\":\"37\",\"gitVersion\":\"v1.37.2\",\"gitCommit\":\"0000000000000000000000000000000000000000\","
          + "\"gitTreeState\":\"clean\",\"buildDate\":\"2026-11-01T00:00:00Z\",\"goVersion\":\"go1.26.8\",\"compiler\":\"gc\",\"platform\":\"linux/amd64\"}";

  @Param({"kubesdk", "client-java", "fabric8"})
  public String client;

  @Param({"token", "tokenFile", "oidc"})
  public String credential;

  private HttpServer server;
  private ExecutorService serverThreads;
  private Path directory;
  private Callable<Object> call;
  private AutoCloseable closer = () -> {};

  /** Starts the server, writes the kubeconfig, loads it into the client and checks one call. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String expected = credential.equals("oidc") ? ID_TOKEN : TOKEN;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext(
        "/",
        exchange -> {
          boolean ok = ("Bearer " + expected).equals(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] body = (ok ? VERSION : "{\"kind\":\"Status\",\"code\":401}").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    serverThreads = Executors.newFixedThreadPool(16);
    server.setExecutor(serverThreads);
    server.start();
    directory = Files.createTempDirectory("kubesdk-bench-credentials");
    Path kubeconfig = writeKubeconfig(directory, credential, server.getAddress().getPort());
    call = caller(kubeconfig);
    call.call(); // throws when the client did not send the expected token
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    closer.close();
    server.stop(0);
    serverThreads.shutdownNow();
  }

  /** One authenticated GET /version. */
  @Benchmark
  public Object getVersion() throws Exception {
    return call.call();
  }

  private Callable<Object> caller(Path kubeconfig) throws IOException {
    switch (client) {
      case "kubesdk" -> {
        VersionApi version = new VersionApi(new ApiClient(KubeConfig.resolve(LoadOptions.builder().kubeconfig(kubeconfig).environment(Map.of()).build())));
        return () -> version.getCode().execute();
      }
      case "client-java" -> {
        io.kubernetes.client.openapi.ApiClient apiClient = io.kubernetes.client.util.Config.fromConfig(kubeconfig.toString());
        io.kubernetes.client.openapi.apis.VersionApi version = new io.kubernetes.client.openapi.apis.VersionApi(apiClient);
        return () -> version.getCode().execute();
      }
      case "fabric8" -> {
        KubernetesClient fabric8 = new KubernetesClientBuilder().withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(kubeconfig))).build();
        closer = fabric8;
        return () -> {
          // getKubernetesVersion() caches its answer; a raw GET is what every other call pays.
          String answer = fabric8.raw("/version");
          if (answer == null || !answer.contains("gitVersion")) {
            throw new IllegalStateException("fabric8 was not answered with the version: " + answer);
          }
          return answer;
        };
      }
      default -> throw new IllegalArgumentException("unknown client " + client);
    }
  }

  /** Writes the kubeconfig of {@code credential} for a server at {@code port} into {@code directory}. */
  static Path writeKubeconfig(Path directory, String credential, int port) throws IOException {
    String user =
        switch (credential) {
          case "token" -> "    token: " + TOKEN + "\n";
          case "tokenFile" -> {
            Path file = directory.resolve("token");
            // No trailing newline, as in a projected service-account token: client-java sends the
            // file as it is, and a newline makes its header invalid.
            Files.writeString(file, TOKEN);
            yield "    tokenFile: " + file.toAbsolutePath() + "\n";
          }
          case "oidc" ->
              "    auth-provider:\n      name: oidc\n      config:\n        client-id: kubesdk\n        idp-issuer-url: https://issuer.invalid\n"
                  + "        id-token: " + ID_TOKEN + "\n        refresh-token: bench-refresh\n";
          default -> throw new IllegalArgumentException("unknown credential " + credential);
        };
    String yaml =
        "apiVersion: v1\nkind: Config\nclusters:\n- name: bench\n  cluster:\n    server: http://127.0.0.1:" + port + "\n"
            + "users:\n- name: bench\n  user:\n" + user
            + "contexts:\n- name: bench\n  context:\n    cluster: bench\n    user: bench\ncurrent-context: bench\n";
    Path kubeconfig = directory.resolve("kubeconfig");
    Files.writeString(kubeconfig, yaml);
    return kubeconfig;
  }

  private static String jwt(String claims) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString("not-a-real-signature".getBytes(StandardCharsets.UTF_8));
  }
}
