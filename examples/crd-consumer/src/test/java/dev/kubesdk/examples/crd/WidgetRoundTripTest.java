package dev.kubesdk.examples.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.v1.Widget;
import com.example.v1.WidgetApi;
import com.example.v1.WidgetList;
import com.example.v1.WidgetStatus;
import com.example.v1.WidgetStatusConditions;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kubesdk.api.ApiextensionsV1Api;
import dev.kubesdk.api.model.V1CustomResourceDefinition;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1Scale;
import dev.kubesdk.controller.InformerFactory;
import dev.kubesdk.controller.ListWatch;
import dev.kubesdk.controller.ObjectKey;
import dev.kubesdk.controller.SharedInformer;
import dev.kubesdk.manifests.Manifests;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiRequest;
import dev.kubesdk.runtime.ConflictException;
import dev.kubesdk.runtime.Json;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated classes against a real kube-apiserver: the CRD of src/main/crds is installed, a Widget
 * using every schema construct is created through the generated client, and the JSON the server answers
 * is read into the generated model and written again byte for byte.
 */
@KubernetesTest
class WidgetRoundTripTest {
  /** Every construct of the schema; the names of the fields the model does not declare sort last. */
  private static final String SPEC =
      "{\"class\":\"gold\",\"config\":{\"a\":[1,2.5,{\"b\":true}],\"c\":\"d\"},\"contact\":\"ops@example.com\","
          + "\"default\":\"x\",\"extra\":{\"known\":\"k\",\"unknown\":{\"deep\":1}},\"generation\":9007199254740993,"
          + "\"labels\":{\"a\":\"2\",\"z\":\"1\"},\"limits\":{\"cpu\":{\"max\":4,\"unit\":\"cores\"}},"
          + "\"max-surge\":{\"count\":1},\"maxSurge\":{\"percent\":25},\"memory\":\"1536Mi\","
          + "\"notBefore\":\"2026-01-02T03:04:05Z\",\"paused\":false,\"port\":8080,"
          + "\"ports\":[{\"containerPort\":80,\"name\":\"http\",\"protocol\":\"TCP\"}],\"ratio\":0.25,\"replicas\":3,"
          + "\"size\":\"small\",\"tags\":[\"b\",\"a\"],"
          + "\"template\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"t\"},\"stringData\":{\"k\":\"v\"}},"
          + "\"token\":\"aGVsbG8=\"}";

  @BeforeAll
  static void installCrd(ApiClient client) throws InterruptedException {
    V1CustomResourceDefinition crd =
        (V1CustomResourceDefinition) Manifests.standard().load(Path.of("src/main/crds/widgets.yaml")).get(0);
    ApiextensionsV1Api extensions = new ApiextensionsV1Api(client);
    try {
      extensions.createCustomResourceDefinition(crd).execute();
    } catch (ConflictException alreadyThere) {
      // an earlier run against the same cluster installed it
    }
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!established(extensions.readCustomResourceDefinition("widgets.example.com").execute())) {
      assertThat(Instant.now()).as("widgets.example.com Established within 30 s").isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private static boolean established(V1CustomResourceDefinition crd) {
    return crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  @Test
  void serverJsonRoundTripsByteForByteThroughTheGeneratedModel(ApiClient client, @TestNamespace String namespace) throws IOException {
    WidgetApi widgets = new WidgetApi(client).inNamespace(namespace);
    Widget sent =
        Json.deserialize(
            "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"every-construct\"},\"spec\":" + SPEC + "}",
            Widget.class);

    Widget created = widgets.create(sent);

    // What the server stored is what was sent: nothing pruned, defaulted or rewritten.
    assertThat(Json.serialize(created.getSpec())).isEqualTo(SPEC);
    String raw = rawGet(client, namespace, "every-construct");
    assertThat(Json.serialize(Json.deserialize(raw, Widget.class))).isEqualTo(raw);
    // The fields the model does not declare are there, kept as JSON.
    assertThat(created.getSpec().getExtra().getUnknownFields()).containsOnlyKeys("unknown");
    assertThat(created.getSpec().getTemplate().getUnknownFields()).containsOnlyKeys("stringData");
    assertThat(created.getSpec().getTemplate().getMetadata().getName()).isEqualTo("t");
    assertThat(created.getSpec().getMemory().toBigDecimal()).isEqualByComparingTo("1610612736");
    assertThat(created.getSpec().getPort().isInt()).isTrue();
  }

  @Test
  void statusScaleListAndDeleteThroughTheGeneratedClient(ApiClient client, @TestNamespace String namespace) throws IOException {
    WidgetApi widgets = new WidgetApi(client).inNamespace(namespace);
    Widget created = Widgets.createSmall(client, namespace, "small");
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(widgets.get("small").getSpec()).isEqualTo(created.getSpec());

    created.status(
        new WidgetStatus()
            .replicas(2)
            .phase("Running")
            .addConditionsItem(
                new WidgetStatusConditions()
                    .type("Ready")
                    .status("True")
                    .lastTransitionTime(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC))));
    Widget withStatus = widgets.replaceStatus("small", created);
    assertThat(withStatus.getStatus()).isEqualTo(created.getStatus());
    String raw = rawGet(client, namespace, "small");
    assertThat(Json.serialize(Json.deserialize(raw, Widget.class))).isEqualTo(raw);

    V1Scale scale = widgets.getScale("small");
    assertThat(scale.getSpec().getReplicas()).isEqualTo(2);

    WidgetList list = widgets.list().fieldSelector("metadata.name=small").execute();
    assertThat(list.getItems()).extracting(w -> w.getMetadata().getName()).containsExactly("small");
    assertThat(new WidgetApi(client).list().execute().getItems()).extracting(w -> w.getMetadata().getName()).contains("small");

    Widget applied =
        widgets.apply(new Widget().apiVersion(Widget.API_VERSION).kind(Widget.KIND).metadata(new V1ObjectMeta().name("small")).spec(created.getSpec().size("large")))
            .fieldManager("crd-consumer")
            .force(true)
            .execute();
    assertThat(applied.getSpec().getSize()).isEqualTo("large");

    assertThat(widgets.delete("small").getStatus()).isEqualTo("Success");
  }

  @Test
  void anInformerCachesTypedWidgets(ApiClient client, @TestNamespace String namespace) throws InterruptedException {
    WidgetApi widgets = new WidgetApi(client).inNamespace(namespace);
    try (InformerFactory factory = InformerFactory.create(client)) {
      SharedInformer<Widget> informer =
          factory.informer(ListWatch.of(widgets.list().toApiRequest(), Widget.class, Widget::getMetadata));
      factory.start();
      assertThat(factory.awaitSynced(Duration.ofSeconds(30))).as("informer synced").isTrue();

      Widgets.createSmall(client, namespace, "watched");

      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (informer.store().get(ObjectKey.of(namespace, "watched")).isEmpty()) {
        assertThat(Instant.now()).as("the informer sees widget watched within 30 s").isBefore(deadline);
        Thread.sleep(50);
      }
      Widget cached = informer.store().get(ObjectKey.of(namespace, "watched")).orElseThrow();
      assertThat(cached.getSpec().getSize()).isEqualTo("small");
      assertThat(cached.getSpec().getPorts()).extracting(p -> p.getContainerPort()).containsExactly(8080);
    }
  }

  /** The object exactly as the server writes it. */
  private static String rawGet(ApiClient client, String namespace, String name) throws IOException {
    ApiRequest get =
        ApiRequest.builder("GET", "/apis/example.com/v1/namespaces/{namespace}/widgets/{name}")
            .pathParam("namespace", namespace)
            .pathParam("name", name)
            .build();
    try (InputStream in = client.stream(get)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      JsonElement parsed = JsonParser.parseString(text);
      assertThat(parsed).isInstanceOf(JsonObject.class);
      return text;
    }
  }
}
