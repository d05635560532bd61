package dev.kubesdk.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.manifests.internal.DiscoveryDocuments;
import dev.kubesdk.runtime.ApiClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery documents and the mapper's naming rules; what a real server answers is in e2e. */
class DiscoveryTest {
  private static JsonObject json(String text) {
    return JsonParser.parseString(text.replace('\'', '"')).getAsJsonObject();
  }

  static final JsonObject AGGREGATED = json("""
      {'kind':'APIGroupDiscoveryList','apiVersion':'apidiscovery.k8s.io/v2','items':[
       {'metadata':{'name':'apps'},'versions':[
         {'version':'v1','resources':[{'resource':'deployments','responseKind':{'group':'apps','version':'v1','kind':'Deployment'},'scope':'Namespaced',
           'singularResource':'deployment','verbs':['get','list'],'shortNames':['deploy'],'categories':['all'],
           'subresources':[{'subresource':'scale','responseKind':{'group':'autoscaling','version':'v1','kind':'Scale'}},{'subresource':'status'}]}]},
         {'version':'v1beta1','resources':[{'resource':'deployments','responseKind':{'kind':'Deployment'},'scope':'Namespaced','singularResource':'deployment'}]}]},
       {'metadata':{'name':'example.com'},'versions':[{'version':'v1','resources':[{'resource':'widgets','responseKind':{'kind':'Widget'},'scope':'Cluster','singularResource':'widget','shortNames':['cm']}]}]}]}
      """);

  static final JsonObject CORE_AGGREGATED = json("""
      {'kind':'APIGroupDiscoveryList','items':[{'metadata':{},'versions':[{'version':'v1','resources':[
        {'resource':'configmaps','responseKind':{'kind':'ConfigMap'},'scope':'Namespaced','singularResource':'configmap','shortNames':['cm']},
        {'resource':'namespaces','responseKind':{'kind':'Namespace'},'scope':'Cluster','singularResource':'namespace','shortNames':['ns']}]}]}]}
      """);

  @Test
  void theAggregatedFormGivesEveryResourceWithItsPreferredVersionFirst() {
    List<ApiResource> resources = DiscoveryDocuments.aggregated(AGGREGATED);

    assertThat(resources).hasSize(3);
    ApiResource deployments = resources.get(0);
    assertThat(deployments).isEqualTo(new ApiResource("apps", "v1", "deployments", "deployment", "Deployment", true, List.of("get", "list"), List.of("deploy"), List.of("all"),
        List.of("scale", "status"), true));
    assertThat(resources.get(1).version()).isEqualTo("v1beta1");
    assertThat(resources.get(1).preferredVersion()).isFalse();
    assertThat(resources.get(2).namespaced()).isFalse();
    assertThat(DiscoveryDocuments.aggregated(CORE_AGGREGATED)).extracting(ApiResource::group).containsOnly("");
  }

  @Test
  void theLegacyFormFoldsSubresourcesIntoTheirResource() {
    JsonObject list = json("""
        {'kind':'APIResourceList','groupVersion':'v1','resources':[
          {'name':'pods','singularName':'pod','namespaced':true,'kind':'Pod','verbs':['get'],'shortNames':['po'],'categories':['all']},
          {'name':'pods/status','singularName':'','namespaced':true,'kind':'Pod','verbs':['get']},
          {'name':'pods/log','singularName':'','namespaced':true,'kind':'Pod','verbs':['get']}]}
        """);

    assertThat(DiscoveryDocuments.legacy(list, "", "v1", true))
        .containsExactly(new ApiResource("", "v1", "pods", "pod", "Pod", true, List.of("get"), List.of("po"), List.of("all"), List.of("status", "log"), true));
  }

  @Test
  void theMapperNamesResourcesAsKubectlDoesAndTheDiskCacheServesThem(@TempDir Path dir) throws IOException {
    ApiClient client = new ApiClient(Configuration.builder().host(URI.create("https://127.0.0.1:1")).build());
    List<ApiResource> all = new ArrayList<>(DiscoveryDocuments.aggregated(CORE_AGGREGATED));
    all.addAll(DiscoveryDocuments.aggregated(AGGREGATED));
    Path file = dir.resolve(Discovery.hostDirectory(client)).resolve("kubesdk-resources.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, DiscoveryDocuments.toJson(all).toString());
    // Nothing listens on port 1: every answer below comes from the cache.
    RestMapper mapper = RestMapper.of(Discovery.builder(client).cacheDirectory(dir).build());

    assertThat(mapper.resourceFor("deploy").groupVersionResource()).isEqualTo(new GroupVersionResource("apps", "v1", "deployments"));
    assertThat(mapper.resourceFor("deployments.v1beta1.apps").version()).isEqualTo("v1beta1");
    assertThat(mapper.resourceFor("Deployment.apps").version()).isEqualTo("v1");
    // Two resources have the short name cm: the core group wins, as in kubectl.
    assertThat(mapper.resourceFor("cm").resource()).isEqualTo("configmaps");
    assertThat(mapper.mapping(new GroupVersionKind("", "v1", "Namespace")).namespaced()).isFalse();
    assertThat(mapper.preferredMapping("apps", "Deployment").version()).isEqualTo("v1");
    assertThat(mapper.kindFor(new GroupVersionResource("example.com", "v1", "widgets"))).isEqualTo(new GroupVersionKind("example.com", "v1", "Widget"));
    assertThat(mapper.category("all")).extracting(ApiResource::resource).containsExactly("deployments");
    assertThat(Discovery.hostDirectory(client)).isEqualTo("127.0.0.1_1");
  }

  @Test
  void aDisplayNameIsKubectls() {
    ApiResource deployments = DiscoveryDocuments.aggregated(AGGREGATED).get(0);
    assertThat(deployments.displayName("web")).isEqualTo("deployment.apps/web");
    assertThat(DiscoveryDocuments.aggregated(CORE_AGGREGATED).get(0).displayName("settings")).isEqualTo("configmap/settings");
  }

  @Test
  void anExpiredCacheIsNotUsed(@TempDir Path dir) throws IOException {
    ApiClient client = new ApiClient(Configuration.builder().host(URI.create("https://127.0.0.1:1")).build());
    Path file = dir.resolve(Discovery.hostDirectory(client)).resolve("kubesdk-resources.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, DiscoveryDocuments.toJson(DiscoveryDocuments.aggregated(AGGREGATED)).toString());
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));

    assertThatThrownBy(() -> Discovery.builder(client).cacheDirectory(dir).build().resources()).isInstanceOf(dev.kubesdk.runtime.TransportException.class);
  }
}
