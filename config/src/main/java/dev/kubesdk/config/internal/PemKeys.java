package dev.kubesdk.config.internal;

import dev.kubesdk.config.ConfigException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a PEM private key with the JDK's own providers: RSA in PKCS#1 ({@code RSA PRIVATE KEY}), EC
 * in SEC1 ({@code EC PRIVATE KEY}, after an optional {@code EC PARAMETERS} block as {@code openssl
 * ecparam -genkey} writes it) and any of RSA, RSASSA-PSS, EC, Ed25519 and Ed448 in PKCS#8 ({@code
 * PRIVATE KEY}).
 *
 * <p>PKCS#1 and SEC1 keys are wrapped into a PKCS#8 {@code PrivateKeyInfo} (RFC 5208, RFC 5915 for
 * EC) and handed to {@link KeyFactory}, so the key TLS signs with belongs to SunRsaSign / SunEC and
 * no extra provider needs registering (friendlier to FIPS-configured JVMs too).
 *
 * <p>Stateless and thread-safe.
 */
final class PemKeys {
  private static final Logger log = LoggerFactory.getLogger(PemKeys.class);

  static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
  static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
  static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
  static final String ED25519 = "1.3.101.112";
  static final String ED448 = "1.3.101.113";

  /** The JDK KeyFactory algorithm for each private key algorithm OID a TLS client key can have. */
  private static final Map<String, String> KEY_FACTORY_ALGORITHMS = Map.of(
      RSA_ENCRYPTION, "RSA",
      RSASSA_PSS, "RSASSA-PSS",
      EC_PUBLIC_KEY, "EC",
      ED25519, "Ed25519",
      ED448, "Ed448");

  /** The curves a TLS client key may use, by OID. */
  private static final Map<String, String> TLS_CURVES = Map.of(
      "1.2.840.10045.3.1.7", "P-256",
      "1.3.132.0.34", "P-384",
      "1.3.132.0.35", "P-521");

  /** Other curves met in key files, named in messages as openssl names them. */
  private static final Map<String, String> OTHER_CURVES = Map.of(
      "1.3.132.0.10", "secp256k1",
      "1.2.840.10045.3.1.1", "P-192 (prime192v1)",
      "1.3.132.0.33", "P-224 (secp224r1)",
      "1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1",
      "1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1",
      "1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1");

  private static final String FIX = " Give a PEM key (RSA, EC or Ed25519; PKCS#1, SEC1 or PKCS#8).";
  private static final String DECRYPT = " is an encrypted private key; Kubernetes clients cannot prompt for its passphrase."
      + " Decrypt it with `openssl pkey -in key.pem -out plain.pem` and point the kubeconfig at the plain key (keep it mode 0600).";

  private PemKeys() {}

  /**
   * Reads the first private key of {@code pem}; other blocks (a certificate, EC PARAMETERS) are
   * skipped.
   *
   * @param field names the setting in messages, e.g. {@code /path/config: users[0] "me": user.client-key-data}
   * @throws ConfigException when there is no key, the key is encrypted, or it cannot be decoded; the
   *     message never holds key material
   */
  static PrivateKey privateKey(byte[] pem, String field) {
    List<Pem.Block> blocks;
    try {
      blocks = Pem.parse(pem);
    } catch (Pem.MalformedPemException e) {
      throw new ConfigException(field + ": " + e.getMessage() + "." + FIX);
    }
    try {
      Der.@Nullable Element curveFromParameters = null;
      for (Pem.Block block : blocks) {
        String label = block.label();
        if (label.equals("ENCRYPTED PRIVATE KEY") || (block.encrypted() && label.endsWith("PRIVATE KEY"))) {
          throw new ConfigException(field + DECRYPT);
        }
        switch (label) {
          case "EC PARAMETERS" -> curveFromParameters = ecParameters(block, field);
          case "RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY" -> {
            return decode(block, curveFromParameters, field);
          }
          default -> {
            if (label.endsWith("PRIVATE KEY")) {
              throw new ConfigException(field + ": PEM block " + block.number() + " is a \"" + label + "\", a key format the JDK cannot read."
                  + " Convert it to PKCS#8 with `openssl pkey -in key.pem -out key-pkcs8.pem`." + FIX);
            }
            log.debug("{}: skipping PEM block {} ({}), not a private key", field, block.number(), label);
          }
        }
      }
      throw new ConfigException(field + " holds " + (blocks.isEmpty() ? "no PEM block" : "no private key among its " + blocks.size() + " PEM blocks") + "." + FIX);
    } finally {
      Pem.wipe(blocks);
    }
  }

  private static Der.Element ecParameters(Pem.Block block, String field) {
    try {
      Der.Reader reader = new Der.Reader(block.der());
      Der.Element parameters = reader.next("the EC PARAMETERS");
      reader.expectEnd("the EC PARAMETERS");
      return parameters;
    } catch (Der.MalformedDerException e) {
      throw new ConfigException(field + ": the EC PARAMETERS in PEM block " + block.number() + " are not valid DER (" + e.getMessage() + ")." + FIX);
    }
  }

  private static PrivateKey decode(Pem.Block block, Der.@Nullable Element curveFromParameters, String field) {
    String where = field + ": the private key in PEM block " + block.number() + " (" + block.label() + ")";
    byte[] pkcs8 = null;
    try {
      switch (block.label()) {
        case "RSA PRIVATE KEY" -> {
          checkPkcs1(block.der());
          pkcs8 = wrap(Der.encode(Der.SEQUENCE, Der.oid(RSA_ENCRYPTION), Der.nullValue()), block.der());
          return generate("RSA", pkcs8);
        }
        case "EC PRIVATE KEY" -> {
          Der.Element curve = sec1Curve(block.der(), curveFromParameters, where);
          pkcs8 = wrap(Der.encode(Der.SEQUENCE, Der.oid(EC_PUBLIC_KEY), curve.encoded()), block.der());
          return generate("EC", pkcs8);
        }
        default -> {
          return generate(pkcs8Algorithm(block.der(), where), block.der());
        }
      }
    } catch (Der.MalformedDerException e) {
      throw new ConfigException(where + " is not valid DER: " + e.getMessage() + "." + FIX);
    } catch (GeneralSecurityException e) {
      // JDK messages describe the structure, but keep only the type: they are not written for users.
      throw new ConfigException(where + " cannot be decoded (" + e.getClass().getSimpleName() + ")." + FIX);
    } finally {
      if (pkcs8 != null) {
        Arrays.fill(pkcs8, (byte) 0);
      }
    }
  }

  private static PrivateKey generate(String algorithm, byte[] pkcs8) throws GeneralSecurityException {
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
  }

  /**
   * Kubernetes API servers (Go's crypto/tls) sign and verify ECDSA on P-256, P-384 and P-521 only,
   * and the JDK may read a key on another curve it can no longer sign with (secp256k1): refuse
   * those here, where the message can name the key, rather than in the handshake.
   */
  private static void checkCurve(Der.@Nullable Element curve, String where) {
    if (curve == null) {
      throw new ConfigException(where + " does not name its curve."
          + " Rewrite it with a named curve: `openssl pkey -in key.pem -out named.pem`.");
    }
    if (curve.tag() != Der.OBJECT_IDENTIFIER) {
      throw new ConfigException(where + " spells out its curve's parameters instead of naming the curve, which the JDK does not read."
          + " Rewrite it with a named curve: `openssl ec -in key.pem -param_enc named_curve -out named.pem`.");
    }
    String oid = curve.oid("the curve");
    if (!TLS_CURVES.containsKey(oid)) {
      throw new ConfigException(where + " is on the curve " + OTHER_CURVES.getOrDefault(oid, "with OID " + oid) + ", which this JVM and Kubernetes API servers do not support for TLS."
          + " Use an EC key on P-256, P-384 or P-521, or an RSA or Ed25519 key.");
    }
  }

  /** RFC 8017 A.1.2 RSAPrivateKey: SEQUENCE { version INTEGER, modulus INTEGER, ... }. */
  private static void checkPkcs1(byte[] der) {
    Der.Reader outer = new Der.Reader(der);
    Der.Reader key = outer.next(Der.SEQUENCE, "the RSAPrivateKey SEQUENCE").contents();
    outer.expectEnd("the RSAPrivateKey SEQUENCE");
    BigInteger version = key.next(Der.INTEGER, "the RSAPrivateKey version").integer("the RSAPrivateKey version");
    if (version.signum() != 0 && !version.equals(BigInteger.ONE)) {
      throw new Der.MalformedDerException("the RSAPrivateKey version is " + version + ", not 0 or 1");
    }
    key.next(Der.INTEGER, "the RSA modulus");
  }

  /**
   * RFC 5915 ECPrivateKey: SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters OPTIONAL,
   * [1] publicKey OPTIONAL }; returns the named-curve OID from [0], else from the EC PARAMETERS block.
   */
  private static Der.Element sec1Curve(byte[] der, Der.@Nullable Element curveFromParameters, String where) {
    Der.Reader outer = new Der.Reader(der);
    Der.Reader key = outer.next(Der.SEQUENCE, "the ECPrivateKey SEQUENCE").contents();
    outer.expectEnd("the ECPrivateKey SEQUENCE");
    BigInteger version = key.next(Der.INTEGER, "the ECPrivateKey version").integer("the ECPrivateKey version");
    if (!version.equals(BigInteger.ONE)) {
      throw new Der.MalformedDerException("the ECPrivateKey version is " + version + ", not 1");
    }
    key.next(Der.OCTET_STRING, "the EC private key OCTET STRING");
    Der.Element curve = curveFromParameters;
    if (key.peekTag() == Der.explicitTag(0)) {
      Der.Reader parameters = key.next("the ECPrivateKey parameters [0]").contents();
      curve = parameters.next("the ECPrivateKey curve");
      parameters.expectEnd("the ECPrivateKey curve");
    }
    if (key.peekTag() == Der.explicitTag(1)) {
      key.next("the ECPrivateKey public key [1]");
    }
    key.expectEnd("the ECPrivateKey");
    if (curve == null) {
      throw new ConfigException(where + " does not name its curve, and no EC PARAMETERS block comes before it."
          + " Put the curve's block before the key (`openssl ecparam -name prime256v1` prints the one for P-256),"
          + " or convert the key to PKCS#8 with its curve (`openssl pkcs8 -topk8 -nocrypt`).");
    }
    checkCurve(curve, where);
    return curve;
  }

  /** RFC 5208 PrivateKeyInfo: SEQUENCE { version, AlgorithmIdentifier { algorithm OID, parameters }, privateKey OCTET STRING, ... }. */
  private static String pkcs8Algorithm(byte[] der, String where) {
    Der.Reader outer = new Der.Reader(der);
    Der.Reader info = outer.next(Der.SEQUENCE, "the PrivateKeyInfo SEQUENCE").contents();
    outer.expectEnd("the PrivateKeyInfo SEQUENCE");
    info.next(Der.INTEGER, "the PrivateKeyInfo version").integer("the PrivateKeyInfo version");
    Der.Reader algorithmIdentifier = info.next(Der.SEQUENCE, "the AlgorithmIdentifier SEQUENCE").contents();
    String oid = algorithmIdentifier.next(Der.OBJECT_IDENTIFIER, "the key algorithm OID").oid("the key algorithm OID");
    Der.@Nullable Element parameters = algorithmIdentifier.hasMore() ? algorithmIdentifier.next("the key algorithm parameters") : null;
    info.next(Der.OCTET_STRING, "the private key OCTET STRING");
    String keyFactory = KEY_FACTORY_ALGORITHMS.get(oid);
    if (keyFactory == null) {
      throw new ConfigException(where + " uses the algorithm with OID " + oid + ", which is not a TLS client key the JDK reads."
          + " Use an RSA, EC (P-256, P-384, P-521) or Ed25519 key.");
    }
    if (keyFactory.equals("EC")) {
      checkCurve(parameters, where);
    }
    return keyFactory;
  }

  /** RFC 5208 PrivateKeyInfo { version 0, algorithm, privateKey OCTET STRING } around a traditional key. */
  private static byte[] wrap(byte[] algorithmIdentifier, byte[] traditionalKey) {
    return Der.encode(Der.SEQUENCE, Der.integer(BigInteger.ZERO), algorithmIdentifier, Der.encode(Der.OCTET_STRING, traditionalKey));
  }
}
