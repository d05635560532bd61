package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client certificate from an exec plugin is fetched again at the handshake after it expired or was rejected. */
class ExecClientCertificateTest {
  @TempDir Path tmp;
  Fixture fx;
  Path count;
  SSLServerSocket server;
  Thread acceptor;
  final BlockingQueue<String> presented = new LinkedBlockingQueue<>();
  String serverCert;

  @BeforeEach
  void start() throws Exception {
    fx = new Fixture(tmp);
    count = tmp.resolve("count");
    KeyPair serverKey = Pki.ec("secp256r1");
    serverCert = Pki.selfSigned(serverKey, "server", "127.0.0.1");
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(serverCert.getBytes(StandardCharsets.UTF_8)));
    ks.setKeyEntry("server", serverKey.getPrivate(), new char[0], new Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), new TrustManager[] {new AnyClient()}, null);
    server = (SSLServerSocket) ssl.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
    server.setNeedClientAuth(true);
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try (SSLSocket s = (SSLSocket) server.accept()) {
          s.startHandshake();
          X509Certificate peer = (X509Certificate) s.getSession().getPeerCertificates()[0];
          presented.add(peer.getSubjectX500Principal().getName());
          s.getOutputStream().write(1);
          s.getOutputStream().flush();
        } catch (Exception e) {
          // The next accept reports a closed server; a failed handshake shows as a missing element.
        }
      }
    }, "test-tls-server");
    acceptor.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    acceptor.join(10_000);
  }

  /** Trusts every client certificate: the test looks only at which one was presented. */
  static final class AnyClient implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /**
   * A plugin whose N-th run prints the certificate for CN=exec-N; with {@code expiring}, valid
   * until 2030-01-01 at hour N-1 (UTC), else without expiry.
   */
  private Path plugin(boolean expiring) throws Exception {
    for (int n = 1; n <= 3; n++) {
      KeyPair pair = Pki.ec("secp256r1");
      JsonObject status = new JsonObject();
      status.addProperty("clientCertificateData", Pki.selfSigned(pair, "exec-" + n));
      status.addProperty("clientKeyData", Pki.pkcs8(pair));
      if (expiring) {
        status.addProperty("expirationTimestamp", "2030-01-01T0" + (n - 1) + ":00:00Z");
      }
      JsonObject cred = new JsonObject();
      cred.addProperty("kind", "ExecCredential");
      cred.addProperty("apiVersion", "client.authentication.k8s.io/v1");
      cred.add("status", status);
      fx.write("cred-" + n + ".json", cred.toString());
    }
    fx.script("bin/certs", """
        echo run >> "%s"
        n=$(wc -l < "%s" | tr -d ' ')
        cat "%s/cred-$n.json"
        """.formatted(count, count, tmp));
    return fx.write("kc", Fixture.kubeconfig("https://127.0.0.1:" + server.getLocalPort(),
        "certificate-authority-data: " + Fixture.b64(serverCert),
        "exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: ./bin/certs\n  interactiveMode: Never"));
  }

  /** Opens a TLS connection with the configuration's socket factory and returns the subject the server saw. */
  private String connect(Configuration c) throws Exception {
    try (SSLSocket s = (SSLSocket) c.tlsContext().socketFactory().createSocket("127.0.0.1", server.getLocalPort())) {
      s.startHandshake();
      assertThat(s.getInputStream().read()).isEqualTo(1);
    }
    String subject = presented.poll(30, TimeUnit.SECONDS);
    assertThat(subject).as("the server completed a handshake").isNotNull();
    return subject;
  }

  private int runs() throws Exception {
    return Files.exists(count) ? Files.readAllLines(count).size() : 0;
  }

  @Test
  void anExpiredCertificateIsReplacedAtTheNextHandshakeAndTheConfigurationShowsTheFirst() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2029-12-31T23:00:00Z"));
    Path kc = plugin(true);
    Configuration c = KubeConfig.resolve(fx.options().kubeconfig(kc).clock(clock).build());
    assertThat(new String(c.clientCertificate().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo(Files.readString(tmp.resolve("cred-1.json"))
        .replaceAll("(?s).*\"clientCertificateData\":\"(.*?)\".*", "$1").replace("\\n", "\n"));
    assertThat(connect(c)).isEqualTo("CN=exec-1");
    assertThat(connect(c)).isEqualTo("CN=exec-1");
    assertThat(runs()).isEqualTo(1);
    clock.set(Instant.parse("2030-01-01T00:00:01Z"));
    // A resumed TLS session would keep the old identity; the new certificate must be presented.
    assertThat(connect(c)).isEqualTo("CN=exec-2");
    assertThat(runs()).isEqualTo(2);
  }

  @Test
  void aRejectedCertificateIsDroppedAndTheNextConnectionPresentsANewOne() throws Exception {
    Path kc = plugin(false);
    Configuration c = KubeConfig.resolve(fx.explicit(kc));
    Credentials credentials = c.credentials();
    assertThat(connect(c)).isEqualTo("CN=exec-1");
    assertThat(credentials.invalidateClientCertificate()).isTrue();
    // A second 401 from a connection of the old certificate must not throw away the new one before any use.
    assertThat(credentials.invalidateClientCertificate()).isTrue();
    assertThat(connect(c)).isEqualTo("CN=exec-2");
    assertThat(connect(c)).isEqualTo("CN=exec-2");
    assertThat(runs()).isEqualTo(2);
    // The certificate-only credential sends no header, so a header rejection is not its concern.
    assertThat(credentials.authorization()).isEmpty();
    assertThat(credentials.invalidate(Sensitive.of("Bearer other"))).isFalse();
  }

  @Test
  void sourcesWithoutClientCertificatesHaveNothingToInvalidate() {
    assertThat(Credentials.bearerToken(Sensitive.of("t")).invalidateClientCertificate()).isFalse();
    assertThat(Credentials.none().invalidateClientCertificate()).isFalse();
  }
}
