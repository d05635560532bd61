package dev.kubesdk.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatchesTest {
  private static JsonObject json(String text) {
    return JsonParser.parseString(text.replace('\'', '"')).getAsJsonObject();
  }

  @Test
  void aJsonPatchListsItsOperationsInOrder() {
    String body = JsonPatch.builder()
        .test("/spec/replicas", 2)
        .replace("/spec/replicas", 3)
        .add("/metadata/labels/" + JsonPatch.escape("app.kubernetes.io/name"), "web")
        .remove("/metadata/annotations/old")
        .move("/a", "/b")
        .copy("/c", "/d")
        .add("/data", Map.of("k", "v"))
        .build()
        .body();

    assertThat(JsonParser.parseString(body)).isEqualTo(JsonParser.parseString(("[{'op':'test','path':'/spec/replicas','value':2},{'op':'replace','path':'/spec/replicas','value':3},"
        + "{'op':'add','path':'/metadata/labels/app.kubernetes.io~1name','value':'web'},{'op':'remove','path':'/metadata/annotations/old'},"
        + "{'op':'move','from':'/a','path':'/b'},{'op':'copy','from':'/c','path':'/d'},{'op':'add','path':'/data','value':{'k':'v'}}]").replace('\'', '"')));
  }

  @Test
  void aJsonPatchRefusesNonPointersAndEmptiness() {
    assertThatThrownBy(() -> JsonPatch.builder().remove("spec")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON Pointer");
    assertThatThrownBy(() -> JsonPatch.builder().build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aMergePatchCarriesChangesAndNullsForRemovals() {
    JsonObject from = json("{'metadata':{'labels':{'a':'1','b':'2'}},'spec':{'replicas':1,'list':[1,2]}}");
    JsonObject to = json("{'metadata':{'labels':{'a':'1','c':'3'}},'spec':{'replicas':1,'list':[1]}}");

    assertThat(MergePatch.tree(from, to)).isEqualTo(json("{'metadata':{'labels':{'b':null,'c':'3'}},'spec':{'list':[1]}}"));
    assertThat(MergePatch.tree(from, from)).isEqualTo(new JsonObject());
    assertThat(MergePatch.diff(from, to).contentType()).isEqualTo("application/merge-patch+json");
  }

  @Test
  void aStrategicMergePatchMergesContainersByName() {
    JsonObject from = json("{'spec':{'template':{'spec':{'containers':[{'name':'web','image':'nginx:1'},{'name':'sidecar','image':'busybox'},{'name':'old','image':'x'}],"
        + "'nodeSelector':{'zone':'a'}}}}}");
    JsonObject to = json("{'spec':{'template':{'spec':{'containers':[{'name':'web','image':'nginx:2'},{'name':'sidecar','image':'busybox'}],'nodeSelector':{'zone':'b'}}}}}");

    JsonObject patch = StrategicMergePatch.tree(from, to, new GroupVersionKind("apps", "v1", "Deployment"));

    assertThat(patch).isEqualTo(json("{'spec':{'template':{'spec':{'containers':[{'name':'web','image':'nginx:2'},{'name':'old','$patch':'delete'}],"
        + "'$setElementOrder/containers':[{'name':'web'},{'name':'sidecar'}],'nodeSelector':{'zone':'b'}}}}}"));
  }

  @Test
  void aStrategicMergePatchMergesPlainListsWithAMergeStrategy() {
    JsonObject from = json("{'metadata':{'finalizers':['a','b']}}");
    JsonObject to = json("{'metadata':{'finalizers':['b','c']}}");

    JsonObject patch = StrategicMergePatch.tree(from, to, new GroupVersionKind("", "v1", "ConfigMap"));

    assertThat(patch).isEqualTo(json("{'metadata':{'finalizers':['c'],'$deleteFromPrimitiveList/finalizers':['a'],'$setElementOrder/finalizers':['b','c']}}"));
  }

  @Test
  void listsWithoutAStrategyAreReplacedWhole() {
    JsonObject from = json("{'spec':{'template':{'spec':{'containers':[{'name':'web','args':['a','b']}]}}}}");
    JsonObject to = json("{'spec':{'template':{'spec':{'containers':[{'name':'web','args':['a']}]}}}}");

    JsonObject patch = StrategicMergePatch.tree(from, to, new GroupVersionKind("apps", "v1", "Deployment"));

    assertThat(patch.getAsJsonObject("spec").getAsJsonObject("template").getAsJsonObject("spec").getAsJsonArray("containers").get(0))
        .isEqualTo(json("{'name':'web','args':['a']}"));
  }

  @Test
  void customKindsTakeNoStrategicMergePatch() {
    assertThatThrownBy(() -> StrategicMergePatch.diff(new JsonObject(), new JsonObject(), new GroupVersionKind("stable.example.com", "v1", "CronTab")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MergePatch");
  }
}
