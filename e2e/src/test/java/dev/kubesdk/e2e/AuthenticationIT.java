package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.AuthenticationV1Api;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1SelfSubjectReview;
import dev.kubesdk.api.model.V1UserInfo;
import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.CredentialsTimeoutException;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.config.Sensitive;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ForbiddenException;
import dev.kubesdk.runtime.UnauthorizedException;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a kubeconfig can authenticate, checked by asking the server who it thinks we are
 * (SelfSubjectReview).
 */
@KubernetesTest
class AuthenticationIT {
  private LocalControlPlane controlPlane;
  @TempDir Path dir;

  @BeforeEach
  void controlPlane(KubernetesCluster cluster) {
    this.controlPlane = E2e.localControlPlane(cluster);
  }

  private static V1UserInfo whoAmI(Configuration configuration) {
    return new AuthenticationV1Api(new ApiClient(configuration))
        .createSelfSubjectReview(new V1SelfSubjectReview())
        .execute()
        .getStatus()
        .getUserInfo();
  }

  /** A kubeconfig for the local server whose user entry is {@code userYaml} (indented 4). */
  private Path kubeconfig(String userYaml) throws IOException {
    String yaml =
        "apiVersion: v1\nkind: Config\n"
            + "clusters:\n- name: local\n  cluster:\n    server: " + controlPlane.host() + "\n"
            + "    certificate-authority-data: " + Base64.getEncoder().encodeToString(controlPlane.certificateAuthority()) + "\n"
            + "users:\n- name: me\n  user:\n" + userYaml
            + "contexts:\n- name: local\n  context:\n    cluster: local\n    user: me\n"
            + "current-context: local\n";
    Path file = dir.resolve("kubeconfig");
    Files.writeString(file, yaml);
    return file;
  }

  private static Configuration load(Path kubeconfig) {
    return KubeConfig.resolve(E2e.options(kubeconfig).build());
  }

  /** An executable shell script {@code credential-plugin} with {@code body}. */
  private Path plugin(String body) throws IOException {
    Path plugin = dir.resolve("credential-plugin");
    Files.writeString(plugin, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
    return plugin;
  }

  /**
   * A user entry running {@code plugin} with STATE (a file that does not exist before the first
   * run), GOOD_TOKEN (the admin token) and {@code moreEnv} in its environment.
   */
  private String execUser(Path plugin, String moreEnv) {
    return "    exec:\n"
        + "      apiVersion: client.authentication.k8s.io/v1\n"
        + "      command: " + plugin + "\n"
        + "      interactiveMode: Never\n"
        + "      env:\n"
        + "      - name: STATE\n        value: " + dir.resolve("plugin-ran") + "\n"
        + "      - name: GOOD_TOKEN\n        value: " + controlPlane.token(LocalUser.ADMIN_TOKEN).reveal() + "\n"
        + moreEnv;
  }

  @Test
  void aClientCertificateAuthenticatesAsItsCommonNameAndOrganization() {
    V1UserInfo user = whoAmI(E2e.load(controlPlane, LocalUser.ADMIN));

    assertThat(user.getUsername()).isEqualTo(LocalUser.ADMIN.userName());
    assertThat(user.getGroups()).contains("system:masters", "system:authenticated");
  }

  @Test
  void aBearerTokenAuthenticatesAsItsUser() {
    V1UserInfo user = whoAmI(E2e.load(controlPlane, LocalUser.ADMIN_TOKEN));

    assertThat(user.getUsername()).isEqualTo(LocalUser.ADMIN_TOKEN.userName());
    assertThat(user.getGroups()).contains("system:masters");
  }

  @Test
  void aTokenFileIsReadAndReadAgainWhenItChanges() throws IOException {
    Path token = dir.resolve("token");
    Files.writeString(token, controlPlane.token(LocalUser.LIMITED).reveal() + "\n");
    Configuration configuration = load(kubeconfig("    tokenFile: " + token + "\n"));

    V1UserInfo before = whoAmI(configuration);
    Files.writeString(token, controlPlane.token(LocalUser.ADMIN_TOKEN).reveal() + "\n");
    // Both tokens have the same length; move the modification time on, so that a file system with
    // a coarse clock cannot hide the rewrite.
    Files.setLastModifiedTime(token, FileTime.from(Instant.now().plusSeconds(5)));
    V1UserInfo after = whoAmI(configuration);

    assertThat(before.getUsername()).isEqualTo(LocalUser.LIMITED.userName());
    assertThat(after.getUsername()).isEqualTo(LocalUser.ADMIN_TOKEN.userName());
    assertThat(configuration.toString())
        .doesNotContain(controlPlane.token(LocalUser.LIMITED).reveal())
        .doesNotContain(controlPlane.token(LocalUser.ADMIN_TOKEN).reveal());
  }

  @Test
  void anExecPluginsTokenAuthenticatesAndIsFetchedAgainAfterA401() throws IOException {
    // The plugin answers with a rejected token the first time and the admin token afterwards, so
    // the first request gets a 401 and succeeds only if the client runs the plugin again.
    Path plugin =
        plugin(
            "if [ -f \"$STATE\" ]; then token=\"$GOOD_TOKEN\"; else : > \"$STATE\"; token=not-a-valid-token; fi\n"
                + "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                + "\"status\":{\"token\":\"%s\"}}\\n' \"$token\"\n");
    Configuration configuration = load(kubeconfig(execUser(plugin, "")));

    V1UserInfo user = whoAmI(configuration);

    assertThat(user.getUsername()).isEqualTo(LocalUser.ADMIN_TOKEN.userName());
    assertThat(dir.resolve("plugin-ran")).exists();
    assertThat(configuration.toString()).doesNotContain(controlPlane.token(LocalUser.ADMIN_TOKEN).reveal());
  }

  @Test
  void anExecPluginThatHangsIsKilledAtItsDeadlineAndTheCallSaysSo() throws IOException {
    // The first run (at load) gives the admin token for two seconds; the run after it expires
    // starts a child and hangs. The client must kill both at the deadline and fail the call with
    // an error naming the plugin and the limit, not wait for ever.
    Path child = dir.resolve("child.pid");
    Path plugin =
        plugin(
            "if [ -f \"$STATE\" ]; then sleep 300 & echo $! > \"$CHILD\"; wait; exit 0; fi\n"
                + ": > \"$STATE\"\n"
                + "expiry=$(date -u -d @$(( $(date +%s) + 2 )) +%Y-%m-%dT%H:%M:%SZ)\n"
                + "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                + "\"status\":{\"token\":\"%s\",\"expirationTimestamp\":\"%s\"}}\\n' \"$GOOD_TOKEN\" \"$expiry\"\n");
    Path kubeconfig = kubeconfig(execUser(plugin, "      - name: CHILD\n        value: " + child + "\n"));
    Configuration configuration = KubeConfig.resolve(E2e.options(kubeconfig).execPluginTimeout(Duration.ofSeconds(2)).build());
    assertThat(whoAmI(configuration).getUsername()).isEqualTo(LocalUser.ADMIN_TOKEN.userName());

    // Calls succeed until the token expires; the first one after that runs the plugin again.
    RuntimeException failure =
        E2e.await(
            "a call that needs the plugin again",
            () -> {
              try {
                whoAmI(configuration);
                return null;
              } catch (ConfigException e) {
                return e;
              }
            });

    assertThat(failure)
        .isInstanceOf(CredentialsTimeoutException.class)
        .hasMessageContaining(plugin.toString())
        .hasMessageContaining("2s")
        .hasMessageNotContaining(controlPlane.token(LocalUser.ADMIN_TOKEN).reveal());
    long childPid = Long.parseLong(Files.readString(child).trim());
    // SIGKILL is delivered asynchronously, and a killed child that init has not reaped yet is a
    // zombie: ended, but still listed.
    E2e.await("the plugin's child to be killed", () -> ended(childPid) ? Boolean.TRUE : null);
  }

  private static boolean ended(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException e) {
      return true; // no such process
    }
  }

  @Test
  void aWrongTokenIsAnUnauthorizedException() {
    Configuration wrong =
        E2e.load(controlPlane, LocalUser.ADMIN_TOKEN).toBuilder()
            .credentials(Credentials.bearerToken(Sensitive.of("not-a-valid-token")))
            .build();

    assertThatThrownBy(() -> whoAmI(wrong))
        .isInstanceOfSatisfying(
            UnauthorizedException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(401);
              assertThat(e.reason()).isEqualTo("Unauthorized");
              assertThat(e.getMessage()).doesNotContain("not-a-valid-token");
            });
  }

  @Test
  void basicAuthIsNotAcceptedByThisApiServer() throws IOException {
    // kube-apiserver dropped --basic-auth-file in 1.19: no authenticator reads a Basic header, so
    // the request is anonymous, and anonymous may not list namespaces. The client sends the
    // header and reports the server's answer, which names the anonymous user.
    Configuration basic = load(kubeconfig("    username: admin\n    password: secret-password\n"));

    assertThatThrownBy(() -> new CoreV1Api(new ApiClient(basic)).listNamespace().execute())
        .isInstanceOfSatisfying(
            ForbiddenException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.statusMessage()).contains("User \"system:anonymous\" cannot list resource \"namespaces\"");
              assertThat(e.getMessage()).doesNotContain("secret-password");
            });
  }
}
