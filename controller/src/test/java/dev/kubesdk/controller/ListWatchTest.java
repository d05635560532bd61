package dev.kubesdk.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.google.gson.JsonObject;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiRequest;
import dev.kubesdk.runtime.CustomObjectsApi;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ListWatchTest {
  private final ApiClient client = new ApiClient(Configuration.builder().host(URI.create("https://127.0.0.1:6443")).build());

  @Test
  void aCustomResourceListKeepsItsPathAndSelectorsAndLeavesPagingToTheInformer() {
    ListWatch<JsonObject> widgets =
        ListWatch.ofJson(
            new CustomObjectsApi(client).resource("example.com", "v1", "widgets").inNamespace("shop").list().labelSelector("app=cart").limit(5).resourceVersion("7").toApiRequest());

    assertThat(widgets.path()).isEqualTo("/apis/example.com/v1/namespaces/shop/widgets");
    assertThat(widgets.selectors()).extracting(ApiRequest.QueryParam::name, ApiRequest.QueryParam::value).containsExactly(tuple("labelSelector", "app=cart"));
    assertThat(widgets.resource()).isEqualTo("widgets");
  }
}
