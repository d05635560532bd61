package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kubesdk.api.ApiextensionsV1Api;
import dev.kubesdk.api.model.V1CustomResourceDefinition;
import dev.kubesdk.api.model.V1CustomResourceDefinitionNames;
import dev.kubesdk.api.model.V1CustomResourceDefinitionSpec;
import dev.kubesdk.api.model.V1CustomResourceDefinitionVersion;
import dev.kubesdk.api.model.V1CustomResourceSubresourceScale;
import dev.kubesdk.api.model.V1CustomResourceSubresources;
import dev.kubesdk.api.model.V1CustomResourceValidation;
import dev.kubesdk.api.model.V1JSONSchemaProps;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiException;
import dev.kubesdk.runtime.ApiRequest;
import dev.kubesdk.runtime.InvalidException;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.runtime.V1Patch;
import dev.kubesdk.runtime.Watch;
import dev.kubesdk.runtime.WatchEvent;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A CustomResourceDefinition made with the generated models, and its objects read and written as
 * JSON through the {@link ApiClient} (there is no generated API for a kind the spec does not know).
 */
@KubernetesTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomResourceIT {
  static final String VERSION = "v1";
  static final String PLURAL = "widgets";

  private ApiClient client;
  private ApiextensionsV1Api extensions;
  private String namespace;
  private String group;
  private V1CustomResourceDefinition created;

  @BeforeAll
  void createTheDefinition(ApiClient client, @TestNamespace String namespace) {
    this.client = client;
    this.extensions = new ApiextensionsV1Api(client);
    this.namespace = namespace;
    // A group of its own, so a definition left by an aborted run never collides with this one.
    this.group = E2e.name("g").replace("-", "") + ".e2e.kubesdk.dev";
    this.created = extensions.createCustomResourceDefinition(widgetDefinition(group)).execute();
    awaitEstablished(extensions, created.getMetadata().getName());
    // Established means the handler is installed; the first list proves it answers.
    E2e.await("widgets to be served", () -> custom("GET", null, null, null));
  }

  @AfterAll
  void deleteTheDefinition() {
    if (created != null) {
      E2e.delete(client, extensions.deleteCustomResourceDefinition(created.getMetadata().getName()).toApiRequest());
    }
  }

  /** Widgets: namespaced, v1, spec.size (integer 1-10), spec.color, status and scale subresources. */
  static V1CustomResourceDefinition widgetDefinition(String group) {
    V1JSONSchemaProps spec =
        new V1JSONSchemaProps()
            .type("object")
            .properties(
                Map.of(
                    "size", new V1JSONSchemaProps().type("integer").minimum(1.0).maximum(10.0),
                    "color", new V1JSONSchemaProps().type("string"),
                    "replicas", new V1JSONSchemaProps().type("integer")));
    V1JSONSchemaProps status =
        new V1JSONSchemaProps()
            .type("object")
            .properties(Map.of("phase", new V1JSONSchemaProps().type("string"), "replicas", new V1JSONSchemaProps().type("integer")));
    return new V1CustomResourceDefinition()
        .metadata(new V1ObjectMeta().name(PLURAL + "." + group))
        .spec(
            new V1CustomResourceDefinitionSpec()
                .group(group)
                .scope("Namespaced")
                .names(new V1CustomResourceDefinitionNames().plural(PLURAL).singular("widget").kind("Widget").listKind("WidgetList"))
                .versions(
                    List.of(
                        new V1CustomResourceDefinitionVersion()
                            .name(VERSION)
                            .served(true)
                            .storage(true)
                            .schema(
                                new V1CustomResourceValidation()
                                    .openAPIV3Schema(
                                        new V1JSONSchemaProps()
                                            .type("object")
                                            .properties(Map.of("spec", spec, "status", status))))
                            .subresources(
                                new V1CustomResourceSubresources()
                                    .status(new JsonObject())
                                    .scale(
                                        new V1CustomResourceSubresourceScale()
                                            .specReplicasPath(".spec.replicas")
                                            .statusReplicasPath(".status.replicas"))))));
  }

  static void awaitEstablished(ApiextensionsV1Api extensions, String name) {
    E2e.await(
        "CustomResourceDefinition " + name + " to be Established",
        () -> {
          V1CustomResourceDefinition crd = extensions.readCustomResourceDefinition(name).execute();
          boolean established =
              crd.getStatus() != null
                  && crd.getStatus().getConditions() != null
                  && crd.getStatus().getConditions().stream()
                      .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
          return established ? crd : null;
        });
  }

  /** A call on widgets: the collection when {@code name} is null, {@code /status} etc. with {@code sub}. */
  private JsonObject custom(String method, String name, String sub, Object body) {
    return client.execute(request(method, name, sub, body).build(), JsonObject.class);
  }

  private ApiRequest.Builder request(String method, String name, String sub, Object body) {
    String path = "/apis/{group}/{version}/namespaces/{namespace}/{plural}" + (name == null ? "" : "/{name}") + (sub == null ? "" : "/" + sub);
    ApiRequest.Builder b =
        ApiRequest.builder(method, path)
            .pathParam("group", group)
            .pathParam("version", VERSION)
            .pathParam("namespace", namespace)
            .pathParam("plural", PLURAL)
            .body(body);
    if (name != null) {
      b.pathParam("name", name);
    }
    return b;
  }

  private JsonObject widget(String name, String spec) {
    return JsonParser.parseString(
            "{\"apiVersion\":\"" + group + "/" + VERSION + "\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"shape\":\"round\"}},\"spec\":" + spec + "}")
        .getAsJsonObject();
  }

  @Test
  void theDefinitionIsEstablishedWithTheAcceptedNames() {
    V1CustomResourceDefinition read = extensions.readCustomResourceDefinition(PLURAL + "." + group).execute();

    assertThat(read.getStatus().getAcceptedNames().getKind()).isEqualTo("Widget");
    assertThat(read.getStatus().getAcceptedNames().getPlural()).isEqualTo(PLURAL);
    assertThat(read.getStatus().getStoredVersions()).containsExactly(VERSION);
    assertThat(read.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties()).containsKeys("spec", "status");
  }

  @Test
  void aCustomObjectIsCreatedReadListedPatchedAndDeleted() {
    String name = E2e.name("widget");

    JsonObject createdWidget = custom("POST", null, null, widget(name, "{\"size\":3,\"color\":\"red\"}"));
    JsonObject read = custom("GET", name, null, null);
    JsonObject list = client.execute(request("GET", null, null, null).query("labelSelector", "shape=round").build(), JsonObject.class);
    JsonObject patched = custom("PATCH", name, null, V1Patch.merge("{\"spec\":{\"color\":\"blue\"}}"));
    custom("DELETE", name, null, null);

    assertThat(createdWidget.getAsJsonObject("metadata").get("uid").getAsString()).isNotBlank();
    assertThat(read.getAsJsonObject("spec").get("size").getAsInt()).isEqualTo(3);
    assertThat(list.get("kind").getAsString()).isEqualTo("WidgetList");
    assertThat(list.getAsJsonArray("items").asList())
        .anySatisfy(w -> assertThat(w.getAsJsonObject().getAsJsonObject("metadata").get("name").getAsString()).isEqualTo(name));
    assertThat(patched.getAsJsonObject("spec").get("color").getAsString()).isEqualTo("blue");
    assertThat(patched.getAsJsonObject("spec").get("size").getAsInt()).isEqualTo(3);
    assertThatThrownBy(() -> custom("GET", name, null, null)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void theSchemaRejectsAWrongTypeAndAnOutOfRangeValueWithACausePerField() {
    String name = E2e.name("widget-bad");

    assertThatThrownBy(() -> custom("POST", null, null, widget(name, "{\"size\":\"big\",\"replicas\":1}")))
        .isInstanceOfSatisfying(
            InvalidException.class,
            e -> assertThat(e.fieldCauses()).anySatisfy(c -> assertThat(c.field()).isEqualTo("spec.size")));
    assertThatThrownBy(() -> custom("POST", null, null, widget(name, "{\"size\":11}")))
        .isInstanceOfSatisfying(
            InvalidException.class,
            e -> assertThat(e.fieldCauses()).anySatisfy(c -> {
              assertThat(c.field()).isEqualTo("spec.size");
              assertThat(c.message()).contains("10");
            }));
  }

  @Test
  void unknownFieldsArePrunedOrRejectedWithStrictValidation() {
    String name = E2e.name("widget-unknown");

    JsonObject pruned = custom("POST", null, null, widget(name, "{\"size\":1,\"flavour\":\"lemon\"}"));

    assertThat(pruned.getAsJsonObject("spec").has("flavour")).isFalse();
    assertThat(custom("GET", name, null, null).getAsJsonObject("spec").has("flavour")).isFalse();
    String strict = E2e.name("widget-strict");
    assertThatThrownBy(
            () ->
                client.execute(
                    request("POST", null, null, widget(strict, "{\"size\":1,\"flavour\":\"lemon\"}"))
                        .query("fieldValidation", "Strict")
                        .build(),
                    JsonObject.class))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.statusMessage()).contains("unknown field \"spec.flavour\"");
            });
  }

  @Test
  void aStrategicMergePatchIsUnsupportedForCustomObjects() {
    String name = E2e.name("widget-smp");
    custom("POST", null, null, widget(name, "{\"size\":1}"));

    assertThatThrownBy(() -> custom("PATCH", name, null, V1Patch.strategicMerge("{\"spec\":{\"size\":2}}")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.statusCode()).isEqualTo(415));
  }

  @Test
  void theStatusAndScaleSubresourcesWorkForCustomObjects() {
    String name = E2e.name("widget-sub");
    custom("POST", null, null, widget(name, "{\"size\":2,\"replicas\":1}"));

    JsonObject status = custom("PATCH", name, "status", V1Patch.merge("{\"status\":{\"phase\":\"Ready\",\"replicas\":1},\"spec\":{\"size\":9}}"));
    JsonObject scale = custom("PATCH", name, "scale", V1Patch.merge("{\"spec\":{\"replicas\":4}}"));
    JsonObject read = custom("GET", name, null, null);

    assertThat(status.getAsJsonObject("status").get("phase").getAsString()).isEqualTo("Ready");
    assertThat(scale.get("kind").getAsString()).isEqualTo("Scale");
    assertThat(scale.getAsJsonObject("status").get("replicas").getAsInt()).isEqualTo(1);
    assertThat(read.getAsJsonObject("spec").get("replicas").getAsInt()).isEqualTo(4);
    assertThat(read.getAsJsonObject("spec").get("size").getAsInt()).as("spec written through /status is ignored").isEqualTo(2);
  }

  @Test
  void serverSideApplyOwnsCustomObjectFields() {
    String name = E2e.name("widget-apply");
    String body = widget(name, "{\"size\":5}").toString();

    JsonObject applied =
        client.execute(request("PATCH", name, null, V1Patch.apply(body)).query("fieldManager", "e2e-apply").build(), JsonObject.class);

    assertThat(applied.getAsJsonObject("spec").get("size").getAsInt()).isEqualTo(5);
    assertThat(applied.getAsJsonObject("metadata").getAsJsonArray("managedFields").asList())
        .anySatisfy(m -> {
          assertThat(m.getAsJsonObject().get("manager").getAsString()).isEqualTo("e2e-apply");
          assertThat(m.getAsJsonObject().get("operation").getAsString()).isEqualTo("Apply");
        });
  }

  @Test
  void aWatchOnCustomObjectsSeesTheirEvents() {
    String name = E2e.name("widget-watch");
    String from = custom("GET", null, null, null).getAsJsonObject("metadata").get("resourceVersion").getAsString();
    custom("POST", null, null, widget(name, "{\"size\":1}"));
    custom("DELETE", name, null, null);

    List<WatchEvent<JsonObject>> events = new ArrayList<>();
    try (Watch<JsonObject> watch =
        client.watch(
            request("GET", null, null, null)
                .query("fieldSelector", "metadata.name=" + name)
                .query("resourceVersion", from)
                .query("timeoutSeconds", 30)
                .build(),
            JsonObject.class)) {
      while (events.size() < 2 && watch.hasNext()) {
        events.add(watch.next());
      }
    }

    assertThat(events).extracting(WatchEvent::type).containsExactly(WatchEvent.Type.ADDED, WatchEvent.Type.DELETED);
    assertThat(events.get(0).object().getAsJsonObject("spec").get("size").getAsInt()).isEqualTo(1);
  }
}
