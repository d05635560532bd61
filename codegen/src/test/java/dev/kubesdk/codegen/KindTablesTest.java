package dev.kubesdk.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class KindTablesTest {
  private static final JsonObject SPEC =
      JsonParser.parseString(
              """
              {"definitions": {
                "V1Pod": {"x-kubernetes-group-version-kind": [{"group": "", "version": "v1", "kind": "Pod"}],
                          "properties": {"spec": {"$ref": "#/definitions/V1PodSpec"}, "kind": {"type": "string"}}},
                "V1DeleteOptions": {"x-kubernetes-group-version-kind": [
                    {"group": "", "version": "v1", "kind": "DeleteOptions"},
                    {"group": "apps", "version": "v1", "kind": "DeleteOptions"}]},
                "V1PodSpec": {"properties": {
                    "containers": {"type": "array", "items": {"$ref": "#/definitions/V1Container"},
                                   "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "name"},
                    "finalizers": {"type": "array", "items": {"type": "string"}, "x-kubernetes-patch-strategy": "merge"},
                    "nodeSelector": {"type": "object", "additionalProperties": {"type": "string"}}}},
                "V1Container": {"properties": {"name": {"type": "string"}}}
              }}
              """)
          .getAsJsonObject();

  @Test
  void everyGroupVersionKindOfADefinitionGetsALine() {
    assertThat(KindTables.kinds(SPEC))
        .containsExactly("\tv1\tDeleteOptions\tV1DeleteOptions", "\tv1\tPod\tV1Pod", "apps\tv1\tDeleteOptions\tV1DeleteOptions");
  }

  @Test
  void patchSchemaKeepsModelEdgesAndStrategiesOnly() {
    assertThat(KindTables.patchSchema(SPEC))
        .containsExactly(
            "V1Pod\tspec\tV1PodSpec\t-\t-\tobject",
            "V1PodSpec\tcontainers\tV1Container\tmerge\tname\tlist",
            "V1PodSpec\tfinalizers\t-\tmerge\t-\tlist");
  }
}
