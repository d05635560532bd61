package dev.kubesdk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.api.model.V1ConfigMapList;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.testing.KubernetesTest;
import dev.kubesdk.testing.TestNamespace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** LIST with limit and continue over more objects than one page holds. */
@KubernetesTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaginationIT {
  private static final int COUNT = 520;

  private CoreV1Api core;
  private String namespace;
  private final Set<String> all = new HashSet<>();

  @BeforeAll
  void createConfigMapsConcurrently(ApiClient client, @TestNamespace String namespace) throws Exception {
    this.core = new CoreV1Api(client);
    this.namespace = namespace;
    List<CompletableFuture<V1ConfigMap>> calls = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      String name = String.format("page-%03d", i);
      all.add(name);
      V1ConfigMap cm =
          new V1ConfigMap()
              .metadata(new V1ObjectMeta().name(name).putLabelsItem("parity", i % 2 == 0 ? "even" : "odd"))
              .data(Map.of("i", Integer.toString(i)));
      calls.add(core.createNamespacedConfigMap(namespace, cm).executeAsync());
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
  }

  /** Every page of the list {@code request} answers for a continue token (null first). */
  private List<V1ConfigMapList> pages(Function<String, V1ConfigMapList> request) {
    List<V1ConfigMapList> pages = new ArrayList<>();
    String token = null;
    do {
      V1ConfigMapList page = request.apply(token);
      pages.add(page);
      token = page.getMetadata().getContinue();
      assertThat(pages).as("pages so far; the continue token never ends").hasSizeLessThanOrEqualTo(COUNT);
    } while (token != null && !token.isEmpty());
    return pages;
  }

  private static List<String> names(List<V1ConfigMapList> pages) {
    return pages.stream().flatMap(p -> p.getItems().stream()).map(c -> c.getMetadata().getName()).toList();
  }

  @Test
  void pagesOfAHundredCoverEveryObjectExactlyOnce() {
    // Unfiltered, because the server counts the remaining items only for lists without a selector;
    // the namespace may hold a ConfigMap or two of others (kube-root-ca.crt where controllers run).
    List<String> everything =
        core.listNamespacedConfigMap(namespace).execute().getItems().stream().map(c -> c.getMetadata().getName()).toList();

    List<V1ConfigMapList> pages = pages(token -> core.listNamespacedConfigMap(namespace).limit(100)._continue(token).execute());

    List<String> names = names(pages);
    assertThat(everything).containsAll(all);
    assertThat(pages).hasSize((everything.size() + 99) / 100);
    assertThat(pages.subList(0, pages.size() - 1)).allSatisfy(p -> assertThat(p.getItems()).hasSize(100));
    assertThat(names).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(everything);
    assertThat(pages.get(0).getMetadata().getRemainingItemCount()).isEqualTo(everything.size() - 100L);
    assertThat(pages.get(pages.size() - 1).getMetadata().getRemainingItemCount()).isNull();
  }

  @Test
  void aLabelSelectorIsAppliedBeforePaging() {
    List<V1ConfigMapList> pages =
        pages(token -> core.listNamespacedConfigMap(namespace).labelSelector("parity=odd").limit(50)._continue(token).execute());

    assertThat(names(pages)).hasSize(COUNT / 2).doesNotHaveDuplicates().allMatch(n -> Integer.parseInt(n.substring(5)) % 2 == 1);
    assertThat(pages).hasSize(6);
  }

  @Test
  void continuingAListReadsTheSnapshotOfItsFirstPage() {
    V1ConfigMapList first = core.listNamespacedConfigMap(namespace).labelSelector("parity in (even,odd,late)").limit(400).execute();
    String late = "zz-late-" + E2e.name("cm");
    core.createNamespacedConfigMap(
            namespace, new V1ConfigMap().metadata(new V1ObjectMeta().name(late).putLabelsItem("parity", "late")))
        .execute();

    V1ConfigMapList rest =
        core.listNamespacedConfigMap(namespace).labelSelector("parity in (even,odd,late)").limit(400)._continue(first.getMetadata().getContinue()).execute();

    assertThat(rest.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
    assertThat(rest.getItems()).hasSize(COUNT - 400).noneMatch(c -> late.equals(c.getMetadata().getName()));
    assertThat(core.listNamespacedConfigMap(namespace).labelSelector("parity=late").execute().getItems())
        .extracting(c -> c.getMetadata().getName())
        .containsExactly(late);
  }

  @Test
  void aListWithoutALimitReturnsEverythingAtOnce() {
    V1ConfigMapList list = core.listNamespacedConfigMap(namespace).labelSelector("parity in (even,odd)").execute();

    assertThat(list.getItems()).hasSize(COUNT);
    assertThat(list.getMetadata().getContinue()).isNullOrEmpty();
  }
}
