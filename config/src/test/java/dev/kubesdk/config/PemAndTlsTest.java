package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.config.internal.TlsContextFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PemAndTlsTest {

  static Stream<Arguments> keys() {
    Function<KeyPair, String> pkcs1OrSec1 = Pki::traditional;
    Function<KeyPair, String> pkcs8 = Pki::pkcs8;
    return Stream.of(
        Arguments.of("RSA PKCS#1", Pki.rsa(), pkcs1OrSec1, "RSA"),
        Arguments.of("RSA PKCS#8", Pki.rsa(), pkcs8, "RSA"),
        Arguments.of("EC P-256 SEC1", Pki.ec("secp256r1"), pkcs1OrSec1, "EC"),
        Arguments.of("EC P-384 SEC1", Pki.ec("secp384r1"), pkcs1OrSec1, "EC"),
        Arguments.of("EC P-521 SEC1", Pki.ec("secp521r1"), pkcs1OrSec1, "EC"),
        Arguments.of("EC P-256 PKCS#8", Pki.ec("secp256r1"), pkcs8, "EC"),
        Arguments.of("EC P-384 PKCS#8", Pki.ec("secp384r1"), pkcs8, "EC"),
        Arguments.of("EC P-521 PKCS#8", Pki.ec("secp521r1"), pkcs8, "EC"),
        Arguments.of("EC P-256 SEC1 after EC PARAMETERS", Pki.ec("secp256r1"), (Function<KeyPair, String>) Pki::sec1WithParameters, "EC"),
        Arguments.of("Ed25519 PKCS#8", Pki.ed25519(), pkcs8, "Ed25519"));
  }

  @ParameterizedTest(name = "{0} key is read and builds a TLS context")
  @MethodSource("keys")
  void everySupportedKeyFormatIsReadAndBuildsATlsContext(String label, KeyPair pair, Function<KeyPair, String> format, String algorithm) {
    String pem = format.apply(pair);
    PrivateKey key = TlsContextFactory.privateKey(Sensitive.of(pem), "client-key");
    assertThat(key.getAlgorithm()).isIn(algorithm, algorithm.equals("Ed25519") ? "EdDSA" : algorithm);
    if (key instanceof java.security.interfaces.ECPrivateKey ec) {
      // SEC1 carries the curve and public key inside, so compare the secret scalar, not the encoding.
      assertThat(ec.getS()).isEqualTo(((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS());
    } else {
      assertThat(key.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }
    Configuration c = Configuration.builder()
        .host(URI.create("https://x.example"))
        .clientCertificate(Pki.selfSigned(pair, "me").getBytes(StandardCharsets.UTF_8))
        .clientKey(Sensitive.of(pem))
        .build();
    assertThat(c.tlsContext().socketFactory()).isNotNull();
  }

  @Test
  void encryptedKeysAreRefusedWithADecryptCommand() {
    KeyPair pair = Pki.rsa();
    for (String pem : new String[] {Pki.encryptedPkcs8(pair), Pki.encryptedTraditional(pair)}) {
      assertThatThrownBy(() -> TlsContextFactory.privateKey(Sensitive.of(pem), "users[0].user.client-key"))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("users[0].user.client-key is an encrypted private key")
          .hasMessageContaining("openssl pkey");
    }
  }

  @Test
  void aCaBundleWithSeveralCertificatesAndTextBetweenThemIsReadWhole() {
    String bundle = "# Issuer: first\n" + Pki.selfSigned(Pki.rsa(), "one") + "\nsome comment\n" + Pki.selfSigned(Pki.ec("secp384r1"), "two")
        + Pki.selfSigned(Pki.ed25519(), "three");
    assertThat(TlsContextFactory.certificates(bundle.getBytes(StandardCharsets.UTF_8), "ca"))
        .extracting(cert -> cert.getSubjectX500Principal().getName())
        .containsExactly("CN=one", "CN=two", "CN=three");
    Configuration c = Configuration.builder().certificateAuthority(bundle.getBytes(StandardCharsets.UTF_8)).build();
    assertThat(c.tlsContext().trustManager().getAcceptedIssuers()).hasSize(3);
  }

  @Test
  void textWithoutCertificatesOrKeysGivesATypedErrorNamingTheField() {
    assertThatThrownBy(() -> TlsContextFactory.certificates("hello".getBytes(StandardCharsets.UTF_8), "clusters[0].cluster.certificate-authority"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("clusters[0].cluster.certificate-authority holds no PEM certificate");
    assertThatThrownBy(() -> TlsContextFactory.privateKey(Sensitive.of(Pki.selfSigned(Pki.rsa(), "x")), "users[0].user.client-key"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no private key among its 1 PEM blocks");
    assertThatThrownBy(() -> TlsContextFactory.privateKey(Sensitive.of("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), "k"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("k");
  }

  @Test
  void insecureSkipTlsVerifyIsLoggedAsAWarning() {
    try (StderrCapture logs = new StderrCapture()) {
      Configuration.builder().host(URI.create("https://insecure.example")).insecureSkipTlsVerify(true).build().tlsContext();
      assertThat(logs.text()).contains("WARN").contains("insecure-skip-tls-verify").contains("https://insecure.example");
    }
  }
}
