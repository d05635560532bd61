package dev.kubesdk.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class OperationIdsTest {
  @Test
  void theTagIsTitleCasedPartByPart() {
    assertThat(OperationIds.tagTitle("core_v1")).isEqualTo("CoreV1");
    assertThat(OperationIds.tagTitle("admissionregistration_v1beta1")).isEqualTo("AdmissionregistrationV1beta1");
    assertThat(OperationIds.tagTitle("WellKnown")).isEqualTo("WellKnown");
  }

  @Test
  void theGroupAndVersionLeaveTheOperationId() {
    assertThat(OperationIds.strip("listCoreV1NamespacedPod", "core_v1")).isEqualTo("listNamespacedPod");
    assertThat(OperationIds.strip("getCoreAPIVersions", "core")).isEqualTo("getAPIVersions");
    assertThat(OperationIds.strip("getServiceAccountIssuerOpenIDConfiguration", "WellKnown"))
        .isEqualTo("getServiceAccountIssuerOpenIDConfiguration");
  }

  @Test
  void everyOperationOfTheSpecIsStripped() {
    JsonObject spec = Fragments.miniSpec();

    OperationIds.stripAll(spec);

    assertThat(
            spec.getAsJsonObject("paths").getAsJsonObject("/api/v1/namespaces/{namespace}/pods")
                .getAsJsonObject("get").get("operationId").getAsString())
        .isEqualTo("listNamespacedPod");
  }

  @Test
  void twoOperationsEndingWithTheSameIdFailTheBuild() {
    JsonObject spec =
        Fragments.json(
            "{'paths':{'/a':{'get':{'operationId':'listCoreV1Pod','tags':['core_v1']}},"
                + "'/b':{'get':{'operationId':'listPod','tags':['core_v1']}}}}");

    assertThatThrownBy(() -> OperationIds.stripAll(spec))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("listCoreV1Pod")
        .hasMessageContaining("listPod");
  }

  @Test
  void anOperationWithoutATagFailsTheBuild() {
    JsonObject spec = Fragments.json("{'paths':{'/a':{'get':{'operationId':'listPod'}}}}");

    assertThatThrownBy(() -> OperationIds.stripAll(spec))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("get /a");
  }
}
