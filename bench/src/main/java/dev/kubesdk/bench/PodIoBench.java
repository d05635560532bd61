package dev.kubesdk.bench;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Container;
import dev.kubesdk.api.model.V1Namespace;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.api.model.V1PodSpec;
import dev.kubesdk.podio.ExecOptions;
import dev.kubesdk.podio.ExecSession;
import dev.kubesdk.podio.PodIo;
import dev.kubesdk.podio.PortForward;
import dev.kubesdk.podio.PortForwardOptions;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.testing.ClusterProfile;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import dev.kubesdk.testing.SimulatedKubelet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pod I/O of kubesdk beside kubectl (built from the same Kubernetes version by {@code
 * e2e/controlplane/build kubectl}), client-java and fabric8, against one local full-profile cluster
 * whose kwok node runs exec as local processes and forwards pod port 8081 to an echo server of this
 * program: exec stdout throughput of a 256 MiB stream, port-forward throughput of 256 MiB sent and
 * echoed back, connections per second for 1,000 short port-forward connections, and the latency of a
 * one-shot {@code exec echo}. Each figure is the median of its rounds; the report gives ratios to
 * kubesdk.
 *
 * <p>Usage: {@code PodIoBench <rounds> <kubectl or -> <report.md> [clients]}; kubesdk must be among
 * the clients, first, as the base of the ratios.
 */
public final class PodIoBench {
  private static final long BIG = 256L * 1024 * 1024;
  private static final int SHORT_CONNECTIONS = 1000;
  private static final int CONNECTION_THREADS = 8;
  private static final int ECHO_CALLS = 200;
  private static final int ECHO_WARMUP = 20;
  private static final int ECHO_PORT = 8081;

  private PodIoBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3 && args.length != 4) {
      throw new IllegalArgumentException("usage: PodIoBench <rounds> <kubectl binary or -> <report.md> [clients, e.g. kubesdk,kubectl,fabric8]");
    }
    List<String> only = args.length == 4 ? List.of(args[3].split(",")) : List.of("kubesdk", "kubectl", "client-java", "fabric8");
    int rounds = Integer.parseInt(args[0]);
    String kubectl = args[1].equals("-") ? null : args[1];
    Path report = Paths.get(args[2]).toAbsolutePath();
    Path work = Files.createTempDirectory("podio-bench");
    Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
    try (LocalControlPlane cluster = LocalControlPlane.builder().profile(ClusterProfile.FULL).build();
        Servers servers = new Servers()) {
      cluster.start();
      ApiClient admin = new ApiClient(cluster.configuration(LocalUser.ADMIN_TOKEN));
      CoreV1Api core = new CoreV1Api(admin);
      String ns = "podio-bench";
      core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(ns))).execute();
      SimulatedKubelet kubelet = cluster.kubelet();
      kubelet.runExecIn(ns, work);
      kubelet.forwardPort(ns, ECHO_PORT, servers.echo.getLocalPort());
      core.createNamespacedPod(ns, new V1Pod().metadata(new V1ObjectMeta().name("bench"))
          .spec(new V1PodSpec().containers(List.of(new V1Container().name("app").image("registry.invalid/app:1"))))).execute();
      awaitRunning(core, ns, "bench");
      Path kubeconfig = cluster.kubeconfig(LocalUser.ADMIN_TOKEN);
      List<Contestant> contestants = new ArrayList<>();
      contestants.add(new Kubesdk(PodIo.of(admin)));
      if (kubectl != null) {
        contestants.add(new Kubectl(kubectl, kubeconfig));
      }
      contestants.add(new OfficialPodIo(kubeconfig));
      contestants.add(new Fabric8PodIo(kubeconfig));
      contestants.removeIf(c -> !only.contains(c.name()));
      // kwok picks the settings up from its watch: exec and both forwarded ports must answer first.
      awaitForward(PodIo.of(admin), ns);
      for (Contestant c : contestants) {
        awaitReady(c, ns);
      }
      for (int round = 0; round < rounds; round++) {
        for (Contestant c : contestants) {
          Map<String, List<Double>> mine = results.computeIfAbsent(c.name(), k -> new LinkedHashMap<>());
          measure(mine, "exec stdout MiB/s", () -> mibPerSecond(BIG, c.execStdout(ns, "bench", BIG)));
          measure(mine, "port-forward MiB/s", () -> mibPerSecond(BIG, c.forwardRead(ns, "bench", ECHO_PORT, BIG)));
          measure(mine, "port-forward connections/s", () -> c.shortConnections(ns, "bench", ECHO_PORT, SHORT_CONNECTIONS, CONNECTION_THREADS));
          double[] latency = new double[2];
          measure(mine, "exec echo p50 ms", () -> {
            double[] l = c.echoLatency(ns, "bench", ECHO_WARMUP, ECHO_CALLS);
            latency[1] = l[1];
            return l[0];
          });
          mine.computeIfAbsent("exec echo p99 ms", k -> new ArrayList<>()).add(latency[1] == 0 ? Double.NaN : latency[1]);
          System.out.println(c.name() + " round " + round + ": " + mine);
        }
      }
      for (Contestant c : contestants) {
        c.close();
      }
    }
    String text = report(results, rounds, kubectl);
    Files.writeString(report, text, StandardCharsets.UTF_8);
    System.out.println(text);
  }

  interface Measurement {
    double run() throws Exception;
  }

  private static final ExecutorService WATCHDOG = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "bench-measurement");
    t.setDaemon(true);
    return t;
  });

  /** Runs {@code m}, a failure or one that takes over 3 minutes counting as no figure (NaN). */
  private static void measure(Map<String, List<Double>> into, String what, Measurement m) {
    double value;
    Future<Double> run = WATCHDOG.submit(m::run);
    try {
      value = run.get(3, TimeUnit.MINUTES);
    } catch (Exception e) {
      run.cancel(true);
      System.out.println("  " + what + " failed: " + e);
      value = Double.NaN;
    }
    into.computeIfAbsent(what, k -> new ArrayList<>()).add(value);
  }

  private static double mibPerSecond(long bytes, long nanos) {
    return bytes / (1024.0 * 1024.0) / (nanos / 1e9);
  }

  private static void awaitReady(Contestant c, String ns) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        c.echoLatency(ns, "bench", 0, 1);
        return;
      } catch (Exception e) {
        last = e;
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException(c.name() + " cannot exec in the bench pod", last);
  }

  private static void awaitForward(PodIo pods, String ns) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (int port : new int[] {ECHO_PORT}) {
      while (true) {
        try (PortForward f = pods.portForward("bench", ns, PortForwardOptions.builder().port(port).connectionErrors(e -> {}).build());
            Socket s = new Socket()) {
          s.connect(f.localAddress(port));
          s.setSoTimeout(5000);
          s.getOutputStream().write(42);
          if (s.getInputStream().read() >= 0) {
            break;
          }
        } catch (IOException | dev.kubesdk.runtime.ApiException e) {
          // not yet
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("pod port " + port + " is not forwarded");
        }
        Thread.sleep(200);
      }
    }
  }

  private static void awaitRunning(CoreV1Api core, String ns, String pod) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      V1Pod p = core.readNamespacedPod(pod, ns).execute();
      if (p.getStatus() != null && "Running".equals(p.getStatus().getPhase())) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("pod " + ns + "/" + pod + " did not start");
  }

  /** What every client does: the same four measurements. */
  abstract static class Contestant implements AutoCloseable {
    abstract String name();

    /** Nanoseconds to read {@code bytes} of an exec's stdout. */
    abstract long execStdout(String ns, String pod, long bytes) throws Exception;

    /** Nanoseconds to send {@code bytes} to a pod port that echoes them and read them all back. */
    abstract long forwardRead(String ns, String pod, int port, long bytes) throws Exception;

    /** Connections per second: each connects, sends a byte, reads it back, closes. */
    abstract double shortConnections(String ns, String pod, int port, int count, int threads) throws Exception;

    /** One-shot {@code echo hi}: {p50, p99} in ms. */
    double[] echoLatency(String ns, String pod, int warmup, int calls) throws Exception {
      double[] ms = new double[calls];
      for (int i = 0; i < warmup + calls; i++) {
        long start = System.nanoTime();
        String out = echo(ns, pod);
        long took = System.nanoTime() - start;
        if (!out.equals("hi\n")) {
          throw new IllegalStateException(name() + ": echo gave \"" + out + "\"");
        }
        if (i >= warmup) {
          ms[i - warmup] = took / 1e6;
        }
      }
      Arrays.sort(ms);
      return new double[] {ms[(int) Math.floor(0.5 * (calls - 1))], ms[(int) Math.floor(0.99 * (calls - 1))]};
    }

    abstract String echo(String ns, String pod) throws Exception;

    @Override
    public void close() throws Exception {}
  }

  /** {@code count} connect-send-receive-close round trips to {@code local}, on {@code threads} threads. */
  static double connections(InetSocketAddress local, int count, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        done.add(pool.submit(() -> {
          try (Socket s = new Socket()) {
            s.connect(local, 10_000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(42);
            if (s.getInputStream().read() != 42) {
              throw new IOException("no echo");
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
      return count / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Sends {@code bytes} on {@code out} from another thread while reading them back from {@code in}. */
  static long echoTransfer(OutputStream out, InputStream in, long bytes) throws Exception {
    java.util.concurrent.FutureTask<Void> writer = new java.util.concurrent.FutureTask<>(() -> {
      byte[] chunk = new byte[64 * 1024];
      for (long sent = 0; sent < bytes; sent += chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, bytes - sent));
      }
      out.flush();
      return null;
    });
    Thread t = new Thread(writer, "bench-writer");
    t.setDaemon(true);
    t.start();
    byte[] buffer = new byte[256 * 1024];
    long total = 0;
    while (total < bytes) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, bytes - total));
      if (n < 0) {
        throw new IOException("the echo ended after " + total + " of " + bytes + " bytes");
      }
      total += n;
    }
    writer.get(60, TimeUnit.SECONDS);
    return total;
  }

  /** {@link #echoTransfer} over a socket to {@code local}. */
  static long echoTransfer(InetSocketAddress local, long bytes) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(local, 10_000);
      s.setSoTimeout(30_000);
      return echoTransfer(s.getOutputStream(), s.getInputStream(), bytes);
    }
  }

  static long drain(InputStream in, long expected) throws IOException {
    byte[] buffer = new byte[256 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      total += n;
    }
    if (total != expected) {
      throw new IOException("read " + total + " bytes, expected " + expected);
    }
    return total;
  }

  static String[] bigCommand(long bytes) {
    return new String[] {"head", "-c", String.valueOf(bytes), "/dev/zero"};
  }

  static final class Kubesdk extends Contestant {
    private final PodIo pods;

    Kubesdk(PodIo pods) {
      this.pods = pods;
    }

    @Override
    String name() {
      return "kubesdk";
    }

    @Override
    long execStdout(String ns, String pod, long bytes) throws Exception {
      long start = System.nanoTime();
      try (ExecSession s = pods.openExec(pod, ns, ExecOptions.builder().command(bigCommand(bytes)).stderr(false).build())) {
        drain(s.stdout(), bytes);
        s.awaitExit(Duration.ofSeconds(30));
      }
      return System.nanoTime() - start;
    }

    @Override
    long forwardRead(String ns, String pod, int port, long bytes) throws Exception {
      long start = System.nanoTime();
      try (PortForward f = pods.portForward(pod, ns, PortForwardOptions.of(port))) {
        echoTransfer(f.localAddress(port), bytes);
      }
      return System.nanoTime() - start;
    }

    @Override
    double shortConnections(String ns, String pod, int port, int count, int threads) throws Exception {
      try (PortForward f = pods.portForward(pod, ns, PortForwardOptions.of(port))) {
        return connections(f.localAddress(port), count, threads);
      }
    }

    @Override
    String echo(String ns, String pod) {
      return pods.exec(pod, ns, ExecOptions.of("echo", "hi")).stdoutText();
    }
  }

  static final class Kubectl extends Contestant {
    private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+)");
    private final String binary;
    private final Path kubeconfig;

    Kubectl(String binary, Path kubeconfig) {
      this.binary = binary;
      this.kubeconfig = kubeconfig;
    }

    @Override
    String name() {
      return "kubectl";
    }

    private ProcessBuilder kubectl(String... args) {
      List<String> command = new ArrayList<>(List.of(binary, "--kubeconfig", kubeconfig.toString()));
      command.addAll(List.of(args));
      return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    }

    @Override
    long execStdout(String ns, String pod, long bytes) throws Exception {
      long start = System.nanoTime();
      List<String> args = new ArrayList<>(List.of("exec", "-n", ns, pod, "--"));
      args.addAll(List.of(bigCommand(bytes)));
      Process p = kubectl(args.toArray(String[]::new)).start();
      drain(p.getInputStream(), bytes);
      p.waitFor();
      return System.nanoTime() - start;
    }

    private <T> T forwarding(String ns, String pod, int port, PortUser<T> user) throws Exception {
      Process p = kubectl("port-forward", "-n", ns, "pod/" + pod, ":" + port).start();
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
          Matcher m = FORWARDING.matcher(line);
          if (m.find()) {
            // kubectl prints a line per connection: drained so that it never blocks on a full pipe.
            Thread drainer = new Thread(() -> {
              try {
                out.transferTo(java.io.Writer.nullWriter());
              } catch (IOException e) {
                // kubectl ended
              }
            });
            drainer.setDaemon(true);
            drainer.start();
            return user.use(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1))));
          }
        }
        throw new IOException("kubectl port-forward printed no Forwarding line");
      } finally {
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }

    interface PortUser<T> {
      T use(InetSocketAddress local) throws Exception;
    }

    @Override
    long forwardRead(String ns, String pod, int port, long bytes) throws Exception {
      long start = System.nanoTime();
      forwarding(ns, pod, port, local -> echoTransfer(local, bytes));
      return System.nanoTime() - start;
    }

    @Override
    double shortConnections(String ns, String pod, int port, int count, int threads) throws Exception {
      return forwarding(ns, pod, port, local -> connections(local, count, threads));
    }

    @Override
    String echo(String ns, String pod) throws Exception {
      Process p = kubectl("exec", "-n", ns, pod, "--", "echo", "hi").start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out;
    }
  }

  static String report(Map<String, Map<String, List<Double>>> results, int rounds, String kubectl) {
    StringBuilder out = new StringBuilder();
    out.append("| measurement |");
    results.keySet().forEach(c -> out.append(' ').append(c).append(" |"));
    results.keySet().stream().skip(1).forEach(c -> out.append(' ').append(c).append(" / kubesdk |"));
    out.append('\n').append("|---|");
    results.keySet().forEach(c -> out.append("---:|"));
    results.keySet().stream().skip(1).forEach(c -> out.append("---:|"));
    out.append('\n');
    Map<String, List<Double>> base = results.values().iterator().next();
    for (String what : base.keySet()) {
      out.append("| ").append(what).append(" |");
      double kubesdk = median(base.get(what));
      for (Map<String, List<Double>> r : results.values()) {
        out.append(' ').append(format(median(r.getOrDefault(what, List.of())))).append(" |");
      }
      results.values().stream().skip(1).forEach(r -> {
        double v = median(r.getOrDefault(what, List.of()));
        out.append(' ').append(Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v / kubesdk)).append(" |");
      });
      out.append('\n');
    }
    out.append("\nMedians of ").append(rounds).append(" rounds").append(kubectl == null ? "; kubectl not run" : "").append(". n/a: the client failed that measurement (see the run's output).\n");
    return out.toString();
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }

  private static String format(double v) {
    return Double.isNaN(v) ? "failed" : v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  /** The pod's server: port 8081 echoes. */
  static final class Servers implements AutoCloseable {
    final ServerSocket echo;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "bench-server");
      t.setDaemon(true);
      return t;
    });

    Servers() throws IOException {
      echo = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
      threads.submit(() -> serve(echo, s -> s.getInputStream().transferTo(s.getOutputStream())));
    }

    interface Handler {
      void handle(Socket s) throws IOException;
    }

    private Void serve(ServerSocket server, Handler handler) {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          threads.submit(() -> {
            try (s) {
              handler.handle(s);
            } catch (IOException e) {
              // the forward went away
            }
            return null;
          });
        } catch (IOException e) {
          return null;
        }
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      echo.close();
      threads.shutdownNow();
    }
  }
}
