package dev.kubesdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return Main.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void anUnknownCommandIsAUsageErrorThatListsTheCommands() {
    assertThat(run(Map.of(), "deploy")).isEqualTo(Main.USAGE_ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown command 'deploy'")
        .contains("demo")
        .contains("explain");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(run(Map.of())).isEqualTo(Main.USAGE_ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: ./kubesdk <command>");
  }

  @Test
  void helpPrintsTheCommandsAndSucceeds() {
    assertThat(run(Map.of(), "help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("explain").contains("--json");
  }

  @Test
  void demoReportsABrokenKubeconfigInsteadOfFallingBackToALocalControlPlane(@TempDir Path dir)
      throws Exception {
    Path kubeconfig = dir.resolve("config");
    Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\ncurrent-context: missing\n");
    int status = run(Map.of("KUBECONFIG", kubeconfig.toString(), "HOME", dir.toString()), "demo");
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(kubeconfig.toString()).contains("missing");
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("local control plane");
  }

  @Test
  void explainRunsThroughTheCli(@TempDir Path dir) throws Exception {
    Path kubeconfig = dir.resolve("config");
    Files.writeString(
        kubeconfig,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "current-context: dev",
            "contexts:",
            "- name: dev",
            "  context: {cluster: c1, user: u1, namespace: shop}",
            "clusters:",
            "- name: c1",
            "  cluster: {server: 'https://dev.example:6443/'}",
            "users:",
            "- name: u1",
            "  user: {token: not-shown-anywhere}",
            ""));
    int status =
        run(Map.of("HOME", dir.toString()), "explain", "--kubeconfig", kubeconfig.toString(), "--json");
    String json = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(json)
        .contains("\"host\": \"https://dev.example:6443\"")
        .contains("\"namespace\": \"shop\"")
        .doesNotContain("not-shown-anywhere");
  }

  @Test
  void applyWithoutAFileIsAUsageError() {
    assertThat(run(Map.of(), "apply")).isEqualTo(Main.USAGE_ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("must specify one of -f").contains("Usage: ./kubesdk apply");
  }

  @Test
  void applyNamesTheBadManifestBeforeContactingAnyServer(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "apiVersion: v1\nkind: ConfigMap\n---\nkind: [\n");
    assertThat(run(Map.of("HOME", dir.toString()), "apply", "-f", bad.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: " + bad + ": document 2 (line ");
  }
}
