package dev.kubesdk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1TokenRequestStatus;
import dev.kubesdk.api.model.V1TokenReviewSpec;
import dev.kubesdk.runtime.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * No generated model prints a secret in {@code toString()}: every value the processed spec marks secret
 * holds a marker in a sample of every model, and no model's text contains it. The marks come from codegen's
 * SensitiveFields rules; {@link #KNOWN_SECRETS} is the independent list they must cover, so a spec or rule
 * change that drops one fails here.
 */
class GeneratedModelRedactionTest {
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final String SECRET = "kubesdk-secret-7Qx9";
  private static final String SECRET_BASE64 =
      Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));

  /** Paths that hold secrets: {@code Class.property}, or {@code Class.property[key]} for one map key. */
  static final List<String> KNOWN_SECRETS =
      List.of(
          "V1Secret.data",
          "V1Secret.stringData",
          "V1TokenRequestStatus.token",
          "V1TokenReviewSpec.token",
          "V1ObjectMeta.annotations[" + LAST_APPLIED + "]");

  private static JsonObject spec;

  @BeforeAll
  static void readProcessedSpec() throws IOException {
    spec = SampleJson.processedSpec();
  }

  /** Every path the processed spec marks secret, in the notation of {@link #KNOWN_SECRETS}. */
  private static List<String> markedSecrets() {
    List<String> paths = new ArrayList<>();
    for (Map.Entry<String, JsonElement> definition : spec.getAsJsonObject("definitions").entrySet()) {
      JsonObject properties = definition.getValue().getAsJsonObject().getAsJsonObject("properties");
      if (properties == null) {
        continue;
      }
      for (Map.Entry<String, JsonElement> property : properties.entrySet()) {
        JsonObject schema = property.getValue().getAsJsonObject();
        String path = definition.getKey() + "." + property.getKey();
        if (schema.has(SampleJson.SENSITIVE)) {
          paths.add(path);
        }
        if (schema.has(SampleJson.SENSITIVE_KEYS)) {
          schema.getAsJsonArray(SampleJson.SENSITIVE_KEYS).forEach(key -> paths.add(path + "[" + key.getAsString() + "]"));
        }
      }
    }
    return paths;
  }

  @Test
  void theSpecMarksEveryKnownSecret() {
    assertThat(markedSecrets()).containsAll(KNOWN_SECRETS);
  }

  @TestFactory
  Stream<DynamicTest> noModelPrintsASecretItHolds() {
    SampleJson samples = new SampleJson(spec, SECRET);
    List<String> definitions = new ArrayList<>(spec.getAsJsonObject("definitions").keySet());
    assertThat(definitions).hasSizeGreaterThan(800);
    // The samples reach the secrets: a Pod's metadata carries annotations, a list carries its items.
    assertThat(List.of("V1Secret", "V1SecretList", "AuthenticationV1TokenRequest", "V1TokenReview", "V1Pod"))
        .allSatisfy(definition -> assertThat(samples.of(definition).toString()).contains(SECRET));
    return definitions.stream()
        .map(
            definition ->
                dynamicTest(
                    definition,
                    () -> {
                      String sample = samples.of(definition).toString();
                      Object model = Json.gson().fromJson(sample, Class.forName("dev.kubesdk.api.model." + definition));

                      assertThat(model.toString()).doesNotContain(SECRET, SECRET_BASE64);
                      if (sample.contains(SECRET)) {
                        // The secret is in the model, so the text above could have shown it.
                        assertThat(Json.gson().toJson(model)).contains(SECRET);
                      }
                    }));
  }

  @Test
  void theLastAppliedConfigurationIsRedactedAndOtherAnnotationsPrinted() {
    V1ObjectMeta meta =
        new V1ObjectMeta()
            .name("db-password")
            .putAnnotationsItem("team", "shop")
            .putAnnotationsItem(LAST_APPLIED, "{\"kind\":\"Secret\",\"data\":{\"password\":\"" + SECRET_BASE64 + "\"}}");

    assertThat(meta.toString())
        .doesNotContain(SECRET_BASE64)
        .contains("team=shop")
        .contains(LAST_APPLIED + "=<redacted>")
        .contains("name=db-password");
    assertThat(meta.getAnnotations().get(LAST_APPLIED)).contains(SECRET_BASE64);
  }

  @Test
  void tokensOfTokenRequestsAndReviewsAreRedacted() {
    assertThat(new V1TokenRequestStatus().token(SECRET).toString()).doesNotContain(SECRET).contains("token=<redacted>");
    assertThat(new V1TokenReviewSpec().token(SECRET).toString()).doesNotContain(SECRET).contains("token=<redacted>");
    assertThat(new V1TokenReviewSpec().toString()).contains("token=null");
  }
}
