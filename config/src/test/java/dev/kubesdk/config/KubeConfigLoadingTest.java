package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.config.internal.TokenFileCredentials;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeConfigLoadingTest {
  @TempDir Path tmp;
  Fixture fx;

  @BeforeEach
  void setUp() {
    fx = new Fixture(tmp);
  }

  private static String bearer(Configuration c) {
    return c.credentials().authorization().orElseThrow().reveal();
  }

  @Test
  void explicitFileWithTokenGivesHostTokenAndDefaultNamespace() {
    Path kc = fx.write("kc", Fixture.kubeconfig("https://api.example:6443/", "", "token: abc123"));
    Configuration c = KubeConfig.resolve(fx.explicit(kc));
    assertThat(c.host()).isEqualTo(URI.create("https://api.example:6443"));
    assertThat(bearer(c)).isEqualTo("Bearer abc123");
    assertThat(c.credentials().method()).isEqualTo("token");
    assertThat(c.namespace()).isEqualTo("default");
  }

  @Test
  void missingExplicitFileIsAnErrorNamingIt() {
    Path missing = tmp.resolve("nope/config");
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(missing)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void firstFileInKubeconfigListWinsForEveryEntryAndForCurrentContext() {
    Path a = fx.write("a/config", """
        current-context: from-a
        clusters:
        - name: shared
          cluster: {server: "https://a.example"}
        contexts:
        - name: from-a
          context: {cluster: shared, user: u, namespace: ns-a}
        users:
        - name: u
          user: {token: token-a}
        """);
    Path b = fx.write("b/config", """
        current-context: from-b
        clusters:
        - name: shared
          cluster: {server: "https://b.example"}
        - name: only-b
          cluster: {server: "https://only-b.example"}
        contexts:
        - name: from-a
          context: {cluster: only-b, user: u}
        - name: from-b
          context: {cluster: only-b, user: u}
        users:
        - name: u
          user: {token: token-b}
        """);
    fx.env.put("KUBECONFIG", a + File.pathSeparator + b);
    Configuration c = KubeConfig.resolve(fx.options().build());
    assertThat(c.host()).hasToString("https://a.example");
    assertThat(c.namespace()).isEqualTo("ns-a");
    assertThat(bearer(c)).isEqualTo("Bearer token-a");

    Configuration fromB = KubeConfig.resolve(fx.options().context("from-b").build());
    assertThat(fromB.host()).hasToString("https://only-b.example");
    assertThat(bearer(fromB)).isEqualTo("Bearer token-a");
  }

  @Test
  void emptyEntriesAndMissingFilesInKubeconfigListAreSkipped() {
    Path b = fx.write("b/config", Fixture.kubeconfig("https://b.example", "", "token: t"));
    fx.env.put("KUBECONFIG", File.pathSeparator + tmp.resolve("missing") + File.pathSeparator + File.pathSeparator + b + File.pathSeparator);
    assertThat(KubeConfig.resolve(fx.options().build()).host()).hasToString("https://b.example");
  }

  @Test
  void homeConfigIsReadWhenKubeconfigIsUnset() {
    fx.write("home/.kube/config", Fixture.kubeconfig("https://home.example", "", "token: t"));
    assertThat(KubeConfig.resolve(fx.options().build()).host()).hasToString("https://home.example");
  }

  @Test
  void kubeconfigVariableHidesTheHomeConfig() {
    fx.write("home/.kube/config", Fixture.kubeconfig("https://home.example", "", "token: t"));
    Path other = fx.write("other", Fixture.kubeconfig("https://other.example", "", "token: t"));
    fx.env.put("KUBECONFIG", other.toString());
    assertThat(KubeConfig.resolve(fx.options().build()).host()).hasToString("https://other.example");
  }

  @Test
  void relativePathsResolveAgainstTheFileThatNamesThem() throws Exception {
    KeyPair pair = Pki.ec("secp256r1");
    String cert = Pki.selfSigned(pair, "me");
    KeyPair caPair = Pki.rsa();
    String ca = Pki.selfSigned(caPair, "ca");
    fx.write("second/pki/ca.crt", ca);
    fx.write("second/pki/me.crt", cert);
    fx.write("second/pki/me.key", Pki.traditional(pair));
    fx.write("second/tokens/t", "file-token\n");
    Path first = fx.write("first/config", "current-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\n");
    Path second = fx.write("second/config", """
        clusters:
        - name: k
          cluster:
            server: https://k.example
            certificate-authority: pki/ca.crt
        users:
        - name: u
          user:
            client-certificate: pki/me.crt
            client-key: ./pki/../pki/me.key
            tokenFile: tokens/t
        """);
    fx.env.put("KUBECONFIG", first + File.pathSeparator + second);
    Configuration c = KubeConfig.resolve(fx.options().build());
    assertThat(new String(c.certificateAuthority().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo(ca);
    assertThat(new String(c.clientCertificate().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo(cert);
    assertThat(c.clientKey().orElseThrow().reveal()).isEqualTo(Files.readString(tmp.resolve("second/pki/me.key")));
    assertThat(bearer(c)).isEqualTo("Bearer file-token");
    assertThat(((TokenFileCredentials) c.credentials()).file()).isEqualTo(tmp.resolve("second/tokens/t"));
    assertThat(c.tlsContext()).isNotNull();
  }

  @Test
  void missingClientKeyNamesFileEntryResolvedPathAndFix() {
    KeyPair pair = Pki.rsa();
    fx.write("dir/me.crt", Pki.selfSigned(pair, "me"));
    Path kc = fx.write("dir/config", Fixture.kubeconfig("https://x.example", "", "client-certificate: me.crt\nclient-key: certs/ci.key"));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(kc + ": users[0] \"dev-user\": client-key \"certs/ci.key\" (resolved to " + tmp.resolve("dir/certs/ci.key") + ") does not exist")
        .hasMessageContaining("client-key-data");
  }

  @Test
  void contextOverrideSelectsAnotherContextAndUnknownContextListsTheDefinedOnes() {
    Path kc = fx.write("kc", """
        current-context: a
        clusters:
        - {name: ka, cluster: {server: "https://a.example"}}
        - {name: kb, cluster: {server: "https://b.example"}}
        contexts:
        - {name: a, context: {cluster: ka}}
        - {name: b, context: {cluster: kb, namespace: nb}}
        """);
    Configuration b = KubeConfig.resolve(fx.options().kubeconfig(kc).context("b").build());
    assertThat(b.host()).hasToString("https://b.example");
    assertThat(b.namespace()).isEqualTo("nb");
    assertThat(b.credentials().method()).isEqualTo("none");
    assertThatThrownBy(() -> KubeConfig.resolve(fx.options().kubeconfig(kc).context("zzz").build()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("context \"zzz\"")
        .hasMessageContaining("[a, b]");
  }

  @Test
  void clusterUserAndNamespaceOverridesWinOverTheContext() {
    Path kc = fx.write("kc", """
        current-context: a
        clusters:
        - {name: ka, cluster: {server: "https://a.example"}}
        - {name: kb, cluster: {server: "https://b.example"}}
        contexts:
        - {name: a, context: {cluster: ka, user: ua, namespace: na}}
        users:
        - {name: ua, user: {token: ta}}
        - {name: ub, user: {token: tb}}
        """);
    Configuration c = KubeConfig.resolve(fx.options().kubeconfig(kc).cluster("kb").user("ub").namespace("nz").build());
    assertThat(c.host()).hasToString("https://b.example");
    assertThat(bearer(c)).isEqualTo("Bearer tb");
    assertThat(c.namespace()).isEqualTo("nz");
  }

  @Test
  void missingCurrentContextIsAnErrorNamingTheContexts() {
    Path kc = fx.write("kc", "clusters:\n- {name: k, cluster: {server: 'https://x'}}\ncontexts:\n- {name: one, context: {cluster: k}}\n");
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no current-context")
        .hasMessageContaining("[one]")
        .hasMessageContaining("use-context");
  }

  @Test
  void pathAndInlineDataForTheSameFieldAreRefused() {
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x.example",
        "certificate-authority: ca.crt\ncertificate-authority-data: " + Fixture.b64("x"), "token: t"));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("clusters[0] \"dev-cluster\": both certificate-authority and certificate-authority-data are set");
  }

  @Test
  void insecureSkipTlsVerifyTogetherWithACertificateAuthorityIsRefused() {
    String ca = Pki.selfSigned(Pki.rsa(), "ca");
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x.example",
        "insecure-skip-tls-verify: true\ncertificate-authority-data: " + Fixture.b64(ca), "token: t"));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("insecure-skip-tls-verify");
  }

  @Test
  void tlsServerNameInsecureFlagAndEveryProxySchemeAreCarried() {
    for (String proxy : new String[] {"http://proxy:3128", "https://proxy:3129", "socks5://localhost:1080"}) {
      Path kc = fx.write("kc", Fixture.kubeconfig("https://10.0.0.1:6443",
          "insecure-skip-tls-verify: true\ntls-server-name: api.internal\nproxy-url: " + proxy, "token: t"));
      Configuration c = KubeConfig.resolve(fx.explicit(kc));
      assertThat(c.proxy()).contains(URI.create(proxy));
      assertThat(c.tlsServerName()).contains("api.internal");
      assertThat(c.insecureSkipTlsVerify()).isTrue();
    }
  }

  @Test
  void aProxySchemeOtherThanHttpHttpsOrSocks5IsRefused() {
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x.example", "proxy-url: ftp://proxy:21", "token: t"));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("clusters[0] \"dev-cluster\": cluster.proxy-url")
        .hasMessageContaining("socks5://");
  }

  @Test
  void tokenTogetherWithBasicAuthIsRefused() {
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x.example", "", "token: t\nusername: u\npassword: p"));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("more than one authentication method");
  }

  @Test
  void basicAuthSendsTheEncodedUserAndPassword() {
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x.example", "", "username: alice\npassword: s3cret"));
    Configuration c = KubeConfig.resolve(fx.explicit(kc));
    assertThat(bearer(c)).isEqualTo("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
    assertThat(c.credentials().method()).isEqualTo("basic");
    assertThat(c.credentials().toString()).doesNotContain("s3cret");
  }

  @Test
  void tokenFileIsReadAgainWhenItChangesAndAfterARejection() throws Exception {
    Path token = fx.write("t", "one");
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x.example", "", "tokenFile: t"));
    Configuration c = KubeConfig.resolve(fx.explicit(kc));
    assertThat(bearer(c)).isEqualTo("Bearer one");
    Files.writeString(token, "two-longer");
    assertThat(bearer(c)).isEqualTo("Bearer two-longer");
    // Same size and the same modification time: only a rejection makes it look again.
    FileTime seen = Files.getLastModifiedTime(token);
    Files.writeString(token, "four-longr");
    Files.setLastModifiedTime(token, seen);
    Sensitive rejected = c.credentials().authorization().orElseThrow();
    assertThat(rejected.reveal()).isEqualTo("Bearer two-longer");
    assertThat(c.credentials().invalidate(rejected)).isTrue();
    assertThat(bearer(c)).isEqualTo("Bearer four-longr");
  }

  @Test
  void serverWithoutSchemeGetsHttpsWhenTlsIsConfiguredAndHttpOtherwise() {
    Path tls = fx.write("tls", Fixture.kubeconfig("api.example:6443", "insecure-skip-tls-verify: true", "token: t"));
    assertThat(KubeConfig.resolve(fx.explicit(tls)).host()).hasToString("https://api.example:6443");
    Path plain = fx.write("plain", Fixture.kubeconfig("localhost:8080", "", "token: t"));
    assertThat(KubeConfig.resolve(fx.explicit(plain)).host()).hasToString("http://localhost:8080");
  }

  @Test
  void everyProblemOfAFileIsReportedTogether() {
    Path kc = fx.write("kc", Fixture.kubeconfig("ftp://x", "certificate-authority: missing-ca.crt\nproxy-url: gopher://p", "client-key: missing.key"));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(4))
        .hasMessageContaining("missing-ca.crt")
        .hasMessageContaining("gopher")
        .hasMessageContaining("scheme ftp")
        .hasMessageContaining("client-key is set but client-certificate is not");
  }

  @Test
  void removedGcpAndAzureProvidersNameTheExecPluginsThatReplaceThem() {
    Path gcp = fx.write("gcp", Fixture.kubeconfig("https://x", "", "auth-provider:\n  name: gcp\n  config: {access-token: ya29.secret}"));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(gcp)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gke-gcloud-auth-plugin")
        .hasMessageNotContaining("ya29.secret");
    Path azure = fx.write("azure", Fixture.kubeconfig("https://x", "", "auth-provider:\n  name: azure\n  config: {}"));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(azure)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kubelogin");
  }

  @Test
  void loadSetsTheProcessDefaultAndResolveLeavesItAlone() {
    Path one = fx.write("one", Fixture.kubeconfig("https://one.example", "", "token: t"));
    Path two = fx.write("two", Fixture.kubeconfig("https://two.example", "", "token: t"));
    Configuration loaded = KubeConfig.load(fx.explicit(one));
    assertThat(Configuration.getDefaultCopy()).isEqualTo(loaded);
    KubeConfig.resolve(fx.explicit(two));
    assertThat(Configuration.getDefaultCopy().host()).hasToString("https://one.example");
  }

  @Test
  void whenNothingAppliesOneErrorListsEverythingTried() {
    assertThatThrownBy(() -> KubeConfig.resolve(fx.options().build()))
        .isInstanceOf(NoConfigurationException.class)
        .hasMessageContaining("KUBECONFIG: not set")
        .hasMessageContaining(fx.home.resolve(".kube/config") + ": does not exist")
        .hasMessageContaining("KUBERNETES_SERVICE_HOST");
    fx.env.put("KUBECONFIG", tmp.resolve("gone-1") + File.pathSeparator + tmp.resolve("gone-2"));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.options().build()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gone-1")
        .hasMessageContaining("gone-2");
  }

  @Test
  void anEmptyHomeConfigFallsBackToInCluster() throws Exception {
    fx.write("home/.kube/config", "");
    Files.createDirectories(fx.serviceAccount);
    Files.writeString(fx.serviceAccount.resolve("token"), "sa");
    fx.env.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
    fx.env.put("KUBERNETES_SERVICE_PORT", "443");
    assertThat(KubeConfig.resolve(fx.options().build()).host()).hasToString("https://10.96.0.1:443");
  }

  @Test
  void malformedYamlNamesTheFileAndLineButNotItsContent() {
    Path kc = fx.write("kc", "users:\n- name: u\n  user:\n    token: sekrit-token\n   bad: [\n");
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(kc.toString())
        .hasMessageContaining("line")
        .hasMessageNotContaining("sekrit-token");
  }

  @Test
  void wrongTypesAreNamedWithTheirYamlPath() {
    Path kc = fx.write("kc", "current-context: c\nclusters: {oops: 1}\ncontexts:\n- name: c\n  context: [1]\nusers:\n- user: {}\n");
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(3))
        .hasMessageContaining("clusters must be a list")
        .hasMessageContaining("contexts[0] \"c\": context must be a mapping")
        .hasMessageContaining("users[0].name is missing");
  }

  @Test
  void impersonationBecomesHeaders() {
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", "token: t\nas: admin\nas-groups: [system:masters]"));
    Configuration c = KubeConfig.resolve(fx.explicit(kc));
    assertThat(c.defaultHeaders()).containsEntry("Impersonate-User", "admin").containsEntry("Impersonate-Group", "system:masters");
  }

  @Test
  void impersonatedGroupsWithoutAUserAreRefused() {
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "", "token: t\nas-groups: [system:masters]"));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("as-groups or as-user-extra is set without as");
  }

  @Test
  void clientCertificateAloneMeansCertificateAuthentication() {
    KeyPair pair = Pki.rsa();
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x", "",
        "client-certificate-data: " + Fixture.b64(Pki.selfSigned(pair, "me")) + "\nclient-key-data: " + Fixture.b64(Pki.pkcs8(pair))));
    Explanation e = KubeConfig.explain(fx.explicit(kc));
    assertThat(e.authMethod()).isEqualTo("clientCert");
    assertThat(e.clientKeySha256()).contains(Sensitive.of(Pki.pkcs8(pair)).sha256());
  }
}
