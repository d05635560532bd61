package dev.kubesdk.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openapitools.codegen.ClientOptInput;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/** Generates the mini spec with the registered generator and reads what it wrote. */
class KubesdkJavaCodegenTest {
  @TempDir static Path dir;
  private static Path sources;

  @BeforeAll
  static void generate() throws IOException {
    Path spec = dir.resolve("swagger.json");
    Files.writeString(spec, Fragments.miniSpecText(), StandardCharsets.UTF_8);
    String sha = SpecPreprocessor.sha256(Fragments.miniSpecText().getBytes(StandardCharsets.UTF_8));
    Files.writeString(dir.resolve("provenance.json"), "{\"sha256\":\"" + sha + "\"}");
    SpecPreprocessor.run(spec, dir.resolve("provenance.json"), dir.resolve("processed.json"));
    generateInto(dir.resolve("out"));
    sources = dir.resolve("out/src/main/java/dev/kubesdk/api");
  }

  private static void generateInto(Path output) {
    ClientOptInput input =
        new CodegenConfigurator()
            .setGeneratorName(KubesdkJavaCodegen.NAME)
            .setInputSpec(dir.resolve("processed.json").toString())
            .setOutputDir(output.toString())
            .setApiPackage("dev.kubesdk.api")
            .setModelPackage("dev.kubesdk.api.model")
            .toClientOptInput();
    new DefaultGenerator().opts(input).generate();
  }

  private static List<String> javaFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".java"))
          .map(p -> root.relativize(p).toString())
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  void generatingTwiceWritesTheSameBytes() throws IOException {
    generateInto(dir.resolve("again"));

    List<String> files = javaFiles(dir.resolve("out"));
    assertThat(javaFiles(dir.resolve("again"))).isEqualTo(files);
    for (String file : files) {
      assertThat(Files.readString(dir.resolve("again").resolve(file)))
          .as(file)
          .isEqualTo(Files.readString(dir.resolve("out").resolve(file)));
    }
  }

  private static String read(String file) throws IOException {
    return Files.readString(sources.resolve(file));
  }

  @Test
  void onlyApiAndModelClassesAreWritten() throws IOException {
    List<String> java;
    try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
      java =
          files.filter(Files::isRegularFile)
              .map(p -> dir.resolve("out").relativize(p).toString())
              .filter(p -> !p.startsWith(".openapi-generator"))
              .sorted()
              .collect(Collectors.toList());
    }

    assertThat(java)
        .allMatch(p -> p.startsWith("src/main/java/dev/kubesdk/api/") && p.endsWith(".java"))
        .contains(
            "src/main/java/dev/kubesdk/api/CoreV1Api.java",
            "src/main/java/dev/kubesdk/api/model/V1Pod.java",
            "src/main/java/dev/kubesdk/api/model/CoreV1Event.java",
            "src/main/java/dev/kubesdk/api/model/EventsV1Event.java")
        .noneMatch(p -> p.contains("/model/V1Time") || p.contains("Quantity") || p.contains("RawExtension") || p.contains("FieldsV1"));
  }

  @Test
  void aModelHasAStreamingAdapterAndItsKindConstants() throws IOException {
    String pod = read("model/V1Pod.java");

    assertThat(pod)
        .contains("@JsonAdapter(V1Pod.GsonAdapterFactory.class)")
        .contains("public static final String API_VERSION = \"v1\";")
        .contains("public static final String KIND = \"Pod\";")
        .contains("private IntOrString port;")
        .contains("private Map<String, Quantity> limits;")
        .contains("private Map<String, List<String>> extra;")
        .contains("private JsonElement raw;")
        .contains("private FieldsV1 fields;")
        .contains("import dev.kubesdk.runtime.FieldsV1;")
        .contains("gson.getAdapter(FieldsV1.class)")
        .contains("case \"metadata\":")
        .contains("result.priority = in.nextInt();")
        .contains("adapter = gson.getAdapter(V1ObjectMeta.class);")
        .contains("result.metadata = adapterV1ObjectMeta().read(in);")
        .contains("result.unknownFields.put(name, adapterJsonElement().read(in));")
        .doesNotContain("getDeclaredFields")
        .doesNotContain("JsonParser")
        .doesNotContain("private Object ");
    assertThat(read("model/V1ObjectMeta.java")).contains("DateTimes.TIME.read(in)");
    assertThat(read("model/V1PodList.java")).contains("public static final String KIND = \"PodList\";");
  }

  @Test
  void secretValuesAreRedactedInToString() throws IOException {
    assertThat(read("model/V1Secret.java"))
        .contains("text.append(\"data=\").append((data == null ? \"null\" : \"<redacted>\"));")
        .contains("private Map<String, byte[]> data;");
    assertThat(read("model/V1TokenReviewSpec.java"))
        .contains("text.append(\"token=\").append((token == null ? \"null\" : \"<redacted>\"));");
    assertThat(read("model/V1ObjectMeta.java"))
        .contains(
            "dev.kubesdk.runtime.internal.Redaction.mapText(annotations,"
                + " \"kubectl.kubernetes.io/last-applied-configuration\")");
  }

  @Test
  void anExecCallFailsBeforeSendingAndAProxyCallIsPlain() throws IOException {
    String api = read("CoreV1Api.java");

    assertThat(api)
        .contains(
            "throw StreamingNotSupportedException.upgradeRequired(\"connectGetNamespacedPodExec\", \"exec\");")
        .contains(
            "throw StreamingNotSupportedException.upgradeRequired(\"connectPostNamespacedPodExec\", \"exec\");")
        .doesNotContain("upgradeRequired(\"connectGetNamespacedPodProxyWithPath\"")
        .contains("public ConnectGetNamespacedPodExecRequest command(String command)");
    assertThat(api)
        .contains(
            "public ConnectGetNamespacedPodProxyWithPathRequest connectGetNamespacedPodProxyWithPath(String name,"
                + " String namespace, String path)")
        .contains(".pathParam(\"path\", path)")
        .doesNotContain(".query(\"path\", path)");
    String proxy = api.substring(api.indexOf("class ConnectGetNamespacedPodProxyWithPathRequest"));
    assertThat(proxy).contains("return apiClient.execute(toApiRequest(), String.class);");
  }

  @Test
  void aFollowedLogFailsBeforeSending() throws IOException {
    String log = read("CoreV1Api.java");
    log = log.substring(log.indexOf("class ReadNamespacedPodLogRequest"));

    assertThat(log)
        .contains("if (Boolean.TRUE.equals(follow)) {")
        .contains("throw StreamingNotSupportedException.endlessStream(\"readNamespacedPodLog\", \"follow\");")
        .containsPattern("refuseFollow\\(\\);\\s+return apiClient.execute\\(")
        .containsPattern("refuseFollow\\(\\);\\s+return apiClient.executeAsync\\(");
  }

  @Test
  void anOperationReturnsARequestWithNamedQueryParameters() throws IOException {
    String api = read("CoreV1Api.java");

    assertThat(api)
        .contains("public ListNamespacedPodRequest listNamespacedPod(String namespace)")
        .contains("public ListNamespacedPodRequest labelSelector(String labelSelector)")
        .contains("public ListNamespacedPodRequest _continue(String _continue)")
        .contains(".query(\"continue\", _continue)")
        .contains("public Watch<V1Pod> watch()")
        .doesNotContain("watch(Boolean watch)")
        .contains("public PatchNamespacedPodRequest patchNamespacedPod(String name, String namespace, V1Patch body)")
        .contains("public String execute()")
        .doesNotContain("watchNamespacedPodList");
  }

  @Test
  void aDeprecatedOperationIsMarkedDeprecated() throws IOException {
    String api = read("CoreV1Api.java");

    assertThat(api).containsPattern("@Deprecated\\s+public ReadNamespacedPodRequest readNamespacedPod\\(String name, String namespace\\)");
  }

  @Test
  void specTextReadsAsWrittenInJavadocAndStaysValid() throws IOException {
    String meta = read("model/V1ObjectMeta.java");
    String api = read("CoreV1Api.java");

    assertThat(meta)
        .contains(
            "Name must be unique; an empty namespace is the \"default\" namespace, it's &lt;none&gt; &amp; *&#47;"
                + " &#64;see `name`.")
        .doesNotContain("&quot;", "&#39;", "&#x60;", "\\\"default");
    assertThat(api)
        .contains("@param labelSelector A selector, e.g. \"app=cart\".")
        .contains("* list or watch objects of kind Pod ({@code GET /api/v1/namespaces/{namespace}/pods}).")
        .doesNotContain("&quot;");
  }

  @Test
  void settersCopyListsAndMapsSoItemsCanBeAdded() throws IOException {
    assertThat(read("model/V1PodList.java"))
        .contains("this.items = items == null ? null : new ArrayList<>(items);")
        .contains("(copied: later changes to the argument do not show here)");
    assertThat(read("model/V1Pod.java"))
        .contains("this.extra = extra == null ? null : new LinkedHashMap<>(extra);")
        .contains("this.metadata = metadata;");
  }

  @Test
  void aDeclaredNameIsRefusedAsAnUnknownFieldNamingItsSetter() throws IOException {
    assertThat(read("model/V1Pod.java"))
        .contains("case \"metadata\" -> \"setMetadata\";")
        .contains("case \"apiVersion\" -> \"setApiVersion\";")
        .contains("throw new IllegalArgumentException(")
        .contains("\"V1Pod.putUnknownField(\\\"\" + name");
  }

  @Test
  void noGenerationTimestampIsWritten() throws IOException {
    assertThat(read("CoreV1Api.java") + read("model/V1Pod.java")).doesNotContain("@Generated").doesNotContain("date=");
  }
}
