package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.controller.EventHandler;
import dev.kubesdk.controller.InformerFactory;
import dev.kubesdk.controller.InformerOptions;
import dev.kubesdk.controller.ListWatch;
import dev.kubesdk.controller.ObjectKey;
import dev.kubesdk.controller.SharedInformer;
import dev.kubesdk.controller.Tombstone;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.V1Patch;
import dev.kubesdk.testing.KubernetesCluster;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Informers against the real API server: the LIST from the watch cache and the streaming list, events in order, a cache equal to a
 * fresh LIST, and a watch resumed after its connections were cut, losing and repeating nothing.
 */
@KubernetesTest
class InformerIT {
  private CoreV1Api core;
  private Configuration configuration;
  private String namespace;
  private String label;
  private final List<HttpUrl> sent = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void client(ApiClient client, Configuration configuration, @TestNamespace String namespace) {
    this.core = new CoreV1Api(client);
    this.configuration = configuration;
    this.namespace = namespace;
    this.label = E2e.name("informer");
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  /** A client for {@code configuration} that writes down the URL of every request it sends. */
  private ApiClient recordingClient(Configuration configuration) {
    OkHttpClient base =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  sent.add(chain.request().url());
                  return chain.proceed(chain.request());
                })
            .build();
    return new ApiClient(configuration, base);
  }

  private InformerFactory factory(ApiClient client) {
    return factory(client, InformerOptions.defaults());
  }

  private InformerFactory factory(ApiClient client, InformerOptions options) {
    InformerFactory factory = InformerFactory.create(client, options);
    closing.add(factory);
    return factory;
  }

  private ListWatch<V1ConfigMap> configMaps(ApiClient client) {
    return ListWatch.of(
        new CoreV1Api(client).listNamespacedConfigMap(namespace).labelSelector("test=" + label).toApiRequest(),
        V1ConfigMap.class,
        V1ConfigMap::getMetadata);
  }

  private V1ConfigMap create(String name, String value) {
    V1ConfigMap cm = E2e.configMap(name, Map.of("v", value));
    cm.getMetadata().putLabelsItem("test", label);
    return core.createNamespacedConfigMap(namespace, cm).execute();
  }

  private V1ConfigMap patch(String name, String value) {
    return core.patchNamespacedConfigMap(name, namespace, V1Patch.merge("{\"data\":{\"v\":\"" + value + "\"}}")).execute();
  }

  /** name → resourceVersion of {@code configMaps}: what a cache and a LIST are compared by. */
  static Map<String, String> versions(List<V1ConfigMap> configMaps) {
    Map<String, String> out = new TreeMap<>();
    for (V1ConfigMap cm : configMaps) {
      out.put(cm.getMetadata().getName(), cm.getMetadata().getResourceVersion());
    }
    return out;
  }

  private Map<String, String> listed() {
    return versions(core.listNamespacedConfigMap(namespace).labelSelector("test=" + label).execute().getItems());
  }

  private static Map<String, String> cached(SharedInformer<V1ConfigMap> informer) {
    return versions(informer.store().list());
  }

  /** Writes down each notification as {@code add name@rv}, {@code update name@rv}, … */
  static final class Log implements EventHandler<V1ConfigMap> {
    final List<String> calls = new CopyOnWriteArrayList<>();

    private static String id(V1ConfigMap cm) {
      V1ObjectMeta m = cm.getMetadata();
      return m.getName() + "@" + m.getResourceVersion();
    }

    @Override
    public void onAdd(V1ConfigMap object) {
      calls.add("add " + id(object));
    }

    @Override
    public void onUpdate(V1ConfigMap oldObject, V1ConfigMap newObject) {
      calls.add("update " + id(newObject));
    }

    @Override
    public void onDelete(V1ConfigMap lastState) {
      calls.add("delete " + lastState.getMetadata().getName());
    }

    @Override
    public void onMissedDelete(Tombstone<V1ConfigMap> tombstone) {
      calls.add("missed delete " + tombstone.lastKnown().getMetadata().getName());
    }

    void awaitContains(String call) {
      E2e.await("the handler to be told \"" + call + "\"; told so far: " + calls, () -> calls.contains(call) ? Boolean.TRUE : null);
    }
  }

  @Test
  void byDefaultAnInformerStreamsTheStateThenHearsEveryChangeInOrder() {
    V1ConfigMap a = create(E2e.name("a"), "1");
    V1ConfigMap b = create(E2e.name("b"), "1");
    ApiClient client = recordingClient(configuration);
    InformerFactory factory = factory(client);
    SharedInformer<V1ConfigMap> informer = factory.informer(configMaps(client));
    Log log = new Log();
    informer.addHandler(log);
    factory.start();

    assertThat(factory.awaitSynced(E2e.DEADLINE)).isTrue();
    assertThat(sent).as("the first state comes from a streaming list, not a LIST").allSatisfy(url -> assertThat(url.queryParameter("watch")).isEqualTo("true"));
    assertThat(sent.get(0).queryParameter("sendInitialEvents")).isEqualTo("true");
    assertThat(cached(informer)).isEqualTo(listed());
    assertThat(informer.store().get(ObjectKey.of(namespace, a.getMetadata().getName()))).isPresent();
    assertThat(informer.store().inNamespace(namespace)).hasSize(2);

    V1ConfigMap a2 = patch(a.getMetadata().getName(), "2");
    core.deleteNamespacedConfigMap(b.getMetadata().getName(), namespace).execute();
    V1ConfigMap c = create(E2e.name("c"), "1");
    log.awaitContains("add " + c.getMetadata().getName() + "@" + c.getMetadata().getResourceVersion());

    assertThat(log.calls.subList(0, 2))
        .containsExactlyInAnyOrder(
            "add " + a.getMetadata().getName() + "@" + a.getMetadata().getResourceVersion(),
            "add " + b.getMetadata().getName() + "@" + b.getMetadata().getResourceVersion());
    assertThat(log.calls.subList(2, log.calls.size()))
        .containsExactly(
            "update " + a2.getMetadata().getName() + "@" + a2.getMetadata().getResourceVersion(),
            "delete " + b.getMetadata().getName(),
            "add " + c.getMetadata().getName() + "@" + c.getMetadata().getResourceVersion());
    assertThat(cached(informer)).isEqualTo(listed());
    assertThat(informer.store().get(ObjectKey.of(namespace, a.getMetadata().getName())).orElseThrow().getMetadata().getManagedFields())
        .as("managedFields are dropped before caching")
        .isNull();
  }

  @Test
  void aWatchWhoseConnectionsAreCutResumesFromTheLastResourceVersionAndLosesNothing(KubernetesCluster cluster) {
    E2e.localControlPlane(cluster);
    CuttableProxy proxy = CuttableProxy.to(configuration.host());
    closing.add(proxy);
    V1ConfigMap a = create(E2e.name("a"), "1");
    ApiClient client = recordingClient(configuration.toBuilder().host(proxy.url()).build());
    InformerFactory factory = factory(client);
    SharedInformer<V1ConfigMap> informer = factory.informer(configMaps(client));
    Log log = new Log();
    informer.addHandler(log);
    factory.start();
    assertThat(factory.awaitSynced(E2e.DEADLINE)).isTrue();
    // After a LIST the reflector opens its watch next: a change heard shows it open, so that the
    // first request after this one is the resume after the first cut.
    V1ConfigMap watched = patch(a.getMetadata().getName(), "watched");
    List<String> expected = new ArrayList<>();
    expected.add("update " + watched.getMetadata().getName() + "@" + watched.getMetadata().getResourceVersion());
    log.awaitContains(expected.get(0));
    String before = informer.lastSyncResourceVersion();
    int sentBefore = sent.size();

    for (int round = 0; round < 3; round++) {
      proxy.cut();
      V1ConfigMap changed = patch(a.getMetadata().getName(), "cut-" + round);
      V1ConfigMap added = create(E2e.name("during-cut"), "1");
      expected.add("update " + changed.getMetadata().getName() + "@" + changed.getMetadata().getResourceVersion());
      expected.add("add " + added.getMetadata().getName() + "@" + added.getMetadata().getResourceVersion());
      proxy.resume();
      log.awaitContains(expected.get(expected.size() - 1));
    }

    assertThat(log.calls.subList(1, log.calls.size())).as("every change once, in order").containsExactlyElementsOf(expected);
    assertThat(informer.lists()).as("resumed, never listed again").isEqualTo(1);
    HttpUrl firstResume = sent.get(sentBefore);
    assertThat(firstResume.queryParameter("watch")).isEqualTo("true");
    assertThat(firstResume.queryParameter("resourceVersion")).isEqualTo(before);
    assertThat(cached(informer)).isEqualTo(listed());
  }

  @Test
  void withoutTheStreamingListTheStateIsListedFromTheWatchCacheThenWatched() {
    V1ConfigMap a = create(E2e.name("a"), "1");
    ApiClient client = recordingClient(configuration);
    InformerFactory factory = factory(client, InformerOptions.builder().streamingList(false).build());
    SharedInformer<V1ConfigMap> informer = factory.informer(configMaps(client));
    Log log = new Log();
    informer.addHandler(log);
    factory.start();

    assertThat(factory.awaitSynced(E2e.DEADLINE)).isTrue();
    assertThat(sent.get(0).queryParameter("watch")).as("the first request is a LIST").isNull();
    assertThat(sent.get(0).queryParameter("resourceVersion")).isEqualTo("0");
    assertThat(cached(informer)).isEqualTo(listed());
    V1ConfigMap a2 = patch(a.getMetadata().getName(), "2");
    log.awaitContains("update " + a2.getMetadata().getName() + "@" + a2.getMetadata().getResourceVersion());
    assertThat(sent).last().satisfies(url -> assertThat(url.queryParameter("watch")).isEqualTo("true"));
  }

  @Test
  void objectsWithoutAModelAreCachedAsJson(ApiClient client) {
    V1ConfigMap a = create(E2e.name("json"), "1");
    InformerFactory factory = factory(client);
    SharedInformer<JsonObject> informer =
        factory.informer(ListWatch.ofJson(core.listNamespacedConfigMap(namespace).labelSelector("test=" + label).toApiRequest()));
    factory.start();

    assertThat(informer.awaitSynced(E2e.DEADLINE)).isTrue();
    JsonObject cached = informer.store().get(ObjectKey.of(namespace, a.getMetadata().getName())).orElseThrow();
    assertThat(cached.getAsJsonObject("data").get("v").getAsString()).isEqualTo("1");
    assertThat(cached.getAsJsonObject("metadata").has("managedFields")).isFalse();
  }
}
