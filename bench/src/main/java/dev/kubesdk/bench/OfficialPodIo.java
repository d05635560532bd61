package dev.kubesdk.bench;

import io.kubernetes.client.Exec;
import io.kubernetes.client.PortForward;
import io.kubernetes.client.openapi.ApiClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * client-java's pod I/O: {@link Exec} (WebSocket, {@code v5}/{@code v4.channel.k8s.io}) and {@link
 * PortForward} (WebSocket {@code v4.channel.k8s.io}: one upgrade per {@code forward} call, one
 * stream per port, so each short connection is a forward of its own, as its users write it).
 */
final class OfficialPodIo extends PodIoBench.Contestant {
  private final ApiClient client;

  OfficialPodIo(Path kubeconfig) throws Exception {
    ApiClient c = io.kubernetes.client.util.Config.fromConfig(kubeconfig.toString());
    // Its default 10 s read timeout would end a long stream; as its docs advise for exec.
    c.setHttpClient(c.getHttpClient().newBuilder().readTimeout(0, TimeUnit.SECONDS).build());
    this.client = c;
  }

  @Override
  String name() {
    return "client-java";
  }

  @Override
  long execStdout(String ns, String pod, long bytes) throws Exception {
    long start = System.nanoTime();
    Process p = new Exec(client).exec(ns, pod, PodIoBench.bigCommand(bytes), false, false);
    PodIoBench.drain(p.getInputStream(), bytes);
    p.waitFor();
    p.destroy();
    return System.nanoTime() - start;
  }

  @Override
  long forwardRead(String ns, String pod, int port, long bytes) throws Exception {
    long start = System.nanoTime();
    PortForward.PortForwardResult r = new PortForward(client).forward(ns, pod, List.of(port));
    PodIoBench.echoTransfer(r.getOutboundStream(port), r.getInputStream(port), bytes);
    return System.nanoTime() - start;
  }

  @Override
  double shortConnections(String ns, String pod, int port, int count, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> done = new java.util.ArrayList<>();
      for (int i = 0; i < count; i++) {
        done.add(pool.submit(() -> {
          PortForward.PortForwardResult r = new PortForward(client).forward(ns, pod, List.of(port));
          OutputStream out = r.getOutboundStream(port);
          InputStream in = r.getInputStream(port);
          out.write(42);
          out.flush();
          if (in.read() != 42) {
            throw new java.io.IOException("no echo");
          }
          out.close();
          in.close();
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

  @Override
  String echo(String ns, String pod) throws Exception {
    Process p = new Exec(client).exec(ns, pod, new String[] {"echo", "hi"}, false, false);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    p.destroy();
    return out;
  }
}
