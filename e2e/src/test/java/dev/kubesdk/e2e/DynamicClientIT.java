package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kubesdk.api.model.V1Scale;
import dev.kubesdk.api.model.V1ScaleSpec;
import dev.kubesdk.controller.InformerFactory;
import dev.kubesdk.controller.Pager;
import dev.kubesdk.controller.SharedInformer;
import dev.kubesdk.manifests.Discovery;
import dev.kubesdk.manifests.DynamicClient;
import dev.kubesdk.manifests.GenericObject;
import dev.kubesdk.manifests.GroupVersionKind;
import dev.kubesdk.manifests.JsonPatch;
import dev.kubesdk.manifests.Manifests;
import dev.kubesdk.manifests.MergePatch;
import dev.kubesdk.manifests.NoMappingException;
import dev.kubesdk.manifests.RestMapper;
import dev.kubesdk.manifests.ServerSideApply;
import dev.kubesdk.manifests.StrategicMergePatch;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.CustomResources;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.runtime.V1Patch;
import dev.kubesdk.runtime.Watch;
import dev.kubesdk.runtime.WatchEvent;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every verb of the dynamic client, on a custom resource and on built-in kinds, against the real API server. */
@KubernetesTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamicClientIT {
  private ApiClient client;
  private String namespace;
  private String group;
  private DynamicClient dynamic;

  @BeforeAll
  void installTheDefinition(ApiClient client, @TestNamespace String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.group = E2e.name("d").replace("-", "") + ".e2e.kubesdk.dev";
    this.dynamic = DynamicClient.of(RestMapper.of(Discovery.builder(client).build()));
    String crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: gadgets.%s}
        spec:
          group: %s
          scope: Namespaced
          names: {plural: gadgets, singular: gadget, kind: Gadget}
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
              scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """.formatted(group, group);
    ServerSideApply.builder(dynamic.mapper(), "kubesdk-e2e").build().apply(Manifests.standard().parse(crd));
  }

  @AfterAll
  void deleteTheDefinition() {
    if (dynamic != null) {
      dynamic.resource(new GroupVersionKind("apiextensions.k8s.io", "v1", "CustomResourceDefinition")).delete("gadgets." + group);
    }
  }

  private JsonObject gadget(String name, int replicas) {
    return JsonParser.parseString("{\"apiVersion\":\"" + group + "/v1\",\"kind\":\"Gadget\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"kind\":\"gadget\"}},"
        + "\"spec\":{\"replicas\":" + replicas + ",\"color\":\"red\"}}").getAsJsonObject();
  }

  private static String text(JsonObject o, String path) {
    JsonObject at = o;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      at = at.getAsJsonObject(parts[i]);
    }
    return at.get(parts[parts.length - 1]).getAsString();
  }

  @Test
  void everyVerbWorksOnACustomResource() {
    CustomResources gadgets = dynamic.resource(new GroupVersionKind(group, "v1", "Gadget")).inNamespace(namespace);
    String name = E2e.name("g");

    JsonObject made = gadgets.create(gadget(name, 1));
    assertThat(GenericObject.of(made).namespace()).contains(namespace);
    assertThat(text(gadgets.get(name), "spec.color")).isEqualTo("red");
    assertThat(gadgets.list().labelSelector("kind=gadget").execute().getAsJsonArray("items")).hasSizeGreaterThanOrEqualTo(1);

    JsonObject replaced = gadgets.get(name);
    replaced.getAsJsonObject("spec").addProperty("color", "blue");
    assertThat(text(gadgets.replace(name, replaced), "spec.color")).isEqualTo("blue");

    JsonObject current = gadgets.get(name);
    JsonObject wanted = current.deepCopy();
    wanted.getAsJsonObject("spec").addProperty("color", "green");
    assertThat(text(gadgets.patch(name, MergePatch.diff(current, wanted)).execute(), "spec.color")).isEqualTo("green");
    assertThat(text(gadgets.patch(name, JsonPatch.builder().test("/spec/color", "green").replace("/spec/color", "black").build()).execute(), "spec.color")).isEqualTo("black");
    JsonObject applied = gadgets.patch(name, V1Patch.apply("{\"apiVersion\":\"" + group + "/v1\",\"kind\":\"Gadget\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"size\":9}}"))
        .fieldManager("kubesdk-e2e").force(true).execute();
    assertThat(text(applied, "spec.size")).isEqualTo("9");

    JsonObject withStatus = gadgets.get(name);
    withStatus.add("status", JsonParser.parseString("{\"replicas\":1}"));
    assertThat(text(gadgets.replaceStatus(name, withStatus), "status.replicas")).isEqualTo("1");
    assertThat(text(gadgets.getStatus(name), "status.replicas")).isEqualTo("1");
    assertThat(text(gadgets.patchStatus(name, V1Patch.merge("{\"status\":{\"replicas\":2}}")).execute(), "status.replicas")).isEqualTo("2");

    V1Scale scale = gadgets.getScale(name);
    assertThat(scale.getSpec().getReplicas()).isEqualTo(1);
    assertThat(gadgets.replaceScale(name, scale.spec(new V1ScaleSpec().replicas(3))).getSpec().getReplicas()).isEqualTo(3);
    gadgets.patchScale(name, V1Patch.merge("{\"spec\":{\"replicas\":4}}")).execute();
    assertThat(text(gadgets.get(name), "spec.replicas")).isEqualTo("4");

    // Strategic merge is for built-in kinds only; the server refuses it here, as for kubectl.
    assertThatThrownBy(() -> gadgets.patch(name, V1Patch.strategicMerge("{\"spec\":{}}")).execute()).hasMessageContaining("415");

    assertThat(gadgets.delete(name).getStatus()).isEqualTo("Success");
    assertThatThrownBy(() -> gadgets.get(name)).isInstanceOf(NotFoundException.class);

    gadgets.create(gadget(E2e.name("g"), 1));
    gadgets.create(gadget(E2e.name("g"), 1));
    gadgets.deleteCollection().labelSelector("kind=gadget").execute();
    E2e.await("the collection to be deleted", () -> gadgets.list().labelSelector("kind=gadget").execute().getAsJsonArray("items").isEmpty() ? true : null);
  }

  @Test
  void everyVerbWorksOnBuiltInKinds() {
    CustomResources configMaps = dynamic.resource(new GroupVersionKind("", "v1", "ConfigMap")).inNamespace(namespace);
    String name = E2e.name("cm");
    JsonObject cm = JsonParser.parseString("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"dyn\":\"yes\"}},\"data\":{\"a\":\"1\"}}").getAsJsonObject();

    configMaps.create(cm);
    assertThat(text(configMaps.get(name), "data.a")).isEqualTo("1");
    JsonObject read = configMaps.get(name);
    read.getAsJsonObject("data").addProperty("b", "2");
    assertThat(text(configMaps.replace(name, read), "data.b")).isEqualTo("2");
    assertThat(text(configMaps.patch(name, JsonPatch.builder().add("/data/c", "3").remove("/data/a").build()).execute(), "data.c")).isEqualTo("3");
    assertThat(text(configMaps.patch(name, V1Patch.merge("{\"data\":{\"d\":\"4\"}}")).execute(), "data.d")).isEqualTo("4");
    assertThat(text(configMaps.patch(name, V1Patch.strategicMerge("{\"data\":{\"e\":\"5\"}}")).execute(), "data.e")).isEqualTo("5");
    configMaps.patch(name, V1Patch.apply("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"f\":\"6\"}}")).fieldManager("kubesdk-e2e").execute();
    assertThat(text(configMaps.get(name), "data.f")).isEqualTo("6");

    // Deployments: status and scale subresources, and a strategic merge patch computed from two objects.
    CustomResources deployments = dynamic.resource(new GroupVersionKind("apps", "v1", "Deployment")).inNamespace(namespace);
    String web = E2e.name("web");
    JsonObject deployment = Manifests.standard().toJson(Manifests.standard().parse("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s}
        spec:
          replicas: 1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: web, image: "nginx:1.27"}
              - {name: sidecar, image: "busybox:1.36"}
        """.formatted(web)).get(0));
    JsonObject live = deployments.create(deployment);
    JsonObject wanted = live.deepCopy();
    JsonObject firstContainer = wanted.getAsJsonObject("spec").getAsJsonObject("template").getAsJsonObject("spec").getAsJsonArray("containers").get(0).getAsJsonObject();
    firstContainer.addProperty("image", "nginx:1.28");
    V1Patch strategic = StrategicMergePatch.diff(live, wanted, new GroupVersionKind("apps", "v1", "Deployment"));
    JsonObject patched = deployments.patch(web, strategic).execute();
    List<String> images = patched.getAsJsonObject("spec").getAsJsonObject("template").getAsJsonObject("spec").getAsJsonArray("containers").asList().stream()
        .map(c -> c.getAsJsonObject().get("image").getAsString()).toList();
    assertThat(images).containsExactly("nginx:1.28", "busybox:1.36");

    assertThat(deployments.getScale(web).getSpec().getReplicas()).isEqualTo(1);
    deployments.patchScale(web, V1Patch.merge("{\"spec\":{\"replicas\":2}}")).execute();
    assertThat(deployments.getScale(web).getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployments.getStatus(web).get("kind").getAsString()).isEqualTo("Deployment");

    configMaps.deleteCollection().labelSelector("dyn=yes").execute();
    E2e.await("the ConfigMap to be deleted", () -> configMaps.list().labelSelector("dyn=yes").execute().getAsJsonArray("items").isEmpty() ? true : null);
    deployments.delete(web);
  }

  @Test
  void watchPagerAndInformerAreTheSharedOnes() throws Exception {
    CustomResources gadgets = dynamic.resource(new GroupVersionKind(group, "v1", "Gadget")).inNamespace(namespace);
    String label = E2e.name("set");
    for (int i = 0; i < 5; i++) {
      JsonObject g = gadget(E2e.name("p"), 1);
      g.getAsJsonObject("metadata").getAsJsonObject("labels").addProperty("set", label);
      gadgets.create(g);
    }
    CustomResources.ListRequest list = gadgets.list().labelSelector("set=" + label);

    assertThat(Pager.builder(client, DynamicClient.listWatch(list)).pageSize(2).build().list()).hasSize(5);

    try (InformerFactory factory = InformerFactory.create(client)) {
      SharedInformer<JsonObject> informer = factory.informer(DynamicClient.listWatch(gadgets.list().labelSelector("set=" + label)));
      factory.start();
      assertThat(factory.awaitSynced(Duration.ofSeconds(30))).isTrue();
      assertThat(informer.store().list()).hasSize(5);
    }

    String rv = list.execute().getAsJsonObject("metadata").get("resourceVersion").getAsString();
    try (Watch<JsonObject> watch = gadgets.list().labelSelector("set=" + label).resourceVersion(rv).timeoutSeconds(30).watch()) {
      JsonObject g = gadget(E2e.name("w"), 1);
      g.getAsJsonObject("metadata").getAsJsonObject("labels").addProperty("set", label);
      gadgets.create(g);
      WatchEvent<JsonObject> event = watch.next();
      assertThat(event.type()).isEqualTo(WatchEvent.Type.ADDED);
    }
  }

  @Test
  void anUnknownKindIsANamedMiss() {
    assertThatThrownBy(() -> dynamic.resource(new GroupVersionKind(group, "v1", "Nothing")))
        .isInstanceOf(NoMappingException.class)
        .hasMessageContaining("Nothing")
        .hasMessageContaining("install the CRD");
  }
}
