package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainTest {
  @TempDir Path tmp;
  Fixture fx;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() {
    fx = new Fixture(tmp);
  }

  private int run(String... args) {
    return Explain.run(args, fx.env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void jsonNamesEveryValueAndWhereItCameFrom() throws Exception {
    String ca = Pki.selfSigned(Pki.rsa(), "ca");
    Path caFile = fx.write("home/.kube/ca.crt", ca);
    Path kc = fx.write("home/.kube/config", """
        current-context: dev
        clusters:
        - name: k
          cluster:
            server: https://api.example:6443/
            certificate-authority: ca.crt
            tls-server-name: api.internal
            proxy-url: socks5://localhost:1080
        contexts:
        - name: dev
          context: {cluster: k, user: u, namespace: shop}
        users:
        - name: u
          user: {token: the-token}
        """);
    assertThat(run("--json")).isZero();
    JsonObject j = JsonParser.parseString(out()).getAsJsonObject();
    assertThat(j.get("context").getAsString()).isEqualTo("dev");
    assertThat(j.get("cluster").getAsString()).isEqualTo("k");
    assertThat(j.get("user").getAsString()).isEqualTo("u");
    assertThat(j.get("host").getAsString()).isEqualTo("https://api.example:6443");
    assertThat(j.get("namespace").getAsString()).isEqualTo("shop");
    assertThat(j.get("verifySsl").getAsBoolean()).isTrue();
    assertThat(j.get("tlsServerName").getAsString()).isEqualTo("api.internal");
    assertThat(j.get("proxyUrl").getAsString()).isEqualTo("socks5://localhost:1080");
    assertThat(j.getAsJsonObject("caCert").get("sha256").getAsString()).isEqualTo(Sensitive.ofBytes(Files.readAllBytes(caFile)).sha256());
    assertThat(j.get("clientCert").isJsonNull()).isTrue();
    assertThat(j.get("clientKey").isJsonNull()).isTrue();
    JsonObject auth = j.getAsJsonObject("auth");
    assertThat(auth.get("method").getAsString()).isEqualTo("token");
    assertThat(auth.get("tokenSha256").getAsString()).isEqualTo(Sensitive.of("the-token").sha256());
    assertThat(auth.get("username").isJsonNull()).isTrue();
    JsonObject sources = j.getAsJsonObject("sources");
    assertThat(sources.get("context").getAsString()).isEqualTo(kc + ": current-context");
    assertThat(sources.get("host").getAsString()).isEqualTo(kc + ": clusters[0] \"k\": cluster.server");
    assertThat(sources.get("namespace").getAsString()).isEqualTo(kc + ": contexts[0] \"dev\": context.namespace");
    assertThat(sources.get("caCert").getAsString()).contains(kc + ": clusters[0] \"k\": cluster.certificate-authority").contains(caFile.toString());
    assertThat(sources.get("auth").getAsString()).isEqualTo(kc + ": users[0] \"u\": user.token");
    assertThat(out()).doesNotContain("the-token");
  }

  @Test
  void humanReadableReportShowsSourcesAndNoSecrets() {
    KeyPair pair = Pki.rsa();
    String key = Pki.traditional(pair);
    fx.write("kc", Fixture.kubeconfig("https://x.example", "insecure-skip-tls-verify: true",
        "client-certificate-data: " + Fixture.b64(Pki.selfSigned(pair, "me")) + "\nclient-key-data: " + Fixture.b64(key)));
    assertThat(run("--kubeconfig", tmp.resolve("kc").toString())).isZero();
    assertThat(out()).contains("server").contains("https://x.example").contains("NOT VERIFIED").contains("clientCert")
        .contains("from " + tmp.resolve("kc") + ": users[0] \"dev-user\": user.client-key-data")
        .contains("namespace").contains("default");
    assertThat(out()).doesNotContain(Fixture.b64(key)).doesNotContain("PRIVATE KEY");
  }

  @Test
  void defaultsAreReportedAsDefaults() {
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", "username: alice\npassword: pw-secret"));
    Explanation e = KubeConfig.explain(fx.explicit(kc));
    assertThat(e.namespace()).isEqualTo("default");
    assertThat(e.sources().get("namespace")).startsWith("default");
    assertThat(e.sources().get("verifySsl")).startsWith("default");
    assertThat(e.authMethod()).isEqualTo("basic");
    assertThat(e.username()).contains("alice");
    assertThat(e.toJson()).doesNotContain("pw-secret");
    assertThat(e.toString()).doesNotContain("pw-secret");
  }

  @Test
  void aBrokenConfigurationExitsWithOneAndNamesFileEntryFieldAndFix() {
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", "client-certificate: nope.crt\nclient-key: nope.key"));
    assertThat(run("--kubeconfig", kc.toString(), "--context", "dev")).isEqualTo(1);
    assertThat(err()).contains(kc + ": users[0] \"dev-user\": client-certificate \"nope.crt\"")
        .contains("does not exist. Fix the path");
    assertThat(out()).isEmpty();
  }

  @Test
  void unknownArgumentsAreAUsageError() {
    assertThat(run("--bogus")).isEqualTo(2);
    assertThat(err()).contains("usage: kubesdk explain");
    assertThat(run("--context")).isEqualTo(2);
  }

  @Test
  void explainRunsExecPluginsLikeTheLoader() {
    fx.script("bin/p", "echo '{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"status\":{\"token\":\"exec-tok\"}}'");
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "",
        "exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: ./bin/p\n  interactiveMode: Never"));
    Explanation e = KubeConfig.explain(fx.explicit(kc));
    assertThat(e.authMethod()).isEqualTo("exec");
    assertThat(e.tokenSha256()).contains(Sensitive.of("exec-tok").sha256());
    assertThat(e.sources().get("auth")).contains("users[0] \"dev-user\": user.exec");
  }

  @Test
  void inClusterValuesNameTheirEnvironmentVariablesAndFiles() throws Exception {
    Path sa = tmp.resolve("sa");
    Files.createDirectories(sa);
    Files.writeString(sa.resolve("token"), "t");
    fx.env.put("KUBERNETES_SERVICE_HOST", "10.0.0.1");
    fx.env.put("KUBERNETES_SERVICE_PORT", "6443");
    Explanation e = KubeConfig.explain(fx.options().serviceAccountDirectory(sa).build());
    assertThat(e.context()).isEmpty();
    assertThat(e.sources().get("host")).isEqualTo("env KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT");
    assertThat(e.sources().get("auth")).isEqualTo("in-cluster " + sa.resolve("token"));
    assertThat(e.files()).isEmpty();
  }

  @Test
  void whenNothingIsFoundTheErrorListsWhatWasTried() {
    assertThat(run("--json")).isEqualTo(1);
    assertThat(err()).contains("No Kubernetes configuration found")
        .contains(fx.home.resolve(".kube/config") + ": does not exist")
        .contains("KUBERNETES_SERVICE_HOST");
    assertThat(out()).isEmpty();
  }
}
