package dev.kubesdk.manifests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.kubesdk.manifests.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The block-YAML shortcut either gives up or gives exactly what snakeyaml's path gives. */
class BlockYamlTest {
  private static void agrees(String text) {
    List<YamlTrees.JsonDocument> fast = BlockYaml.read("t", text);
    if (fast == null) {
      return;
    }
    List<YamlTrees.JsonDocument> slow = YamlTrees.parseJsonWithSnakeyaml("t", text);
    assertThat(slow).as("snakeyaml path for\n" + text).isNotNull();
    assertThat(fast).as(text).hasSameSizeAs(slow);
    for (int i = 0; i < fast.size(); i++) {
      YamlTrees.JsonDocument f = fast.get(i);
      YamlTrees.JsonDocument s = slow.get(i);
      assertThat(JsonParser.parseString(f.json())).as(text).isEqualTo(JsonParser.parseString(s.json()));
      assertThat(f.index()).isEqualTo(s.index());
      assertThat(f.line()).as("line of document " + f.index() + " of\n" + text).isEqualTo(s.line());
      assertThat(f.apiVersion()).isEqualTo(s.apiVersion());
      assertThat(f.kind()).isEqualTo(s.kind());
      assertThat(f.object()).isEqualTo(s.object());
    }
  }

  @Test
  void everyExampleAndItsDumpReadTheSameAndMostTakeTheShortcut() throws Exception {
    Path dir = Path.of(getClass().getResource("/examples").toURI());
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.sorted().toList();
    }
    int shortcut = 0;
    List<String> texts = new ArrayList<>();
    for (Path f : files) {
      String text = Files.readString(f);
      texts.add(text);
      texts.add(Manifests.standard().dumpAll(Manifests.standard().parse(text)));
    }
    for (String text : texts) {
      agrees(text);
      if (BlockYaml.read("t", text) != null) {
        shortcut++;
      }
    }
    // The dumps are all block YAML the shortcut reads; the examples mostly are.
    assertThat(shortcut).isGreaterThanOrEqualTo(texts.size() - 6);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "a: 1\n", "a: 1\n---\n", "---\na: 1\n", "# c\n---\n# d\na: 1\n---\nb: 2\n", "", "# only\n", "---\n", "---\n---\n",
      "a:\n- x\n- y\nb: 2\n", "a:\n  - x\n  -   y\n", "a:\n- name: n\n  v: 1\n- name: m\n", "- a\n- b: c\n  d: e\n", "a: [1, 'two', \"th\\\"ree\", {x: y}]\n",
      "a: {b: [c, d], e: f}\n", "a: []\nb: {}\n", "a: \"\"\nb: ''\nc: 'it''s'\n", "a: x # comment\nb: 'q' # c\n", "a: x#y\n", "a: |\n  one\n  two\n",
      "a: |-\n  one\n\n  three\nb: 1\n", "a: |\n\n  x\n", "a: |\nb: 1\n", "a: |+\n  x\n\n", "a: >\n  folded\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\n  b: 2\n",
      "a: plain\n  continued\n", "a:\n\n  b: 1\n", "y: n\nyes: no\non: off\n~: null\n", "a: 0755\nb: 0x1F\nc: 1_000\nd: 1.5\ne: .inf\n", "a: 2024-01-01\n",
      "\"k: v\": 1\n'x': 2\n", "a: b: c\n", "a:b\n", "- - x\n", "a:\n  - - x\n", "a: [1,\n 2]\n", "key with spaces: v\n", "a: \"\\u00e9\\n\\t\"\n",
      "-x: 1\n", "a: -1\nb: - 1\n", "a:\n  b:\n    c:\n      - d\n", "a: \"x\" y\n", "? a\n: b\n", "%YAML 1.1\n---\na: 1\n", "a: 1\n...\n", "--- a\n",
      "a:   spaced   \n", "a: 'multi\n  line'\n", "<<: {a: 1}\n", "a: {<<: {b: 1}}\n", "a: [b, c]  # c\n", "a: [b, c]x\n", "a: |2\n   x\n"})
  void snippetsAgreeWithSnakeyaml(String text) {
    agrees(text);
  }

  @Test
  void randomTreesDumpedAsBlockYamlReadTheSame() {
    java.util.Random random = new java.util.Random(7);
    String[] words = {"a", "name", "y", "yes", "No", "~", "null", "1", "0x1F", "1.5", "-1", "- x", "a: b", "a #b", "#c", "'q'", "\"d\"", "", " s", "t ", "é", "line\nbreak",
        "two\n", "[x]", "{y}", "k=v", "true", "2024-01-01", "*a", "&b", "!c", "|", ">", "%", "@", "key:", ":", "-", "?", "<<", "x\ty", "\\"};
    int shortcut = 0;
    for (int n = 0; n < 2000; n++) {
      com.google.gson.JsonObject tree = new com.google.gson.JsonObject();
      tree.addProperty("apiVersion", "v1");
      tree.addProperty("kind", "Thing");
      tree.add("spec", randomNode(random, words, 0));
      StringBuilder out = new StringBuilder();
      YamlWriter.write(tree, out);
      String text = out.toString();
      agrees(text);
      List<YamlTrees.JsonDocument> fast = BlockYaml.read("t", text);
      if (fast != null) {
        shortcut++;
        assertThat(JsonParser.parseString(fast.get(0).json())).as(text).isEqualTo(tree);
      }
    }
    assertThat(shortcut).isGreaterThan(1000);
  }

  private static com.google.gson.JsonElement randomNode(java.util.Random random, String[] words, int depth) {
    int pick = depth > 3 ? random.nextInt(3) : random.nextInt(6);
    switch (pick) {
      case 0 -> {
        return new com.google.gson.JsonPrimitive(words[random.nextInt(words.length)]);
      }
      case 1 -> {
        return random.nextBoolean() ? new com.google.gson.JsonPrimitive(random.nextInt(1000) - 500) : new com.google.gson.JsonPrimitive(random.nextBoolean());
      }
      case 2 -> {
        return random.nextBoolean() ? com.google.gson.JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(random.nextDouble());
      }
      case 3, 4 -> {
        com.google.gson.JsonObject o = new com.google.gson.JsonObject();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          o.add(words[random.nextInt(words.length)], randomNode(random, words, depth + 1));
        }
        return o;
      }
      default -> {
        com.google.gson.JsonArray a = new com.google.gson.JsonArray();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          a.add(randomNode(random, words, depth + 1));
        }
        return a;
      }
    }
  }
}
