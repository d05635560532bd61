package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InClusterTest {
  @TempDir Path tmp;
  Fixture fx;
  Path sa;

  @BeforeEach
  void setUp() throws Exception {
    fx = new Fixture(tmp);
    sa = tmp.resolve("sa");
    Files.createDirectories(sa);
    Files.writeString(sa.resolve("token"), "sa-token-1\n");
    Files.writeString(sa.resolve("ca.crt"), Pki.selfSigned(Pki.rsa(), "kubernetes-ca"));
    Files.writeString(sa.resolve("namespace"), "shop\n");
    fx.env.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
    fx.env.put("KUBERNETES_SERVICE_PORT", "443");
  }

  private LoadOptions options() {
    return fx.options().serviceAccountDirectory(sa).build();
  }

  @Test
  void aPodGetsItsServiceAccountTokenCaAndNamespace() {
    Configuration c = KubeConfig.resolve(options());
    assertThat(c.host()).hasToString("https://10.96.0.1:443");
    assertThat(c.credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer sa-token-1");
    assertThat(c.namespace()).isEqualTo("shop");
    assertThat(c.certificateAuthority()).isPresent();
    assertThat(c.tlsContext().trustManager().getAcceptedIssuers()).hasSize(1);
  }

  @Test
  void anIpv6ServiceHostIsBracketed() {
    fx.env.put("KUBERNETES_SERVICE_HOST", "fd00:10:96::1");
    assertThat(KubeConfig.resolve(options()).host()).hasToString("https://[fd00:10:96::1]:443");
  }

  @Test
  void aRotatedTokenIsPickedUp() throws Exception {
    Configuration c = KubeConfig.resolve(options());
    assertThat(c.credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer sa-token-1");
    // The kubelet swaps the file; a newer modification time marks the change.
    Path token = sa.resolve("token");
    FileTime old = Files.getLastModifiedTime(token);
    Files.writeString(token, "sa-token-2\n");
    Files.setLastModifiedTime(token, FileTime.fromMillis(old.toMillis() + 5_000));
    assertThat(c.credentials().authorization().orElseThrow().reveal()).isEqualTo("Bearer sa-token-2");
  }

  @Test
  void aMissingNamespaceFileMeansDefaultAndTheOverrideWins() throws Exception {
    Files.delete(sa.resolve("namespace"));
    assertThat(KubeConfig.resolve(options()).namespace()).isEqualTo("default");
    assertThat(KubeConfig.resolve(fx.options().serviceAccountDirectory(sa).namespace("ops").build()).namespace()).isEqualTo("ops");
  }

  @Test
  void aBadPortIsNamedWithItsVariable() {
    fx.env.put("KUBERNETES_SERVICE_PORT", "https");
    assertThatThrownBy(() -> KubeConfig.resolve(options()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KUBERNETES_SERVICE_PORT=\"https\"");
  }

  @Test
  void aKubeconfigComesBeforeInCluster() {
    fx.write("home/.kube/config", Fixture.kubeconfig("https://laptop.example", "", "token: t"));
    assertThat(KubeConfig.resolve(options()).host()).hasToString("https://laptop.example");
  }

  @Test
  void aPodWithoutAMountedTokenIsListedAsTried() throws Exception {
    Files.delete(sa.resolve("token"));
    assertThatThrownBy(() -> KubeConfig.resolve(options()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(sa.resolve("token") + " does not exist");
  }
}
