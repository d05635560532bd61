package dev.kubesdk.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class StreamingOperationsTest {
  private static JsonObject operation(JsonObject spec, String path, String method) {
    return spec.getAsJsonObject("paths").getAsJsonObject(path).getAsJsonObject(method);
  }

  @Test
  void execNeedsAnUpgradeOnGetAndPost() {
    JsonObject spec = Fragments.miniSpec();

    StreamingOperations.mark(spec);

    String exec = "/api/v1/namespaces/{namespace}/pods/{name}/exec";
    assertThat(operation(spec, exec, "get").get(Extensions.UPGRADE).getAsString()).isEqualTo("exec");
    assertThat(operation(spec, exec, "post").get(Extensions.UPGRADE).getAsString()).isEqualTo("exec");
  }

  @Test
  void proxyAndOrdinaryOperationsStayPlainCalls() {
    JsonObject spec = Fragments.miniSpec();

    StreamingOperations.mark(spec);

    assertThat(operation(spec, "/api/v1/namespaces/{namespace}/pods/{name}/proxy/{path}", "get").has(Extensions.UPGRADE))
        .isFalse();
    assertThat(operation(spec, "/api/v1/namespaces/{namespace}/pods/{name}", "get").has(Extensions.UPGRADE)).isFalse();
    assertThat(operation(spec, "/api/v1/namespaces/{namespace}/pods", "get").has(Extensions.FOLLOW_FLAG)).isFalse();
  }

  @Test
  void theLogReadRecordsItsFollowFlag() {
    JsonObject spec = Fragments.miniSpec();

    StreamingOperations.mark(spec);

    assertThat(operation(spec, "/api/v1/namespaces/{namespace}/pods/{name}/log", "get").get(Extensions.FOLLOW_FLAG).getAsString())
        .isEqualTo("follow");
  }

  @Test
  void aConnectToAnUnknownSubresourceFailsTheBuildNamingIt() {
    JsonObject spec =
        Fragments.json(
            "{'paths': {'/api/v1/namespaces/{namespace}/pods/{name}/debug': {'get': {"
                + "'operationId': 'connectGetNamespacedPodDebug', 'x-kubernetes-action': 'connect'}}}}");

    assertThatThrownBy(() -> StreamingOperations.mark(spec))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("connectGetNamespacedPodDebug (GET /api/v1/namespaces/{namespace}/pods/{name}/debug)")
        .hasMessageContaining("subresource \"debug\"")
        .hasMessageContaining("UPGRADE_SUBRESOURCES");
  }

  @Test
  void theSubresourceIsTheSegmentAfterTheName() {
    assertThat(StreamingOperations.subresource("/api/v1/nodes/{name}/proxy/{path}")).isEqualTo("proxy");
    assertThat(StreamingOperations.subresource("/api/v1/namespaces/{namespace}/pods/{name}/portforward"))
        .isEqualTo("portforward");
    assertThat(StreamingOperations.subresource("/api/v1/namespaces/{namespace}/pods")).isEmpty();
  }
}
