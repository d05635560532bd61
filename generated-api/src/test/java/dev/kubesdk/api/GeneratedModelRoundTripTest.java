package dev.kubesdk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kubesdk.runtime.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every generated model reads and writes a JSON document in which every property is set, through the
 * runtime's Gson, without losing or changing anything, including fields the model does not declare.
 */
class GeneratedModelRoundTripTest {
  private static JsonObject spec;

  @BeforeAll
  static void readProcessedSpec() throws IOException {
    spec = SampleJson.processedSpec();
  }

  @TestFactory
  Stream<DynamicTest> everyModelRoundTripsASampleWithEveryPropertySet() {
    SampleJson samples = new SampleJson(spec);
    List<String> definitions = new ArrayList<>(spec.getAsJsonObject("definitions").keySet());
    assertThat(definitions).hasSizeGreaterThan(800);
    return definitions.stream()
        .map(
            definition ->
                dynamicTest(
                    definition,
                    () -> {
                      Class<?> model = Class.forName("dev.kubesdk.api.model." + definition);
                      JsonObject sample = samples.of(definition);
                      String text = sample.toString();

                      Object parsed = Json.gson().fromJson(text, model);
                      JsonElement written = JsonParser.parseString(Json.gson().toJson(parsed));

                      assertThat(parsed).isInstanceOf(model);
                      assertThat(SampleJson.canonical(written)).isEqualTo(SampleJson.canonical(sample));
                      // equals() and hashCode() agree with the JSON: a second read gives an equal object.
                      Object again = Json.gson().fromJson(written, model);
                      assertThat(again).isEqualTo(parsed).hasSameHashCodeAs(parsed);
                    }));
  }

  @Test
  void unknownFieldsAreKeptAndWrittenBack() {
    String json =
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"futureField\":{\"a\":[1,2.50,null]},"
            + "\"metadata\":{\"name\":\"cart\",\"futureMetaField\":\"x\"}}";

    dev.kubesdk.api.model.V1Pod pod = Json.gson().fromJson(json, dev.kubesdk.api.model.V1Pod.class);

    assertThat(pod.getUnknownFields()).containsOnlyKeys("futureField");
    assertThat(pod.getMetadata().getUnknownFields()).containsOnlyKeys("futureMetaField");
    assertThat(SampleJson.canonical(JsonParser.parseString(Json.gson().toJson(pod))))
        .isEqualTo(SampleJson.canonical(JsonParser.parseString(json)));
  }

  @Test
  void aModelEqualsAnotherOnlyWhenItsUnknownFieldsAreEqualToo() {
    dev.kubesdk.api.model.V1Pod one =
        Json.gson().fromJson("{\"kind\":\"Pod\",\"extra\":1}", dev.kubesdk.api.model.V1Pod.class);
    dev.kubesdk.api.model.V1Pod other =
        Json.gson().fromJson("{\"kind\":\"Pod\",\"extra\":2}", dev.kubesdk.api.model.V1Pod.class);

    assertThat(one).isNotEqualTo(other);
  }
}
