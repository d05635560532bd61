package dev.kubesdk.config;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** Generates keys and self-signed certificates as PEM for tests. */
final class Pki {
  private Pki() {}

  static KeyPair rsa() {
    return generate("RSA", null);
  }

  static KeyPair ec(String curve) {
    return generate("EC", curve);
  }

  static KeyPair ed25519() {
    return generate("Ed25519", null);
  }

  private static KeyPair generate(String alg, String curve) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
      if (curve != null) {
        g.initialize(new ECGenParameterSpec(curve));
      } else if (alg.equals("RSA")) {
        g.initialize(2048);
      }
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A self-signed certificate for {@code cn} with subject alternative names as PEM: an entry that
   * parses as an IP address becomes an iPAddress name, any other a dNSName.
   */
  static String selfSigned(KeyPair pair, String cn, String... subjectAltNames) {
    try {
      String sig = switch (pair.getPrivate().getAlgorithm()) {
        case "RSA" -> "SHA256withRSA";
        case "EC" -> "SHA256withECDSA";
        default -> "Ed25519";
      };
      X500Name name = new X500Name("CN=" + cn);
      Date now = new Date();
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(new SecureRandom().nextInt(1 << 30)),
          new Date(now.getTime() - 60_000), new Date(now.getTime() + 86_400_000L), name, pair.getPublic());
      if (subjectAltNames.length > 0) {
        GeneralName[] names = new GeneralName[subjectAltNames.length];
        for (int i = 0; i < names.length; i++) {
          String san = subjectAltNames[i];
          boolean ip = san.contains(":") || san.matches("[0-9.]+");
          names[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, san);
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      ContentSigner signer = new JcaContentSignerBuilder(sig).setProvider(new BouncyCastleProvider()).build(pair.getPrivate());
      X509CertificateHolder holder = b.build(signer);
      return pem(new PemObject("CERTIFICATE", holder.getEncoded()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The traditional OpenSSL form: PKCS#1 for RSA, SEC1 (with curve and public key, as openssl writes it) for EC. */
  static String traditional(KeyPair pair) {
    if (pair.getPrivate() instanceof java.security.interfaces.ECPrivateKey ec) {
      try {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
        byte[] pub = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()).getPublicKeyData().getBytes();
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
            ec.getParams().getOrder().bitLength(), ec.getS(), new DERBitString(pub), info.getPrivateKeyAlgorithm().getParameters());
        return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    try {
      StringWriter w = new StringWriter();
      try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
        pw.writeObject(new JcaMiscPEMGenerator(pair.getPrivate()));
      }
      return w.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SEC1 EC key preceded by an EC PARAMETERS block, as `openssl ecparam -genkey` writes it. */
  static String sec1WithParameters(KeyPair pair) {
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
      byte[] params = info.getPrivateKeyAlgorithm().getParameters().toASN1Primitive().getEncoded();
      return pem(new PemObject("EC PARAMETERS", params)) + traditional(pair);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pkcs8(KeyPair pair) {
    return pem(new PemObject("PRIVATE KEY", pair.getPrivate().getEncoded()));
  }

  static String encryptedPkcs8(KeyPair pair) {
    try {
      JceOpenSSLPKCS8EncryptorBuilder eb = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC);
      eb.setProvider(new BouncyCastleProvider());
      eb.setPassword("secret".toCharArray());
      return pem(new JcaPKCS8Generator(pair.getPrivate(), eb.build()).generate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String encryptedTraditional(KeyPair pair) {
    try {
      StringWriter w = new StringWriter();
      try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
        pw.writeObject(new JcaMiscPEMGenerator(pair.getPrivate(),
            new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider()).build("secret".toCharArray())));
      }
      return w.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(PemObject o) {
    try {
      StringWriter w = new StringWriter();
      try (PemWriter pw = new PemWriter(w)) {
        pw.writeObject(o);
      }
      return w.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
