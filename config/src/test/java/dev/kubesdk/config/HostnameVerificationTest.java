package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Permission;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TLS context always carries its own hostname verifier, and it never asks DNS. */
class HostnameVerificationTest {
  static final KeyPair KEY = Pki.ec("secp256r1");
  static final String SERVER_CERT = Pki.selfSigned(KEY, "kube.example", "kube.example", "*.apps.example", "10.0.0.1", "::1");

  /** An SSLSession that only knows its peer's certificate, which is all a hostname verifier reads. */
  static SSLSession sessionPresenting(String pem) throws Exception {
    Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
    return (SSLSession) Proxy.newProxyInstance(SSLSession.class.getClassLoader(), new Class<?>[] {SSLSession.class}, (proxy, method, args) -> {
      if (method.getName().equals("getPeerCertificates")) {
        return new Certificate[] {cert};
      }
      throw new UnsupportedOperationException(method.getName());
    });
  }

  static HostnameVerifier verifierOf(Configuration.Builder b) {
    return b.build().tlsContext().hostnameVerifier();
  }

  @Test
  void everyTlsContextHasItsOwnHostnameVerifier() {
    assertThat(Configuration.builder().host(URI.create("https://kube.example")).build().tlsContext().hostnameVerifier()).isNotNull();
    assertThat(verifierOf(Configuration.builder().tlsServerName("api.internal"))).isNotNull();
    assertThat(verifierOf(Configuration.builder().insecureSkipTlsVerify(true))).isNotNull();
  }

  @ParameterizedTest(name = "{0} matches: {1}")
  @CsvSource({
      "kube.example, true", "KUBE.Example, true", "kube.example., true", "other.example, false", "example, false",
      "a.apps.example, true", "a.b.apps.example, false", "apps.example, false", ".apps.example, false",
      "10.0.0.1, true", "10.0.0.2, false", "::1, true", "[::1], true", "0:0:0:0:0:0:0:1, true", "::ffff:10.0.0.1, true", "::2, false"})
  void theUrlsHostIsCheckedAgainstTheSubjectAlternativeNames(String host, boolean matches) throws Exception {
    HostnameVerifier v = verifierOf(Configuration.builder().host(URI.create("https://kube.example")));
    assertThat(v.verify(host, sessionPresenting(SERVER_CERT))).isEqualTo(matches);
  }

  @Test
  void theCommonNameAloneNamesNoHostAsInGo() throws Exception {
    String cnOnly = Pki.selfSigned(KEY, "kube.example");
    assertThat(verifierOf(Configuration.builder()).verify("kube.example", sessionPresenting(cnOnly))).isFalse();
  }

  @Test
  void anIpAddressDoesNotMatchADnsNameThatSpellsIt() throws Exception {
    String dnsSpelling = Pki.selfSigned(KEY, "x", "x.example");
    assertThat(verifierOf(Configuration.builder()).verify("10.0.0.1", sessionPresenting(Pki.selfSigned(KEY, "x", "10.0.0.1.example")))).isFalse();
    assertThat(verifierOf(Configuration.builder()).verify("x.example", sessionPresenting(dnsSpelling))).isTrue();
  }

  @Test
  void tlsServerNameIsCheckedInsteadOfTheUrlsHost() throws Exception {
    HostnameVerifier v = verifierOf(Configuration.builder().host(URI.create("https://10.0.0.9")).tlsServerName("kube.example"));
    assertThat(v.verify("10.0.0.9", sessionPresenting(SERVER_CERT))).isTrue();
    HostnameVerifier other = verifierOf(Configuration.builder().host(URI.create("https://kube.example")).tlsServerName("api.internal"));
    assertThat(other.verify("kube.example", sessionPresenting(SERVER_CERT))).isFalse();
  }

  /**
   * A host name made of hex digits looks like an IPv6 literal to a careless check. Records every
   * lookup InetAddress announces to a security manager (JDK 17 still lets a test install one).
   */
  @Test
  @SuppressWarnings("removal")
  void aHexLetterHostNameIsNeverResolvedDuringVerification() throws Exception {
    List<String> lookups = new CopyOnWriteArrayList<>();
    SecurityManager recorder = new SecurityManager() {
      @Override
      public void checkPermission(Permission perm) {}

      @Override
      public void checkPermission(Permission perm, Object context) {}

      @Override
      public void checkConnect(String host, int port) {
        if (port == -1) {
          lookups.add(host);
        }
      }
    };
    try {
      System.setSecurityManager(recorder);
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("this JDK no longer lets a test observe DNS lookups through a security manager");
    }
    try {
      HostnameVerifier byServerName = verifierOf(Configuration.builder().host(URI.create("https://10.0.0.1")).tlsServerName("cafe.be"));
      assertThat(byServerName.verify("10.0.0.1", sessionPresenting(SERVER_CERT))).isFalse();
      assertThat(lookups).doesNotContain("cafe.be");
      assertThat(verifierOf(Configuration.builder()).verify("dead.beef.cafe", sessionPresenting(SERVER_CERT))).isFalse();
      assertThat(lookups).doesNotContain("dead.beef.cafe");
    } finally {
      System.setSecurityManager(null);
    }
  }
}
