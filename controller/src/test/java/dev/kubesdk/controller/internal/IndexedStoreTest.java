package dev.kubesdk.controller.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.controller.ObjectKey;
import dev.kubesdk.controller.Store;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class IndexedStoreTest {
  record Thing(String namespace, String name, List<String> colours) {}

  private final IndexedStore<Thing> store =
      new IndexedStore<>(
          Map.<String, Function<Thing, Collection<String>>>of(
              Store.NAMESPACE_INDEX, t -> List.of(t.namespace()),
              "colour", Thing::colours));

  private Thing put(String namespace, String name, String... colours) {
    Thing t = new Thing(namespace, name, List.of(colours));
    store.put(ObjectKey.of(namespace, name), t);
    return t;
  }

  @Test
  void objectsAreFoundByKeyNamespaceAndIndex() {
    Thing a = put("shop", "a", "red");
    Thing b = put("shop", "b", "red", "blue");
    Thing c = put("bank", "c", "blue");

    assertThat(store.get(ObjectKey.of("shop", "a"))).contains(a);
    assertThat(store.inNamespace("shop")).containsExactlyInAnyOrder(a, b);
    assertThat(store.byIndex("colour", "blue")).containsExactlyInAnyOrder(b, c);
    assertThat(store.keys()).containsExactlyInAnyOrder(ObjectKey.of("shop", "a"), ObjectKey.of("shop", "b"), ObjectKey.of("bank", "c"));
    assertThat(store.size()).isEqualTo(3);
  }

  @Test
  void replacingAnObjectMovesItBetweenIndexValues() {
    put("shop", "a", "red");
    Thing blue = put("shop", "a", "blue");

    assertThat(store.byIndex("colour", "red")).isEmpty();
    assertThat(store.byIndex("colour", "blue")).containsExactly(blue);
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void removingAnObjectLeavesNoIndexEntryBehind() {
    Thing a = put("shop", "a", "red");

    assertThat(store.remove(ObjectKey.of("shop", "a"))).isEqualTo(a);
    assertThat(store.remove(ObjectKey.of("shop", "a"))).isNull();
    assertThat(store.byIndex("colour", "red")).isEmpty();
    assertThat(store.inNamespace("shop")).isEmpty();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void anUnknownIndexIsNamedInTheError() {
    assertThatThrownBy(() -> store.byIndex("size", "xl")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no index \"size\"");
  }

  @Test
  void aReplaceKeepsWhatIsListedAndReportsWhatItReplacedAndRemoved() {
    Thing a = put("shop", "a", "red");
    Thing b = put("shop", "b", "blue");
    Thing a2 = new Thing("shop", "a", List.of("green"));
    Thing c = new Thing("bank", "c", List.of("red"));
    Map<ObjectKey, Thing> state = new LinkedHashMap<>();
    state.put(ObjectKey.of("shop", "a"), a2);
    state.put(ObjectKey.of("bank", "c"), c);

    IndexedStore.Replaced<Thing> replaced = store.replace(state);

    assertThat(replaced.previous()).containsExactly(Map.entry(ObjectKey.of("shop", "a"), a));
    assertThat(replaced.removed()).containsExactly(Map.entry(ObjectKey.of("shop", "b"), b));
    assertThat(store.list()).containsExactlyInAnyOrder(a2, c);
    assertThat(store.byIndex("colour", "red")).containsExactly(c);
    assertThat(store.byIndex("colour", "blue")).isEmpty();
    assertThat(store.byIndex("colour", "green")).containsExactly(a2);
    assertThat(store.inNamespace("shop")).containsExactly(a2);
  }
}
