package dev.kubesdk.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DerTest {

  @ParameterizedTest
  @ValueSource(strings = {
      PemKeys.RSA_ENCRYPTION, PemKeys.RSASSA_PSS, PemKeys.EC_PUBLIC_KEY, PemKeys.ED25519, PemKeys.ED448,
      "1.2.840.10045.3.1.7", "1.3.132.0.34", "1.3.132.0.35", "0.9.2342.19200300.100.1.25", "2.999.1", "2.5.29.17"})
  void objectIdentifiersRoundTrip(String oid) {
    Der.Element read = new Der.Reader(Der.oid(oid)).next(Der.OBJECT_IDENTIFIER, "the OID");

    assertThat(read.oid("the OID")).isEqualTo(oid);
  }

  @Test
  void objectIdentifiersAreEncodedAsX690Says() {
    // rsaEncryption, as every RSA PKCS#8 key carries it.
    assertThat(Der.oid("1.2.840.113549.1.1.1")).containsExactly(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 127, 128, 255, 256, 65_535, 65_536, 200_000})
  void contentsOfEveryLengthFormRoundTrip(int length) {
    byte[] content = new byte[length];
    Arrays.fill(content, (byte) 7);
    byte[] encoded = Der.encode(Der.OCTET_STRING, content);

    Der.Reader reader = new Der.Reader(Der.encode(Der.SEQUENCE, encoded));
    Der.Element octets = reader.next(Der.SEQUENCE, "the SEQUENCE").contents().next(Der.OCTET_STRING, "the OCTET STRING");

    assertThat(octets.encoded()).isEqualTo(encoded);
    assertThat(reader.hasMore()).isFalse();
  }

  @Test
  void integersKeepTheirSign() {
    for (BigInteger value : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(128), BigInteger.valueOf(-129), BigInteger.TWO.pow(521)}) {
      assertThat(new Der.Reader(Der.integer(value)).next(Der.INTEGER, "n").integer("n")).isEqualTo(value);
    }
  }

  @Test
  void aLengthPastTheEndIsCalledTruncated() {
    assertThatThrownBy(() -> new Der.Reader(new byte[] {0x30, 0x05, 0x02, 0x01}).next(Der.SEQUENCE, "the key"))
        .isInstanceOf(Der.MalformedDerException.class)
        .hasMessage("the key at byte 0 claims 5 bytes but only 2 follow: the data is truncated");
  }

  @Test
  void indefiniteLengthsHighTagNumbersAndHugeLengthsAreRefused() {
    assertThatThrownBy(() -> new Der.Reader(new byte[] {0x30, (byte) 0x80, 0, 0}).next("x"))
        .isInstanceOf(Der.MalformedDerException.class).hasMessageContaining("indefinite length");
    assertThatThrownBy(() -> new Der.Reader(new byte[] {0x1f, 0x01, 0x00}).next("x"))
        .isInstanceOf(Der.MalformedDerException.class).hasMessageContaining("multi-byte tag");
    assertThatThrownBy(() -> new Der.Reader(new byte[] {0x04, (byte) 0x84, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}).next("x"))
        .isInstanceOf(Der.MalformedDerException.class).hasMessageContaining("more than the data holds");
    assertThatThrownBy(() -> new Der.Reader(new byte[] {0x04, (byte) 0x85, 1, 1, 1, 1, 1}).next("x"))
        .isInstanceOf(Der.MalformedDerException.class).hasMessageContaining("length of 5 bytes");
  }

  @Test
  void aWrongTagNamesWhatWasExpectedAndWhatWasFound() {
    assertThatThrownBy(() -> new Der.Reader(new byte[] {0x04, 0x00}).next(Der.SEQUENCE, "the PrivateKeyInfo SEQUENCE"))
        .isInstanceOf(Der.MalformedDerException.class)
        .hasMessage("expected the PrivateKeyInfo SEQUENCE (tag 0x30) at byte 0, found tag 0x04");
  }

  @Test
  void malformedObjectIdentifiersAreRefused() {
    assertThatThrownBy(() -> new Der.Reader(new byte[] {0x06, 0x02, 0x2a, (byte) 0x86}).next("o").oid("the OID"))
        .isInstanceOf(Der.MalformedDerException.class).hasMessageContaining("ends in the middle of an arc");
    assertThatThrownBy(() -> new Der.Reader(new byte[] {0x06, 0x02, 0x2a, (byte) 0x80}).next("o").oid("the OID"))
        .isInstanceOf(Der.MalformedDerException.class).hasMessageContaining("padded arc");
  }
}
