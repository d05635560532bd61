package dev.kubesdk.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubesdk.runtime.Json;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated sources compile warning-free against kubesdk-api and read and write JSON unchanged. */
class GeneratedCodeTest {
  @TempDir Path dir;

  @Test
  void compilesAndRoundTripsEveryConstructAndUnknownFields() throws Exception {
    SortedMap<String, String> files = Crds.generate(Crds.WIDGETS);
    Path src = dir.resolve("src");
    CrdGenerator.write(files, src);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"), "-Xlint:all,-serial", "-Werror", "-proc:none"));
    for (String file : files.keySet()) {
      args.add(src.resolve(file).toString());
    }
    assertThat(compile(args)).as("javac exit code").isZero();

    String json =
        "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\",\"namespace\":\"ns\"},"
            + "\"spec\":{\"class\":\"gold\",\"config\":{\"a\":[1,2.5,{\"b\":true}],\"c\":\"d\"},\"contact\":\"a@example.com\","
            + "\"default\":\"x\",\"extra\":{\"known\":\"k\",\"unknown\":{\"deep\":1}},\"generation\":9007199254740993,"
            + "\"labels\":{\"z\":\"1\",\"a\":\"2\"},\"limits\":{\"cpu\":{\"max\":4,\"unit\":\"cores\",\"later\":true}},"
            + "\"max-surge\":{\"count\":1},\"maxSurge\":{\"percent\":25},\"memory\":\"1536Mi\",\"notBefore\":\"2026-01-02T03:04:05Z\","
            + "\"paused\":false,\"port\":8080,\"ports\":[{\"containerPort\":80,\"name\":\"http\",\"protocol\":\"TCP\"}],"
            + "\"ratio\":0.25,\"replicas\":3,\"size\":\"small\",\"tags\":[\"b\",\"a\"],"
            + "\"template\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"t\"},\"data\":{\"k\":\"v\"}},"
            + "\"token\":\"aGVsbG8=\",\"newerField\":[1]},"
            + "\"status\":{\"conditions\":[{\"lastTransitionTime\":\"2026-01-02T03:04:05Z\",\"status\":\"True\",\"type\":\"Ready\"}],"
            + "\"phase\":\"Running\",\"replicas\":3}}";
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> widget = loader.loadClass("com.example.v1.Widget");
      Object read = Json.deserialize(json, widget);
      assertThat(Json.serialize(read)).isEqualTo(json);
      Object spec = widget.getMethod("getSpec").invoke(read);
      assertThat(spec.getClass().getMethod("getUnknownFields").invoke(spec)).asString().contains("newerField");
      assertThat(spec.getClass().getMethod("getPort").invoke(spec)).hasToString("8080");
      // equals and hashCode are by value, as the built-in models' are.
      Object again = Json.deserialize(json, widget);
      assertThat(again).isEqualTo(read).hasSameHashCodeAs(read);
    }
  }

  @Test
  void generationIsDeterministicAndIndependentOfPropertyOrder() throws IOException {
    SortedMap<String, String> first = Crds.generate(Crds.WIDGETS);
    SortedMap<String, String> second = Crds.generate(Crds.WIDGETS);
    assertThat(second).isEqualTo(first);
    // The same CRD as the cluster returns it: JSON, every object's keys sorted.
    Path json = dir.resolve("widgets.json");
    List<CrdReader.Source> read = CrdReader.read(List.of(Crds.WIDGETS));
    Files.writeString(json, Json.serialize(sorted(read.get(0).crd())));
    assertThat(Crds.generate(json)).isEqualTo(first);
    for (Map.Entry<String, String> file : first.entrySet()) {
      assertThat(file.getValue()).as(file.getKey()).doesNotContainPattern("20\\d\\d-\\d\\d-\\d\\d").doesNotContain(dir.toString());
    }
  }

  /**
   * Runs javac in this JVM when it has one; a bare runtime (the Java 21 and 25 test runtimes are)
   * has none, and then the build's own JDK compiles, for release 17, which every runtime loads.
   */
  private static int compile(List<String> args) throws IOException, InterruptedException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac != null) {
      return javac.run(null, null, null, args.toArray(String[]::new));
    }
    String buildJavac = System.getProperty("kubesdk.build.javac");
    assertThat(buildJavac).as("no compiler in this runtime and no -Dkubesdk.build.javac (set by the pom) to fall back to").isNotBlank();
    List<String> command = new ArrayList<>(List.of(buildJavac, "--release", "17"));
    command.addAll(args);
    return new ProcessBuilder(command).inheritIO().start().waitFor();
  }

  private static com.google.gson.JsonElement sorted(com.google.gson.JsonElement e) {
    if (e instanceof com.google.gson.JsonObject o) {
      com.google.gson.JsonObject copy = new com.google.gson.JsonObject();
      new java.util.TreeMap<>(o.asMap()).forEach((k, v) -> copy.add(k, sorted(v)));
      return copy;
    }
    if (e instanceof com.google.gson.JsonArray a) {
      com.google.gson.JsonArray copy = new com.google.gson.JsonArray();
      a.forEach(v -> copy.add(sorted(v)));
      return copy;
    }
    return e;
  }
}
