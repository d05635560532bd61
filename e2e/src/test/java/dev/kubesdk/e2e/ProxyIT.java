package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.config.LoadOptions;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.TransportException;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server reached through an HTTP CONNECT proxy. The kubeconfig names the server by {@link
 * LocalControlPlane#TLS_SERVER_NAME}, a name DNS does not know and the serving certificate carries;
 * only the proxy in this test maps it to the server's address. A request that reached the server
 * therefore went through the proxy, and a request that bypassed it fails to resolve the name.
 */
@KubernetesTest
class ProxyIT {
  private LocalControlPlane controlPlane;
  private String serverByName;
  private String kubeconfigText;

  @BeforeEach
  void readKubeconfig(KubernetesCluster cluster) throws IOException {
    controlPlane = E2e.localControlPlane(cluster);
    URI host = controlPlane.host();
    serverByName = "https://" + LocalControlPlane.TLS_SERVER_NAME + ":" + host.getPort();
    kubeconfigText = Files.readString(controlPlane.kubeconfig(LocalUser.ADMIN), StandardCharsets.UTF_8).replace("server: " + host, "server: " + serverByName);
  }

  private TcpRelay proxy() throws IOException {
    URI host = controlPlane.host();
    return TcpRelay.connectProxy(target -> new InetSocketAddress(host.getHost(), host.getPort()));
  }

  private Path write(Path dir, String text) throws IOException {
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, text, StandardCharsets.UTF_8);
    return kubeconfig;
  }

  @Test
  void proxyUrlOfTheClusterTunnelsTheCallsThroughConnect(@TempDir Path dir) throws IOException {
    try (TcpRelay proxy = proxy()) {
      String withProxy = kubeconfigText.replace("server: " + serverByName + "\n", "server: " + serverByName + "\n    proxy-url: http://127.0.0.1:" + proxy.address().getPort() + "\n");
      Configuration configuration = KubeConfig.resolve(E2e.options(write(dir, withProxy)).build());

      CoreV1Api core = new CoreV1Api(new ApiClient(configuration));

      assertThat(core.listNamespace().execute().getItems()).extracting(n -> n.getMetadata().getName()).contains("kube-system");
      assertThat(proxy.tunnels()).isNotEmpty().allSatisfy(t -> assertThat(t).isEqualTo(LocalControlPlane.TLS_SERVER_NAME + ":" + controlPlane.host().getPort()));
    }
  }

  @Test
  void httpsProxyFromTheEnvironmentIsUsedWhenTheKubeconfigNamesNone(@TempDir Path dir) throws IOException {
    try (TcpRelay proxy = proxy()) {
      LoadOptions options = E2e.options(write(dir, kubeconfigText)).environment(Map.of("HTTPS_PROXY", "127.0.0.1:" + proxy.address().getPort())).build();
      Configuration configuration = KubeConfig.resolve(options);

      CoreV1Api core = new CoreV1Api(new ApiClient(configuration));

      assertThat(core.listNamespace().execute().getItems()).isNotEmpty();
      assertThat(proxy.tunnels()).isNotEmpty();
      assertThat(KubeConfig.explain(options).render()).contains("HTTPS_PROXY");
    }
  }

  @Test
  void noProxyMatchingTheServerMakesTheConnectionDirect(@TempDir Path dir) throws IOException {
    try (TcpRelay proxy = proxy()) {
      Map<String, String> environment = Map.of("https_proxy", "http://127.0.0.1:" + proxy.address().getPort(), "no_proxy", "example.com,.test");
      Configuration configuration = KubeConfig.resolve(E2e.options(write(dir, kubeconfigText)).environment(environment).build());

      Throwable direct = catchThrowable(() -> new CoreV1Api(new ApiClient(configuration)).listNamespace().execute());

      // Direct means resolving the name, which only the proxy knows.
      assertThat(direct).isInstanceOf(TransportException.class).hasMessageContaining("unknown host");
      assertThat(proxy.connections()).isZero();
    }
  }
}
