package dev.kubesdk.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchOperationsTest {
  @Test
  void theDeprecatedWatchPathsAreRemovedAndListsKeepTheirWatchParameter() {
    JsonObject spec = Fragments.miniSpec();

    WatchOperations.removeWatchPaths(spec);

    assertThat(spec.getAsJsonObject("paths").keySet()).noneMatch(path -> path.contains("/watch/"));
    assertThat(queryParameters(spec, "/api/v1/namespaces/{namespace}/pods", "get")).contains("watch");
  }

  @Test
  void deleteCollectionLosesOnlyItsWatchParameters() {
    JsonObject spec = Fragments.miniSpec();

    WatchOperations.stripDeleteCollectionWatchParameters(spec);

    assertThat(queryParameters(spec, "/api/v1/namespaces/{namespace}/pods", "delete"))
        .containsExactly("labelSelector");
    assertThat(queryParameters(spec, "/api/v1/namespaces/{namespace}/pods", "get"))
        .contains("watch", "allowWatchBookmarks");
  }

  @Test
  void aListOperationRecordsTheClassOfItsItems() {
    JsonObject spec = Fragments.miniSpec();
    PrimitiveTypes.inline(spec);
    ModelNames.rename(spec);

    WatchOperations.recordListItems(spec);

    JsonObject paths = spec.getAsJsonObject("paths");
    assertThat(operation(paths, "/api/v1/namespaces/{namespace}/pods", "get").get(Extensions.WATCH_ITEM).getAsString())
        .isEqualTo("V1Pod");
    assertThat(operation(paths, "/api/v1/namespaces/{namespace}/pods/{name}", "get").has(Extensions.WATCH_ITEM))
        .isFalse();
  }

  @Test
  void aWatchableOperationWithoutAListResponseFailsNamingIt() {
    JsonObject spec =
        Fragments.json(
            "{'definitions':{'V1Pod':{'type':'object'}},'paths':{'/pods':{'get':{'operationId':'listPods',"
                + "'parameters':[{'in':'query','name':'watch','type':'boolean'}],"
                + "'responses':{'200':{'schema':{'$ref':'#/definitions/V1Pod'}}}}}}}");

    assertThatThrownBy(() -> WatchOperations.recordListItems(spec))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("listPods");
  }

  static JsonObject operation(JsonObject paths, String path, String method) {
    return paths.getAsJsonObject(path).getAsJsonObject(method);
  }

  static List<String> queryParameters(JsonObject spec, String path, String method) {
    JsonObject operation = operation(spec.getAsJsonObject("paths"), path, method);
    List<String> names = new ArrayList<>();
    for (JsonElement parameter : operation.getAsJsonArray("parameters")) {
      JsonObject resolved = SpecTree.resolveParameter(spec, parameter.getAsJsonObject());
      if (resolved.get("in").getAsString().equals("query")) {
        names.add(resolved.get("name").getAsString());
      }
    }
    return names;
  }
}
