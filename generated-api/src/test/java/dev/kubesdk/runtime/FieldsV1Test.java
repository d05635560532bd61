package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;
import org.junit.jupiter.api.Test;

class FieldsV1Test {
  private static final Gson GSON = new Gson();

  /** What the server writes for a Deployment's container list: keyed entries, sets, empty leaves. */
  private static final String DEPLOYMENT_FIELDS =
      "{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{\"f:template\":{\"f:spec\":"
          + "{\"f:containers\":{\"k:{\\\"name\\\":\\\"web\\\"}\":{\".\":{},\"f:env\":{\"k:{\\\"name\\\":"
          + "\\\"POD_NAME\\\"}\":{\".\":{},\"f:valueFrom\":{}}},\"f:ports\":{\"k:{\\\"containerPort\\\":"
          + "8080,\\\"protocol\\\":\\\"TCP\\\"}\":{}}}}}}},\"f:finalizers\":{\"v:\\\"example.com/x\\\"\":{}}}";

  /** A holder like a generated model's field, to see the adapter through a field and its path. */
  static final class Entry {
    @SerializedName("manager")
    String manager;

    @SerializedName("fieldsV1")
    FieldsV1 fieldsV1;
  }

  @Test
  void compactTextReadsAndWritesBackByteForByte() {
    String entry = "{\"manager\":\"kubectl\",\"fieldsV1\":" + DEPLOYMENT_FIELDS + "}";

    Entry read = GSON.fromJson(entry, Entry.class);

    assertThat(read.fieldsV1.json()).isEqualTo(DEPLOYMENT_FIELDS);
    assertThat(GSON.toJson(read)).isEqualTo(entry);
  }

  @Test
  void ofKeepsCompactTextAsItIs() {
    assertThat(FieldsV1.of(DEPLOYMENT_FIELDS).json()).isEqualTo(DEPLOYMENT_FIELDS);
    assertThat(FieldsV1.of("{}").json()).isEqualTo("{}");
  }

  @Test
  void keysWithEscapedQuotesKeepTheirMeaning() {
    FieldsV1 fields = FieldsV1.of(DEPLOYMENT_FIELDS);

    JsonObject containers =
        fields.asJsonObject()
            .getAsJsonObject("f:spec")
            .getAsJsonObject("f:template")
            .getAsJsonObject("f:spec")
            .getAsJsonObject("f:containers");
    assertThat(containers.keySet()).containsExactly("k:{\"name\":\"web\"}");
    assertThat(containers.getAsJsonObject("k:{\"name\":\"web\"}").getAsJsonObject("f:env").keySet())
        .containsExactly("k:{\"name\":\"POD_NAME\"}");
    assertThat(fields.asJsonObject().getAsJsonObject("f:finalizers").keySet())
        .containsExactly("v:\"example.com/x\"");
  }

  @Test
  void unicodeInKeysAndValuesSurvivesTheRoundTrip() {
    String json = "{\"f:metadata\":{\"f:annotations\":{\"f:caf\u00e9.example.com/\u65e5\u672c\":{},"
        + "\"f:emoji-\ud83d\ude80\":{}}}}";

    FieldsV1 fields = FieldsV1.of(json);

    assertThat(fields.json()).isEqualTo(json);
    assertThat(GSON.toJson(fields)).isEqualTo(json);
    assertThat(fields.asJsonObject().getAsJsonObject("f:metadata").getAsJsonObject("f:annotations").keySet())
        .containsExactly("f:caf\u00e9.example.com/\u65e5\u672c", "f:emoji-\ud83d\ude80");
  }

  @Test
  void whiteSpaceIsDroppedAndEscapesAreKeptAsWritten() {
    FieldsV1 spaced = FieldsV1.of("{ \"f:a\" : { \"f:b\" : {} } ,\n \"f:\\u00e9\": {} }");

    assertThat(spaced.json()).isEqualTo("{\"f:a\":{\"f:b\":{}},\"f:\\u00e9\":{}}");
    assertThat(spaced.asJsonObject().keySet()).containsExactly("f:a", "f:\u00e9");
    assertThat(spaced).isEqualTo(FieldsV1.of("{\"f:a\":{\"f:b\":{}},\"f:\\u00e9\":{}}"));
  }

  @Test
  void scalarsAndArraysInsideAreCopiedAsWritten() {
    String json = "{\"n\":1.50,\"big\":12345678901234567890,\"e\":-2E+3,\"t\":true,\"z\":null,"
        + "\"a\":[1,\"two\",[],{}]}";

    assertThat(FieldsV1.of(json).json()).isEqualTo(json);
    assertThat(GSON.toJson(GSON.fromJson(json, FieldsV1.class))).isEqualTo(json);
  }

  @Test
  void asJsonObjectGivesANewTreeEachTime() {
    FieldsV1 fields = FieldsV1.of("{\"f:a\":{}}");

    fields.asJsonObject().add("f:b", new JsonObject());

    assertThat(fields.asJsonObject().keySet()).containsExactly("f:a");
    assertThat(fields.json()).isEqualTo("{\"f:a\":{}}");
  }

  @Test
  void aTreeBecomesTheSameValueAsItsText() {
    JsonObject tree = new JsonObject();
    tree.add("f:spec", new JsonObject());

    assertThat(FieldsV1.of(tree)).isEqualTo(FieldsV1.of("{\"f:spec\":{}}"));
  }

  @Test
  void equalTextsAreEqualValuesAndOtherTextsAreNot() {
    assertThat(FieldsV1.of(DEPLOYMENT_FIELDS))
        .isEqualTo(FieldsV1.of(DEPLOYMENT_FIELDS))
        .hasSameHashCodeAs(FieldsV1.of(DEPLOYMENT_FIELDS));
    assertThat(FieldsV1.of("{\"f:a\":{},\"f:b\":{}}")).isNotEqualTo(FieldsV1.of("{\"f:b\":{},\"f:a\":{}}"));
  }

  @Test
  void toStringShowsShortTextWhole() {
    assertThat(FieldsV1.of("{\"f:spec\":{}}")).hasToString("{\"f:spec\":{}}");
  }

  @Test
  void toStringCutsLongTextAndNamesItsLength() {
    String text = FieldsV1.of(DEPLOYMENT_FIELDS).toString();

    assertThat(text)
        .startsWith(DEPLOYMENT_FIELDS.substring(0, 80))
        .endsWith("... (" + DEPLOYMENT_FIELDS.length() + " chars)")
        .hasSizeLessThan(DEPLOYMENT_FIELDS.length());
  }

  @Test
  void ofRefusesWhatIsNotOneJsonObject() {
    assertThatThrownBy(() -> FieldsV1.of("[]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an object");
    assertThatThrownBy(() -> FieldsV1.of("\"f:a\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an object");
    assertThatThrownBy(() -> FieldsV1.of("{\"f:a\":"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not well-formed");
    assertThatThrownBy(() -> FieldsV1.of("{f:a: {}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not well-formed");
    assertThatThrownBy(() -> FieldsV1.of("{} {}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one JSON object");
    assertThatThrownBy(() -> FieldsV1.of(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not well-formed");
    assertThatThrownBy(() -> FieldsV1.of((String) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("json is null");
  }

  @Test
  void readingAValueThatIsNotAnObjectNamesItsPath() {
    assertThatThrownBy(() -> GSON.fromJson("{\"fieldsV1\":[1]}", Entry.class))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("$.fieldsV1")
        .hasMessageContaining("expected an object");
  }

  @Test
  void nullReadsAsNullAndIsNotWritten() {
    Entry read = GSON.fromJson("{\"manager\":\"m\",\"fieldsV1\":null}", Entry.class);

    assertThat(read.fieldsV1).isNull();
    assertThat(GSON.toJson(read)).isEqualTo("{\"manager\":\"m\"}");
  }

  @Test
  void aTreeOfAModelHoldingFieldsV1HasTheSameObject() {
    Entry entry = new Entry();
    entry.manager = "m";
    entry.fieldsV1 = FieldsV1.of(DEPLOYMENT_FIELDS);

    JsonElement tree = GSON.toJsonTree(entry);

    assertThat(tree.getAsJsonObject().get("fieldsV1")).isEqualTo(JsonParser.parseString(DEPLOYMENT_FIELDS));
  }

  @Test
  void aTreeReadsIntoTheSameValueAsTheText() {
    JsonElement tree = JsonParser.parseString("{\"fieldsV1\":" + DEPLOYMENT_FIELDS + "}");

    Entry read = GSON.fromJson(tree, Entry.class);

    assertThat(read.fieldsV1).isEqualTo(FieldsV1.of(DEPLOYMENT_FIELDS));
  }
}
