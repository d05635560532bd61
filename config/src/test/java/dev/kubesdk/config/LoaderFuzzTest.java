package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.config.internal.TlsContextFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.yaml.snakeyaml.Yaml;

/**
 * Hostile and random input gives a Configuration or a ConfigException, never another exception,
 * and no message quotes the input's secret-looking values.
 */
class LoaderFuzzTest {
  private static final String MARKER = "SECRETMARKER";

  private static Object load(byte[] content) throws IOException {
    Path dir = Files.createTempDirectory("kubesdk-fuzz");
    Path file = dir.resolve("config");
    Files.write(file, content);
    Path empty = Files.createDirectories(dir.resolve("empty-path"));
    try {
      return KubeConfig.resolve(LoadOptions.builder()
          .kubeconfig(file)
          .environment(Map.of("PATH", empty.toString()))
          .home(dir.resolve("home"))
          .serviceAccountDirectory(dir.resolve("sa"))
          .interactive(false)
          .build());
    } catch (ConfigException e) {
      return e;
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Property(tries = 300)
  void randomBytesGiveAConfigurationOrAConfigException(@ForAll @Size(max = 2000) byte[] bytes) throws IOException {
    Object result = load(bytes);
    assertThat(result).isInstanceOfAny(Configuration.class, ConfigException.class);
  }

  @Property(tries = 400)
  void randomKubeconfigShapedYamlGivesAConfigurationOrAConfigException(@ForAll("kubeconfigs") Map<String, Object> doc) throws IOException {
    String yaml = new Yaml().dump(doc);
    Object result = load(yaml.getBytes(StandardCharsets.UTF_8));
    assertThat(result).isInstanceOfAny(Configuration.class, ConfigException.class);
    if (result instanceof ConfigException e) {
      assertThat(e.getMessage()).doesNotContain(MARKER);
    } else {
      assertThat(result.toString()).doesNotContain(MARKER);
    }
  }

  @Property(tries = 500)
  void randomPemGivesKeysCertificatesOrAConfigException(@ForAll("pems") String pem) {
    try {
      TlsContextFactory.privateKey(Sensitive.of(pem), "client-key");
    } catch (ConfigException e) {
      assertThat(e.getMessage()).startsWith("client-key");
    }
    try {
      TlsContextFactory.certificates(pem.getBytes(StandardCharsets.UTF_8), "ca");
    } catch (ConfigException e) {
      assertThat(e.getMessage()).startsWith("ca");
    }
  }

  @Provide
  Arbitrary<String> pems() {
    Arbitrary<String> label = Arbitraries.of("CERTIFICATE", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "EC PARAMETERS", "X");
    Arbitrary<String> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(b -> Base64.getMimeEncoder().encodeToString(b));
    return net.jqwik.api.Combinators.combine(label, body, Arbitraries.strings().ofMaxLength(20))
        .as((l, b, junk) -> junk + "-----BEGIN " + l + "-----\n" + b + "\n-----END " + l + "-----\n");
  }

  @Provide
  Arbitrary<Map<String, Object>> kubeconfigs() {
    Arbitrary<Object> scalar = Arbitraries.oneOf(
        Arbitraries.strings().withChars("abcdefgh0123456789:.-_ ").ofMaxLength(12).map(s -> (Object) s),
        Arbitraries.of("https://h:6443", "http://h", "socks5://p:1", "h:80", "", "true", "Never", "Always", "IfAvailable",
            "client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1", "oidc", "gcp", "azure", "c0", "u0", "k0",
            MARKER, Base64.getEncoder().encodeToString(MARKER.getBytes(StandardCharsets.UTF_8))).map(s -> (Object) s),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just(null));
    Arbitrary<String> field = Arbitraries.of("server", "certificate-authority", "certificate-authority-data", "insecure-skip-tls-verify",
        "tls-server-name", "proxy-url", "cluster", "user", "namespace", "token", "tokenFile", "username", "password",
        "client-certificate", "client-certificate-data", "client-key", "client-key-data", "as", "as-groups", "extensions",
        "exec", "auth-provider", "command", "apiVersion", "args", "env", "interactiveMode", "provideClusterInfo", "name", "config",
        "id-token", "refresh-token", "idp-issuer-url", "client-id");
    Arbitrary<Object> value = Arbitraries.lazyOf(
        () -> scalar,
        () -> scalar.list().ofMaxSize(3).map(l -> (Object) l),
        () -> Arbitraries.maps(field, scalar).ofMaxSize(6).map(m -> (Object) new LinkedHashMap<>(m)),
        () -> Arbitraries.maps(field, Arbitraries.maps(field, scalar).ofMaxSize(4).map(m -> (Object) new LinkedHashMap<>(m))).ofMaxSize(3)
            .map(m -> (Object) new LinkedHashMap<>(m)));
    Arbitrary<Object> entry = net.jqwik.api.Combinators.combine(Arbitraries.of("c0", "k0", "u0", ""), Arbitraries.of("cluster", "context", "user"), value)
        .as((name, body, v) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", name);
          m.put(body, v);
          return (Object) m;
        });
    Arbitrary<Object> entries = Arbitraries.oneOf(entry.list().ofMaxSize(3).map(l -> (Object) new ArrayList<>(l)), scalar);
    return net.jqwik.api.Combinators.combine(entries, entries, entries, scalar).as((clusters, contexts, users, current) -> {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("clusters", clusters);
      doc.put("contexts", contexts);
      doc.put("users", users);
      doc.put("current-context", current);
      return doc;
    });
  }

  @Property(tries = 50)
  void structuredYamlWithTheMarkerAsATokenNeverLeaksIt(@ForAll("kubeconfigs") Map<String, Object> ignored) throws IOException {
    List<String> lines = List.of(
        "current-context: c0",
        "clusters: [{name: k0, cluster: {server: 'https://h'}}]",
        "contexts: [{name: c0, context: {cluster: k0, user: u0}}]",
        "users: [{name: u0, user: {token: " + MARKER + ", password: " + MARKER + "}}]");
    Object result = load(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    assertThat(result).isInstanceOf(ConfigException.class);
    assertThat(((ConfigException) result).getMessage()).doesNotContain(MARKER);
  }
}
