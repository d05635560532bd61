package dev.kubesdk.config.internal;

import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.Sensitive;
import dev.kubesdk.config.TlsContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
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
      KeyManager[] keys = keyManagers(c);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(keys, new TrustManager[] {trust}, null);
      SSLSocketFactory factory = ssl.getSocketFactory();
      HostnameVerifier verifier = null;
      if (c.insecureSkipTlsVerify()) {
        log.warn("TLS verification of {} is off (insecure-skip-tls-verify): anyone on the path can read and change the traffic", c.host());
        verifier = (host, session) -> true;
      } else if (c.tlsServerName().isPresent()) {
        String name = c.tlsServerName().get();
        factory = new ServerNameSocketFactory(factory, name);
        verifier = (host, session) -> certificateMatches(session, name);
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

  private static KeyManager @Nullable [] keyManagers(Configuration c) throws GeneralSecurityException, IOException {
    if (c.clientCertificate().isEmpty() || c.clientKey().isEmpty()) {
      return null;
    }
    List<X509Certificate> chain = certificates(c.clientCertificate().get(), "client-certificate");
    PrivateKey key = privateKey(c.clientKey().get(), "client-key");
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, NO_PASSWORD);
    return kmf.getKeyManagers();
  }

  /**
   * Reads every certificate of a PEM bundle (text between the blocks, as in distribution CA
   * bundles, is skipped).
   *
   * @param field names the setting in messages, e.g. {@code /path/config: clusters[0] "prod": cluster.certificate-authority}
   */
  public static List<X509Certificate> certificates(byte[] pem, String field) {
    List<X509Certificate> out = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (Reader reader = new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.UTF_8);
        PEMParser parser = new PEMParser(reader)) {
      int block = 0;
      while (true) {
        Object parsed;
        try {
          parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
          throw new ConfigException(field + ": PEM block " + (block + 1) + " is not a valid certificate (" + e.getClass().getSimpleName() + "). It must contain -----BEGIN CERTIFICATE----- blocks.");
        }
        if (parsed == null) {
          break;
        }
        block++;
        if (parsed instanceof X509CertificateHolder holder) {
          out.add(converter.getCertificate(holder));
        } else {
          log.debug("{}: skipping PEM block {} ({}), not a certificate", field, block, parsed.getClass().getSimpleName());
        }
      }
    } catch (IOException | CertificateException e) {
      throw new ConfigException(field + " is not a valid PEM certificate (" + e.getClass().getSimpleName() + "). It must contain -----BEGIN CERTIFICATE----- blocks.", e);
    }
    if (out.isEmpty()) {
      throw new ConfigException(field + " holds no PEM certificate. It must contain -----BEGIN CERTIFICATE----- blocks.");
    }
    return out;
  }

  /** Reads a PEM private key: RSA (PKCS#1), EC (SEC1) or any PKCS#8 key the JDK or Bouncy Castle knows. */
  public static PrivateKey privateKey(Sensitive pem) {
    return privateKey(pem, "client-key");
  }

  /**
   * Reads a PEM private key: RSA (PKCS#1 or PKCS#8), EC on P-256/384/521 (SEC1 or PKCS#8) or
   * Ed25519 (PKCS#8). Other blocks in the same PEM text (EC PARAMETERS, a certificate) are skipped.
   *
   * @param field names the setting in messages
   * @throws ConfigException when there is no key, the key is encrypted, or it cannot be decoded;
   *     the message never holds key material
   */
  public static PrivateKey privateKey(Sensitive pem, String field) {
    String fix = " Give a PEM key (RSA, EC or Ed25519; PKCS#1, SEC1 or PKCS#8).";
    try (Reader reader = new InputStreamReader(new ByteArrayInputStream(pem.revealBytes()), StandardCharsets.UTF_8);
        PEMParser parser = new PEMParser(reader)) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      int block = 0;
      while (true) {
        Object parsed;
        try {
          parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
          // Bouncy Castle's messages describe the structure, never the key bytes, but keep only the type.
          throw new ConfigException(field + ": PEM block " + (block + 1) + " is not a readable private key (" + e.getClass().getSimpleName() + ")." + fix);
        }
        if (parsed == null) {
          break;
        }
        block++;
        if (parsed instanceof PEMEncryptedKeyPair || parsed instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new ConfigException(field + " is an encrypted private key; Kubernetes clients cannot prompt for its passphrase."
              + " Decrypt it with `openssl pkey -in key.pem -out plain.pem` and point the kubeconfig at the plain key (keep it mode 0600).");
        }
        try {
          if (parsed instanceof PEMKeyPair pair) {
            return jdkKey(pair.getPrivateKeyInfo(), converter);
          }
          if (parsed instanceof PrivateKeyInfo info) {
            return jdkKey(info, converter);
          }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
          throw new ConfigException(field + ": the private key in PEM block " + block + " cannot be decoded (" + e.getClass().getSimpleName() + ")." + fix);
        }
      }
      throw new ConfigException(field + " holds " + (block == 0 ? "no PEM block" : "no private key among its " + block + " PEM blocks") + "." + fix);
    } catch (IOException e) {
      throw new ConfigException(field + " is not a readable PEM private key." + fix, e);
    }
  }

  /**
   * Turns a PKCS#8 structure into a key of the JDK's own providers, so that TLS signs with SunEC /
   * SunRsaSign / EdDSA and no Bouncy Castle provider needs registering (friendlier to FIPS JVMs).
   * Bouncy Castle's converter names EC keys "ECDSA", which only its own provider knows, so the
   * algorithm is chosen here from the OID.
   */
  private static PrivateKey jdkKey(PrivateKeyInfo info, JcaPEMKeyConverter fallback) throws IOException, GeneralSecurityException {
    ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
    String algorithm;
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      algorithm = "RSA";
    } else if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      algorithm = "EC";
    } else if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      algorithm = "Ed25519";
    } else if (oid.equals(EdECObjectIdentifiers.id_Ed448)) {
      algorithm = "Ed448";
    } else {
      return fallback.getPrivateKey(info);
    }
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
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

  private static boolean certificateMatches(SSLSession session, String name) {
    try {
      Certificate[] peer = session.getPeerCertificates();
      if (peer.length == 0 || !(peer[0] instanceof X509Certificate cert)) {
        return false;
      }
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans == null) {
        return false;
      }
      String wanted = name.toLowerCase(Locale.ROOT);
      for (List<?> san : sans) {
        Object type = san.get(0);
        Object value = san.get(1);
        if (Integer.valueOf(2).equals(type) && value instanceof String dns && dnsMatches(dns.toLowerCase(Locale.ROOT), wanted)) {
          return true;
        }
        if (Integer.valueOf(7).equals(type) && value instanceof String ip && ipMatches(ip, wanted)) {
          return true;
        }
      }
      return false;
    } catch (SSLPeerUnverifiedException | CertificateException e) {
      return false;
    }
  }

  private static boolean dnsMatches(String pattern, String name) {
    if (pattern.startsWith("*.")) {
      int dot = name.indexOf('.');
      return dot > 0 && name.substring(dot).equals(pattern.substring(1));
    }
    return pattern.equals(name);
  }

  private static boolean ipMatches(String san, String name) {
    try {
      if (!name.matches("[0-9a-f:.\\[\\]]+")) {
        return false;
      }
      return InetAddress.getByName(san).equals(InetAddress.getByName(name.replace("[", "").replace("]", "")));
    } catch (IOException e) {
      return false;
    }
  }

  /** Sends {@code tls-server-name} as SNI instead of the URL's host. */
  private static final class ServerNameSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final String serverName;

    ServerNameSocketFactory(SSLSocketFactory delegate, String serverName) {
      this.delegate = delegate;
      this.serverName = serverName;
    }

    private Socket configure(Socket socket) {
      if (socket instanceof SSLSocket ssl) {
        SSLParameters params = ssl.getSSLParameters();
        params.setServerNames(List.of(new SNIHostName(serverName)));
        ssl.setSSLParameters(params);
      }
      return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
      return configure(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket() throws IOException {
      return configure(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return configure(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return configure(delegate.createSocket(address, port, localAddress, localPort));
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
