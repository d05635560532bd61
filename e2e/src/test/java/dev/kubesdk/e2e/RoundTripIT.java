package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.kubesdk.api.ApiextensionsV1Api;
import dev.kubesdk.api.AppsV1Api;
import dev.kubesdk.api.CoordinationV1Api;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.EventsV1Api;
import dev.kubesdk.api.model.EventsV1Event;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.api.model.V1CustomResourceDefinition;
import dev.kubesdk.api.model.V1Deployment;
import dev.kubesdk.api.model.V1Lease;
import dev.kubesdk.api.model.V1LeaseSpec;
import dev.kubesdk.api.model.V1Node;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1ObjectReference;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.api.model.V1PodList;
import dev.kubesdk.api.model.V1Secret;
import dev.kubesdk.api.model.V1Service;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiRequest;
import dev.kubesdk.runtime.Json;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.runtime.V1Patch;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Objects as the server writes them survive the models: GET the JSON, decode it into the generated
 * model, encode the model again, and the two JSON documents are the same tree, managedFields,
 * quantities, times and IntOrStrings included. The typed call ({@code execute()}) must give the
 * same model as decoding the text.
 */
@KubernetesTest
class RoundTripIT {
  private ApiClient client;
  private CoreV1Api core;
  private AppsV1Api apps;
  private String namespace;

  @BeforeEach
  void client(ApiClient client, @TestNamespace String namespace) {
    this.client = client;
    this.core = new CoreV1Api(client);
    this.apps = new AppsV1Api(client);
    this.namespace = namespace;
  }

  /**
   * GETs {@code request} as text and through {@code typed}, and checks that both encode back to
   * the text's JSON tree. Returns the text, for checks on what it holds.
   */
  private <T> String assertRoundTrip(ApiRequest request, Class<T> type, T typed) {
    String raw = client.execute(request, String.class);
    T decoded = Json.deserialize(raw, type);

    assertThat(canonical(Json.serialize(decoded))).as("%s decoded and encoded again", type.getSimpleName()).isEqualTo(canonical(raw));
    assertThat(canonical(Json.serialize(typed))).as("%s from execute(), encoded", type.getSimpleName()).isEqualTo(canonical(raw));
    assertThat(decoded).isEqualTo(typed);
    return raw;
  }

  @Test
  void aPodWithManagedFieldsQuantitiesAndProbesRoundTrips() {
    String name = E2e.name("pod-rt");
    core.patchNamespacedPod(name, namespace, V1Patch.apply(podJson(name))).fieldManager("e2e-round-trip").execute();
    core.patchNamespacedPodStatus(
            name,
            namespace,
            V1Patch.merge(
                "{\"status\":{\"phase\":\"Running\",\"startTime\":\"2026-01-02T03:04:05Z\",\"podIP\":\"10.1.2.3\","
                    + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"2026-01-02T03:04:06Z\"}]}}"))
        .execute();

    String raw =
        assertRoundTrip(
            core.readNamespacedPod(name, namespace).toApiRequest(), V1Pod.class, core.readNamespacedPod(name, namespace).execute());

    JsonObject metadata = E2e.tree(raw).getAsJsonObject().getAsJsonObject("metadata");
    assertThat(metadata.getAsJsonArray("managedFields").asList())
        .extracting(m -> m.getAsJsonObject().get("operation").getAsString())
        .contains("Apply", "Update");
    assertThat(raw).contains("\"cpu\":\"250m\"", "\"memory\":\"64Mi\"", "\"port\":\"http\"", "\"tolerationSeconds\":300");
  }

  @Test
  void aDeploymentWithStatusRoundTrips() {
    String name = E2e.name("deploy-rt");
    apps.createNamespacedDeployment(namespace, DeploymentIT.deployment(name, 3)).execute();
    apps.patchNamespacedDeploymentStatus(
            name,
            namespace,
            V1Patch.merge(
                "{\"status\":{\"replicas\":3,\"readyReplicas\":2,\"observedGeneration\":1,\"conditions\":[{\"type\":\"Available\","
                    + "\"status\":\"False\",\"reason\":\"MinimumReplicasUnavailable\",\"lastUpdateTime\":\"2026-01-02T03:04:05Z\","
                    + "\"lastTransitionTime\":\"2026-01-02T03:04:05Z\"}]}}"))
        .execute();

    String raw =
        assertRoundTrip(
            apps.readNamespacedDeployment(name, namespace).toApiRequest(),
            V1Deployment.class,
            apps.readNamespacedDeployment(name, namespace).execute());

    assertThat(raw).contains("\"maxSurge\":\"25%\"", "\"managedFields\"");
  }

  @Test
  void aCustomResourceDefinitionWithItsSchemaAndConditionsRoundTrips() {
    ApiextensionsV1Api extensions = new ApiextensionsV1Api(client);
    String group = E2e.name("rt").replace("-", "") + ".e2e.kubesdk.dev";
    V1CustomResourceDefinition crd = extensions.createCustomResourceDefinition(CustomResourceIT.widgetDefinition(group)).execute();
    String name = crd.getMetadata().getName();
    try {
      CustomResourceIT.awaitEstablished(extensions, name);

      String raw =
          assertRoundTrip(
              extensions.readCustomResourceDefinition(name).toApiRequest(),
              V1CustomResourceDefinition.class,
              extensions.readCustomResourceDefinition(name).execute());

      assertThat(raw).contains("\"openAPIV3Schema\"", "\"Established\"", "\"status\":{}");
    } finally {
      E2e.delete(client, extensions.deleteCustomResourceDefinition(name).toApiRequest());
    }
  }

  @Test
  void aNodeWithCapacityAndHeartbeatsRoundTrips() {
    String name = E2e.name("node-rt");
    core.createNode(Json.deserialize("{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"kubernetes.io/os\":\"linux\"}},"
            + "\"spec\":{\"podCIDR\":\"10.244.1.0/24\",\"taints\":[{\"key\":\"e2e\",\"effect\":\"NoSchedule\"}]}}", V1Node.class))
        .execute();
    try {
      core.patchNodeStatus(
              name,
              V1Patch.merge(
                  "{\"status\":{\"capacity\":{\"cpu\":\"4\",\"memory\":\"16Gi\",\"pods\":\"110\",\"ephemeral-storage\":\"100G\"},"
                      + "\"allocatable\":{\"cpu\":\"3500m\",\"memory\":\"15.5Gi\"},"
                      + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"lastHeartbeatTime\":\"2026-01-02T03:04:05Z\","
                      + "\"lastTransitionTime\":\"2026-01-02T03:04:05Z\",\"reason\":\"KubeletReady\"}],"
                      + "\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"10.0.0.9\"}]}}"))
          .execute();

      String raw = assertRoundTrip(core.readNode(name).toApiRequest(), V1Node.class, core.readNode(name).execute());

      // The server writes quantities in canonical form: 15.5Gi is 15872Mi.
      assertThat(raw).contains("\"memory\":\"15872Mi\"", "\"cpu\":\"3500m\"");
    } finally {
      try {
        E2e.delete(client, core.deleteNode(name).toApiRequest());
      } catch (NotFoundException e) {
        // Already gone.
      }
    }
  }

  @Test
  void aServiceWithANamedTargetPortRoundTrips() {
    String name = E2e.name("svc-rt");
    core.createNamespacedService(
            namespace,
            Json.deserialize(
                "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"selector\":{\"app\":\"x\"},\"ports\":["
                    + "{\"name\":\"http\",\"port\":80,\"targetPort\":\"http\"},{\"name\":\"metrics\",\"port\":9090,\"targetPort\":9091}]}}",
                V1Service.class))
        .execute();

    String raw =
        assertRoundTrip(
            core.readNamespacedService(name, namespace).toApiRequest(),
            V1Service.class,
            core.readNamespacedService(name, namespace).execute());

    assertThat(raw).contains("\"targetPort\":\"http\"", "\"targetPort\":9091", "\"clusterIP\"");
  }

  @Test
  void aSecretAndABinaryConfigMapRoundTrip() {
    String name = E2e.name("data-rt");
    core.createNamespacedSecret(
            namespace, Json.deserialize("{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"k\":\"AAEC/f7/\"}}", V1Secret.class))
        .execute();
    core.createNamespacedConfigMap(
            namespace,
            Json.deserialize(
                "{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"text\":\"h\u00e9llo\\n\"},\"binaryData\":{\"b\":\"AAEC/f7/\"}}",
                V1ConfigMap.class))
        .execute();

    assertRoundTrip(
        core.readNamespacedSecret(name, namespace).toApiRequest(), V1Secret.class, core.readNamespacedSecret(name, namespace).execute());
    String raw =
        assertRoundTrip(
            core.readNamespacedConfigMap(name, namespace).toApiRequest(),
            V1ConfigMap.class,
            core.readNamespacedConfigMap(name, namespace).execute());

    assertThat(raw).contains("\"b\":\"AAEC/f7/\"");
  }

  @Test
  void aPodListRoundTrips() {
    String name = E2e.name("pod-list-rt");
    core.patchNamespacedPod(name, namespace, V1Patch.apply(podJson(name))).fieldManager("e2e-round-trip").execute();

    String raw =
        assertRoundTrip(
            core.listNamespacedPod(namespace).labelSelector("round-trip=yes").toApiRequest(),
            V1PodList.class,
            core.listNamespacedPod(namespace).labelSelector("round-trip=yes").execute());

    assertThat(E2e.tree(raw).getAsJsonObject().getAsJsonArray("items")).isNotEmpty();
  }

  @Test
  void anEventAndALeaseKeepTheirMicrosecondTimes() {
    String name = E2e.name("micro-rt");
    OffsetDateTime micro = OffsetDateTime.parse("2026-01-02T03:04:05.123456Z");
    new EventsV1Api(client)
        .createNamespacedEvent(
            namespace,
            new EventsV1Event()
                .metadata(new V1ObjectMeta().name(name))
                .eventTime(micro)
                .reportingController("kubesdk.dev/e2e")
                .reportingInstance("e2e-1")
                .action("Testing")
                .reason("RoundTrip")
                .type("Normal")
                .note("microseconds survive")
                .regarding(new V1ObjectReference().kind("Pod").namespace(namespace).name("somebody").apiVersion("v1")))
        .execute();
    CoordinationV1Api coordination = new CoordinationV1Api(client);
    coordination
        .createNamespacedLease(
            namespace,
            new V1Lease()
                .metadata(new V1ObjectMeta().name(name))
                .spec(new V1LeaseSpec().holderIdentity("e2e").leaseDurationSeconds(15).acquireTime(micro).renewTime(micro.plusNanos(1000))))
        .execute();

    EventsV1Api events = new EventsV1Api(client);
    String event =
        assertRoundTrip(
            events.readNamespacedEvent(name, namespace).toApiRequest(), EventsV1Event.class, events.readNamespacedEvent(name, namespace).execute());
    String lease =
        assertRoundTrip(
            coordination.readNamespacedLease(name, namespace).toApiRequest(),
            V1Lease.class,
            coordination.readNamespacedLease(name, namespace).execute());

    assertThat(event).contains("\"eventTime\":\"2026-01-02T03:04:05.123456Z\"");
    assertThat(lease).contains("\"acquireTime\":\"2026-01-02T03:04:05.123456Z\"", "\"renewTime\":\"2026-01-02T03:04:05.123457Z\"");
  }

  private static String podJson(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"round-trip\":\"yes\"},"
        + "\"annotations\":{\"kubesdk.dev/note\":\"round trip\"}},"
        + "\"spec\":{\"nodeName\":\"node-rt\",\"terminationGracePeriodSeconds\":5,"
        + "\"tolerations\":[{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300}],"
        + "\"containers\":[{\"name\":\"app\",\"image\":\"registry.invalid/app:1\",\"args\":[\"--port=8080\"],"
        + "\"ports\":[{\"name\":\"http\",\"containerPort\":8080}],"
        + "\"env\":[{\"name\":\"POD_NAME\",\"valueFrom\":{\"fieldRef\":{\"fieldPath\":\"metadata.name\"}}}],"
        + "\"resources\":{\"requests\":{\"cpu\":\"250m\",\"memory\":\"64Mi\"},\"limits\":{\"cpu\":\"1\",\"memory\":\"128Mi\"}},"
        + "\"readinessProbe\":{\"httpGet\":{\"path\":\"/ready\",\"port\":\"http\"},\"periodSeconds\":5},"
        + "\"securityContext\":{\"runAsNonRoot\":true,\"runAsUser\":1000,\"allowPrivilegeEscalation\":false,"
        + "\"capabilities\":{\"drop\":[\"ALL\"]}}}]}}";
  }

  /**
   * The JSON text as one {@code path=value} line per leaf, sorted, so that a difference shows as the
   * lines that differ. Numbers compare by value: the schema's {@code minimum} is a double, which the
   * server writes as {@code 1} and the model as {@code 1.0}; both decode to the same float64 in the
   * server. Integer fields are Integer or Long in the models, so they cannot turn into {@code 1.0}.
   *
   * <p>A field that is null is left out: the server writes some absent times as {@code null} (a
   * pod condition's {@code lastProbeTime}), and the models, like the server's own decoder, do not
   * tell an explicit null from an absent field, so encoding again drops it. Both mean the same to
   * the API server.
   */
  static String canonical(String json) {
    List<String> lines = new ArrayList<>();
    flatten("$", E2e.tree(json), lines);
    Collections.sort(lines);
    return String.join("\n", lines);
  }

  private static void flatten(String path, JsonElement e, List<String> lines) {
    if (e.isJsonObject()) {
      if (e.getAsJsonObject().isEmpty()) {
        lines.add(path + "={}");
      }
      for (Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
        flatten(path + "." + entry.getKey(), entry.getValue(), lines);
      }
    } else if (e.isJsonArray()) {
      JsonArray array = e.getAsJsonArray();
      if (array.isEmpty()) {
        lines.add(path + "=[]");
      }
      for (int i = 0; i < array.size(); i++) {
        flatten(path + "[" + i + "]", array.get(i), lines);
      }
    } else if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
      lines.add(path + "=" + new BigDecimal(e.getAsString()).stripTrailingZeros().toPlainString());
    } else if (!e.isJsonNull()) {
      lines.add(path + "=" + e);
    }
  }
}
