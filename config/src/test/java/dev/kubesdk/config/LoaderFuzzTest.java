package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kubesdk.config.internal.TlsContextFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Hostile and random input gives a Configuration or a ConfigException, never another exception and
 * never a hang, and no message quotes the input's secret-looking values.
 *
 * <p>Every property draws its inputs from a fixed seed (see {@link SeededCases}); a failure prints the
 * seed, the case seed and the input.
 */
class LoaderFuzzTest {
  /** Fixed, so every run tries the same inputs; a failure names it with the case that failed. */
  private static final long SEED = 0x5eed_c0f1L;

  private static final String MARKER = "SECRETMARKER";

  /**
   * Guards against a hang, not a speed claim: one case takes milliseconds, so a case still running
   * after this long is stuck, and stopping it lets the failure name the input that got it stuck.
   */
  private static final Duration HANG = Duration.ofSeconds(60);

  /** Bytes that mean something to YAML, so random bytes reach past the first token. */
  private static final byte[] YAML_ASCII = "abc019 \t\r\n:-?,[]{}#&*!|>'\"%@`\\.~=".getBytes(StandardCharsets.US_ASCII);

  /** NUL, DEL, and bytes that start, continue or break UTF-8 sequences (including a byte-order mark). */
  private static final byte[] NON_ASCII_BYTES = {
      0, (byte) 0x7f, (byte) 0x80, (byte) 0xc3, (byte) 0xa9, (byte) 0xef, (byte) 0xbb, (byte) 0xbf, (byte) 0xfe, (byte) 0xff};

  private static final List<String> PEM_LABELS = List.of(
      "CERTIFICATE", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "EC PARAMETERS", "X");

  private static final String SCALAR_CHARACTERS = "abcdefgh0123456789:.-_ ";

  private static final List<String> WELL_KNOWN_SCALARS = List.of(
      "https://h:6443", "http://h", "socks5://p:1", "h:80", "", "true", "Never", "Always", "IfAvailable",
      "client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1", "oidc", "gcp", "azure", "c0", "u0", "k0",
      MARKER, Base64.getEncoder().encodeToString(MARKER.getBytes(StandardCharsets.UTF_8)));

  private static final List<String> FIELDS = List.of(
      "server", "certificate-authority", "certificate-authority-data", "insecure-skip-tls-verify",
      "tls-server-name", "proxy-url", "cluster", "user", "namespace", "token", "tokenFile", "username", "password",
      "client-certificate", "client-certificate-data", "client-key", "client-key-data", "as", "as-groups", "extensions",
      "exec", "auth-provider", "command", "apiVersion", "args", "env", "interactiveMode", "provideClusterInfo", "name", "config",
      "id-token", "refresh-token", "idp-issuer-url", "client-id");

  private static final List<String> ENTRY_NAMES = List.of("c0", "k0", "u0");

  private static final List<String> ENTRY_BODIES = List.of("cluster", "context", "user");

  private static final String SECRET_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=";

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
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** {@link #load} with the hang guard; anything but a Configuration or a ConfigException escapes. */
  private static Object loadWithinGuard(byte[] content) {
    return assertTimeoutPreemptively(HANG, () -> load(content), () -> "still loading after " + HANG);
  }

  @Test
  void randomBytesGiveAConfigurationOrAConfigException() {
    SeededCases.of(SEED, 300, LoaderFuzzTest::bytes).check(bytes -> {
      Object result = loadWithinGuard(bytes);

      assertThat(result).isInstanceOfAny(Configuration.class, ConfigException.class);
    });
  }

  @Test
  void randomKubeconfigShapedYamlGivesAConfigurationOrAConfigException() {
    SeededCases.of(SEED, 400, LoaderFuzzTest::kubeconfigYaml).check(yaml -> {
      Object result = loadWithinGuard(yaml.getBytes(StandardCharsets.UTF_8));

      assertThat(result).isInstanceOfAny(Configuration.class, ConfigException.class);
      if (result instanceof ConfigException e) {
        assertThat(e.getMessage()).doesNotContain(MARKER);
      } else {
        assertThat(result.toString()).doesNotContain(MARKER);
      }
    });
  }

  @Test
  void randomPemGivesKeysCertificatesOrAConfigException() {
    SeededCases.of(SEED, 500, LoaderFuzzTest::pem).check(pem -> assertTimeoutPreemptively(HANG, () -> {
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
    }, () -> "still reading the PEM after " + HANG));
  }

  @Test
  void aTokenAndAPasswordTogetherAreRejectedWithoutQuotingEither() {
    SeededCases.of(SEED, 50, LoaderFuzzTest::conflictingSecrets).check(yaml -> {
      Object result = loadWithinGuard(yaml.getBytes(StandardCharsets.UTF_8));

      assertThat(result).isInstanceOf(ConfigException.class);
      assertThat(((ConfigException) result).getMessage())
          .contains("more than one authentication method")
          .doesNotContain(MARKER);
    });
  }

  // Generators: each draws one input from its own Random, so a case can be regenerated from its seed.

  /**
   * Up to 2000 bytes, mostly short; half the cases uniform bytes, half bytes YAML gives meaning to.
   * Uniform bytes are seldom UTF-8, so the second half is plain ASCII three times in four (and one
   * byte in fifty is not ASCII otherwise): that half mostly reaches the YAML parser instead of
   * stopping at the decoder.
   */
  private static byte[] bytes(Random random) {
    int length = random.nextInt(4) == 0 ? random.nextInt(2001) : random.nextInt(65);
    byte[] bytes = new byte[length];
    if (random.nextBoolean()) {
      random.nextBytes(bytes);
    } else {
      boolean asciiOnly = random.nextInt(4) != 0;
      for (int i = 0; i < length; i++) {
        bytes[i] = !asciiOnly && random.nextInt(50) == 0
            ? NON_ASCII_BYTES[random.nextInt(NON_ASCII_BYTES.length)]
            : YAML_ASCII[random.nextInt(YAML_ASCII.length)];
      }
    }
    return bytes;
  }

  /**
   * Junk of up to 20 characters, then one PEM block with a label readers know (or {@code X}) around
   * the MIME Base64 of up to 300 random bytes.
   */
  private static String pem(Random random) {
    String label = pick(random, PEM_LABELS);
    byte[] body = new byte[random.nextInt(301)];
    random.nextBytes(body);
    String junk = anyString(random, 20);
    return junk + "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(body)
        + "\n-----END " + label + "-----\n";
  }

  /** Up to {@code maxLength} UTF-16 units: printable ASCII, control characters and any BMP unit. */
  private static String anyString(Random random, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(3);
      if (kind == 0) {
        text.append((char) (0x20 + random.nextInt(0x5f)));
      } else if (kind == 1) {
        text.append((char) random.nextInt(0x20));
      } else {
        text.append((char) random.nextInt(0x10000));
      }
    }
    return text.toString();
  }

  /**
   * A kubeconfig-shaped document as YAML: clusters, contexts and users are each a list of up to three
   * named entries or (one time in eight) a stray scalar, and current-context is a scalar, half the
   * time an entry name. Entry bodies hold scalars, lists, maps of well-known fields (most often) and
   * maps of such maps, and the scalars include the secret marker. The odds lean towards valid shapes
   * so that most documents get past the first list check to the checks behind it.
   */
  private static String kubeconfigYaml(Random random) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("clusters", entries(random));
    doc.put("contexts", entries(random));
    doc.put("users", entries(random));
    doc.put("current-context", random.nextBoolean() ? pick(random, ENTRY_NAMES) : scalar(random));
    return new Yaml().dump(doc);
  }

  private static Object entries(Random random) {
    if (random.nextInt(8) == 0) {
      return scalar(random);
    }
    return list(random, 3, LoaderFuzzTest::entry);
  }

  private static Object entry(Random random) {
    Map<String, Object> entry = new LinkedHashMap<>();
    // An empty name is an error the loader reports first, so it comes one time in ten.
    entry.put("name", random.nextInt(10) == 0 ? "" : pick(random, ENTRY_NAMES));
    entry.put(pick(random, ENTRY_BODIES), value(random));
    return entry;
  }

  private static Object value(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> scalar(random);
      case 1 -> list(random, 3, LoaderFuzzTest::scalar);
      case 2, 3, 4, 5 -> fields(random, 6, LoaderFuzzTest::scalar);
      default -> fields(random, 3, r -> fields(r, 4, LoaderFuzzTest::scalar));
    };
  }

  private static Object scalar(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> {
        int length = random.nextInt(13);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
          text.append(SCALAR_CHARACTERS.charAt(random.nextInt(SCALAR_CHARACTERS.length())));
        }
        yield text.toString();
      }
      case 1 -> pick(random, WELL_KNOWN_SCALARS);
      // Small numbers half the time: ports, counts and booleans-as-numbers are where the edges are.
      case 2 -> random.nextBoolean() ? random.nextInt(21) - 10 : random.nextInt();
      case 3 -> random.nextBoolean();
      default -> null;
    };
  }

  private static List<Object> list(Random random, int maxSize, Function<Random, Object> element) {
    int size = random.nextInt(maxSize + 1);
    List<Object> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.apply(random));
    }
    return list;
  }

  private static Map<String, Object> fields(Random random, int maxSize, Function<Random, Object> value) {
    int size = random.nextInt(maxSize + 1);
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      map.put(pick(random, FIELDS), value.apply(random));
    }
    return map;
  }

  /**
   * A valid kubeconfig except that its user sets both a token and a password (and sometimes a
   * username), each a random secret with the marker somewhere inside.
   */
  private static String conflictingSecrets(Random random) {
    StringBuilder user = new StringBuilder("{token: '" + secret(random) + "', password: '" + secret(random) + "'");
    if (random.nextBoolean()) {
      user.append(", username: admin");
    }
    user.append('}');
    return String.join("\n",
        "current-context: c0",
        "clusters: [{name: k0, cluster: {server: 'https://h'}}]",
        "contexts: [{name: c0, context: {cluster: k0, user: u0}}]",
        "users: [{name: u0, user: " + user + "}]");
  }

  private static String secret(Random random) {
    return secretCharacters(random) + MARKER + secretCharacters(random);
  }

  private static String secretCharacters(Random random) {
    int length = random.nextInt(17);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(SECRET_CHARACTERS.charAt(random.nextInt(SECRET_CHARACTERS.length())));
    }
    return text.toString();
  }

  private static <T> T pick(Random random, List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }
}
