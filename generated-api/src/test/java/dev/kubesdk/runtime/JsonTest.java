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
}
