package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kubesdk.api.ApiextensionsV1Api;
import dev.kubesdk.api.model.V1CustomResourceDefinition;
import dev.kubesdk.api.model.V1Status;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ConflictException;
import dev.kubesdk.runtime.CustomObjectsApi;
import dev.kubesdk.runtime.CustomResources;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.runtime.V1Patch;
import dev.kubesdk.runtime.Watch;
import dev.kubesdk.runtime.WatchEvent;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Custom objects through the generic {@link CustomObjectsApi}, against a real CRD, server-side apply included. */
@KubernetesTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomObjectsApiIT {
  private ApiextensionsV1Api extensions;
  private V1CustomResourceDefinition created;
  private CustomResources widgets;
  private String group;

  @BeforeAll
  void createTheDefinition(ApiClient client, @TestNamespace String namespace) {
    this.extensions = new ApiextensionsV1Api(client);
    this.group = E2e.name("c").replace("-", "") + ".e2e.kubesdk.dev";
    this.created = extensions.createCustomResourceDefinition(CustomResourceIT.widgetDefinition(group)).execute();
    CustomResourceIT.awaitEstablished(extensions, created.getMetadata().getName());
    this.widgets = new CustomObjectsApi(client).resource(group, CustomResourceIT.VERSION, CustomResourceIT.PLURAL).inNamespace(namespace);
    E2e.await("widgets to be served", () -> widgets.list().execute());
  }

  @AfterAll
  void deleteTheDefinition() {
    if (created != null) {
      extensions.deleteCustomResourceDefinition(created.getMetadata().getName()).execute();
    }
  }

  private JsonObject widget(String name, String color) {
    return JsonParser.parseString(
            "{\"apiVersion\":\"" + group + "/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"color\":\"" + color + "\"}},\"spec\":{\"size\":3,\"color\":\"" + color + "\"}}")
        .getAsJsonObject();
  }

  @Test
  void anObjectIsCreatedReadPatchedAndDeleted() {
    String name = E2e.name("w");
    JsonObject made = widgets.create(widget(name, "red"));
    assertThat(made.getAsJsonObject("metadata").get("uid").getAsString()).isNotEmpty();

    assertThat(widgets.get(name).getAsJsonObject("spec").get("size").getAsInt()).isEqualTo(3);

    JsonObject patched = widgets.patch(name, V1Patch.merge("{\"spec\":{\"size\":7}}")).execute();
    assertThat(patched.getAsJsonObject("spec").get("size").getAsInt()).isEqualTo(7);
    assertThat(widgets.get(name).getAsJsonObject("spec").get("size").getAsInt()).isEqualTo(7);

    V1Status deleted = widgets.delete(name);
    assertThat(deleted.getStatus()).isEqualTo("Success");
    assertThatThrownBy(() -> widgets.get(name)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aListIsFilteredByLabelOnTheServer() {
    String blue = E2e.name("blue");
    widgets.create(widget(blue, "blue"));
    widgets.create(widget(E2e.name("green"), "green"));

    JsonObject list = widgets.list().labelSelector("color=blue").execute();

    assertThat(list.get("kind").getAsString()).isEqualTo("WidgetList");
    assertThat(list.getAsJsonArray("items"))
        .extracting(item -> item.getAsJsonObject().getAsJsonObject("metadata").get("name").getAsString())
        .containsExactly(blue);
  }

  @Test
  void theStatusSubresourceIsPatchedSeparately() {
    String name = E2e.name("s");
    widgets.create(widget(name, "red"));

    JsonObject after = widgets.patchStatus(name, V1Patch.merge("{\"status\":{\"phase\":\"Ready\"}}")).execute();

    assertThat(after.getAsJsonObject("status").get("phase").getAsString()).isEqualTo("Ready");
    // A status patch through the main resource is ignored by a CRD with a status subresource.
    widgets.patch(name, V1Patch.merge("{\"status\":{\"phase\":\"Ignored\"}}")).execute();
    assertThat(widgets.get(name).getAsJsonObject("status").get("phase").getAsString()).isEqualTo("Ready");
  }

  @Test
  void aWatchFromTheListsResourceVersionSeesACreatedObject() {
    String resourceVersion = widgets.list().execute().getAsJsonObject("metadata").get("resourceVersion").getAsString();
    String name = E2e.name("watched");
    widgets.create(widget(name, "red"));

    try (Watch<JsonObject> watch = widgets.list().resourceVersion(resourceVersion).timeoutSeconds(30).watch()) {
      WatchEvent<JsonObject> event = watch.next();
      while (!event.object().getAsJsonObject("metadata").get("name").getAsString().equals(name)) {
        event = watch.next();
      }
      assertThat(event.type()).isEqualTo(WatchEvent.Type.ADDED);
    }
  }

  private V1Patch apply(String name, int size) {
    return V1Patch.apply(
        "{\"apiVersion\":\"" + group + "/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"" + name
            + "\"},\"spec\":{\"size\":" + size + "}}");
  }

  /** The managers whose entry in {@code managedFields} owns {@code spec.size}. */
  private static List<String> ownersOfSize(JsonObject object) {
    return object.getAsJsonObject("metadata").getAsJsonArray("managedFields").asList().stream()
        .map(JsonElement::getAsJsonObject)
        .filter(m -> m.has("fieldsV1") && m.getAsJsonObject("fieldsV1").has("f:spec")
            && m.getAsJsonObject("fieldsV1").getAsJsonObject("f:spec").has("f:size"))
        .map(m -> m.get("manager").getAsString() + "/" + m.get("operation").getAsString())
        .toList();
  }

  @Test
  void anApplyCreatesTheObjectAndRecordsItsManager() {
    String name = E2e.name("w");

    JsonObject applied = widgets.patch(name, apply(name, 5)).fieldManager("alice").execute();

    assertThat(applied.getAsJsonObject("spec").get("size").getAsInt()).isEqualTo(5);
    assertThat(ownersOfSize(applied)).containsExactly("alice/Apply");
    assertThat(widgets.get(name).getAsJsonObject("spec").get("size").getAsInt()).isEqualTo(5);
  }

  @Test
  void applyingAFieldAnotherManagerOwnsIsAConflictUntilForced() {
    String name = E2e.name("w");
    widgets.patch(name, apply(name, 5)).fieldManager("alice").execute();

    assertThatThrownBy(() -> widgets.patch(name, apply(name, 6)).fieldManager("bob").execute())
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.status().orElseThrow().getDetails().getCauses())
                .anySatisfy(c -> {
                  assertThat(c.getReason()).isEqualTo("FieldManagerConflict");
                  assertThat(c.getField()).isEqualTo(".spec.size");
                }));
    assertThat(widgets.get(name).getAsJsonObject("spec").get("size").getAsInt()).isEqualTo(5);

    JsonObject forced = widgets.patch(name, apply(name, 6)).fieldManager("bob").force(true).execute();

    assertThat(forced.getAsJsonObject("spec").get("size").getAsInt()).isEqualTo(6);
    assertThat(ownersOfSize(forced)).containsExactly("bob/Apply");
  }

  @Test
  void aDryRunApplyAnswersWithTheObjectButStoresNothing() {
    String name = E2e.name("w");

    JsonObject answer = widgets.patch(name, apply(name, 3)).fieldManager("alice").dryRun("All").execute();

    assertThat(answer.getAsJsonObject("spec").get("size").getAsInt()).isEqualTo(3);
    assertThatThrownBy(() -> widgets.get(name)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void theStatusIsAppliedByItsOwnManager() {
    String name = E2e.name("w");
    widgets.patch(name, apply(name, 2)).fieldManager("alice").execute();

    JsonObject after =
        widgets
            .patchStatus(
                name,
                V1Patch.apply(
                    "{\"apiVersion\":\"" + group + "/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"" + name
                        + "\"},\"status\":{\"phase\":\"Ready\"}}"))
            .fieldManager("widget-controller")
            .execute();

    assertThat(after.getAsJsonObject("status").get("phase").getAsString()).isEqualTo("Ready");
    assertThat(after.getAsJsonObject("metadata").getAsJsonArray("managedFields").asList())
        .anySatisfy(m -> {
          assertThat(m.getAsJsonObject().get("manager").getAsString()).isEqualTo("widget-controller");
          assertThat(m.getAsJsonObject().get("subresource").getAsString()).isEqualTo("status");
        });
  }
}
