package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kubesdk.config.Configuration;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The calls {@link CustomResources} describes; what the server does with them is in e2e. */
class CustomResourcesTest {
  private final CustomResources widgets =
      new CustomObjectsApi(new ApiClient(Configuration.builder().host(URI.create("https://127.0.0.1:6443")).build()))
          .resource("example.com", "v1", "widgets")
          .inNamespace("shop");
  private final V1Patch apply = V1Patch.apply("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\"}");

  @Test
  void anApplyCarriesTheFieldManagerForceAndDryRun() {
    ApiRequest request = widgets.patch("w", apply).fieldManager("widget-controller").force(true).dryRun("All").toApiRequest();

    assertThat(request.method()).isEqualTo("PATCH");
    assertThat(request.path()).isEqualTo("/apis/example.com/v1/namespaces/shop/widgets/w");
    assertThat(request.query())
        .extracting(ApiRequest.QueryParam::name, ApiRequest.QueryParam::value)
        .containsExactlyInAnyOrder(tuple("fieldManager", "widget-controller"), tuple("force", "true"), tuple("dryRun", "All"));
    assertThat(request.body()).contains(apply);
  }

  @Test
  void theStatusIsPatchedThroughItsSubresource() {
    ApiRequest request = widgets.patchStatus("w", apply).fieldManager("widget-controller").fieldValidation("Strict").toApiRequest();

    assertThat(request.path()).isEqualTo("/apis/example.com/v1/namespaces/shop/widgets/w/status");
    assertThat(request.query())
        .extracting(ApiRequest.QueryParam::name, ApiRequest.QueryParam::value)
        .containsExactlyInAnyOrder(tuple("fieldManager", "widget-controller"), tuple("fieldValidation", "Strict"));
  }

  @Test
  void anApplyWithoutAFieldManagerFailsBeforeSending() {
    assertThatThrownBy(() -> widgets.patch("w", apply).execute())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("widgets \"w\"")
        .hasMessageContaining("needs a field manager")
        .hasMessageContaining("fieldManager(\"my-controller\")");
  }

  @Test
  void forceOnAMergePatchFailsBeforeSending() {
    assertThatThrownBy(() -> widgets.patch("w", V1Patch.merge("{\"spec\":{}}")).force(true).toApiRequest())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("force(...) applies only to server-side apply patches")
        .hasMessageContaining("application/merge-patch+json");
  }

  @Test
  void aMergePatchNeedsNoFieldManager() {
    assertThat(widgets.patch("w", V1Patch.merge("{\"spec\":{}}")).toApiRequest().query()).isEmpty();
  }

  @Test
  void theCoreGroupIsAddressedUnderApi() {
    CustomResources configMaps =
        new CustomObjectsApi(new ApiClient(Configuration.builder().host(URI.create("https://127.0.0.1:6443")).build())).resource("", "v1", "configmaps");

    assertThat(configMaps.inNamespace("shop").list().labelSelector("app=cart").toApiRequest().path()).isEqualTo("/api/v1/namespaces/shop/configmaps");
    assertThat(configMaps.deleteCollection().labelSelector("app=cart").toApiRequest())
        .satisfies(r -> assertThat(r.method()).isEqualTo("DELETE"))
        .satisfies(r -> assertThat(r.path()).isEqualTo("/api/v1/configmaps"))
        .satisfies(r -> assertThat(r.query()).extracting(ApiRequest.QueryParam::name).containsExactly("labelSelector"));
    assertThat(configMaps.toString()).isEqualTo("CustomResources[configmaps/v1]");
  }

  @Test
  void theScaleIsPatchedThroughItsSubresource() {
    assertThat(widgets.patchScale("w", V1Patch.merge("{\"spec\":{\"replicas\":2}}")).toApiRequest().path()).isEqualTo("/apis/example.com/v1/namespaces/shop/widgets/w/scale");
  }
}
