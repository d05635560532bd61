package dev.kubesdk.config.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Parses IP address literals without ever asking DNS, as Go's {@code net.ParseIP} and {@code
 * net.ParseCIDR} do. {@code InetAddress.getByName} resolves anything that is not a literal, so a
 * host name made of hex digits ({@code cafe.be}) would cost a DNS query during a TLS handshake or a
 * proxy decision; this class only looks at the characters. Stateless and thread-safe.
 *
 * <p>An IPv4 address, and an IPv4 address written as IPv4-mapped IPv6 ({@code ::ffff:10.0.0.1}),
 * both come out as 4 bytes, so that the two spellings compare equal as in Go's {@code IP.Equal};
 * every other IPv6 address is 16 bytes.
 */
final class IpLiteral {
  private IpLiteral() {}

  /**
   * The address bytes of {@code text}, or null when it is not an IP literal. IPv4 is dotted decimal
   * with four parts and no leading zeros (Go 1.17 refuses them too, because other parsers read
   * them as octal); IPv6 may use {@code ::} and end in dotted IPv4. Zones ({@code %eth0}) and
   * brackets are not accepted.
   */
  static byte @Nullable [] parse(String text) {
    byte[] v4 = parseV4(text);
    if (v4 != null) {
      return v4;
    }
    byte[] v6 = text.indexOf(':') >= 0 ? parseV6(text) : null;
    if (v6 == null) {
      return null;
    }
    return isV4Mapped(v6) ? Arrays.copyOfRange(v6, 12, 16) : v6;
  }

  /** The address of {@code text} with optional square brackets ({@code [::1]}, as URI hosts are). */
  static byte @Nullable [] parseHost(String text) {
    if (text.length() > 2 && text.charAt(0) == '[' && text.charAt(text.length() - 1) == ']') {
      return text.indexOf(':') > 0 ? parse(text.substring(1, text.length() - 1)) : null;
    }
    return parse(text);
  }

  /** True for 127.0.0.0/8 and ::1, the addresses Go's {@code IP.IsLoopback} names. */
  static boolean isLoopback(byte[] ip) {
    if (ip.length == 4) {
      return ip[0] == 127;
    }
    for (int i = 0; i < 15; i++) {
      if (ip[i] != 0) {
        return false;
      }
    }
    return ip[15] == 1;
  }

  /** A network in CIDR notation, as Go's {@code net.ParseCIDR} reads it. */
  record Cidr(byte[] network, int bits) {
    /** True when {@code ip} lies in this network; an IPv4 address is never in an IPv6 network. */
    boolean contains(byte[] ip) {
      if (ip.length != network.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (ip[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (ip[full] & mask) == (network[full] & mask);
    }
  }

  /** {@code 10.0.0.0/8} or {@code 2001:db8::/32}, or null when {@code text} is not CIDR notation. */
  static @Nullable Cidr parseCidr(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return null;
    }
    byte[] ip = parse(text.substring(0, slash));
    String bitsText = text.substring(slash + 1);
    if (ip == null || bitsText.isEmpty() || bitsText.length() > 3 || !digits(bitsText) || (bitsText.length() > 1 && bitsText.charAt(0) == '0')) {
      return null;
    }
    int bits = Integer.parseInt(bitsText);
    if (bits > ip.length * 8) {
      return null;
    }
    return new Cidr(ip, bits);
  }

  private static byte @Nullable [] parseV4(String s) {
    byte[] out = new byte[4];
    int part = 0;
    int i = 0;
    while (part < 4) {
      int start = i;
      int value = 0;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
        if (i - start > 3) {
          return null;
        }
      }
      int len = i - start;
      if (len == 0 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
        return null;
      }
      out[part++] = (byte) value;
      if (part < 4) {
        if (i >= s.length() || s.charAt(i) != '.') {
          return null;
        }
        i++;
      }
    }
    return i == s.length() ? out : null;
  }

  private static byte @Nullable [] parseV6(String s) {
    byte[] out = new byte[16];
    int filled = 0;
    int gap = -1;
    int i = 0;
    if (s.startsWith("::")) {
      gap = 0;
      i = 2;
      if (i == s.length()) {
        return out;
      }
    } else if (s.startsWith(":")) {
      return null;
    }
    while (i < s.length()) {
      if (filled == 16) {
        return null;
      }
      int start = i;
      int value = 0;
      while (i < s.length() && i - start < 5 && Character.digit(s.charAt(i), 16) >= 0) {
        value = value * 16 + Character.digit(s.charAt(i), 16);
        i++;
      }
      int len = i - start;
      if (len == 0 || len > 4) {
        return null;
      }
      if (i < s.length() && s.charAt(i) == '.') {
        // Dotted IPv4 in the last 32 bits (::ffff:10.0.0.1, 64:ff9b::192.0.2.1).
        if (filled > 12) {
          return null;
        }
        byte[] v4 = parseV4(s.substring(start));
        if (v4 == null) {
          return null;
        }
        System.arraycopy(v4, 0, out, filled, 4);
        filled += 4;
        i = s.length();
        break;
      }
      out[filled++] = (byte) (value >> 8);
      out[filled++] = (byte) value;
      if (i == s.length()) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < s.length() && s.charAt(i) == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = filled;
        i++;
        if (i == s.length()) {
          break;
        }
      } else if (i == s.length()) {
        return null;
      }
    }
    if (gap < 0) {
      return filled == 16 ? out : null;
    }
    if (filled == 16) {
      return null;
    }
    int tail = filled - gap;
    System.arraycopy(out, gap, out, 16 - tail, tail);
    Arrays.fill(out, gap, 16 - tail, (byte) 0);
    return out;
  }

  private static boolean isV4Mapped(byte[] v6) {
    for (int i = 0; i < 10; i++) {
      if (v6[i] != 0) {
        return false;
      }
    }
    return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
  }

  private static boolean digits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
