package dev.kubesdk.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "10.96.0.1", "255.255.255.255", "::", "::1", "1::", "2001:db8::52:0:1", "fe80::424b:c8be:1643:a1b6",
      "0:0:0:0:0:0:0:1", "1:2:3:4:5:6:7:8", "64:ff9b::192.0.2.1", "2001:DB8::A"})
  void literalsParseToTheSameBytesAsTheJdk(String literal) throws Exception {
    // getByName does not resolve a valid literal, so it is a safe reference here.
    byte[] jdk = InetAddress.getByName(literal).getAddress();

    assertThat(IpLiteral.parse(literal)).isEqualTo(jdk);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cafe.be", "dead.beef", "face", "abc", "a.b.c.d", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.04", "1..2.3",
      "1.2.3.4.", "", ":", ":::", "1:2", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "::1:", ":1::", "fe80::1%eth0", "[::1]", "::g", "1.2.3.4:80",
      "::ffff:1.2.3", "1:2:3:4:5:6:7:1.2.3.4"})
  void namesAndMalformedLiteralsAreNotAddresses(String text) {
    assertThat(IpLiteral.parse(text)).isNull();
  }

  @Test
  void anIpv4MappedIpv6AddressEqualsItsIpv4Form() {
    assertThat(IpLiteral.parse("::ffff:10.0.0.1")).containsExactly(10, 0, 0, 1);
    assertThat(IpLiteral.parse("::ffff:a00:1")).containsExactly(10, 0, 0, 1);
  }

  @Test
  void bracketsAreAcceptedOnlyAroundIpv6Hosts() {
    assertThat(IpLiteral.parseHost("[::1]")).hasSize(16);
    assertThat(IpLiteral.parseHost("[10.0.0.1]")).isNull();
    assertThat(IpLiteral.parseHost("10.0.0.1")).hasSize(4);
  }

  @ParameterizedTest
  @CsvSource({
      "10.0.0.0/30, 10.0.0.3, true", "10.0.0.0/30, 10.0.0.4, false", "10.0.0.0/8, 10.255.1.2, true", "0.0.0.0/0, 192.168.1.1, true",
      "192.168.1.1/32, 192.168.1.1, true", "192.168.1.1/32, 192.168.1.2, false", "10.0.0.0/9, 10.128.0.0, false", "10.0.0.0/9, 10.127.0.0, true",
      "2002:db8:a::45/64, 2002:db8:a::123, true", "2002:db8:a::45/64, 2002:db8:b::1, false", "::/0, 10.0.0.1, false"})
  void cidrRangesContainTheirAddresses(String cidr, String ip, boolean contained) {
    assertThat(IpLiteral.parseCidr(cidr).contains(IpLiteral.parse(ip))).isEqualTo(contained);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/08", "::/129", "example.com/8"})
  void malformedCidrIsRefused(String text) {
    assertThat(IpLiteral.parseCidr(text)).isNull();
  }

  @Test
  void loopbackIsTheWhole127NetworkAndColonColonOne() {
    assertThat(IpLiteral.isLoopback(IpLiteral.parse("127.0.0.2"))).isTrue();
    assertThat(IpLiteral.isLoopback(IpLiteral.parse("::1"))).isTrue();
    assertThat(IpLiteral.isLoopback(IpLiteral.parse("::2"))).isFalse();
    assertThat(IpLiteral.isLoopback(IpLiteral.parse("128.0.0.1"))).isFalse();
  }
}
