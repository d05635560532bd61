package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class V1PatchTest {

  @Test
  void eachFactorySendsItsPatchLanguageAsTheContentType() {
    assertThat(V1Patch.json("[]").contentType()).isEqualTo("application/json-patch+json");
    assertThat(V1Patch.merge("{}").contentType()).isEqualTo("application/merge-patch+json");
    assertThat(V1Patch.strategicMerge("{}").contentType())
        .isEqualTo("application/strategic-merge-patch+json");
    assertThat(V1Patch.apply("kind: ConfigMap").contentType())
        .isEqualTo("application/apply-patch+yaml");
  }

  @Test
  void bodyIsSentExactlyAsGiven() {
    String body = "{ \"spec\" : {\"replicas\":3} }\n";

    assertThat(V1Patch.merge(body).body()).isSameAs(body);
  }

  @Test
  void patchesWithTheSameTypeAndBodyAreEqual() {
    assertThat(V1Patch.merge("{\"a\":1}"))
        .isEqualTo(V1Patch.merge("{\"a\":1}"))
        .hasSameHashCodeAs(V1Patch.merge("{\"a\":1}"))
        .isNotEqualTo(V1Patch.strategicMerge("{\"a\":1}"))
        .isNotEqualTo(V1Patch.merge("{\"a\":2}"));
  }

  @Test
  void toStringShowsTypeAndLengthButNeverTheBody() {
    V1Patch patch = V1Patch.merge("{\"data\":{\"password\":\"aHVudGVyMg==\"}}");

    assertThat(patch.toString())
        .isEqualTo("V1Patch{contentType=application/merge-patch+json, length=36}")
        .doesNotContain("aHVudGVyMg==")
        .doesNotContain("password");
  }

  @Test
  void blankBodyIsRejectedWithAnExample() {
    assertThatThrownBy(() -> V1Patch.json("  \n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank")
        .hasMessageContaining("\"op\":\"replace\"");
  }

  @Test
  void nullBodyNamesTheParameter() {
    assertThatThrownBy(() -> V1Patch.merge(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("body");
  }
}
