package dev.kubesdk.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** fabric8's pod I/O: {@code exec} ({@link ExecWatch}) and {@code portForward} ({@link LocalPortForward}). */
final class Fabric8PodIo extends PodIoBench.Contestant {
  private final KubernetesClient client;

  Fabric8PodIo(Path kubeconfig) throws Exception {
    this.client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
  }

  @Override
  String name() {
    return "fabric8";
  }

  @Override
  long execStdout(String ns, String pod, long bytes) throws Exception {
    long start = System.nanoTime();
    try (ExecWatch w = client.pods().inNamespace(ns).withName(pod).redirectingOutput().exec(PodIoBench.bigCommand(bytes))) {
      PodIoBench.drain(w.getOutput(), bytes);
      w.exitCode().get(30, TimeUnit.SECONDS);
    }
    return System.nanoTime() - start;
  }

  @Override
  long forwardRead(String ns, String pod, int port, long bytes) throws Exception {
    long start = System.nanoTime();
    try (LocalPortForward f = client.pods().inNamespace(ns).withName(pod).portForward(port)) {
      PodIoBench.echoTransfer(new InetSocketAddress(InetAddress.getLoopbackAddress(), f.getLocalPort()), bytes);
    }
    return System.nanoTime() - start;
  }

  @Override
  double shortConnections(String ns, String pod, int port, int count, int threads) throws Exception {
    try (LocalPortForward f = client.pods().inNamespace(ns).withName(pod).portForward(port)) {
      return PodIoBench.connections(new InetSocketAddress(InetAddress.getLoopbackAddress(), f.getLocalPort()), count, threads);
    }
  }

  @Override
  String echo(String ns, String pod) throws Exception {
    try (ExecWatch w = client.pods().inNamespace(ns).withName(pod).redirectingOutput().exec("echo", "hi")) {
      String out = new String(w.getOutput().readAllBytes(), StandardCharsets.UTF_8);
      w.exitCode().get(30, TimeUnit.SECONDS);
      return out;
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
