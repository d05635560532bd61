package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a proxy-url, the loader applies HTTPS_PROXY/HTTP_PROXY/NO_PROXY as client-go does. */
class ProxyFromEnvironmentTest {
  @TempDir Path tmp;
  Fixture fx;

  @BeforeEach
  void setUp() {
    fx = new Fixture(tmp);
  }

  private Configuration load(String server, String clusterExtra) {
    return KubeConfig.resolve(fx.explicit(fx.write("kc", Fixture.kubeconfig(server, clusterExtra, "token: t"))));
  }

  @Test
  void httpsProxyFromTheEnvironmentIsUsedWhenTheClusterSetsNoProxyUrl() {
    fx.env.put("HTTPS_PROXY", "squid.internal:3128");
    fx.env.put("HTTP_PROXY", "http://plain.internal:80");
    assertThat(load("https://kube.example:6443", "").proxy()).contains(URI.create("http://squid.internal:3128"));
    assertThat(load("http://kube.example:8080", "").proxy()).contains(URI.create("http://plain.internal:80"));
  }

  @Test
  void theClustersProxyUrlWinsOverTheEnvironment() {
    fx.env.put("HTTPS_PROXY", "squid.internal:3128");
    assertThat(load("https://kube.example", "proxy-url: socks5://localhost:1080").proxy()).contains(URI.create("socks5://localhost:1080"));
  }

  @Test
  void noProxyAndLoopbackMeanADirectConnection() {
    fx.env.put("HTTPS_PROXY", "squid.internal:3128");
    fx.env.put("no_proxy", ".corp,10.0.0.0/8");
    assertThat(load("https://kube.corp:6443", "").proxy()).isEmpty();
    assertThat(load("https://10.1.2.3:6443", "").proxy()).isEmpty();
    assertThat(load("https://127.0.0.1:6443", "").proxy()).isEmpty();
    assertThat(load("https://kube.example:6443", "").proxy()).isPresent();
  }

  @Test
  void anUnusableProxyVariableIsAConfigurationErrorNamingItAndTheServer() {
    fx.env.put("HTTPS_PROXY", "gopher://user:hunter2@proxy");
    assertThatThrownBy(() -> load("https://kube.example", ""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("environment HTTPS_PROXY has scheme \"gopher\"")
        .hasMessageContaining("clusters[0] \"dev-cluster\": cluster.server https://kube.example (the cluster sets no proxy-url)")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void inClusterConfigurationFollowsTheSameRules() throws Exception {
    Path sa = tmp.resolve("sa");
    Files.createDirectories(sa);
    Files.writeString(sa.resolve("token"), "t");
    fx.env.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
    fx.env.put("KUBERNETES_SERVICE_PORT", "443");
    fx.env.put("HTTPS_PROXY", "http://egress.internal:3128");
    LoadOptions options = fx.options().serviceAccountDirectory(sa).build();
    assertThat(KubeConfig.resolve(options).proxy()).contains(URI.create("http://egress.internal:3128"));
    fx.env.put("NO_PROXY", "10.96.0.0/12");
    Explanation e = KubeConfig.explain(fx.options().serviceAccountDirectory(sa).build());
    assertThat(e.proxyUrl()).isEmpty();
    assertThat(e.sources().get("proxyUrl")).isEqualTo("direct: NO_PROXY entry \"10.96.0.0/12\" matches 10.96.0.1");
  }

  @Test
  void explainNamesTheVariableOrTheNoProxyEntryAndNeverThePassword() {
    fx.env.put("HTTPS_PROXY", "http://puser:hunter2@squid.internal:3128");
    Path kc = fx.write("kc", Fixture.kubeconfig("https://kube.example:6443", "", "token: t"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Explain.run(new String[] {"--kubeconfig", kc.toString()}, fx.env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .containsPattern("proxy +http://squid.internal:3128\\R +from environment HTTPS_PROXY")
        .doesNotContain("hunter2").doesNotContain("puser");
    Explanation viaProxy = KubeConfig.explain(fx.explicit(kc));
    assertThat(viaProxy.toJson()).contains("\"proxyUrl\": \"http://squid.internal:3128\"").doesNotContain("hunter2");

    fx.env.put("NO_PROXY", "example.com,.example");
    Explanation direct = KubeConfig.explain(fx.explicit(kc));
    assertThat(direct.proxyUrl()).isEmpty();
    assertThat(direct.render()).containsPattern("proxy +none\\R +from direct: NO_PROXY entry \"\\.example\" matches kube\\.example");
  }

  @Test
  void withoutProxyVariablesTheConnectionIsDirectByDefault() {
    Explanation e = KubeConfig.explain(fx.explicit(fx.write("kc", Fixture.kubeconfig("https://kube.example", "", "token: t"))));
    assertThat(e.proxyUrl()).isEmpty();
    assertThat(e.sources().get("proxyUrl")).isEqualTo("default: not set (direct connection)");
    assertThat(e.render()).containsPattern("proxy +none\\R");
  }
}
