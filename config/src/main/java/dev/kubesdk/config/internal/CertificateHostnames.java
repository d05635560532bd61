package dev.kubesdk.config.internal;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * Checks a server certificate's subject alternative names against the host the client meant to
 * reach, as Go's {@code x509.Certificate.VerifyHostname} does (and OkHttp's verifier agrees): an
 * IP address host matches only iPAddress names, byte for byte after parsing both; any other host
 * matches only dNSName entries, case-insensitively, where a {@code *} may stand for exactly the
 * whole first label. The common name is never consulted (Go 1.15 dropped it). Nothing here asks
 * DNS. Stateless and thread-safe.
 */
final class CertificateHostnames {
  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  private CertificateHostnames() {}

  /**
   * The verifier a Configuration's TLS context carries: against {@code serverName} when {@code
   * tls-server-name} is set, else against the host of the URL being called.
   */
  static HostnameVerifier verifier(@Nullable String serverName) {
    return (host, session) -> peerMatches(session, serverName != null ? serverName : host);
  }

  private static boolean peerMatches(SSLSession session, String host) {
    Certificate[] peer;
    try {
      peer = session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
    return peer.length > 0 && peer[0] instanceof X509Certificate cert && matches(cert, host);
  }

  /** True when {@code cert} names {@code host} (a name, an IP address, or a bracketed IPv6 address). */
  static boolean matches(X509Certificate cert, String host) {
    Collection<List<?>> sans;
    try {
      sans = cert.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return false;
    }
    if (sans == null || host.isEmpty()) {
      return false;
    }
    byte[] ip = IpLiteral.parseHost(host);
    String name = host.toLowerCase(Locale.ROOT);
    for (List<?> san : sans) {
      Object type = san.get(0);
      Object value = san.get(1);
      if (!(value instanceof String text)) {
        continue;
      }
      if (ip != null && Integer.valueOf(IP_ADDRESS).equals(type)) {
        byte[] sanIp = IpLiteral.parse(text);
        if (sanIp != null && Arrays.equals(sanIp, ip)) {
          return true;
        }
      } else if (ip == null && Integer.valueOf(DNS_NAME).equals(type) && nameMatches(text.toLowerCase(Locale.ROOT), name)) {
        return true;
      }
    }
    return false;
  }

  /** Go's matchHostnames: same number of labels, a lone {@code *} first label matches any one label. */
  static boolean nameMatches(String pattern, String host) {
    String p = stripTrailingDot(pattern);
    String h = stripTrailingDot(host);
    if (p.isEmpty() || h.isEmpty()) {
      return false;
    }
    String[] pl = p.split("\\.", -1);
    String[] hl = h.split("\\.", -1);
    if (pl.length != hl.length) {
      return false;
    }
    for (int i = 0; i < pl.length; i++) {
      if (hl[i].isEmpty()) {
        return false;
      }
      if (i == 0 && pl[i].equals("*") && pl.length > 1) {
        continue;
      }
      if (!pl[i].equals(hl[i])) {
        return false;
      }
    }
    return true;
  }

  private static String stripTrailingDot(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
