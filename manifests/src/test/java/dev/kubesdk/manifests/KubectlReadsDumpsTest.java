package dev.kubesdk.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonStreamParser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl itself reads our dumps: {@code kubectl label --local -f DUMP dummy- -o json} parses the file
 * with kubectl's YAML reader, changes nothing (it removes a label no object has) and prints the objects
 * as JSON, which must equal the trees we dumped. Skipped where no kubectl is on the PATH.
 */
class KubectlReadsDumpsTest {
  private final Manifests manifests = Manifests.standard();

  static List<Path> examples() throws Exception {
    return ManifestsTest.examples().toList();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void kubectlReadsEveryDumpBackToTheSameTree(Path example, @TempDir Path dir) throws Exception {
    Path kubectl = onPath("kubectl");
    assumeTrue(kubectl != null, "kubectl is not on the PATH");
    List<Object> objects = manifests.load(example);
    Path dump = dir.resolve("dump.yaml");
    Files.writeString(dump, manifests.dumpAll(objects));

    Process p = new ProcessBuilder(kubectl.toString(), "label", "--local", "-f", dump.toString(), "dummy-", "-o", "json")
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();

    List<JsonObject> read = new ArrayList<>();
    JsonStreamParser parser = new JsonStreamParser(output);
    while (parser.hasNext()) {
      JsonElement e = parser.next();
      // One object prints as itself, several as a List.
      if (e.getAsJsonObject().has("items") && "List".equals(e.getAsJsonObject().get("kind").getAsString())) {
        e.getAsJsonObject().getAsJsonArray("items").forEach(i -> read.add(i.getAsJsonObject()));
      } else {
        read.add(e.getAsJsonObject());
      }
    }
    List<JsonObject> expected = new ArrayList<>();
    for (Object o : objects) {
      expected.add(manifests.toJson(o).deepCopy());
    }
    for (int i = 0; i < read.size() && i < expected.size(); i++) {
      // kubectl label adds an empty labels map where there was none.
      JsonObject metadata = read.get(i).getAsJsonObject("metadata");
      if (metadata.getAsJsonObject("labels").isEmpty() && !expected.get(i).getAsJsonObject("metadata").has("labels")) {
        metadata.remove("labels");
      }
    }
    assertThat(read).isEqualTo(expected.stream().map(t -> JsonParser.parseString(t.toString())).toList());
  }

  private static Path onPath(String name) throws IOException {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
