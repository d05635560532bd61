package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kubesdk.config.internal.TlsContextFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Private keys read from every PEM form a kubeconfig can hold. A key counts as read correctly only
 * when what it signs verifies with the public key it was generated with.
 */
class PemKeysTest {
  private static final String FIELD = "/home/me/.kube/config: users[0] \"me\": user.client-key-data";
  private static final byte[] MESSAGE = "kubesdk signs this".getBytes(StandardCharsets.UTF_8);
  /** P-256 as the DER OBJECT IDENTIFIER 1.2.840.10045.3.1.7 that an EC PARAMETERS block holds. */
  private static final byte[] P256_OID = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};

  static Stream<Arguments> jdkKeysInEveryForm() {
    Function<KeyPair, String> pkcs8 = Pki::pkcs8;
    Function<KeyPair, String> traditional = Pki::traditional;
    Function<KeyPair, String> afterParameters = Pki::sec1WithParameters;
    List<Arguments> cases = new ArrayList<>();
    KeyPair rsa = Pki.rsa();
    cases.add(Arguments.of("RSA 2048 PKCS#8", rsa, pkcs8));
    cases.add(Arguments.of("RSA 2048 PKCS#1", rsa, traditional));
    for (String curve : List.of("secp256r1", "secp384r1", "secp521r1")) {
      KeyPair ec = Pki.ec(curve);
      cases.add(Arguments.of("EC " + curve + " PKCS#8", ec, pkcs8));
      cases.add(Arguments.of("EC " + curve + " SEC1", ec, traditional));
      cases.add(Arguments.of("EC " + curve + " SEC1 after EC PARAMETERS", ec, afterParameters));
    }
    cases.add(Arguments.of("Ed25519 PKCS#8", Pki.ed25519(), pkcs8));
    cases.add(Arguments.of("Ed448 PKCS#8", generate("Ed448"), pkcs8));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdkKeysInEveryForm")
  void keysGeneratedByTheJdkAreReadInEveryPemFormAndSignForTheirPublicKey(String label, KeyPair pair, Function<KeyPair, String> form) {
    PrivateKey key = TlsContextFactory.privateKey(Sensitive.of(form.apply(pair)), FIELD);

    assertSignsFor(key, pair.getPublic());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdkKeysInEveryForm")
  void keysRewrittenByOpensslAreReadAndSignForTheirPublicKey(String label, KeyPair pair, Function<KeyPair, String> form) {
    assumeTrue(OPENSSL_AVAILABLE, "openssl is not on the PATH; the committed fixtures in PemFixturesTest cover OpenSSL's output");
    String jdkPkcs8 = Pki.pkcs8(pair);
    List<List<String>> commands = new ArrayList<>();
    commands.add(List.of("openssl", "pkcs8", "-topk8", "-nocrypt"));
    // PKCS#1 for RSA, SEC1 for EC; EdDSA keys have no form but PKCS#8.
    if (!pair.getPrivate().getAlgorithm().startsWith("Ed")) {
      commands.add(List.of("openssl", "pkey", "-traditional"));
    }
    if (pair.getPrivate() instanceof ECPrivateKey) {
      commands.add(List.of("openssl", "ec", "-no_public"));
    }
    for (List<String> command : commands) {
      String pem = openssl(command, jdkPkcs8);

      PrivateKey key = TlsContextFactory.privateKey(Sensitive.of(pem), FIELD);

      assertSignsFor(key, pair.getPublic());
    }
  }

  @Test
  void aSec1KeyWithoutItsCurveIsReadWithTheCurveOfAPrecedingEcParametersBlock() {
    KeyPair pair = Pki.ec("secp256r1");
    String bare = pem("EC PRIVATE KEY", sec1WithoutCurve((ECPrivateKey) pair.getPrivate()));

    PrivateKey key = TlsContextFactory.privateKey(Sensitive.of(pem("EC PARAMETERS", P256_OID) + bare), FIELD);

    assertSignsFor(key, pair.getPublic());
  }

  @Test
  void aSec1KeyWithoutItsCurveAndWithoutEcParametersNamesTheFix() {
    KeyPair pair = Pki.ec("secp256r1");
    String bare = pem("EC PRIVATE KEY", sec1WithoutCurve((ECPrivateKey) pair.getPrivate()));

    ConfigException e = refused(bare);

    assertThat(e).hasMessageContaining("does not name its curve").hasMessageContaining("EC PARAMETERS").hasMessageContaining("openssl ecparam");
    assertNoKeyMaterial(e, bare);
  }

  @Test
  void theKeyIsFoundAmongCertificatesCommentsAndCrlfLineEnds() {
    KeyPair pair = Pki.ec("secp384r1");
    String bundle = "# client bundle\r\n" + Pki.selfSigned(pair, "me").replace("\n", "\r\n") + "between\r\n"
        + Pki.traditional(pair).replace("\n", "\r\n") + "trailing text";

    PrivateKey key = TlsContextFactory.privateKey(Sensitive.of(bundle), FIELD);

    assertSignsFor(key, pair.getPublic());
  }

  @Test
  void indentedBase64AndAByteOrderMarkAreTolerated() {
    KeyPair pair = Pki.rsa();
    String indented = "\uFEFF" + Pki.traditional(pair).replaceAll("(?m)^([A-Za-z0-9+/=]+)$", "    $1  ");

    PrivateKey key = TlsContextFactory.privateKey(Sensitive.ofBytes(indented.getBytes(StandardCharsets.UTF_8)), FIELD);

    assertSignsFor(key, pair.getPublic());
  }

  @Test
  void badBase64NamesTheBlockAndLine() {
    String pem = Pki.pkcs8(Pki.rsa());
    String broken = pem.replaceFirst("\n(.)", "\n!");

    ConfigException e = refused(broken);

    assertThat(e).hasMessageContaining("PEM block 1 (PRIVATE KEY) is not valid base64: line 1 of the block");
    assertNoKeyMaterial(e, broken);
  }

  @Test
  void aBlockWithoutItsEndLineIsCalledTruncated() {
    String pem = Pki.pkcs8(Pki.ed25519());
    String cut = pem.substring(0, pem.indexOf("-----END"));

    ConfigException e = refused(cut);

    assertThat(e).hasMessageContaining("PEM block 1 (PRIVATE KEY) has no -----END PRIVATE KEY----- line: the text is truncated");
    assertNoKeyMaterial(e, cut);
  }

  @Test
  void anEndLineForAnotherLabelIsReported() {
    String pem = Pki.traditional(Pki.rsa()).replace("-----END RSA PRIVATE KEY-----", "-----END PRIVATE KEY-----");

    assertThat(refused(pem)).hasMessageContaining("PEM block 1 (RSA PRIVATE KEY) ends with -----END PRIVATE KEY----- instead of -----END RSA PRIVATE KEY-----");
  }

  @Test
  void aWrongOuterTagIsReportedAsInvalidDer() {
    byte[] der = Pki.ec("secp256r1").getPrivate().getEncoded();
    der[0] = 0x31;
    String pem = pem("PRIVATE KEY", der);

    ConfigException e = refused(pem);

    assertThat(e).hasMessageContaining("the private key in PEM block 1 (PRIVATE KEY) is not valid DER")
        .hasMessageContaining("expected the PrivateKeyInfo SEQUENCE (tag 0x30) at byte 0, found tag 0x31");
    assertNoKeyMaterial(e, pem);
  }

  @Test
  void anUnknownAlgorithmOidIsNamedInTheMessage() {
    // PrivateKeyInfo { 0, { 1.2.3 }, OCTET STRING { 0x2a } }
    byte[] der = {0x30, 0x0c, 0x02, 0x01, 0x00, 0x30, 0x04, 0x06, 0x02, 0x2a, 0x03, 0x04, 0x01, 0x2a};

    assertThat(refused(pem("PRIVATE KEY", der))).hasMessageContaining("uses the algorithm with OID 1.2.3,")
        .hasMessageContaining("Use an RSA, EC (P-256, P-384, P-521) or Ed25519 key.");
  }

  /** Every prefix of a valid key, armored as PEM, is refused with a typed error and no key bytes. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"RSA PKCS#1", "EC SEC1", "EC PKCS#8", "Ed25519 PKCS#8"})
  void everyTruncationOfAKeyGivesAConfigExceptionWithoutKeyMaterial(String form) {
    byte[] der = switch (form) {
      case "RSA PKCS#1" -> body(Pki.traditional(Pki.rsa()));
      case "EC SEC1" -> body(Pki.traditional(Pki.ec("secp256r1")));
      case "EC PKCS#8" -> Pki.ec("secp384r1").getPrivate().getEncoded();
      default -> Pki.ed25519().getPrivate().getEncoded();
    };
    String label = form.equals("RSA PKCS#1") ? "RSA PRIVATE KEY" : form.equals("EC SEC1") ? "EC PRIVATE KEY" : "PRIVATE KEY";
    for (int length = 0; length < der.length; length++) {
      String pem = pem(label, Arrays.copyOf(der, length));

      ConfigException e = refused(pem);

      assertThat(e.getMessage()).as("prefix of %d bytes", length).startsWith(FIELD);
      assertNoKeyMaterial(e, pem);
    }
  }

  /** A single corrupted byte anywhere gives a key or a typed error, never another exception. */
  @Test
  void everyCorruptedByteOfASec1KeyGivesAKeyOrAConfigException() {
    byte[] der = body(Pki.traditional(Pki.ec("secp256r1")));
    for (int i = 0; i < der.length; i++) {
      byte[] corrupt = der.clone();
      corrupt[i] ^= (byte) 0xff;
      String pem = pem("EC PRIVATE KEY", corrupt);
      try {
        assertThat(TlsContextFactory.privateKey(Sensitive.of(pem), FIELD)).isNotNull();
      } catch (ConfigException e) {
        assertThat(e.getMessage()).as("byte %d corrupted", i).startsWith(FIELD);
        assertNoKeyMaterial(e, pem);
      }
    }
  }

  @Test
  void aDsaKeyIsRefusedNamingItsLabelAndTheConversion() {
    String pem = "-----BEGIN DSA PRIVATE KEY-----\nMAA=\n-----END DSA PRIVATE KEY-----\n";

    assertThatThrownBy(() -> TlsContextFactory.privateKey(Sensitive.of(pem), FIELD))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PEM block 1 is a \"DSA PRIVATE KEY\"")
        .hasMessageContaining("openssl pkey");
  }

  // Helpers

  static final boolean OPENSSL_AVAILABLE = opensslAvailable();

  private static boolean opensslAvailable() {
    try {
      Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String openssl(List<String> command, String input) {
    try {
      Path err = Files.createTempFile("openssl", ".err");
      try {
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
          in.write(input.getBytes(StandardCharsets.US_ASCII));
        }
        byte[] out;
        try (InputStream stdout = p.getInputStream()) {
          out = stdout.readAllBytes();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
          throw new IllegalStateException(command + " failed: " + Files.readString(err));
        }
        return new String(out, StandardCharsets.US_ASCII);
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static KeyPair generate(String algorithm) {
    try {
      return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signs with {@code key} and checks that {@code expected} verifies it: the key is the pair's, not merely a key. */
  static void assertSignsFor(PrivateKey key, PublicKey expected) {
    try {
      Signature signer = signature(key.getAlgorithm());
      signer.initSign(key);
      signer.update(MESSAGE);
      byte[] signed = signer.sign();
      Signature verifier = signature(key.getAlgorithm());
      verifier.initVerify(expected);
      verifier.update(MESSAGE);
      assertThat(verifier.verify(signed)).as("a %s signature by the loaded key verifies with the expected public key", key.getAlgorithm()).isTrue();
    } catch (GeneralSecurityException e) {
      throw new AssertionError("signing with the loaded " + key.getAlgorithm() + " key failed", e);
    }
  }

  private static Signature signature(String keyAlgorithm) throws GeneralSecurityException {
    return switch (keyAlgorithm) {
      case "RSA" -> Signature.getInstance("SHA256withRSA");
      case "EC" -> Signature.getInstance("SHA256withECDSA");
      case "RSASSA-PSS" -> {
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        yield pss;
      }
      default -> Signature.getInstance("EdDSA");
    };
  }

  /** A SubjectPublicKeyInfo PEM ("PUBLIC KEY") read with the JDK alone. */
  static PublicKey publicKey(String pem, String keyAlgorithm) {
    try {
      return KeyFactory.getInstance(keyAlgorithm).generatePublic(new X509EncodedKeySpec(body(pem)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The base64 body of the first block: independent of the reader under test. */
  static byte[] body(String pem) {
    int begin = pem.indexOf('\n', pem.indexOf("-----BEGIN")) + 1;
    return Base64.getMimeDecoder().decode(pem.substring(begin, pem.indexOf("-----END")));
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + label + "-----\n";
  }

  /** RFC 5915 ECPrivateKey { 1, privateKey } with neither [0] curve nor [1] public key, as some tools write it. */
  private static byte[] sec1WithoutCurve(ECPrivateKey key) {
    byte[] s = key.getS().toByteArray();
    byte[] fixed = new byte[32];
    int copy = Math.min(s.length, 32);
    System.arraycopy(s, s.length - copy, fixed, 32 - copy, copy);
    ByteArrayOutputStream der = new ByteArrayOutputStream();
    der.writeBytes(new byte[] {0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20});
    der.writeBytes(fixed);
    assertThat(new BigInteger(1, fixed)).isEqualTo(key.getS());
    return der.toByteArray();
  }

  static ConfigException refused(String pem) {
    ConfigException e = catchThrowableOfType(() -> TlsContextFactory.privateKey(Sensitive.of(pem), FIELD), ConfigException.class);
    assertThat(e).as("a ConfigException").isNotNull();
    assertThat(e.getMessage()).startsWith(FIELD);
    return e;
  }

  /** No 12-character run of the PEM body, and no long hex run, may appear in a message. */
  static void assertNoKeyMaterial(ConfigException e, String pem) {
    String message = e.getMessage();
    assertThat(message).doesNotContainPattern("[0-9a-fA-F]{16}");
    for (String line : pem.split("\r?\n")) {
      if (line.startsWith("-----") || line.length() < 12) {
        continue;
      }
      for (int i = 0; i + 12 <= line.length(); i++) {
        assertThat(message).doesNotContain(line.substring(i, i + 12));
      }
    }
    assertThat(e.getCause()).isNull();
  }
}
