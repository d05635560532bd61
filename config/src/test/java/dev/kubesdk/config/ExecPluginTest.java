package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecPluginTest {
  @TempDir Path tmp;
  Fixture fx;
  Path count;

  @BeforeEach
  void setUp() {
    fx = new Fixture(tmp);
    count = tmp.resolve("count");
  }

  /** A plugin that counts its runs and prints token-N, valid until {@code expiry}. */
  private Path countingPlugin(String expiry) {
    return fx.script("bin/plugin", """
        echo run >> "%s"
        n=$(wc -l < "%s" | tr -d ' ')
        cat <<JSON
        {"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"token-$n"%s}}
        JSON
        """.formatted(count, count, expiry == null ? "" : ",\"expirationTimestamp\":\"" + expiry + "\""));
  }

  private static String exec(String command, String extra) {
    return "exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: " + command + "\n  interactiveMode: Never\n" + Fixture.indent(extra, 2);
  }

  private int runs() throws Exception {
    return Files.exists(count) ? Files.readAllLines(count).size() : 0;
  }

  @Test
  void pluginTokenIsCachedUntilItsExpirationTimestamp() throws Exception {
    countingPlugin("2030-01-01T00:00:00Z");
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", exec("./bin/plugin", "")));
    MutableClock clock = new MutableClock(Instant.parse("2029-12-31T23:00:00Z"));
    Configuration c = KubeConfig.resolve(fx.options().kubeconfig(kc).clock(clock).build());
    assertThat(c.credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer token-1");
    assertThat(c.credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer token-1");
    assertThat(runs()).isEqualTo(1);
    clock.set(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(c.credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer token-2");
    assertThat(c.credentials().method()).isEqualTo("exec");
  }

  @Test
  void aRejectedTokenMakesTheNextRequestRunThePluginAgain() throws Exception {
    countingPlugin(null);
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", exec("./bin/plugin", "")));
    Configuration c = KubeConfig.resolve(fx.explicit(kc));
    Sensitive first = c.credentials().authorization().orElseThrow();
    assertThat(c.credentials().invalidate(first)).isTrue();
    assertThat(c.credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer token-2");
    // A stale rejection (of a token already replaced) does not run the plugin again.
    assertThat(c.credentials().invalidate(first)).isTrue();
    assertThat(c.credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer token-2");
    assertThat(runs()).isEqualTo(2);
  }

  @Test
  void concurrentRequestsRunThePluginOnce() throws Exception {
    Path release = tmp.resolve("release");
    fx.script("bin/slow", """
        echo run >> "%s"
        while [ ! -f "%s" ]; do sleep 0.01; done
        echo '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"shared"}}'
        """.formatted(count, release));
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", exec("./bin/slow", "")));
    Files.writeString(release, "go");
    Configuration c = KubeConfig.resolve(fx.explicit(kc));
    Sensitive first = c.credentials().authorization().orElseThrow();
    Files.delete(release);
    c.credentials().invalidate(first);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return c.credentials().authorization().orElseThrow().reveal();
        }));
      }
      start.countDown();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (runs() < 2 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      Files.writeString(release, "go");
      for (Future<String> f : results) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo("Bearer shared");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(runs()).isEqualTo(2);
  }

  @Test
  void argsEnvAndExecInfoWithClusterInfoReachThePlugin() throws Exception {
    Path out = tmp.resolve("seen");
    fx.script("bin/inspect", """
        printf '%%s\\n' "$1" "$2" "$GREETING" "$KUBERNETES_EXEC_INFO" > "%s"
        echo '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"t"}}'
        """.formatted(out));
    String ca = Pki.selfSigned(Pki.rsa(), "ca");
    Path kc = fx.write("kc", Fixture.kubeconfig("https://api.example:6443",
        "certificate-authority-data: " + Fixture.b64(ca) + "\ntls-server-name: api.internal\nextensions:\n- name: client.authentication.k8s.io/exec\n  extension: {audience: kube}",
        exec("./bin/inspect", "args: [get-token, --fast]\nenv:\n- {name: GREETING, value: hello}\nprovideClusterInfo: true")));
    KubeConfig.resolve(fx.explicit(kc));
    List<String> seen = Files.readAllLines(out);
    assertThat(seen.subList(0, 3)).containsExactly("get-token", "--fast", "hello");
    JsonObject info = JsonParser.parseString(seen.get(3)).getAsJsonObject();
    assertThat(info.get("apiVersion").getAsString()).isEqualTo("client.authentication.k8s.io/v1");
    assertThat(info.getAsJsonObject("spec").get("interactive").getAsBoolean()).isFalse();
    JsonObject cluster = info.getAsJsonObject("spec").getAsJsonObject("cluster");
    assertThat(cluster.get("server").getAsString()).isEqualTo("https://api.example:6443");
    assertThat(cluster.get("tls-server-name").getAsString()).isEqualTo("api.internal");
    assertThat(cluster.get("certificate-authority-data").getAsString()).isEqualTo(Fixture.b64(ca));
    assertThat(cluster.getAsJsonObject("config").get("audience").getAsString()).isEqualTo("kube");
  }

  @Test
  void aPluginNamedWithoutASlashIsFoundOnThePathOfTheGivenEnvironment() {
    Path bin = fx.script("tools/kube-login", "echo '{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"status\":{\"token\":\"from-path\"}}'").getParent();
    fx.env.put("PATH", bin + ":/usr/bin:/bin");
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", exec("kube-login", "")));
    assertThat(KubeConfig.resolve(fx.explicit(kc)).credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer from-path");
  }

  @Test
  void aMissingPluginShowsItsInstallHint() {
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", exec("no-such-plugin", "installHint: Install it with `brew install no-such-plugin`")));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("users[0] \"dev-user\": user.exec")
        .hasMessageContaining("\"no-such-plugin\" was not found on PATH")
        .hasMessageContaining("brew install no-such-plugin");
  }

  @Test
  void interactiveModeAlwaysWithoutATerminalFailsBeforeRunning() throws Exception {
    countingPlugin(null);
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "",
        "exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: ./bin/plugin\n  interactiveMode: Always"));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("interactiveMode: Always");
    assertThat(runs()).isZero();
  }

  @Test
  void v1WithoutInteractiveModeAndUnknownApiVersionsAreRefused() {
    Path v1 = fx.write("v1", Fixture.kubeconfig("https://x", "", "exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: p"));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(v1))).isInstanceOf(ConfigException.class).hasMessageContaining("interactiveMode must be set");
    Path alpha = fx.write("alpha", Fixture.kubeconfig("https://x", "", "exec:\n  apiVersion: client.authentication.k8s.io/v1alpha1\n  command: p"));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(alpha))).isInstanceOf(ConfigException.class).hasMessageContaining("v1alpha1");
  }

  @Test
  void v1beta1DefaultsToIfAvailableAndMustAnswerInItsOwnVersion() {
    fx.script("bin/wrong", "echo '{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"status\":{\"token\":\"t\"}}'");
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", "exec:\n  apiVersion: client.authentication.k8s.io/v1beta1\n  command: ./bin/wrong"));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("printed apiVersion \"client.authentication.k8s.io/v1\", but the kubeconfig asks for client.authentication.k8s.io/v1beta1");
  }

  @Test
  void aPluginMayReturnAClientCertificateAndKey() throws Exception {
    KeyPair pair = Pki.ec("secp256r1");
    String cert = Pki.selfSigned(pair, "exec-user");
    String key = Pki.pkcs8(pair);
    JsonObject status = new JsonObject();
    status.addProperty("clientCertificateData", cert);
    status.addProperty("clientKeyData", key);
    JsonObject cred = new JsonObject();
    cred.addProperty("kind", "ExecCredential");
    cred.addProperty("apiVersion", "client.authentication.k8s.io/v1");
    cred.add("status", status);
    Path json = fx.write("cred.json", cred.toString());
    fx.script("bin/cert", "cat '" + json + "'");
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", exec("./bin/cert", "")));
    Configuration c = KubeConfig.resolve(fx.explicit(kc));
    assertThat(new String(c.clientCertificate().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo(cert);
    assertThat(c.clientKey().orElseThrow().reveal()).isEqualTo(key);
    assertThat(c.credentials().authorization()).isEmpty();
    assertThat(c.tlsContext()).isNotNull();
  }

  @Test
  void pluginOutputNeverAppearsInErrors() {
    fx.script("bin/noisy", "echo 'not json super-secret-token-value'");
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", exec("./bin/noisy", "")));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("did not print JSON")
        .hasMessageNotContaining("super-secret-token-value");
    fx.script("bin/fails", "echo '{\"status\":{\"token\":\"leaky\"}}'; exit 3");
    Path kc2 = fx.write("kc2", Fixture.kubeconfig("https://x", "", exec("./bin/fails", "")));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc2)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("exited with status 3")
        .hasMessageNotContaining("leaky");
  }

  @Test
  void aStaticTokenTakesPrecedenceOverExecAsInClientGo() throws Exception {
    countingPlugin(null);
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", "token: static\n" + exec("./bin/plugin", "")));
    Configuration c = KubeConfig.resolve(fx.explicit(kc));
    assertThat(c.credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer static");
    assertThat(runs()).isZero();
  }

  @Test
  void ifAvailableTellsThePluginWhetherItMayPrompt() throws Exception {
    Path out = tmp.resolve("info");
    fx.script("bin/info", """
        printf '%%s' "$KUBERNETES_EXEC_INFO" > "%s"
        echo '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"t"}}'
        """.formatted(out));
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", "exec:\n  apiVersion: client.authentication.k8s.io/v1beta1\n  command: ./bin/info"));
    KubeConfig.resolve(fx.options().kubeconfig(kc).interactive(true).build());
    JsonObject interactive = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
    assertThat(interactive.getAsJsonObject("spec").get("interactive").getAsBoolean()).isTrue();
    assertThat(interactive.getAsJsonObject("spec").has("cluster")).isFalse();
    KubeConfig.resolve(fx.options().kubeconfig(kc).interactive(false).build());
    assertThat(JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonObject("spec").get("interactive").getAsBoolean()).isFalse();
  }

  @Test
  void aPluginFloodingStdoutIsStoppedAndReported() {
    fx.script("bin/flood", "while :; do echo xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; done");
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", exec("./bin/flood", "")));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("printed more than");
  }
}
