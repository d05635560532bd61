package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static final Type MAP = new TypeToken<Map<String, Object>>() {}.getType();
  private static final Type BYTES_MAP = new TypeToken<Map<String, byte[]>>() {}.getType();

  @Test
  void bytesTravelAsBase64LikeSecretData() {
    Map<String, byte[]> data = Map.of("password", "hunter2".getBytes(StandardCharsets.UTF_8));

    assertThat(Json.serialize(data)).isEqualTo("{\"password\":\"aHVudGVyMg==\"}");
    Map<String, byte[]> back = Json.deserialize("{\"password\":\"aHVudGVyMg==\"}", BYTES_MAP);
    assertThat(back.get("password")).isEqualTo("hunter2".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void invalidBase64NamesThePath() {
    assertThatThrownBy(() -> Json.deserialize("{\"password\":\"%%%\"}", BYTES_MAP)).isInstanceOf(JsonParseException.class).hasMessageContaining("$.password");
  }

  @Test
  void integralNumbersInFreeFormJsonStayIntegral() {
    Map<String, Object> value = Json.deserialize("{\"replicas\":3,\"ratio\":0.5}", MAP);

    assertThat(value).containsEntry("replicas", 3L).containsEntry("ratio", 0.5);
  }

  /** A handwritten custom resource class, read by Gson's reflection. */
  static final class Backup {
    String name;
    java.time.OffsetDateTime takenAt;
  }

  @Test
  void handwrittenClassesWithTimeFieldsRoundTrip() {
    Backup backup = Json.deserialize("{\"name\":\"nightly\",\"takenAt\":\"2024-05-01T10:00:00Z\"}", Backup.class);

    assertThat(backup.takenAt).isEqualTo(java.time.OffsetDateTime.parse("2024-05-01T10:00:00Z"));
    assertThat(Json.serialize(backup)).isEqualTo("{\"name\":\"nightly\",\"takenAt\":\"2024-05-01T10:00:00Z\"}");
  }

  @Test
  void selectorsAreWrittenWithoutHtmlEscapes() {
    assertThat(Json.serialize(Map.of("selector", "a=b,c!=d,<e>&"))).isEqualTo("{\"selector\":\"a=b,c!=d,<e>&\"}");
  }

  private static final String POD =
      "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"labels\":{\"app\":\"caf\u00e9\"},"
          + "\"managedFields\":[{\"fieldsV1\":{\"f:metadata\":{\"f:labels\":{\".\":{}}}},\"manager\":\"kubectl\"}],\"name\":\"web-0\"},"
          + "\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"web\",\"resources\":{\"limits\":{\"cpu\":\"500m\"}}}]},"
          + "\"futureField\":{\"x\":[1,2.5,\"\\u2028\"]}}";

  private static java.io.InputStream bytes(String json) {
    return new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aModelReadFromBytesEqualsTheModelReadFromText() {
    dev.kubesdk.api.model.V1Pod fromBytes = Json.deserialize(bytes(POD), dev.kubesdk.api.model.V1Pod.class);

    assertThat(fromBytes).isEqualTo(Json.deserialize(POD, dev.kubesdk.api.model.V1Pod.class));
    assertThat(fromBytes.getMetadata().getLabels()).containsEntry("app", "caf\u00e9");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Json.serialize(fromBytes, out);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(Json.serialize(fromBytes)).isEqualTo(POD);
  }

  /** A handwritten custom resource class with a map, which Gson's map adapter reads. */
  static final class Labelled {
    Map<String, String> labels;
  }

  @Test
  void handwrittenClassesWithMapsAreReadFromBytesToo() {
    Labelled value = Json.deserialize(bytes("{\"labels\":{\"app\":\"web\",\"tier\":\"\u00e9\"}}"), Labelled.class);

    assertThat(value.labels).containsExactly(Map.entry("app", "web"), Map.entry("tier", "\u00e9"));
  }

  @Test
  void anEmptyStreamHoldsNoValueAndTrailingTextIsRefused() {
    assertThat(Json.<Object>deserialize(bytes(" \n"), dev.kubesdk.api.model.V1Pod.class)).isNull();
    assertThat(Json.<Object>deserialize(bytes(""), MAP)).isNull();
    assertThatThrownBy(() -> Json.deserialize(bytes("{} {}"), dev.kubesdk.api.model.V1Pod.class))
        .isInstanceOf(com.google.gson.JsonSyntaxException.class);
    assertThatThrownBy(() -> Json.deserialize(bytes("{\"metadata\":"), dev.kubesdk.api.model.V1Pod.class))
        .isInstanceOf(JsonParseException.class);
  }

  @Test
  void aStreamThatFailsIsAnIoFailureNotASyntaxError() {
    java.io.InputStream broken = new java.io.SequenceInputStream(bytes("{\"metadata\":{\"name\":\"a"), new java.io.InputStream() {
      @Override
      public int read() throws java.io.IOException {
        throw new java.io.IOException("connection reset");
      }
    });

    assertThatThrownBy(() -> Json.deserialize(broken, dev.kubesdk.api.model.V1Pod.class))
        .isInstanceOf(JsonParseException.class)
        .cause().isInstanceOf(java.io.IOException.class).isNotInstanceOf(com.google.gson.stream.MalformedJsonException.class);
  }
}
