package dev.kubesdk.config.internal;

import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.Sensitive;
import dev.kubesdk.config.TlsContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the {@link TlsContext} of a {@link Configuration}. */
public final class TlsContextFactory {
  private static final Logger log = LoggerFactory.getLogger(TlsContextFactory.class);
  private static final char[] NO_PASSWORD = new char[0];

  private TlsContextFactory() {}

  /** Builds the trust manager, key manager, socket factory and hostname check for {@code c}. */
  public static TlsContext create(Configuration c) {
    try {
      X509TrustManager trust = trustManager(c);
      ExecKeyManager exec = execKeyManager(c);
      KeyManager[] keys = exec != null ? new KeyManager[] {exec} : keyManagers(c);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(keys, new TrustManager[] {trust}, null);
      SSLSocketFactory factory = ssl.getSocketFactory();
      Runnable beforeConnect = null;
      if (exec != null) {
        exec.sessions(ssl.getClientSessionContext());
        beforeConnect = exec::refresh;
      }
      String serverName = c.insecureSkipTlsVerify() ? null : c.tlsServerName().orElse(null);
      if (serverName != null || beforeConnect != null) {
        factory = new ConfiguredSocketFactory(factory, serverName, beforeConnect);
      }
      // Always our own verifier, never the HTTP client's: a base client configured to accept any
      // name must not weaken a Configuration that asks for verification.
      HostnameVerifier verifier;
      if (c.insecureSkipTlsVerify()) {
        log.warn("TLS verification of {} is off (insecure-skip-tls-verify): anyone on the path can read and change the traffic", c.host());
        verifier = (host, session) -> true;
      } else {
        verifier = CertificateHostnames.verifier(serverName);
      }
      return new TlsContext(factory, trust, verifier);
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException("cannot build the TLS context for " + c.host() + " (" + e.getClass().getSimpleName() + "): check that client-certificate and client-key belong together and that the CA is a PEM certificate.", e);
    }
  }

  private static X509TrustManager trustManager(Configuration c) throws GeneralSecurityException, IOException {
    if (c.insecureSkipTlsVerify()) {
      return new TrustAllManager();
    }
    KeyStore store = null;
    if (c.certificateAuthority().isPresent()) {
      List<X509Certificate> certs = certificates(c.certificateAuthority().get(), "certificate-authority");
      store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < certs.size(); i++) {
        store.setCertificateEntry("ca-" + i, certs.get(i));
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JDK offers no X509TrustManager");
  }

  private static KeyManager @Nullable [] keyManagers(Configuration c) {
    if (c.clientCertificate().isEmpty() || c.clientKey().isEmpty()) {
      return null;
    }
    return new KeyManager[] {keyManager(c.clientCertificate().get(), c.clientKey().get(), "client-certificate")};
  }

  /**
   * The key manager that asks the exec plugin at each handshake, when the Configuration's client
   * certificate is still the one the plugin returned first (a certificate set by hand wins).
   */
  private static @Nullable ExecKeyManager execKeyManager(Configuration c) {
    if (!(c.credentials() instanceof ExecCredentials exec)) {
      return null;
    }
    byte[] first = exec.firstCertificate();
    if (first == null || !Arrays.equals(first, c.clientCertificate().orElse(null))) {
      return null;
    }
    return new ExecKeyManager(exec, exec.where());
  }

  /**
   * A JDK key manager presenting {@code certificatePem} with {@code keyPem}, under the alias
   * {@code client}.
   *
   * @param field names the certificate's setting in messages
   */
  static X509KeyManager keyManager(byte[] certificatePem, Sensitive keyPem, String field) {
    List<X509Certificate> chain = certificates(certificatePem, field);
    PrivateKey key = privateKey(keyPem, field.replace("client-certificate", "client-key").replace("clientCertificateData", "clientKeyData"));
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, NO_PASSWORD);
      for (KeyManager km : kmf.getKeyManagers()) {
        if (km instanceof X509KeyManager x509) {
          return x509;
        }
      }
      throw new GeneralSecurityException("the JDK offers no X509KeyManager");
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException(field + ": cannot use the client certificate and key (" + e.getClass().getSimpleName() + "): check that they belong together.", e);
    }
  }

  /**
   * Reads every certificate of a PEM bundle (text between the blocks, as in distribution CA
   * bundles, is skipped, and so are blocks of other kinds).
   *
   * @param field names the setting in messages, e.g. {@code /path/config: clusters[0] "prod": cluster.certificate-authority}
   */
  public static List<X509Certificate> certificates(byte[] pem, String field) {
    String fix = " It must contain -----BEGIN CERTIFICATE----- blocks.";
    List<Pem.Block> blocks;
    try {
      blocks = Pem.parse(pem);
    } catch (Pem.MalformedPemException e) {
      throw new ConfigException(field + ": " + e.getMessage() + "." + fix);
    }
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new ConfigException(field + ": this JVM offers no X.509 certificate factory (" + e.getClass().getSimpleName() + ").", e);
    }
    List<X509Certificate> out = new ArrayList<>();
    for (Pem.Block block : blocks) {
      // OpenSSL also writes "X509 CERTIFICATE" for the same DER; "TRUSTED CERTIFICATE" adds OpenSSL-only trust settings.
      if (!block.label().equals("CERTIFICATE") && !block.label().equals("X509 CERTIFICATE")) {
        log.debug("{}: skipping PEM block {} ({}), not a certificate", field, block.number(), block.label());
        continue;
      }
      try {
        out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
      } catch (CertificateException | RuntimeException e) {
        throw new ConfigException(field + ": PEM block " + block.number() + " is not a valid certificate (" + e.getClass().getSimpleName() + ")." + fix);
      }
    }
    if (out.isEmpty()) {
      throw new ConfigException(field + " holds no PEM certificate." + fix);
    }
    return out;
  }

  /** Reads a PEM private key: RSA (PKCS#1), EC (SEC1) or a PKCS#8 RSA, EC or EdDSA key. */
  public static PrivateKey privateKey(Sensitive pem) {
    return privateKey(pem, "client-key");
  }

  /**
   * Reads a PEM private key: RSA (PKCS#1 or PKCS#8), EC on P-256/384/521 (SEC1 or PKCS#8) or
   * Ed25519/Ed448 (PKCS#8). Other blocks in the same PEM text (EC PARAMETERS, a certificate) are
   * skipped. Only the JDK's own providers are used.
   *
   * @param field names the setting in messages
   * @throws ConfigException when there is no key, the key is encrypted, or it cannot be decoded;
   *     the message never holds key material
   */
  public static PrivateKey privateKey(Sensitive pem, String field) {
    byte[] bytes = pem.revealBytes();
    try {
      return PemKeys.privateKey(bytes, field);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * An SSL context that trusts exactly the certificates of {@code pem} (used for an OIDC issuer's
   * own CA).
   */
  public static SSLContext sslContextTrusting(byte[] pem, String field) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      List<X509Certificate> certs = certificates(pem, field);
      for (int i = 0; i < certs.size(); i++) {
        store.setCertificateEntry("ca-" + i, certs.get(i));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException(field + ": cannot build a trust store (" + e.getClass().getSimpleName() + ").", e);
    }
  }

  /** Accepts every certificate: only for insecure-skip-tls-verify. */
  private static final class TrustAllManager implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
