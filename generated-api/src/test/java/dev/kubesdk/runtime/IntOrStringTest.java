package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntOrStringTest {
  private static final Gson GSON = new Gson();

  /** A holder like a generated model's field, to see the adapter through a field and its path. */
  static final class Port {
    @SerializedName("targetPort")
    IntOrString targetPort;
  }

  @Test
  void intHoldsAnInteger() {
    IntOrString port = IntOrString.of(8080);

    assertThat(port.isInt()).isTrue();
    assertThat(port.intValue()).isEqualTo(8080);
    assertThat(port).hasToString("8080");
  }

  @Test
  void stringHoldsAString() {
    IntOrString port = IntOrString.of("http");

    assertThat(port.isInt()).isFalse();
    assertThat(port.stringValue()).isEqualTo("http");
    assertThat(port).hasToString("http");
  }

  @Test
  void askingForTheOtherKindSaysWhichKindIsHeld() {
    assertThatThrownBy(() -> IntOrString.of("25%").intValue())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("\"25%\"")
        .hasMessageContaining("isInt()");
    assertThatThrownBy(() -> IntOrString.of(3).stringValue())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("integer 3")
        .hasMessageContaining("isInt()");
  }

  @Test
  void anIntegerAndItsDigitsAsAStringAreDifferentValues() {
    assertThat(IntOrString.of(8080)).isNotEqualTo(IntOrString.of("8080"));
    assertThat(IntOrString.of(8080))
        .isEqualTo(IntOrString.of(8080))
        .hasSameHashCodeAs(IntOrString.of(8080));
    assertThat(IntOrString.of("http")).isEqualTo(IntOrString.of("http"));
  }

  @Test
  void jsonNumberReadsAsIntAndIsWrittenAsANumber() {
    Port port = GSON.fromJson("{\"targetPort\":8080}", Port.class);

    assertThat(port.targetPort).isEqualTo(IntOrString.of(8080));
    assertThat(GSON.toJson(port)).isEqualTo("{\"targetPort\":8080}");
  }

  @Test
  void jsonStringReadsAsStringAndIsWrittenAsAString() {
    Port port = GSON.fromJson("{\"targetPort\":\"8080\"}", Port.class);

    assertThat(port.targetPort).isEqualTo(IntOrString.of("8080"));
    assertThat(GSON.toJson(port)).isEqualTo("{\"targetPort\":\"8080\"}");
  }

  @Test
  void jsonNullReadsAsNullAndNullIsWrittenAsJsonNull() {
    assertThat(GSON.fromJson("{\"targetPort\":null}", Port.class).targetPort).isNull();
    assertThat(GSON.getAdapter(IntOrString.class).toJson(null)).isEqualTo("null");
  }

  @Test
  void numbersThatAreNotThirtyTwoBitIntegersAreRejectedWithTheirPath() {
    for (String number : new String[] {"1.5", "1.0", "1e3", "2147483648", "-2147483649"}) {
      assertThatThrownBy(() -> GSON.fromJson("{\"targetPort\":" + number + "}", Port.class))
          .as(number)
          .isInstanceOf(JsonParseException.class)
          .hasMessageContaining("$.targetPort")
          .hasMessageContaining(number);
    }
  }

  @Test
  void otherJsonTypesAreRejectedWithTheirPath() {
    assertThatThrownBy(() -> GSON.fromJson("{\"targetPort\":true}", Port.class))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("$.targetPort")
        .hasMessageContaining("BOOLEAN");
    assertThatThrownBy(() -> GSON.fromJson("{\"targetPort\":{}}", Port.class))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("BEGIN_OBJECT");
  }

  /** Fixed, so every run tries the same inputs; a failure names it with the case that failed. */
  private static final long SEED = 0x5eed_1c05L;

  private static final int[] EDGE_INTEGERS = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE};

  @Test
  void everyIntegerRoundTripsAsANumber() {
    SeededCases.of(SEED, 1000, IntOrStringTest::anyInteger)
        .check(
            value -> {
              String json = GSON.toJson(IntOrString.of(value));

              assertThat(json).isEqualTo(Integer.toString(value));
              assertThat(GSON.fromJson(json, IntOrString.class)).isEqualTo(IntOrString.of(value));
            });
  }

  @Test
  void everyStringRoundTripsAsAString() {
    SeededCases.of(SEED, 1000, SeededCases::unicodeString)
        .check(
            value -> {
              String json = GSON.toJson(IntOrString.of(value));

              assertThat(json).startsWith("\"");
              assertThat(GSON.fromJson(json, IntOrString.class)).isEqualTo(IntOrString.of(value));
            });
  }

  /** Any int, small ones and the extremes more often than a uniform draw would give them. */
  private static int anyInteger(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> EDGE_INTEGERS[random.nextInt(EDGE_INTEGERS.length)];
      case 1, 2 -> random.nextInt(2001) - 1000;
      default -> random.nextInt();
    };
  }
}
