package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.runtime.ApiRequest.QueryParam;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

  @Test
  void pathParametersAreEncodedAsOneSegmentEach() {
    ApiRequest request =
        ApiRequest.builder("get", "/api/v1/namespaces/{namespace}/pods/{name}")
            .pathParam("namespace", "shop")
            .pathParam("name", "a/b c?d#e%f")
            .build();

    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/api/v1/namespaces/shop/pods/a%2Fb%20c%3Fd%23e%25f");
    assertThat(request.pathTemplate()).isEqualTo("/api/v1/namespaces/{namespace}/pods/{name}");
  }

  @Test
  void nonAsciiPathParametersAreEncodedAsUtf8() {
    ApiRequest request = ApiRequest.builder("GET", "/api/v1/namespaces/{namespace}").pathParam("namespace", "é").build();

    assertThat(request.path()).isEqualTo("/api/v1/namespaces/%C3%A9");
  }

  @Test
  void nullQueryValuesAreSkippedAndCollectionsRepeatTheName() {
    ApiRequest request =
        ApiRequest.builder("DELETE", "/api/v1/namespaces/{namespace}/pods")
            .pathParam("namespace", "shop")
            .query("pretty", null)
            .query("limit", 50)
            .query("dryRun", Arrays.asList("All", null, "Other"))
            .query("watch", false)
            .build();

    assertThat(request.query())
        .containsExactly(
            new QueryParam("limit", "50"), new QueryParam("dryRun", "All"), new QueryParam("dryRun", "Other"), new QueryParam("watch", "false"));
  }

  @Test
  void aMissingPathParameterIsNamedAtBuild() {
    ApiRequest.Builder builder = ApiRequest.builder("GET", "/api/v1/namespaces/{namespace}/pods/{name}").pathParam("namespace", "shop");

    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("[name]");
  }

  @Test
  void emptyAndDotNamesAreRejectedBecauseTheyAddressAnotherResource() {
    for (String bad : List.of("", ".", "..")) {
      assertThatThrownBy(() -> ApiRequest.builder("DELETE", "/api/v1/namespaces/{namespace}/pods/{name}").pathParam("name", bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("\"name\"");
    }
  }

  @Test
  void aNullPathParameterNamesTheParameter() {
    assertThatThrownBy(() -> ApiRequest.builder("GET", "/api/v1/namespaces/{namespace}").pathParam("namespace", nullValue()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("\"namespace\"");
  }

  @Test
  void anUnknownMethodIsRejected() {
    assertThatThrownBy(() -> ApiRequest.builder("FETCH", "/api")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FETCH");
  }

  @Test
  void theBodyIsKeptAsGiven() {
    V1Patch patch = V1Patch.merge("{\"spec\":{\"replicas\":3}}");
    ApiRequest request = ApiRequest.builder("PATCH", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}").pathParam("namespace", "shop").pathParam("name", "cart").body(patch).build();

    assertThat(request.body()).containsSame(patch);
    assertThat(request.toString()).isEqualTo("PATCH /apis/apps/v1/namespaces/shop/deployments/cart");
  }

  private static Object nullValue() {
    return null;
  }
}
