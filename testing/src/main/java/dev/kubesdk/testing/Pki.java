package dev.kubesdk.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates the key material of one local control plane: serving CAs and certificates, a client CA
 * with the client certificates of users and components, and the service-account signing key. EC P-256 throughout,
 * because generating it takes milliseconds where RSA takes a noticeable part of start-up.
 */
final class Pki {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration VALIDITY = Duration.ofDays(7);

  private Pki() {}

  /** A key pair with its certificate. */
  record Issued(KeyPair keys, X509Certificate certificate) {
    byte[] certificatePem() {
      return pem(certificate);
    }

    byte[] privateKeyPem() {
      return pkcs8Pem(keys.getPrivate());
    }
  }

  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate EC P-256 keys", e);
    }
  }

  static Issued certificateAuthority(String commonName) {
    KeyPair keys = newKeyPair();
    X500Name name = new X500Name("CN=" + commonName);
    return new Issued(
        keys,
        sign(
            name,
            keys.getPrivate(),
            name,
            keys,
            builder -> {
              builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
              builder.addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }));
  }

  static Issued servingCertificate(Issued ca, List<String> dnsNames, List<InetAddress> addresses) {
    KeyPair keys = newKeyPair();
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
    addresses.forEach(
        a -> names.add(new GeneralName(GeneralName.iPAddress, a.getHostAddress())));
    return new Issued(
        keys,
        sign(
            subject(ca),
            ca.keys().getPrivate(),
            new X500Name("CN=kube-apiserver"),
            keys,
            builder -> {
              builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
              builder.addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
              builder.addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
              builder.addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(names.toArray(GeneralName[]::new)));
            }));
  }

  /** A client certificate; Kubernetes reads the user from CN and the groups from O. */
  static Issued clientCertificate(Issued ca, String user, List<String> groups) {
    KeyPair keys = newKeyPair();
    StringBuilder subject = new StringBuilder();
    groups.forEach(group -> subject.append("O=").append(group).append(','));
    subject.append("CN=").append(user);
    return new Issued(
        keys,
        sign(
            subject(ca),
            ca.keys().getPrivate(),
            new X500Name(subject.toString()),
            keys,
            builder -> {
              builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
              builder.addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
              builder.addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }));
  }

  static byte[] pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] pkcs8Pem(PrivateKey key) {
    try {
      return pem(new JcaPKCS8Generator(key, null).generate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static X500Name subject(Issued ca) {
    return X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
  }

  private interface Extensions {
    void add(JcaX509v3CertificateBuilder builder) throws IOException;
  }

  private static X509Certificate sign(
      X500Name issuer, PrivateKey issuerKey, X500Name subject, KeyPair keys, Extensions extensions) {
    // Backdated a little: the apiserver and this JVM read the same clock, but a certificate that
    // becomes valid "now" fails on the first handshake when the two round differently.
    Instant now = Instant.now();
    try {
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuer,
              new BigInteger(127, RANDOM),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(VALIDITY)),
              subject,
              keys.getPublic());
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
      extensions.add(builder);
      X509CertificateHolder holder =
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey));
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue a test certificate for " + subject, e);
    }
  }
}
