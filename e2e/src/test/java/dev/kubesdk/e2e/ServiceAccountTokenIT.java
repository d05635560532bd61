package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.AuthenticationV1Api;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.RbacAuthorizationV1Api;
import dev.kubesdk.api.model.AuthenticationV1TokenRequest;
import dev.kubesdk.api.model.RbacV1Subject;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1RoleBinding;
import dev.kubesdk.api.model.V1RoleRef;
import dev.kubesdk.api.model.V1SelfSubjectReview;
import dev.kubesdk.api.model.V1ServiceAccount;
import dev.kubesdk.api.model.V1TokenRequestSpec;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.Sensitive;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ForbiddenException;
import dev.kubesdk.testing.ClusterProfile;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A ServiceAccount's token from the TokenRequest API authenticates as that account, and RBAC
 * decides what it may do. The namespace's {@code default} account comes from
 * kube-controller-manager.
 */
@KubernetesTest(profile = ClusterProfile.FULL)
class ServiceAccountTokenIT {
  @Test
  void aRequestedTokenAuthenticatesAsItsServiceAccountAndRbacGrantsApply(
      ApiClient admin, Configuration configuration, @TestNamespace String namespace) {
    CoreV1Api core = new CoreV1Api(admin);
    String name = E2e.name("robot");
    core.createNamespacedServiceAccount(namespace, new V1ServiceAccount().metadata(new V1ObjectMeta().name(name)))
        .execute();

    AuthenticationV1TokenRequest answer =
        core.createNamespacedServiceAccountToken(
                name,
                namespace,
                new AuthenticationV1TokenRequest().spec(new V1TokenRequestSpec().expirationSeconds(600L)))
            .execute();
    Sensitive token = Sensitive.of(answer.getStatus().getToken());
    ApiClient robot =
        new ApiClient(
            Configuration.builder()
                .host(configuration.host())
                .certificateAuthority(configuration.certificateAuthority().orElseThrow())
                .credentials(Credentials.bearerToken(token))
                .build());

    V1SelfSubjectReview review = new AuthenticationV1Api(robot).createSelfSubjectReview(new V1SelfSubjectReview()).execute();
    assertThat(review.getStatus().getUserInfo().getUsername())
        .isEqualTo("system:serviceaccount:" + namespace + ":" + name);
    assertThat(review.getStatus().getUserInfo().getGroups())
        .contains("system:serviceaccounts", "system:serviceaccounts:" + namespace);
    assertThat(answer.getStatus().getExpirationTimestamp()).isNotNull();
    CoreV1Api asRobot = new CoreV1Api(robot);
    assertThatThrownBy(() -> asRobot.listNamespacedPod(namespace).execute()).isInstanceOf(ForbiddenException.class);

    new RbacAuthorizationV1Api(admin)
        .createNamespacedRoleBinding(
            namespace,
            new V1RoleBinding()
                .metadata(new V1ObjectMeta().name(name + "-view"))
                .roleRef(new V1RoleRef().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole").name("view"))
                .subjects(List.of(new RbacV1Subject().kind("ServiceAccount").name(name).namespace(namespace))))
        .execute();

    assertThat(E2e.await("the view grant to take effect", () -> asRobot.listNamespacedPod(namespace).execute()).getItems())
        .isEmpty();
  }

  @Test
  void everyNamespaceGetsADefaultServiceAccount(ApiClient admin, @TestNamespace String namespace) {
    V1ServiceAccount account = new CoreV1Api(admin).readNamespacedServiceAccount("default", namespace).execute();

    assertThat(account.getMetadata().getNamespace()).isEqualTo(namespace);
  }
}
