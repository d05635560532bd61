package dev.kubesdk.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kubesdk.api.model.V1Container;
import dev.kubesdk.api.model.V1ManagedFieldsEntry;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.runtime.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Pod as kube-apiserver returns it, managedFields included, reads into typed values and writes back as read. */
class RealPodRoundTripTest {
  private String json;

  @BeforeEach
  void readFixture() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("pod-with-managed-fields.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aServerPodReadsIntoTypedValues() {
    V1Pod pod = Json.gson().fromJson(json, V1Pod.class);

    assertThat(pod.getMetadata().getCreationTimestamp())
        .isEqualTo(OffsetDateTime.of(2026, 11, 25, 21, 4, 17, 0, ZoneOffset.UTC));
    V1Container container = pod.getSpec().getContainers().get(0);
    assertThat(container.getResources().getRequests().get("cpu").toString()).isEqualTo("250m");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().isInt()).isFalse();
    assertThat(container.getReadinessProbe().getHttpGet().getPort().stringValue()).isEqualTo("http");
    assertThat(container.getLivenessProbe().getTcpSocket().getPort().intValue()).isEqualTo(8080);
    assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getRunning().getStartedAt())
        .isEqualTo(OffsetDateTime.of(2026, 11, 25, 21, 4, 18, 0, ZoneOffset.UTC));
    assertThat(pod.getStatus().getConditions().get(0).getLastProbeTime()).isNull();
  }

  @Test
  void managedFieldsAreKeptAsTheServerWroteThem() {
    V1Pod pod = Json.gson().fromJson(json, V1Pod.class);

    V1ManagedFieldsEntry kubelet = pod.getMetadata().getManagedFields().get(1);
    assertThat(kubelet.getManager()).isEqualTo("kubelet");
    assertThat(kubelet.getSubresource()).isEqualTo("status");
    JsonObject fields = kubelet.getFieldsV1().asJsonObject();
    assertThat(fields.getAsJsonObject("f:status").getAsJsonObject("f:conditions").keySet())
        .containsExactly("k:{\"type\":\"Ready\"}");
  }

  @Test
  void aServerPodWritesBackTheSameJson() {
    V1Pod pod = Json.gson().fromJson(json, V1Pod.class);

    JsonElement written = JsonParser.parseString(Json.gson().toJson(pod));

    // The server's explicit "lastProbeTime": null is the one thing not written back: a null property is unset.
    JsonObject expected = JsonParser.parseString(json).getAsJsonObject();
    expected
        .getAsJsonObject("status")
        .getAsJsonArray("conditions")
        .get(0)
        .getAsJsonObject()
        .remove("lastProbeTime");
    assertThat(SampleJson.canonical(written)).isEqualTo(SampleJson.canonical(expected));
  }

  @Test
  void podConstantsNameItsApiVersionAndKind() {
    assertThat(V1Pod.API_VERSION).isEqualTo("v1");
    assertThat(V1Pod.KIND).isEqualTo("Pod");
    assertThat(dev.kubesdk.api.model.V1Deployment.API_VERSION).isEqualTo("apps/v1");
    assertThat(dev.kubesdk.api.model.V1Deployment.KIND).isEqualTo("Deployment");
  }
}
