package dev.kubesdk.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrdReaderTest {
  @TempDir Path dir;

  @Test
  void readsEveryCrdOfADirectoryInPathOrderSkippingOtherKinds() throws Exception {
    String crd = Crds.withSpec("type: object\n");
    Crds.write(dir, "b.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n" + crd.replace("things", "bees"));
    Crds.write(dir, "a.yaml", crd);
    Files.createDirectories(dir.resolve("sub"));
    Crds.write(dir.resolve("sub"), "c.json", "{\"kind\":\"List\",\"items\":[{\"kind\":\"Secret\"}]}");
    Crds.write(dir, "notes.txt", crd.replace("things", "ignored"));

    List<CrdReader.Source> read = CrdReader.read(List.of(dir));

    assertThat(read).extracting(s -> s.crd().getAsJsonObject("metadata").get("name").getAsString())
        .containsExactly("things.example.com", "bees.example.com");
    assertThat(read.get(0).origin()).isEqualTo(dir.resolve("a.yaml").toString());
  }

  @Test
  void listDocumentsAreOpened() {
    Path file = Crds.write(dir, "list.yaml", "apiVersion: v1\nkind: List\nitems:\n" + Crds.withSpec("type: object\n").replaceFirst("^", "- ").replace("\n", "\n  "));
    assertThat(CrdReader.read(List.of(file))).hasSize(1);
  }

  @Test
  void yamlTimestampsStayText() {
    Path file = Crds.write(dir, "t.yaml", Crds.withSpec("type: object\nproperties:\n  since: {type: string, default: 2024-01-01}\n"));
    String spec = Crds.generate(file).get("com/example/v1/ThingSpec.java");
    assertThat(spec).contains("Defaults to <code>\"2024-01-01\"</code> on the server.");
  }
}
