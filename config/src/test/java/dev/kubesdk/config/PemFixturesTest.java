package dev.kubesdk.config;

import static dev.kubesdk.config.PemKeysTest.assertNoKeyMaterial;
import static dev.kubesdk.config.PemKeysTest.assertSignsFor;
import static dev.kubesdk.config.PemKeysTest.publicKey;
import static dev.kubesdk.config.PemKeysTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.config.internal.TlsContextFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keys written by OpenSSL 3 (src/test/resources/pem/regenerate.sh), so the reader is checked
 * against another implementation's output even where no openssl binary is installed.
 */
class PemFixturesTest {
  private static final String FIELD = "/home/me/.kube/config: users[0] \"me\": user.client-key";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "rsa-pkcs1, RSA",
      "rsa-pkcs8, RSA",
      "rsa-pss-pkcs8, RSASSA-PSS",
      "ec-p256-ecparam-sec1, EC",
      "ec-p384-sec1, EC",
      "ec-p521-pkcs8, EC",
      "ed25519-pkcs8, EdDSA",
      "ed448-pkcs8, EdDSA"})
  void keysWrittenByOpensslAreReadAndSignForTheirPublicKey(String name, String algorithm) {
    PrivateKey key = TlsContextFactory.privateKey(Sensitive.of(fixture(name + ".key")), FIELD);

    assertThat(key.getAlgorithm()).isIn(algorithm, "Ed25519", "Ed448");
    assertSignsFor(key, publicKey(fixture(name + ".pub"), algorithm));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "rsa-pkcs1-encrypted | is an encrypted private key; Kubernetes clients cannot prompt for its passphrase",
      "ec-sec1-encrypted | is an encrypted private key; Kubernetes clients cannot prompt for its passphrase",
      "pkcs8-encrypted | is an encrypted private key; Kubernetes clients cannot prompt for its passphrase",
      "x25519-pkcs8 | uses the algorithm with OID 1.3.101.110, which is not a TLS client key the JDK reads",
      "ec-secp256k1-sec1 | is on the curve secp256k1, which this JVM and Kubernetes API servers do not support for TLS",
      "ec-explicit-parameters-sec1 | spells out its curve's parameters instead of naming the curve",
      "dsa | PEM block 1 is a \"DSA PRIVATE KEY\", a key format the JDK cannot read"})
  void keysTheJdkCannotUseAreRefusedWithTheReasonAndNoKeyMaterial(String name, String reason) {
    String pem = fixture(name + ".key");

    ConfigException e = refused(pem);

    assertThat(e).hasMessageContaining(reason);
    assertNoKeyMaterial(e, pem);
    if (reason.contains("encrypted")) {
      assertThat(e).hasMessageContaining("openssl pkey -in key.pem -out plain.pem");
    }
  }

  private static String fixture(String name) {
    try (InputStream in = PemFixturesTest.class.getResourceAsStream("/pem/" + name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
