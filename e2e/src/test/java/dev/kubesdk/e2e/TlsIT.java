package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.VersionApi;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.TransportException;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server verification: the CA, the name in the serving certificate, tls-server-name. */
@KubernetesTest
class TlsIT {
  private LocalControlPlane controlPlane;
  private Configuration admin;

  @BeforeEach
  void controlPlane(KubernetesCluster cluster) {
    this.controlPlane = E2e.localControlPlane(cluster);
    this.admin = E2e.load(controlPlane, LocalUser.ADMIN);
  }

  private static String version(Configuration configuration) {
    return new VersionApi(new ApiClient(configuration)).getCode().execute().getGitVersion();
  }

  @Test
  void theHarnessCaVerifiesTheServer() {
    assertThat(version(admin)).startsWith("v");
  }

  @Test
  void anUnrelatedCaIsATransportExceptionNamingTheHostAndTheCaSetting() {
    Configuration wrongCa = admin.toBuilder().certificateAuthority(UnrelatedCa.PEM).build();

    assertThatThrownBy(() -> version(wrongCa))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> {
              assertThat(e.statusCode()).isZero();
              assertThat(e.url()).startsWith(controlPlane.host().resolve("/version").toString());
              assertThat(e.getMessage())
                  .contains(controlPlane.host().getHost() + ":" + controlPlane.host().getPort())
                  .contains("not trusted")
                  .contains("certificate-authority");
            });
  }

  @Test
  void tlsServerNameVerifiesTheCertificateAgainstThatNameWhileConnectingToTheAddress() {
    Configuration viaName =
        KubeConfig.resolve(
            E2e.options(controlPlane.kubeconfig(LocalUser.ADMIN)).context(LocalUser.ADMIN.userName() + "-tls-server-name").build());

    assertThat(viaName.tlsServerName()).contains(LocalControlPlane.TLS_SERVER_NAME);
    assertThat(viaName.host().getHost()).isEqualTo("127.0.0.1");
    assertThat(version(viaName)).startsWith("v");
  }

  @Test
  void aTlsServerNameTheCertificateDoesNotCarryFailsNamingTheSetting() {
    Configuration wrongName = admin.toBuilder().tlsServerName("not-in-the-certificate.test").build();

    assertThatThrownBy(() -> version(wrongName))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.getMessage()).contains(controlPlane.host().getHost()).contains("tls-server-name"));
  }

  @Test
  void aHostNameInTheCertificateVerifiesWithoutTlsServerName() {
    Configuration byName = admin.toBuilder().host(URI.create("https://localhost:" + controlPlane.host().getPort())).build();

    assertThat(version(byName)).startsWith("v");
  }

  @Test
  void insecureSkipTlsVerifyConnectsWithoutTheCa() {
    Configuration insecure = admin.toBuilder().certificateAuthority(null).insecureSkipTlsVerify(true).build();

    assertThat(version(insecure)).startsWith("v");
  }

  /** A self-signed CA (its key thrown away) that signed nothing this server presents. */
  private static final class UnrelatedCa {
    static final byte[] PEM = read();

    private static byte[] read() {
      try (InputStream in = TlsIT.class.getResourceAsStream("unrelated-ca.crt")) {
        if (in == null) {
          throw new IllegalStateException("unrelated-ca.crt is missing from the test classpath");
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read unrelated-ca.crt", e);
      }
    }
  }
}
