package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.manifests.ApiResource;
import dev.kubesdk.manifests.AppliedObject;
import dev.kubesdk.manifests.ApplyConflictException;
import dev.kubesdk.manifests.Discovery;
import dev.kubesdk.manifests.FieldConflict;
import dev.kubesdk.manifests.GroupVersionKind;
import dev.kubesdk.manifests.GroupVersionResource;
import dev.kubesdk.manifests.Manifests;
import dev.kubesdk.manifests.RestMapper;
import dev.kubesdk.manifests.ServerSideApply;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.CustomObjectsApi;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-side apply of manifest files: ordering, CRDs, outcomes, conflicts and dry runs, against the real API server. */
@KubernetesTest
class ServerSideApplyIT {
  private ApiClient client;
  private String namespace;
  private RestMapper mapper;
  private String group;

  @BeforeEach
  void setUp(ApiClient client, @TestNamespace String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.mapper = RestMapper.of(Discovery.builder(client).build());
    this.group = E2e.name("m").replace("-", "") + ".e2e.kubesdk.dev";
  }

  @AfterEach
  void deleteTheDefinition() {
    try {
      new CustomObjectsApi(client).resource("apiextensions.k8s.io", "v1", "customresourcedefinitions").delete("crontabs." + group);
    } catch (NotFoundException e) {
      // this test made none
    }
  }

  /** A directory as users keep it: the custom resource sorts before its CRD, and nothing names the namespace. */
  private Path directory(Path dir) throws IOException {
    Files.writeString(dir.resolve("a-crontab.yaml"), """
        apiVersion: %s/v1
        kind: CronTab
        metadata:
          name: nightly
        spec:
          cronSpec: "0 2 * * *"
          image: backup:1.0
          replicas: 2
        """.formatted(group));
    Files.writeString(dir.resolve("b-crd.yaml"), """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: crontabs.%s
        spec:
          group: %s
          scope: Namespaced
          names:
            plural: crontabs
            singular: crontab
            kind: CronTab
            shortNames: [ct]
            categories: [all]
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
              scale:
                specReplicasPath: .spec.replicas
                statusReplicasPath: .status.replicas
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      cronSpec: {type: string}
                      image: {type: string}
                      replicas: {type: integer}
                  status:
                    type: object
                    properties:
                      replicas: {type: integer}
        """.formatted(group, group));
    Files.writeString(dir.resolve("c-app.yaml"), """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web}
        spec:
          replicas: 1
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: nginx:1.27
                ports:
                - containerPort: 80
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector: {app: web}
          ports:
          - port: 80
            targetPort: 80
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          mode: "production"
          retries: "3"
        """);
    return dir;
  }

  @Test
  void aDirectoryAppliesInOneCallAndAgainReportsEveryObjectUnchanged(@TempDir Path dir) throws IOException {
    List<Object> objects = Manifests.standard().load(directory(dir));
    ServerSideApply apply = ServerSideApply.builder(mapper, "kubesdk-e2e").defaultNamespace(namespace).build();

    List<AppliedObject> first = apply.apply(objects);

    assertThat(first).extracting(AppliedObject::displayName)
        .containsExactly("customresourcedefinition.apiextensions.k8s.io/crontabs." + group, "crontab." + group + "/nightly", "deployment.apps/web", "service/web", "configmap/settings");
    assertThat(first).extracting(AppliedObject::outcome).containsOnly(AppliedObject.Outcome.CREATED);
    assertThat(first.get(1).namespace()).isEqualTo(namespace);
    assertThat(new CoreV1Api(client).readNamespacedConfigMap("settings", namespace).execute().getData()).containsEntry("mode", "production");

    List<AppliedObject> second = apply.apply(Manifests.standard().load(dir));

    assertThat(second).extracting(AppliedObject::outcome).containsOnly(AppliedObject.Outcome.UNCHANGED);

    Files.writeString(dir.resolve("c-app.yaml"), Files.readString(dir.resolve("c-app.yaml")).replace("\"production\"", "\"staging\""));
    List<AppliedObject> third = apply.apply(Manifests.standard().load(dir));

    assertThat(third).filteredOn(a -> a.outcome() == AppliedObject.Outcome.CONFIGURED).extracting(AppliedObject::displayName).containsExactly("configmap/settings");
  }

  @Test
  void discoveryListsTheCrdRightAfterItIsEstablished(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("crd"));
    directory(dir);
    Files.move(dir.resolve("b-crd.yaml"), dir.resolve("crd").resolve("crd.yaml"));
    Discovery discovery = Discovery.builder(client).cacheDirectory(dir.resolve("cache")).build();
    assertThat(discovery.resources()).noneMatch(r -> r.group().equals(group));

    ServerSideApply.builder(RestMapper.of(discovery), "kubesdk-e2e").build().apply(Manifests.standard().load(dir.resolve("crd")));

    // The apply waited for Established and refreshed the discovery it was given.
    assertThat(discovery.aggregated()).isTrue();
    ApiResource crontabs = RestMapper.of(discovery).mapping(new GroupVersionKind(group, "v1", "CronTab"));
    assertThat(crontabs.resource()).isEqualTo("crontabs");
    assertThat(crontabs.namespaced()).isTrue();
    assertThat(crontabs.shortNames()).containsExactly("ct");
    assertThat(crontabs.categories()).containsExactly("all");
    assertThat(crontabs.subresources()).containsExactlyInAnyOrder("status", "scale");
    assertThat(RestMapper.of(discovery).resourceFor("crontabs." + group)).isEqualTo(crontabs);
    // And it kept the answer on disk: a new discovery over the same directory reads it without asking.
    assertThat(Discovery.builder(client).cacheDirectory(dir.resolve("cache")).build().resources()).contains(crontabs);
  }

  @Test
  void aConflictingManagerGetsTheTypedConflictUntilItForces() {
    ServerSideApply owner = ServerSideApply.builder(mapper, "owner").defaultNamespace(namespace).build();
    ServerSideApply other = ServerSideApply.builder(mapper, "other").defaultNamespace(namespace).build();
    owner.apply(List.of(E2e.configMap("shared", Map.of("key", "mine", "free", "1"))));

    assertThatThrownBy(() -> other.apply(List.of(E2e.configMap("shared", Map.of("key", "theirs")))))
        .isInstanceOfSatisfying(ApplyConflictException.class, e -> {
          assertThat(e.object()).isEqualTo("configmap/shared");
          assertThat(e.managers()).containsExactly("owner");
          assertThat(e.conflicts()).extracting(FieldConflict::field).containsExactly(".data.key");
        })
        .hasMessageContaining(".data.key is owned by \"owner\"")
        .hasMessageContaining("force(true)");

    List<AppliedObject> forced = ServerSideApply.builder(mapper, "other").defaultNamespace(namespace).force(true).build()
        .apply(List.of(E2e.configMap("shared", Map.of("key", "theirs"))));

    assertThat(forced).extracting(AppliedObject::outcome).containsExactly(AppliedObject.Outcome.CONFIGURED);
    V1ConfigMap now = new CoreV1Api(client).readNamespacedConfigMap("shared", namespace).execute();
    assertThat(now.getData()).containsEntry("key", "theirs").containsEntry("free", "1");
  }

  @Test
  void aDryRunReportsWithoutStoring() {
    ServerSideApply dryRun = ServerSideApply.builder(mapper, "kubesdk-e2e").defaultNamespace(namespace).dryRun(true).build();

    List<AppliedObject> planned = dryRun.apply(List.of(E2e.configMap("planned", Map.of("a", "1"))));

    assertThat(planned).extracting(AppliedObject::outcome).containsExactly(AppliedObject.Outcome.CREATED);
    assertThatThrownBy(() -> new CoreV1Api(client).readNamespacedConfigMap("planned", namespace).execute()).isInstanceOf(NotFoundException.class);

    ServerSideApply.builder(mapper, "kubesdk-e2e").defaultNamespace(namespace).build().apply(List.of(E2e.configMap("planned", Map.of("a", "1"))));
    assertThat(dryRun.apply(List.of(E2e.configMap("planned", Map.of("a", "1"))))).extracting(AppliedObject::outcome).containsExactly(AppliedObject.Outcome.UNCHANGED);
    assertThat(dryRun.apply(List.of(E2e.configMap("planned", Map.of("a", "2"))))).extracting(AppliedObject::outcome).containsExactly(AppliedObject.Outcome.CONFIGURED);
    assertThat(new CoreV1Api(client).readNamespacedConfigMap("planned", namespace).execute().getData()).containsEntry("a", "1");
  }

  @Test
  void theMapperKnowsBuiltInKindsByEveryKubectlName() {
    ApiResource deployments = mapper.resourceFor("deploy");
    assertThat(deployments.groupVersionResource()).isEqualTo(new GroupVersionResource("apps", "v1", "deployments"));
    assertThat(mapper.resourceFor("deployments.apps")).isEqualTo(deployments);
    assertThat(mapper.resourceFor("deployments.v1.apps")).isEqualTo(deployments);
    assertThat(mapper.resourceFor("Deployment")).isEqualTo(deployments);
    assertThat(mapper.resourceFor("cm").resource()).isEqualTo("configmaps");
    assertThat(mapper.preferredMapping("", "Namespace").namespaced()).isFalse();
    assertThat(mapper.kindFor(new GroupVersionResource("", "v1", "services"))).isEqualTo(new GroupVersionKind("", "v1", "Service"));
    assertThat(mapper.category("all")).extracting(ApiResource::resource).contains("pods", "services", "deployments");
  }
}
