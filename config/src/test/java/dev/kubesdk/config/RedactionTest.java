package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets never reach a log line, an exception message, toString() or explain output. */
class RedactionTest {
  @TempDir Path tmp;

  static final String TOKEN = "tok-7f3a9c1e5d";
  static final String PASSWORD = "pw-4b8e2d6f0a";
  static final String EXEC_TOKEN = "exec-2c9e7a1f";

  @Test
  void noSecretAppearsInLogsToStringExceptionsOrExplainOutput() {
    Fixture fx = new Fixture(tmp);
    KeyPair pair = Pki.rsa();
    String keyB64 = Fixture.b64(Pki.traditional(pair));
    String keyBody = Pki.traditional(pair).split("\n")[1];
    fx.script("bin/p", "echo '{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"status\":{\"token\":\"" + EXEC_TOKEN + "\"}}'");
    Path kc = fx.write("kc", """
        current-context: token
        clusters:
        - {name: k, cluster: {server: "https://x", insecure-skip-tls-verify: true}}
        contexts:
        - {name: token, context: {cluster: k, user: token}}
        - {name: basic, context: {cluster: k, user: basic}}
        - {name: cert, context: {cluster: k, user: cert}}
        - {name: exec, context: {cluster: k, user: exec}}
        - {name: broken, context: {cluster: k, user: broken}}
        users:
        - {name: token, user: {token: %s}}
        - {name: basic, user: {username: bob, password: %s}}
        - {name: cert, user: {client-certificate-data: %s, client-key-data: %s}}
        - {name: exec, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/p, interactiveMode: Never}}}
        - {name: broken, user: {token: %s, password: %s, client-key-data: %s}}
        """.formatted(TOKEN, PASSWORD, Fixture.b64(Pki.selfSigned(pair, "me")), keyB64, TOKEN, PASSWORD, keyB64));

    List<String> seen = new ArrayList<>();
    PrintStream originalErr = System.err;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try {
      for (String context : new String[] {"token", "basic", "cert", "exec"}) {
        LoadOptions options = fx.options().kubeconfig(kc).context(context).build();
        Configuration c = KubeConfig.resolve(options);
        seen.add(c.toString());
        seen.add(c.credentials().toString());
        seen.add(c.credentials().authorization().map(Object::toString).orElse(""));
        c.clientKey().ifPresent(k -> seen.add(k.toString()));
        c.tlsContext();
        Explanation e = KubeConfig.explain(options);
        seen.add(e.toJson());
        seen.add(e.render());
        seen.add(options.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Explain.run(new String[] {"--kubeconfig", kc.toString(), "--context", context, "--json"}, fx.env,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        seen.add(out.toString(StandardCharsets.UTF_8));
      }
      assertThatThrownBy(() -> KubeConfig.resolve(fx.options().kubeconfig(kc).context("broken").build()))
          .isInstanceOfSatisfying(ConfigException.class, e -> {
            seen.add(e.getMessage());
            seen.addAll(e.problems());
          });
    } finally {
      System.setErr(originalErr);
    }
    seen.add(logs.toString(StandardCharsets.UTF_8));
    assertThat(logs.toString(StandardCharsets.UTF_8)).contains("DEBUG");
    for (String s : seen) {
      assertThat(s).doesNotContain(TOKEN).doesNotContain(PASSWORD).doesNotContain(EXEC_TOKEN).doesNotContain(keyB64).doesNotContain(keyBody);
    }
  }

  @Test
  void credentialsInsideProxyAndServerUrlsAreNotShown() {
    Fixture fx = new Fixture(tmp);
    Path proxied = fx.write("proxied", Fixture.kubeconfig("https://x", "proxy-url: http://puser:" + PASSWORD + "@proxy:3128", "token: t"));
    Explanation e = KubeConfig.explain(fx.explicit(proxied));
    assertThat(e.proxyUrl()).hasValueSatisfying(u -> assertThat(u).hasToString("http://proxy:3128"));
    assertThat(e.toJson()).doesNotContain(PASSWORD);
    assertThat(e.render()).doesNotContain(PASSWORD);
    assertThat(KubeConfig.resolve(fx.explicit(proxied)).toString()).doesNotContain(PASSWORD);
    Path server = fx.write("server", Fixture.kubeconfig("ftp://suser:" + PASSWORD + "@host", "", "token: t"));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(server)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("scheme ftp")
        .hasMessageNotContaining(PASSWORD);
    Path userinfo = fx.write("userinfo", Fixture.kubeconfig("https://suser:" + PASSWORD + "@host", "", "token: t"));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(userinfo)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("user information")
        .hasMessageNotContaining(PASSWORD);
  }
}
