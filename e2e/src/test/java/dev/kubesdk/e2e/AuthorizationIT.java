package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.AuthenticationV1Api;
import dev.kubesdk.api.CoreApi;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.RbacAuthorizationV1Api;
import dev.kubesdk.api.model.RbacV1Subject;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1PolicyRule;
import dev.kubesdk.api.model.V1Role;
import dev.kubesdk.api.model.V1RoleBinding;
import dev.kubesdk.api.model.V1RoleRef;
import dev.kubesdk.api.model.V1SelfSubjectReview;
import dev.kubesdk.api.model.V1UserInfo;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ForbiddenException;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.LocalControlPlane;
import dev.kubesdk.testing.LocalUser;
import dev.kubesdk.testing.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 403 for a user without grants, RBAC grants taking effect, and impersonation. */
@KubernetesTest
class AuthorizationIT {
  private LocalControlPlane controlPlane;
  private CoreV1Api limited;
  private String namespace;
  private ApiClient admin;

  @BeforeEach
  void clients(KubernetesCluster cluster, ApiClient admin, @TestNamespace String namespace) {
    this.controlPlane = E2e.localControlPlane(cluster);
    this.limited = new CoreV1Api(new ApiClient(E2e.load(controlPlane, LocalUser.LIMITED)));
    this.namespace = namespace;
    this.admin = admin;
  }

  @Test
  void theLimitedUserIsForbiddenToListPodsAndTheStatusSaysWhy() {
    assertThatThrownBy(() -> limited.listNamespacedPod(namespace).execute())
        .isInstanceOfSatisfying(
            ForbiddenException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.reason()).isEqualTo("Forbidden");
              assertThat(e.statusMessage())
                  .contains("User \"" + LocalUser.LIMITED.userName() + "\" cannot list resource \"pods\"")
                  .contains("in the namespace \"" + namespace + "\"");
              assertThat(e.status().orElseThrow().getDetails().getKind()).isEqualTo("pods");
              assertThat(e.getMessage()).startsWith("GET /api/v1/namespaces/" + namespace + "/pods: 403 Forbidden: ");
            });
  }

  @Test
  void theLimitedUserMayStillUseDiscovery() {
    assertThat(new CoreApi(limited.apiClient()).getAPIVersions().execute().getVersions()).contains("v1");
  }

  @Test
  void aRoleBindingLetsTheLimitedUserListConfigMapsInThatNamespaceOnly() {
    RbacAuthorizationV1Api rbac = new RbacAuthorizationV1Api(admin);
    String other = E2e.name("kubesdk-rbac-other");
    assertThatThrownBy(() -> limited.listNamespacedConfigMap(namespace).execute()).isInstanceOf(ForbiddenException.class);

    rbac.createNamespacedRole(
            namespace,
            new V1Role()
                .metadata(new V1ObjectMeta().name("configmap-reader"))
                .rules(List.of(new V1PolicyRule().apiGroups(List.of("")).resources(List.of("configmaps")).verbs(List.of("get", "list")))))
        .execute();
    rbac.createNamespacedRoleBinding(
            namespace,
            new V1RoleBinding()
                .metadata(new V1ObjectMeta().name("limited-reads-configmaps"))
                .roleRef(new V1RoleRef().apiGroup("rbac.authorization.k8s.io").kind("Role").name("configmap-reader"))
                .subjects(
                    List.of(
                        new RbacV1Subject()
                            .apiGroup("rbac.authorization.k8s.io")
                            .kind("User")
                            .name(LocalUser.LIMITED.userName()))))
        .execute();

    // The RBAC authorizer reads roles from an informer: the grant applies once it has seen them.
    assertThat(E2e.await("the limited user to list configmaps", () -> limited.listNamespacedConfigMap(namespace).execute()))
        .isNotNull();
    assertThatThrownBy(() -> limited.listNamespacedConfigMap(other).execute()).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> limited.listNamespacedSecret(namespace).execute()).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void impersonatingTheLimitedUserFromTheKubeconfigActsAsThatUser(@TempDir Path dir) throws Exception {
    Path kubeconfig = dir.resolve("config");
    Files.writeString(
        kubeconfig,
        Files.readString(controlPlane.kubeconfig(LocalUser.ADMIN))
            .replace("    client-key-data:", "    as: " + LocalUser.LIMITED.userName() + "\n    client-key-data:"));
    ApiClient impersonating = new ApiClient(KubeConfig.resolve(E2e.options(kubeconfig).build()));

    V1UserInfo user =
        new AuthenticationV1Api(impersonating).createSelfSubjectReview(new V1SelfSubjectReview()).execute().getStatus().getUserInfo();

    assertThat(user.getUsername()).isEqualTo(LocalUser.LIMITED.userName());
    assertThatThrownBy(() -> new CoreV1Api(impersonating).listNamespacedPod(namespace).execute())
        .isInstanceOfSatisfying(
            ForbiddenException.class, e -> assertThat(e.statusMessage()).contains(LocalUser.LIMITED.userName()));
  }
}
