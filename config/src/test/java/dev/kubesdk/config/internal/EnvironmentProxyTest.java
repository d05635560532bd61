package dev.kubesdk.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.config.ConfigException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTPS_PROXY/HTTP_PROXY/NO_PROXY rules of Go's httpproxy package, case by case. */
class EnvironmentProxyTest {

  private static String proxyFor(Map<String, String> env, String url) {
    return EnvironmentProxy.of(env).decide(URI.create(url)).map(d -> d.proxy() == null ? "direct" : d.proxy().toString()).orElse("unset");
  }

  @ParameterizedTest(name = "HTTP_PROXY={0} means {1}")
  @CsvSource({
      "10.1.1.1:3128, http://10.1.1.1:3128", "squid.internal:8080, http://squid.internal:8080", "squid.internal, http://squid.internal",
      "http://squid.internal:8080, http://squid.internal:8080", "https://squid.internal, https://squid.internal",
      "socks5://10.1.1.1, socks5://10.1.1.1"})
  void aValueWithoutSchemeIsAnHttpProxy(String value, String proxy) {
    assertThat(proxyFor(Map.of("HTTP_PROXY", value), "http://kube.example")).isEqualTo(proxy);
  }

  @Test
  void httpsServersUseHttpsProxyAndHttpServersUseHttpProxy() {
    Map<String, String> env = Map.of("HTTP_PROXY", "plain.proxy", "HTTPS_PROXY", "tls.proxy:3129");
    assertThat(proxyFor(env, "https://kube.example:6443")).isEqualTo("http://tls.proxy:3129");
    assertThat(proxyFor(env, "http://kube.example:8080")).isEqualTo("http://plain.proxy");
    // HTTP_PROXY alone never applies to an https server.
    assertThat(proxyFor(Map.of("HTTP_PROXY", "plain.proxy"), "https://kube.example")).isEqualTo("unset");
    assertThat(proxyFor(Map.of(), "https://kube.example")).isEqualTo("unset");
  }

  @Test
  void upperCaseIsReadBeforeLowerCaseAndAnEmptyValueCountsAsUnset() {
    assertThat(proxyFor(Map.of("HTTPS_PROXY", "upper.proxy", "https_proxy", "lower.proxy"), "https://k")).isEqualTo("http://upper.proxy");
    assertThat(proxyFor(Map.of("https_proxy", "lower.proxy"), "https://k")).isEqualTo("http://lower.proxy");
    assertThat(proxyFor(Map.of("HTTPS_PROXY", "", "https_proxy", "lower.proxy"), "https://k")).isEqualTo("http://lower.proxy");
    assertThat(EnvironmentProxy.of(Map.of("https_proxy", "lower.proxy")).decide(URI.create("https://k")).orElseThrow().source())
        .isEqualTo("environment https_proxy");
    assertThat(proxyFor(Map.of("HTTPS_PROXY", "p", "no_proxy", "k"), "https://k")).isEqualTo("direct");
  }

  @ParameterizedTest(name = "{0} is never proxied")
  @CsvSource({"https://localhost:6443", "https://LOCALHOST", "https://127.0.0.1", "https://127.0.0.2:6443", "https://[::1]:6443"})
  void loopbackIsNeverProxied(String url) {
    assertThat(proxyFor(Map.of("HTTPS_PROXY", "p"), url)).isEqualTo("direct");
  }

  @Test
  void aNonLoopbackIpv6HostIsProxied() {
    assertThat(proxyFor(Map.of("HTTPS_PROXY", "p"), "https://[::2]")).isEqualTo("http://p");
  }

  static final String NO_PROXY = "foobar.com, .barbaz.net, *.wildcard.io, 192.168.1.1, 192.168.1.2:81, 192.168.1.3:80, 10.0.0.0/30, "
      + "2001:db8::52:0:1, [2001:db8::52:0:2]:443, [2001:db8::52:0:3]:80, 2002:db8:a::45/64, Internal.Example:8443";

  @ParameterizedTest(name = "NO_PROXY and {0}: proxied={1}")
  @CsvSource({
      "192.168.1.1, false", "192.168.1.2, true", "192.168.1.3, false", "192.168.1.4, true", "10.0.0.2, false", "10.0.0.4, true",
      "[2001:db8::52:0:1], false", "[2001:db8::52:0:2], true", "[2001:db8::52:0:3], false", "[2002:db8:a::123], false",
      "[fe80::424b:c8be:1643:a1b6], true",
      "barbaz.net, true", "www.barbaz.net, false", "foobar.com, false", "www.foobar.com, false", "FOOBAR.COM, false", "foofoobar.com, true",
      "baz.com, true", "localhost.net, true", "local.localhost, true", "barbarbaz.net, true", "wildcard.io, true", "nested.wildcard.io, false",
      "awildcard.io, true", "internal.example, true"})
  void noProxyEntriesMatchHostsDomainsAddressesRangesAndPorts(String host, boolean proxied) {
    // Port 80 as in Go's TestUseProxy: entries with another port do not match.
    assertThat(proxyFor(Map.of("HTTP_PROXY", "p", "NO_PROXY", NO_PROXY), "http://" + host + ":80")).isEqualTo(proxied ? "http://p" : "direct");
  }

  @Test
  void aPortInNoProxyMatchesTheUrlsPortOrItsSchemeDefault() {
    Map<String, String> env = Map.of("HTTPS_PROXY", "p", "NO_PROXY", "internal.example:8443,10.0.0.1:443");
    assertThat(proxyFor(env, "https://api.internal.example:8443")).isEqualTo("direct");
    assertThat(proxyFor(env, "https://api.internal.example:6443")).isEqualTo("http://p");
    assertThat(proxyFor(env, "https://10.0.0.1")).isEqualTo("direct");
    assertThat(proxyFor(env, "https://10.0.0.1:6443")).isEqualTo("http://p");
  }

  @Test
  void anAsteriskMeansNoProxyForAnyHost() {
    assertThat(proxyFor(Map.of("HTTPS_PROXY", "p", "NO_PROXY", "other.example, *"), "https://kube.example")).isEqualTo("direct");
    assertThat(EnvironmentProxy.of(Map.of("HTTPS_PROXY", "p", "NO_PROXY", "*")).decide(URI.create("https://10.0.0.1")).orElseThrow().source())
        .isEqualTo("direct: NO_PROXY entry \"*\" matches every host");
  }

  @Test
  void malformedNoProxyEntriesAreSkipped() {
    assertThat(proxyFor(Map.of("HTTPS_PROXY", "p", "NO_PROXY", ":1, ,,[::1"), "https://kube.example")).isEqualTo("http://p");
  }

  @Test
  void internationalNamesAreComparedInTheirAsciiForm() {
    assertThat(proxyFor(Map.of("HTTP_PROXY", "p", "NO_PROXY", "示例.com"), "http://www.xn--fsq092h.com")).isEqualTo("direct");
  }

  @Test
  void theDecisionNamesTheMatchingEntryAndTheHost() {
    EnvironmentProxy.Decision d = EnvironmentProxy.of(Map.of("HTTPS_PROXY", "http://u:pw@p:3128", "NO_PROXY", "a.example,.corp"))
        .decide(URI.create("https://kube.corp:6443")).orElseThrow();
    assertThat(d.proxy()).isNull();
    assertThat(d.source()).isEqualTo("direct: NO_PROXY entry \".corp\" matches kube.corp");
    EnvironmentProxy.Decision viaProxy = EnvironmentProxy.of(Map.of("HTTPS_PROXY", "http://u:pw@p:3128")).decide(URI.create("https://kube.corp")).orElseThrow();
    assertThat(viaProxy.proxy()).hasToString("http://u:pw@p:3128");
    assertThat(viaProxy.source()).isEqualTo("environment HTTPS_PROXY").doesNotContain("pw");
    assertThat(EnvironmentProxy.shown(viaProxy.proxy())).isEqualTo("http://p:3128");
  }

  @Test
  void inACgiHandlerHttpProxyIsRefusedButHttpsProxyIsUsed() {
    Map<String, String> env = Map.of("HTTP_PROXY", "p", "HTTPS_PROXY", "s", "REQUEST_METHOD", "GET");
    assertThat(proxyFor(env, "http://kube.example")).isEqualTo("direct");
    assertThat(proxyFor(env, "https://kube.example")).isEqualTo("http://s");
  }

  @Test
  void anUnusableProxyValueNamesTheVariableButNotItsPassword() {
    assertThatThrownBy(() -> proxyFor(Map.of("HTTPS_PROXY", "ftp://user:hunter2@p"), "https://k"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("environment HTTPS_PROXY has scheme \"ftp\"")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> proxyFor(Map.of("https_proxy", "http://us er:hunter2@p"), "https://k"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("environment https_proxy is not a valid proxy URL")
        .hasMessageNotContaining("hunter2");
    // A bad value that does not apply (NO_PROXY) is not an error, as in Go, which only parses on use.
    assertThat(proxyFor(Map.of("HTTPS_PROXY", "ftp://p", "NO_PROXY", "k"), "https://k")).isEqualTo("direct");
  }
}
