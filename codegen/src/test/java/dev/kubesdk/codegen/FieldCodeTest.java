package dev.kubesdk.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class FieldCodeTest {
  private static final UnaryOperator<String> SAME = name -> name;

  @Test
  void stringsAreReadStraightFromTheReader() {
    String code = FieldCode.read(FieldType.Scalar.STRING, "result.name = %s;", "");

    assertThat(code).contains("result.name = in.nextString();").contains("in.nextNull();").doesNotContain("JsonElement");
  }

  @Test
  void aListOfModelsIsReadElementByElementWithTheCachedAdapter() {
    FieldType containers = new FieldType.ListOf(FieldType.Adapted.viaGson("V1Container"));

    String read = FieldCode.read(containers, "result.containers = %s;", "");
    String write = FieldCode.writeNonNull(containers, "value.containers", "");

    assertThat(containers.declaration()).isEqualTo("List<V1Container>");
    assertThat(read)
        .contains("in.beginArray();")
        .contains("list0.add(adapterV1Container().read(in));")
        .contains("result.containers = list0;");
    assertThat(write)
        .startsWith("out.beginArray();")
        .contains("adapterV1Container().write(out, element0);");
  }

  @Test
  void aMapOfStringListsNestsLoopsWithDistinctNames() {
    FieldType extra = new FieldType.MapOf(new FieldType.ListOf(FieldType.Scalar.STRING));

    String read = FieldCode.read(extra, "result.extra = %s;", "");

    assertThat(extra.declaration()).isEqualTo("Map<String, List<String>>");
    assertThat(read).contains("String key0 = in.nextName();").contains("map0.put(key0, list1);").contains("list1.add(in.nextString());");
  }

  @Test
  void bytesAreBase64TextComparedByContentAndNeverPrinted() {
    FieldType data = new FieldType.MapOf(FieldType.Scalar.BYTES);

    assertThat(FieldCode.read(FieldType.Scalar.BYTES, "result.ca = %s;", ""))
        .contains("Base64.getDecoder().decode(in.nextString())");
    assertThat(FieldCode.equalsExpression(FieldType.Scalar.BYTES, "a", "b")).isEqualTo("Arrays.equals(a, b)");
    assertThat(FieldCode.equalsExpression(data, "a", "b")).contains("contentOf(a)");
    assertThat(FieldCode.toStringExpression(FieldType.Scalar.BYTES, "ca", false, List.of())).contains("bytes>").doesNotContain("encode");
    assertThat(FieldCode.toStringExpression(data, "data", true, List.of())).contains("<redacted>");
  }

  @Test
  void timesUseTheRuntimeAdapterNamedByTheExtension() {
    Schema<?> micro = new StringSchema().format("date-time");
    micro.addExtension(Extensions.TIME, "MICRO_TIME");

    FieldType type = FieldTypes.of(micro, "CoreV1Event", "eventTime", SAME);

    assertThat(type.declaration()).isEqualTo("OffsetDateTime");
    assertThat(FieldCode.read(type, "result.eventTime = %s;", "")).contains("DateTimes.MICRO_TIME.read(in)");
  }

  @Test
  void adaptersAreCollectedOncePerType() {
    Map<String, FieldType.Adapted> adapters = new LinkedHashMap<>();
    FieldCode.collectAdapters(new FieldType.MapOf(FieldType.Adapted.viaGson("Quantity")), adapters);
    FieldCode.collectAdapters(FieldType.Adapted.viaGson("Quantity"), adapters);
    FieldCode.collectAdapters(FieldType.Adapted.constant("OffsetDateTime", "DateTimes.TIME"), adapters);

    assertThat(adapters).containsOnlyKeys("adapterQuantity");
    assertThat(adapters.get("adapterQuantity").adapterInit()).isEqualTo("gson.getAdapter(Quantity.class)");
  }

  @Test
  void schemasMapToFieldTypes() {
    assertThat(FieldTypes.of(new Schema<>().$ref("#/components/schemas/V1ObjectMeta"), "V1Pod", "metadata", SAME))
        .isEqualTo(FieldType.Adapted.viaGson("V1ObjectMeta"));
    assertThat(FieldTypes.of(new ArraySchema().items(new Schema<>().type("integer").format("int64")), "D", "p", SAME)
            .declaration())
        .isEqualTo("List<Long>");
    assertThat(FieldTypes.of(new MapSchema().additionalProperties(new StringSchema().format("quantity")), "D", "p", SAME)
            .declaration())
        .isEqualTo("Map<String, Quantity>");
    assertThat(FieldTypes.of(new StringSchema().format("free-form-json"), "D", "p", SAME).declaration())
        .isEqualTo("JsonElement");
    assertThat(FieldTypes.of(new StringSchema().format("fields-v1"), "D", "p", SAME))
        .isEqualTo(FieldType.Adapted.viaGson("FieldsV1"));
  }

  @Test
  void anUnmappedSchemaFailsNamingTheDefinitionAndProperty() {
    assertThatThrownBy(() -> FieldTypes.of(new StringSchema().format("uuid"), "V1Pod", "uid", SAME))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("definition V1Pod, property uid")
        .hasMessageContaining("string format uuid");
    assertThatThrownBy(() -> FieldTypes.of(new Schema<>().type("object"), "V1Pod", "anything", SAME))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("free-form object");
  }

  @Test
  void aMapWithSensitiveKeysPrintsThroughTheRuntimeRedaction() {
    FieldType annotations = new FieldType.MapOf(FieldType.Scalar.STRING);

    String text =
        FieldCode.toStringExpression(annotations, "annotations", false, List.of("kubectl.kubernetes.io/x\"y"));

    assertThat(text)
        .isEqualTo(
            "dev.kubesdk.runtime.internal.Redaction.mapText(annotations, \"kubectl.kubernetes.io/x\\\"y\")");
    assertThatThrownBy(() -> FieldCode.toStringExpression(FieldType.Scalar.STRING, "name", false, List.of("k")))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("property name has sensitive keys but is not a map");
  }

  @Test
  void settersCopyListsAndMapsAndKeepOtherValues() {
    assertThat(FieldCode.copyIn(new FieldType.ListOf(FieldType.Scalar.STRING), "finalizers"))
        .isEqualTo("finalizers == null ? null : new ArrayList<>(finalizers)");
    assertThat(FieldCode.copyIn(new FieldType.MapOf(FieldType.Scalar.BYTES), "data"))
        .isEqualTo("data == null ? null : new LinkedHashMap<>(data)");
    assertThat(FieldCode.copyIn(FieldType.Adapted.viaGson("V1ObjectMeta"), "metadata")).isEqualTo("metadata");
  }
}
