package dev.kubesdk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.VersionApi;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ForbiddenException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalControlPlaneTest {
  private static LocalControlPlane controlPlane;

  @BeforeAll
  static void start() {
    controlPlane = LocalControlPlane.builder().binaries(Binaries.forTests()).build();
    controlPlane.start();
    System.out.printf(
        "local control plane ready in %d ms (binaries cached)%n",
        controlPlane.startupDuration().toMillis());
  }

  @AfterAll
  static void stop() {
    if (controlPlane != null) {
      controlPlane.close();
    }
  }

  @Test
  void versionReportsThePinnedKubernetesRelease() throws IOException {
    Http.Response response = Http.get(controlPlane.configuration(LocalUser.ADMIN), "/version");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"gitVersion\": \"v" + ControlPlaneBinaries.kubernetesVersion() + "\"")
        .contains("\"gitVersion\": \"v1.37.2\"");
  }

  @Test
  void adminClientCertificateMayListNamespaces() throws IOException {
    Http.Response response =
        Http.get(controlPlane.configuration(LocalUser.ADMIN), "/api/v1/namespaces");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).contains("\"name\":\"kube-system\"");
  }

  @Test
  void adminTokenMayListNamespaces() throws IOException {
    Http.Response response =
        Http.get(controlPlane.configuration(LocalUser.ADMIN_TOKEN), "/api/v1/namespaces");

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void limitedTokenIsForbiddenToListNamespaces() throws IOException {
    Http.Response response =
        Http.get(controlPlane.configuration(LocalUser.LIMITED), "/api/v1/namespaces");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.body()).contains("User \\\"kubesdk-limited\\\" cannot list resource");
  }

  @Test
  void theGeneratedClientSeesThePinnedVersionAndTheLimitedUserIsForbidden() {
    ApiClient admin = new ApiClient(controlPlane.configuration(LocalUser.ADMIN));
    ApiClient limited = new ApiClient(controlPlane.configuration(LocalUser.LIMITED));

    assertThat(new VersionApi(admin).getCode().execute().getGitVersion())
        .isEqualTo("v" + ControlPlaneBinaries.kubernetesVersion());
    assertThatThrownBy(() -> new CoreV1Api(limited).listNamespace().execute())
        .isInstanceOfSatisfying(
            ForbiddenException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
  }

  @Test
  void anUnknownTokenIsUnauthorized() throws IOException {
    Configuration stranger =
        controlPlane.configuration(LocalUser.LIMITED).toBuilder()
            .credentials(
                dev.kubesdk.config.Credentials.bearerToken(
                    dev.kubesdk.config.Sensitive.of("not-a-known-token")))
            .build();

    assertThat(Http.get(stranger, "/api/v1/namespaces").status()).isEqualTo(401);
  }

  @Test
  void servingCertificateNamesLoopbackLocalhostAndTheExtraTlsServerName() throws Exception {
    Configuration admin = controlPlane.configuration(LocalUser.ADMIN);
    List<Object> names;
    // The handshake itself proves the certificate chains to certificateAuthority().
    try (SSLSocket socket =
        (SSLSocket)
            admin.tlsContext().socketFactory().createSocket("127.0.0.1", controlPlane.host().getPort())) {
      socket.startHandshake();
      X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      names = served.getSubjectAlternativeNames().stream().map(entry -> (Object) entry.get(1)).toList();
    }

    assertThat(names)
        .contains(
            "127.0.0.1", "0:0:0:0:0:0:0:1", "localhost", LocalControlPlane.TLS_SERVER_NAME);
  }

  @Test
  void kubeconfigsNameTheServerAndTheirUser() throws IOException {
    String admin = Files.readString(controlPlane.kubeconfig(LocalUser.ADMIN), StandardCharsets.UTF_8);
    String limited =
        Files.readString(controlPlane.kubeconfig(LocalUser.LIMITED), StandardCharsets.UTF_8);

    assertThat(admin)
        .contains("server: " + controlPlane.host())
        .contains("client-certificate-data: ")
        .contains("tls-server-name: " + LocalControlPlane.TLS_SERVER_NAME)
        .contains("current-context: kubesdk-admin\n");
    assertThat(limited)
        .contains("token: \"" + controlPlane.token(LocalUser.LIMITED).reveal() + "\"")
        .doesNotContain(controlPlane.token(LocalUser.ADMIN_TOKEN).reveal());
  }

  @Test
  void kubeconfigsAndKeysAreReadableByTheOwnerOnly() throws IOException {
    Path kubeconfig = controlPlane.kubeconfig(LocalUser.ADMIN_TOKEN);

    assertThat(Files.getPosixFilePermissions(kubeconfig))
        .containsExactlyInAnyOrderElementsOf(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void tokensStayOutOfToString() {
    String token = controlPlane.token(LocalUser.ADMIN_TOKEN).reveal();

    assertThat(controlPlane.toString()).doesNotContain(token);
    assertThat(controlPlane.configuration(LocalUser.ADMIN_TOKEN).toString()).doesNotContain(token);
    assertThat(controlPlane.token(LocalUser.ADMIN_TOKEN).toString()).isEqualTo("<redacted>");
  }

  @Test
  void adminHasNoToken() {
    assertThatThrownBy(() -> controlPlane.token(LocalUser.ADMIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client certificate");
  }

  @Test
  void closeStopsEveryProcessAndFreesThePort() throws IOException {
    LocalControlPlane other = LocalControlPlane.builder().binaries(Binaries.forTests()).build();
    other.start();
    List<ProcessHandle> processes = other.processes();
    int port = other.host().getPort();
    Path directory = other.directory();
    assertThat(processes).hasSizeGreaterThanOrEqualTo(4).allMatch(ProcessHandle::isAlive);

    other.close();

    assertThat(processes).noneMatch(ProcessHandle::isAlive);
    assertThat(directory).doesNotExist();
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }
    assertThatThrownBy(other::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anEtcdThatDiesAfterStartIsReportedWithItsLog() throws Exception {
    Path kept;
    try (LocalControlPlane dying = LocalControlPlane.builder().binaries(Binaries.forTests()).build()) {
      dying.start();
      kept = dying.directory();
      ProcessHandle etcd =
          dying.processes().stream()
              .filter(p -> p.info().command().orElse("").endsWith("/etcd"))
              .findFirst()
              .orElseThrow();

      etcd.destroyForcibly();
      etcd.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      Poll.until(Duration.ofSeconds(20), () -> !dying.isRunning());

      assertThat(dying.isRunning()).isFalse();
      assertThatThrownBy(dying::checkRunning)
          .isInstanceOf(ControlPlaneException.class)
          .hasMessageStartingWith("etcd of the local control plane at " + dying.host() + " exited");
    }
    assertThat(kept.resolve("etcd.log")).exists();
    ControlPlaneBinaries.deleteTree(kept);
  }

  @Test
  void aPortTakenBeforeKubeApiServerBindsItIsRetriedWithAnother() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      AtomicInteger calls = new AtomicInteger();
      Ports firstTaken =
          count -> {
            int[] ports = Ports.EPHEMERAL.choose(count);
            if (calls.getAndIncrement() == 0) {
              ports[2] = taken.getLocalPort();
            }
            return ports;
          };
      try (LocalControlPlane retried =
          LocalControlPlane.builder().binaries(Binaries.forTests()).ports(firstTaken).build()) {
        retried.start();

        assertThat(calls).hasValue(2);
        assertThat(retried.host().getPort()).isNotEqualTo(taken.getLocalPort());
        assertThat(Http.get(retried.configuration(LocalUser.ADMIN), "/readyz").status())
            .isEqualTo(200);
      }
    }
  }

  @Test
  void aKubeApiServerThatCannotStartReportsItsLastLogLines() {
    try (LocalControlPlane broken =
        LocalControlPlane.builder()
            .binaries(Binaries.forTests())
            .apiServerArgument("--no-such-flag=1")
            .build()) {
      ControlPlaneException failure = catchThrowableOfType(ControlPlaneException.class, broken::start);

      assertThat(failure)
          .hasMessageContaining("kube-apiserver exited")
          .hasMessageContaining("unknown flag: --no-such-flag");
      assertThat(failure.logFile()).hasValueSatisfying(log -> assertThat(log).exists());
      assertThat(broken.isRunning()).isFalse();
      ControlPlaneBinaries.deleteTree(failure.logFile().get().getParent());
    }
  }
}
