package dev.kubesdk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.model.V1Secret;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiRequest;
import dev.kubesdk.runtime.Json;
import dev.kubesdk.runtime.V1Patch;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The shape of generated API classes: path parameters and required bodies as arguments, every query
 * parameter a named method, watch() on list operations, and the HTTP call each request describes.
 */
class GeneratedApiTest {
  private final CoreV1Api core = new CoreV1Api(new ApiClient(testConfiguration()));

  private static dev.kubesdk.config.Configuration testConfiguration() {
    return dev.kubesdk.config.Configuration.builder()
        .host(java.net.URI.create("https://127.0.0.1:6443"))
        .build();
  }

  @Test
  void listingPodsNamesEveryQueryParameter() {
    ApiRequest request = core.listNamespacedPod("shop").labelSelector("app=cart").limit(50)._continue("abc").toApiRequest();

    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.pathTemplate()).isEqualTo("/api/v1/namespaces/{namespace}/pods");
    assertThat(request.query())
        .extracting(ApiRequest.QueryParam::name, ApiRequest.QueryParam::value)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("labelSelector", "app=cart"),
            org.assertj.core.groups.Tuple.tuple("limit", "50"),
            org.assertj.core.groups.Tuple.tuple("continue", "abc"));
  }

  @Test
  void pathParametersComeNameFirstThenNamespace() throws NoSuchMethodException {
    Method read = CoreV1Api.class.getMethod("readNamespacedPod", String.class, String.class);
    assertThat(Arrays.stream(read.getParameters()).map(p -> p.getName()))
        .as("parameter names are only kept with -parameters; the types are what callers see")
        .hasSize(2);

    ApiRequest request = core.readNamespacedPod("cart", "shop").toApiRequest();

    assertThat(request.path()).isEqualTo("/api/v1/namespaces/shop/pods/cart");
  }

  @Test
  void patchTakesAV1PatchBody() {
    ApiRequest request =
        core.patchNamespacedPod("cart", "shop", V1Patch.merge("{\"metadata\":{}}")).fieldManager("me").toApiRequest();

    assertThat(request.method()).isEqualTo("PATCH");
    assertThat(request.body()).containsInstanceOf(V1Patch.class);
  }

  @Test
  void anOptionalBodyIsANamedMethodNotAnArgument() throws NoSuchMethodException {
    assertThat(CoreV1Api.class.getMethod("deleteNamespacedPod", String.class, String.class)).isNotNull();

    ApiRequest request =
        core.deleteNamespacedPod("cart", "shop")
            .body(new dev.kubesdk.api.model.V1DeleteOptions().gracePeriodSeconds(0L))
            .toApiRequest();

    assertThat(request.body()).isPresent();
  }

  @Test
  void listOperationsWatchTheirItemType() throws NoSuchMethodException {
    Method watch = CoreV1Api.ListNamespacedPodRequest.class.getMethod("watch");

    assertThat(((ParameterizedType) watch.getGenericReturnType()).getActualTypeArguments())
        .containsExactly(dev.kubesdk.api.model.V1Pod.class);
    // watch() sets the flag itself; there is no watch(Boolean) that would decode events as a list.
    assertThat(Arrays.stream(CoreV1Api.ListNamespacedPodRequest.class.getMethods()).map(Method::getName))
        .containsOnlyOnce("watch");
  }

  @Test
  void aMissingPathParameterIsRejectedByName() {
    assertThatThrownBy(() -> core.readNamespacedPod(null, "shop"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
  }

  @Test
  void secretValuesNeverAppearInToString() {
    V1Secret secret =
        Json.gson()
            .fromJson(
                "{\"kind\":\"Secret\",\"data\":{\"password\":\"aHVudGVyMg==\"},\"stringData\":{\"token\":\"s3cr3t\"}}",
                V1Secret.class);

    assertThat(secret.toString()).doesNotContain("aHVudGVyMg==", "hunter2", "s3cr3t").contains("<redacted>");
    assertThat(new String(secret.getData().get("password"), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("hunter2");
  }
}
