package dev.kubesdk.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each schema construct of the example CRD, as the generated Java declares it. */
class SchemaMappingTest {
  private static SortedMap<String, String> files;

  @BeforeAll
  static void generate() {
    files = Crds.generate(Crds.WIDGETS);
  }

  private static String source(String name) {
    String source = files.get("com/example/" + name + ".java");
    assertThat(source).as(name + " in " + files.keySet()).isNotNull();
    return source;
  }

  @Test
  void generatesAPackagePerServedVersionWithModelsListAndClient() {
    assertThat(files.keySet())
        .contains("com/example/v1/Widget.java", "com/example/v1/WidgetList.java", "com/example/v1/WidgetApi.java",
            "com/example/v1/WidgetSpec.java", "com/example/v1/WidgetStatus.java",
            "com/example/v1beta1/Widget.java", "com/example/v1beta1/WidgetApi.java");
  }

  @Test
  void kindClassHasApiVersionKindAndObjectMeta() {
    String widget = source("v1/Widget");
    assertThat(widget)
        .contains("public static final String API_VERSION = \"example.com/v1\";")
        .contains("public static final String KIND = \"Widget\";")
        .contains("private dev.kubesdk.api.model.V1ObjectMeta metadata;")
        .contains("private WidgetSpec spec;")
        .contains("private WidgetStatus status;");
    assertThat(source("v1/WidgetList")).contains("private List<Widget> items;").contains("dev.kubesdk.api.model.V1ListMeta metadata");
  }

  @Test
  void scalars() {
    assertThat(source("v1/WidgetSpec"))
        .contains("private String size;")
        .contains("private Integer replicas;")
        .contains("private Long generation;")
        .contains("private Double ratio;")
        .contains("private Boolean paused;")
        .contains("private String contact;")
        .contains("private byte[] token;");
  }

  @Test
  void dateTimeIsAnOffsetDateTimeReadAndWrittenAsKubernetesTime() {
    assertThat(source("v1/WidgetSpec")).contains("private OffsetDateTime notBefore;").contains("DateTimes.TIME.read(in)");
  }

  @Test
  void intOrStringAndQuantity() {
    assertThat(source("v1/WidgetSpec")).contains("private IntOrString port;").contains("private Quantity memory;");
  }

  @Test
  void arraysOfScalarsAndOfObjects() {
    assertThat(source("v1/WidgetSpec")).contains("private List<String> tags;").contains("private List<WidgetSpecPorts> ports;");
    assertThat(source("v1/WidgetSpecPorts")).contains("private Integer containerPort;");
  }

  @Test
  void additionalPropertiesAreMaps() {
    assertThat(source("v1/WidgetSpec"))
        .contains("private Map<String, String> labels;")
        .contains("private Map<String, WidgetSpecLimitsValue> limits;");
    assertThat(source("v1/WidgetSpecLimitsValue")).contains("private Long max;");
  }

  @Test
  void preservedUnknownFieldsWithoutPropertiesAreFreeFormJson() {
    assertThat(source("v1/WidgetSpec")).contains("private JsonElement config;");
  }

  @Test
  void preservedUnknownFieldsWithPropertiesAreAClassKeepingTheRest() {
    assertThat(source("v1/WidgetSpec")).contains("private WidgetSpecExtra extra;");
    assertThat(source("v1/WidgetSpecExtra")).contains("private String known;").contains("unknownFields");
  }

  @Test
  void embeddedResourceHasApiVersionKindAndMetadata() {
    assertThat(source("v1/WidgetSpecTemplate"))
        .contains("private String apiVersion;")
        .contains("private String kind;")
        .contains("private dev.kubesdk.api.model.V1ObjectMeta metadata;");
  }

  @Test
  void enumsAndDefaultsAndDescriptionsAreDocumented() {
    String spec = source("v1/WidgetSpec");
    assertThat(spec)
        .contains("How big the widget is. One of <code>small</code>, <code>medium</code>, <code>large</code>.")
        .contains("How many copies run. Defaults to <code>1</code> on the server.")
        .contains("Format <code>email</code>, checked by the server.");
    assertThat(source("v1/WidgetSpecPorts")).contains("One of <code>TCP</code>, <code>UDP</code>. Defaults to <code>\"TCP\"</code> on the server.");
    assertThat(source("v1/Widget")).contains("A Widget is something the widget controller keeps running.");
  }

  @Test
  void requiredPropertiesAreMarked() {
    assertThat(source("v1/WidgetSpec")).contains("Returns {@code size} (required by the server).");
    assertThat(source("v1/WidgetSpec")).doesNotContain("Returns {@code ratio} (required");
  }

  @Test
  void collidingNamesGetNumbers() {
    assertThat(source("v1/WidgetSpec"))
        .contains("private WidgetSpecMaxSurge maxSurge;")
        .contains("private WidgetSpecMaxSurge2 maxSurge2;")
        .contains("case \"max-surge\":")
        .contains("case \"maxSurge\":");
    assertThat(files).containsKeys("com/example/v1/WidgetSpecMaxSurge.java", "com/example/v1/WidgetSpecMaxSurge2.java");
  }

  @Test
  void keywordsAndObjectMethodsAreRenamed() {
    assertThat(source("v1/WidgetSpec"))
        .contains("private String _class;")
        .contains("public String getPropertyClass()")
        .contains("private String _default;")
        .contains("public String getDefault()");
  }

  @Test
  void storageVersionDeprecationAndSubresourcesAreNoted() {
    assertThat(source("v1/Widget")).contains("The storage version").contains("Subresources: status, scale.");
    assertThat(source("v1beta1/Widget"))
        .doesNotContain("The storage version")
        .contains("Deprecated: example.com/v1beta1 Widget is deprecated; use example.com/v1");
  }

  @Test
  void clientHasStatusAndScaleOnlyWhenTheVersionDeclaresThem() {
    assertThat(source("v1/WidgetApi"))
        .contains("public Widget getStatus(String name)")
        .contains("public PatchRequest applyStatus(Widget object)")
        .contains("public V1Scale getScale(String name)")
        .contains("public WidgetApi inNamespace(String namespace)");
    assertThat(source("v1beta1/WidgetApi")).doesNotContain("getStatus(").doesNotContain("getScale(");
  }

  @Test
  void packageNameReplacesTheGroupButKeepsTheVersion() {
    SortedMap<String, String> custom = CrdGenerator.builder().packageName("org.acme.crds").build().generate(java.util.List.of(Crds.WIDGETS));
    assertThat(custom).containsKey("org/acme/crds/v1/Widget.java").containsKey("org/acme/crds/v1beta1/Widget.java");
    assertThat(custom.get("org/acme/crds/v1/Widget.java")).startsWith("package org.acme.crds.v1;");
  }

  @Test
  void clusterScopedKindsHaveNoNamespace(@org.junit.jupiter.api.io.TempDir Path dir) {
    Path file =
        Crds.write(dir, "c.yaml", Crds.withSpec("type: object\nproperties:\n  a: {type: string}\n").replace("scope: Namespaced", "scope: Cluster"));
    String api = Crds.generate(file).get("com/example/v1/ThingApi.java");
    assertThat(api).doesNotContain("public ThingApi inNamespace(").contains("cluster-scoped");
  }
}
