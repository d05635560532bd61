package dev.kubesdk.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class PrimitiveTypesTest {
  private static JsonObject property(JsonObject spec, String definition, String property) {
    return spec.getAsJsonObject("definitions").getAsJsonObject(definition).getAsJsonObject("properties")
        .getAsJsonObject(property);
  }

  @Test
  void timeBecomesADateTimeReadWithTheSecondsAdapterAndKeepsItsDescription() {
    JsonObject spec = Fragments.miniSpec();

    PrimitiveTypes.inline(spec);

    JsonObject created = property(spec, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "creationTimestamp");
    assertThat(created.get("type").getAsString()).isEqualTo("string");
    assertThat(created.get("format").getAsString()).isEqualTo("date-time");
    assertThat(created.get(Extensions.TIME).getAsString()).isEqualTo("TIME");
    assertThat(created.get("description").getAsString()).isEqualTo("When it was created.");
    assertThat(property(spec, "io.k8s.api.core.v1.Event", "eventTime").get(Extensions.TIME).getAsString())
        .isEqualTo("MICRO_TIME");
  }

  @Test
  void valueTypesBecomeStringFormatsTheGeneratorMapsToRuntimeTypes() {
    JsonObject spec = Fragments.miniSpec();

    PrimitiveTypes.inline(spec);

    assertThat(property(spec, "io.k8s.api.core.v1.Pod", "port").get("format").getAsString()).isEqualTo("int-or-string");
    assertThat(property(spec, "io.k8s.api.core.v1.Pod", "limits").getAsJsonObject("additionalProperties")
            .get("format").getAsString())
        .isEqualTo("quantity");
    assertThat(property(spec, "io.k8s.api.core.v1.Pod", "raw").get("format").getAsString()).isEqualTo("free-form-json");
    assertThat(property(spec, "io.k8s.api.core.v1.Pod", "fields").get("format").getAsString()).isEqualTo("fields-v1");
    assertThat(spec.getAsJsonObject("parameters").getAsJsonObject("body-patch").getAsJsonObject("schema")
            .get("format").getAsString())
        .isEqualTo("patch");
  }

  @Test
  void anEmptyObjectDefinitionBecomesFreeFormJson() {
    JsonObject spec = Fragments.miniSpec();

    PrimitiveTypes.inline(spec);

    assertThat(property(spec, "io.k8s.api.core.v1.Pod", "marker").get("format").getAsString()).isEqualTo("free-form-json");
    assertThat(spec.getAsJsonObject("definitions").keySet())
        .doesNotContain(
            "io.k8s.api.core.v1.Marker",
            "io.k8s.apimachinery.pkg.apis.meta.v1.Time",
            "io.k8s.apimachinery.pkg.runtime.RawExtension",
            "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1")
        .contains("io.k8s.api.core.v1.Pod");
  }
}
