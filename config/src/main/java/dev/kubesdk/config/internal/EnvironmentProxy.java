package dev.kubesdk.config.internal;

import dev.kubesdk.config.ConfigException;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The proxy that {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY} choose for a URL,
 * as client-go's transport does when a kubeconfig cluster has no {@code proxy-url} ({@code
 * http.ProxyFromEnvironment}, which is {@code golang.org/x/net/http/httpproxy}). Immutable and
 * thread-safe; reads only the map it is given.
 *
 * <ul>
 *   <li>{@code HTTPS_PROXY} applies to https URLs, {@code HTTP_PROXY} to http URLs. Each name is
 *       read in upper case, then lower case; an empty value counts as unset ({@code getEnvAny}).
 *   <li>A value without {@code scheme://} means {@code http://} ({@code parseProxy}).
 *   <li>{@code localhost} and loopback addresses are never proxied ({@code useProxy}).
 *   <li>{@code NO_PROXY} is a comma list of {@code *}, IP addresses, CIDR ranges, and domain
 *       names; a name matches itself and its subdomains, {@code .name} and {@code *.name} only
 *       subdomains; an IP address or name may end in {@code :port} ({@code config.init}).
 *   <li>With {@code REQUEST_METHOD} set (a CGI handler, where a client can send a {@code Proxy:}
 *       header that becomes {@code HTTP_PROXY}), {@code HTTP_PROXY} is refused, as Go refuses it.
 * </ul>
 */
public final class EnvironmentProxy {
  private final @Nullable Variable https;
  private final @Nullable Variable http;
  private final @Nullable String noProxyName;
  private final List<Matcher> noProxy;
  private final boolean cgi;

  /** A proxy variable: its name as found (upper or lower case) and its raw value. */
  private record Variable(String name, String value) {}

  /** One NO_PROXY entry: the entry as written, and what it matches. */
  private record Matcher(String entry, boolean all, IpLiteral.@Nullable Cidr cidr, byte @Nullable [] ip, @Nullable String domain, boolean matchHost,
      @Nullable String port) {
    boolean matches(String host, byte @Nullable [] hostIp, String hostPort) {
      if (all) {
        return true;
      }
      if (cidr != null) {
        return hostIp != null && cidr.contains(hostIp);
      }
      if (ip != null) {
        return hostIp != null && java.util.Arrays.equals(ip, hostIp) && portMatches(hostPort);
      }
      String d = java.util.Objects.requireNonNull(domain);
      return (host.endsWith(d) || (matchHost && host.equals(d.substring(1)))) && portMatches(hostPort);
    }

    private boolean portMatches(String hostPort) {
      return port == null || port.equals(hostPort);
    }
  }

  /**
   * What the environment decided for one URL.
   *
   * @param proxy the proxy to use, or null for a direct connection
   * @param source why, for {@code kubesdk explain}: {@code environment HTTPS_PROXY}, or {@code
   *     direct: NO_PROXY entry ".corp" matches kube.corp}; never the proxy's password
   */
  public record Decision(@Nullable URI proxy, String source) {}

  private EnvironmentProxy(Map<String, String> env) {
    this.https = variable(env, WellKnown.HTTPS_PROXY);
    this.http = variable(env, WellKnown.HTTP_PROXY);
    Variable no = variable(env, WellKnown.NO_PROXY);
    this.noProxyName = no == null ? null : no.name();
    this.noProxy = no == null ? List.of() : parseNoProxy(no.value());
    String requestMethod = env.get(WellKnown.REQUEST_METHOD);
    this.cgi = requestMethod != null && !requestMethod.isEmpty();
  }

  /** The proxy rules of {@code environment} (the loader's, never the process's directly). */
  public static EnvironmentProxy of(Map<String, String> environment) {
    return new EnvironmentProxy(environment);
  }

  /** Go's getEnvAny(upper, lower): the first of the two names with a non-empty value. */
  private static @Nullable Variable variable(Map<String, String> env, String upper) {
    for (String name : new String[] {upper, upper.toLowerCase(Locale.ROOT)}) {
      String v = env.get(name);
      if (v != null && !v.isEmpty()) {
        return new Variable(name, v);
      }
    }
    return null;
  }

  /**
   * The decision for {@code target}, or empty when no proxy variable applies to its scheme (then
   * the connection is direct by default, and nothing in the environment needs naming).
   *
   * @throws ConfigException when the variable that applies is not a usable proxy URL; the message
   *     names the variable, never its value's user information
   */
  public Optional<Decision> decide(URI target) {
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    Variable v = scheme.equals("https") ? https : scheme.equals("http") ? http : null;
    if (v == null) {
      return Optional.empty();
    }
    if (scheme.equals("http") && cgi) {
      // httpproxy's proxyForURL: in a CGI handler HTTP_PROXY may come from the client's "Proxy:" header.
      return Optional.of(new Decision(null, "direct: " + v.name() + " is ignored because " + WellKnown.REQUEST_METHOD + " is set (CGI; see golang.org/s/cgihttpproxy)"));
    }
    String rawHost = target.getHost() == null ? "" : target.getHost();
    String host = ascii(rawHost.startsWith("[") && rawHost.endsWith("]") ? rawHost.substring(1, rawHost.length() - 1) : rawHost).toLowerCase(Locale.ROOT);
    String port = target.getPort() >= 0 ? Integer.toString(target.getPort()) : scheme.equals("https") ? "443" : "80";
    byte[] ip = IpLiteral.parse(host);
    if (host.equals("localhost") || (ip != null && IpLiteral.isLoopback(ip))) {
      return Optional.of(new Decision(null, "direct: " + v.name() + " is set, but " + host + " is a loopback address, which is never proxied"));
    }
    for (Matcher m : noProxy) {
      // Go consults IP entries only for IP hosts, then domain entries for every host.
      if (m.matches(host, ip, port)) {
        String what = m.all() ? "entry \"*\" matches every host" : "entry \"" + m.entry() + "\" matches " + host;
        return Optional.of(new Decision(null, "direct: " + noProxyName + " " + what));
      }
    }
    return Optional.of(new Decision(parseProxy(v), "environment " + v.name()));
  }

  /** httpproxy's parseProxy: keep http, https and socks5 URLs, read anything else as host[:port] over http. */
  private static URI parseProxy(Variable v) {
    String value = v.value().trim();
    boolean hasScheme = value.matches("(?s)^[A-Za-z][A-Za-z0-9+.-]*://.*");
    String text = hasScheme ? value : "http://" + value;
    URI u;
    try {
      u = new URI(text);
    } catch (URISyntaxException e) {
      throw new ConfigException("environment " + v.name() + " is not a valid proxy URL (" + e.getReason() + "). Set it to a URL such as http://proxy.internal:3128, or unset it.");
    }
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("socks5")) {
      throw new ConfigException("environment " + v.name() + " has scheme \"" + scheme + "\"; a proxy must be http://, https:// or socks5://. Fix the variable, or unset it.");
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      throw new ConfigException("environment " + v.name() + " names no proxy host. Set it to a URL such as http://proxy.internal:3128, or unset it.");
    }
    return u;
  }

  /** httpproxy's config.init for NO_PROXY; malformed entries are skipped, as Go does. */
  private static List<Matcher> parseNoProxy(String value) {
    List<Matcher> out = new ArrayList<>();
    for (String raw : value.split(",")) {
      String p = raw.trim().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      if (p.equals("*")) {
        return List.of(new Matcher(p, true, null, null, null, false, null));
      }
      IpLiteral.Cidr cidr = IpLiteral.parseCidr(p);
      if (cidr != null) {
        out.add(new Matcher(p, false, cidr, null, null, false, null));
        continue;
      }
      String host = p;
      String port = null;
      String[] hp = splitHostPort(p);
      if (hp != null) {
        if (hp[0].isEmpty()) {
          continue;
        }
        host = hp[0];
        port = hp[1];
      }
      byte[] ip = IpLiteral.parse(host);
      if (ip != null) {
        out.add(new Matcher(p, false, null, ip, null, false, port));
        continue;
      }
      if (host.startsWith("*.")) {
        host = host.substring(1);
      }
      boolean matchHost = !host.startsWith(".");
      // IDN.toASCII refuses an empty first label, so the leading dot is added after converting.
      String domain = "." + ascii(matchHost ? host : host.substring(1));
      out.add(new Matcher(p, false, null, null, domain, matchHost, port));
    }
    return List.copyOf(out);
  }

  /**
   * Go's net.SplitHostPort, reduced to what NO_PROXY needs: {@code host:port} or {@code [v6]:port}
   * (brackets removed); null when there is no port or too many colons (a bare IPv6 address).
   */
  private static String @Nullable [] splitHostPort(String s) {
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
        return null;
      }
      return new String[] {s.substring(1, close), s.substring(close + 2)};
    }
    int colon = s.indexOf(':');
    if (colon < 0 || s.indexOf(':', colon + 1) >= 0) {
      return null;
    }
    return new String[] {s.substring(0, colon), s.substring(colon + 1)};
  }

  /** The ASCII (punycode) form of a name, as httpproxy's idnaASCII; unchanged when it cannot be converted. */
  private static String ascii(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) >= 0x80) {
        try {
          return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
          return name;
        }
      }
    }
    return name;
  }

  /** {@code scheme://host:port} of a proxy URL: what may be shown, without user information. */
  public static String shown(URI proxy) {
    return proxy.getScheme() + "://" + proxy.getHost() + (proxy.getPort() >= 0 ? ":" + proxy.getPort() : "");
  }
}
