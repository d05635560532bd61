package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.config.internal.TlsContextFactory;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PemCertificatesTest {
  private static final String FIELD = "/home/me/.kube/config: clusters[0] \"prod\": cluster.certificate-authority-data";

  private static List<X509Certificate> read(String pem) {
    return TlsContextFactory.certificates(pem.getBytes(StandardCharsets.UTF_8), FIELD);
  }

  @Test
  void certificatesAreReadFromAClientBundleThatAlsoHoldsItsKey() {
    KeyPair pair = Pki.ec("secp256r1");
    String bundle = Pki.traditional(pair) + Pki.selfSigned(pair, "me").replace("\n", "\r\n");

    List<X509Certificate> certificates = read(bundle);

    assertThat(certificates).singleElement().satisfies(cert -> {
      assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=me");
      assertThat(cert.getPublicKey()).isEqualTo(pair.getPublic());
    });
  }

  @Test
  void openSslsX509CertificateLabelAndBlocksOfUnknownKindsAreHandled() {
    String cert = Pki.selfSigned(Pki.rsa(), "legacy").replace("CERTIFICATE-----", "X509 CERTIFICATE-----");
    String bundle = "-----BEGIN X509 CRL-----\nAQID\n-----END X509 CRL-----\n" + cert;

    assertThat(read(bundle)).extracting(c -> c.getSubjectX500Principal().getName()).containsExactly("CN=legacy");
  }

  @Test
  void aCertificateBlockThatIsNotACertificateNamesTheBlock() {
    String good = Pki.selfSigned(Pki.ed25519(), "one");
    String bad = "-----BEGIN CERTIFICATE-----\n" + Base64.getEncoder().encodeToString(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}) + "\n-----END CERTIFICATE-----\n";

    assertThatThrownBy(() -> read(good + bad))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(FIELD + ": PEM block 2 is not a valid certificate (")
        .hasMessageEndingWith("It must contain -----BEGIN CERTIFICATE----- blocks.");
  }

  @Test
  void aTruncatedCertificateIsReportedAsSuch() {
    String pem = Pki.selfSigned(Pki.rsa(), "cut");
    String cut = pem.substring(0, pem.indexOf("-----END"));

    assertThatThrownBy(() -> read(cut))
        .isInstanceOf(ConfigException.class)
        .hasMessage(FIELD + ": PEM block 1 (CERTIFICATE) has no -----END CERTIFICATE----- line: the text is truncated. It must contain -----BEGIN CERTIFICATE----- blocks.");
  }
}
