package dev.kubesdk.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Files and options for one test, all under a temporary directory. */
final class Fixture {
  final Path root;
  final Path home;
  final Path serviceAccount;
  final Map<String, String> env = new HashMap<>();

  Fixture(Path root) {
    this.root = root;
    this.home = root.resolve("home");
    this.serviceAccount = root.resolve("no-service-account");
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", home.toString());
  }

  Path write(String relative, String content) {
    try {
      Path p = root.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content, StandardCharsets.UTF_8);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes an executable shell script. */
  Path script(String relative, String body) {
    Path p = write(relative, "#!/bin/sh\n" + body + "\n");
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  LoadOptions.Builder options() {
    return LoadOptions.builder().environment(env).home(home).serviceAccountDirectory(serviceAccount).interactive(false);
  }

  LoadOptions explicit(Path kubeconfig) {
    return options().kubeconfig(kubeconfig).build();
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A kubeconfig with one cluster, context and user; {@code user} is the indented body of the user. */
  static String kubeconfig(String server, String clusterExtra, String user) {
    return """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: dev-cluster
          cluster:
            server: %s
        %s
        contexts:
        - name: dev
          context:
            cluster: dev-cluster
            user: dev-user
        users:
        - name: dev-user
          user:
        %s
        """.formatted(server, indent(clusterExtra, 4), indent(user, 4));
  }

  static String indent(String s, int n) {
    if (s.isBlank()) {
      return "";
    }
    String pad = " ".repeat(n);
    StringBuilder sb = new StringBuilder();
    for (String line : s.strip().split("\n")) {
      sb.append(pad).append(line).append('\n');
    }
    return sb.toString().stripTrailing();
  }
}
