package dev.kubesdk.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SensitiveFieldsTest {
  private static JsonObject processed() {
    JsonObject spec = Fragments.miniSpec();
    PrimitiveTypes.inline(spec);
    ModelNames.rename(spec);
    SensitiveFields.mark(spec);
    return spec;
  }

  /** {@code Definition.property} of every property marked wholly sensitive. */
  private static List<String> sensitive(JsonObject spec) {
    List<String> result = new ArrayList<>();
    for (Map.Entry<String, com.google.gson.JsonElement> definition : SpecTree.definitions(spec).entrySet()) {
      JsonObject properties = definition.getValue().getAsJsonObject().getAsJsonObject("properties");
      if (properties == null) {
        continue;
      }
      properties.entrySet().stream()
          .filter(p -> p.getValue().getAsJsonObject().has(Extensions.SENSITIVE))
          .forEach(p -> result.add(definition.getKey() + "." + p.getKey()));
    }
    return result;
  }

  @Test
  void theMapsOfACoreSecretAndTextNamedLikeACredentialAreSecret() {
    assertThat(sensitive(processed()))
        .containsExactlyInAnyOrder(
            "V1Secret.data", "V1Secret.stringData", "V1TokenReviewSpec.token", "V1ServiceAccount.bootstrapToken");
  }

  @Test
  void flagsReferencesAndOtherSecretFieldsAreNotSecret() {
    JsonObject spec = processed();

    assertThat(sensitive(spec))
        .doesNotContain(
            "V1ServiceAccount.automountServiceAccountToken",
            "V1ServiceAccount.secretRef",
            "V1Secret.type",
            "V1TokenReviewSpec.audiences");
  }

  @Test
  void annotationsRedactTheLastAppliedConfigurationOnly() {
    JsonObject annotations =
        SpecTree.definitions(processed())
            .getAsJsonObject("V1ObjectMeta")
            .getAsJsonObject("properties")
            .getAsJsonObject("annotations");

    assertThat(annotations.has(Extensions.SENSITIVE)).isFalse();
    assertThat(annotations.getAsJsonArray(Extensions.SENSITIVE_KEYS))
        .extracting(key -> key.getAsString())
        .containsExactly("kubectl.kubernetes.io/last-applied-configuration");
  }

  @Test
  void aMapOfAKindNamedSecretInAnotherGroupIsNotSecretData() {
    JsonObject spec =
        Fragments.json(
            "{'definitions': {"
                + "'V1Secret': {'properties': {'data': {'type': 'object', 'additionalProperties': {'type': 'string'}}},"
                + " 'x-kubernetes-group-version-kind': [{'group': '', 'kind': 'Secret', 'version': 'v1'}]},"
                + "'V1ObjectMeta': {'properties': {'annotations': {'type': 'object', 'additionalProperties': {'type': 'string'}}}},"
                + "'VaultV1Secret': {'properties': {'labels': {'type': 'object', 'additionalProperties': {'type': 'string'}}},"
                + " 'x-kubernetes-group-version-kind': [{'group': 'vault.example.com', 'kind': 'Secret', 'version': 'v1'}]}}}");

    SensitiveFields.mark(spec);

    assertThat(sensitive(spec)).containsExactly("V1Secret.data");
  }

  @Test
  void aSpecWhoseSecretHasNoMapFailsTheBuild() {
    JsonObject spec =
        Fragments.json(
            "{'definitions': {'V1Secret': {'properties': {'payload': {'type': 'string'}},"
                + " 'x-kubernetes-group-version-kind': [{'group': '', 'kind': 'Secret', 'version': 'v1'}]},"
                + "'V1ObjectMeta': {'properties': {'annotations': {'type': 'object', 'additionalProperties': {'type': 'string'}}}}}}");

    assertThatThrownBy(() -> SensitiveFields.mark(spec))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("core/v1 kind Secret has a map property")
        .hasMessageContaining("update SensitiveFields");
  }

  @Test
  void aSpecWithoutAnnotationsFailsTheBuild() {
    JsonObject spec =
        Fragments.json(
            "{'definitions': {'V1Secret': {'properties': {'data': {'type': 'object', 'additionalProperties': {'type': 'string'}}},"
                + " 'x-kubernetes-group-version-kind': [{'group': '', 'kind': 'Secret', 'version': 'v1'}]}}}");

    assertThatThrownBy(() -> SensitiveFields.mark(spec))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("string map named annotations")
        .hasMessageContaining("last-applied-configuration");
  }
}
