package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kubesdk.api.ApiextensionsV1Api;
import dev.kubesdk.api.model.V1CustomResourceDefinition;
import dev.kubesdk.api.model.V1Status;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.CustomObjectsApi;
import dev.kubesdk.runtime.CustomResources;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.runtime.V1Patch;
import dev.kubesdk.runtime.Watch;
import dev.kubesdk.runtime.WatchEvent;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Custom objects through the generic {@link CustomObjectsApi}, against a real CRD. */
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

    JsonObject patched = widgets.patch(name, V1Patch.merge("{\"spec\":{\"size\":7}}"));
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

    JsonObject after = widgets.patchStatus(name, V1Patch.merge("{\"status\":{\"phase\":\"Ready\"}}"));

    assertThat(after.getAsJsonObject("status").get("phase").getAsString()).isEqualTo("Ready");
    // A status patch through the main resource is ignored by a CRD with a status subresource.
    widgets.patch(name, V1Patch.merge("{\"status\":{\"phase\":\"Ignored\"}}"));
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
}
