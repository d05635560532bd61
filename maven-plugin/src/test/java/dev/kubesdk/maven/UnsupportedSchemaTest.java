package dev.kubesdk.maven;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each construct without a faithful Java mapping fails, naming file, CRD, version, path and the fix. */
class UnsupportedSchemaTest {
  @TempDir Path dir;

  private AbstractThrowableAssert<?, ? extends Throwable> failsWithSpec(String spec) {
    return failsWith(Crds.withSpec(spec));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> failsWith(String crd) {
    Path file = Crds.write(dir, "thing.yaml", crd);
    return assertThatThrownBy(() -> Crds.generate(file))
        .isInstanceOf(CrdGenerationException.class)
        .hasMessageStartingWith(file + ": CustomResourceDefinition things.example.com");
  }

  @Test
  void ref() {
    failsWithSpec("type: object\nproperties:\n  a: {$ref: '#/definitions/A'}\n")
        .hasMessageContaining("version v1: .spec.a: $ref is not allowed")
        .hasMessageContaining("inline the referenced schema");
  }

  @Test
  void missingType() {
    failsWithSpec("type: object\nproperties:\n  a: {description: untyped}\n")
        .hasMessageContaining(".spec.a: no type")
        .hasMessageContaining("x-kubernetes-preserve-unknown-fields: true");
  }

  @Test
  void unknownType() {
    failsWithSpec("type: object\nproperties:\n  a: {type: 'null'}\n")
        .hasMessageContaining(".spec.a: type null is not a JSON schema type")
        .hasMessageContaining("use one of string");
  }

  @Test
  void arrayWithoutItems() {
    failsWithSpec("type: object\nproperties:\n  a: {type: array}\n")
        .hasMessageContaining(".spec.a: an array without items")
        .hasMessageContaining("add items");
  }

  @Test
  void tupleItems() {
    failsWithSpec("type: object\nproperties:\n  a: {type: array, items: [{type: string}, {type: integer}]}\n")
        .hasMessageContaining(".spec.a: items is a list of schemas (a tuple)");
  }

  @Test
  void propertiesAndAdditionalProperties() {
    failsWithSpec("type: object\nproperties:\n  a: {type: object, properties: {b: {type: string}}, additionalProperties: {type: string}}\n")
        .hasMessageContaining(".spec.a: both properties and additionalProperties")
        .hasMessageContaining("use properties for a fixed set of fields");
  }

  @Test
  void additionalPropertiesFalse() {
    failsWithSpec("type: object\nproperties:\n  a: {type: object, additionalProperties: false}\n")
        .hasMessageContaining(".spec.a: additionalProperties: false");
  }

  @Test
  void integerFormat() {
    failsWithSpec("type: object\nproperties:\n  a: {type: integer, format: int8}\n")
        .hasMessageContaining(".spec.a: integer format int8 has no Java mapping")
        .hasMessageContaining("use format int32");
  }

  @Test
  void numberFormat() {
    failsWithSpec("type: object\nproperties:\n  a: {type: number, format: decimal128}\n")
        .hasMessageContaining(".spec.a: number format decimal128 has no Java mapping");
  }

  @Test
  void intOrStringWithAType() {
    failsWithSpec("type: object\nproperties:\n  a: {type: string, x-kubernetes-int-or-string: true}\n")
        .hasMessageContaining(".spec.a: x-kubernetes-int-or-string with type string")
        .hasMessageContaining("remove the type");
  }

  @Test
  void embeddedResourceThatIsNotAnObject() {
    failsWithSpec("type: object\nproperties:\n  a: {type: string, x-kubernetes-embedded-resource: true}\n")
        .hasMessageContaining(".spec.a: x-kubernetes-embedded-resource on a schema of type string");
  }

  @Test
  void propertyNameWithoutLettersOrDigits() {
    failsWithSpec("type: object\nproperties:\n  '--': {type: string}\n")
        .hasMessageContaining(".spec.--: the property name has no letter or digit")
        .hasMessageContaining("rename the property");
  }

  @Test
  void arrayItemsAreNamedInThePath() {
    failsWithSpec("type: object\nproperties:\n  a: {type: array, items: {type: object, properties: {b: {type: integer, format: int16}}}}\n")
        .hasMessageContaining(".spec.a[*].b: integer format int16");
  }

  @Test
  void rootThatIsNotAnObject() {
    failsWith(Crds.withSpec("type: object\n").replaceFirst("type: object", "type: string"))
        .hasMessageContaining("openAPIV3Schema: the root schema has type string");
  }

  @Test
  void versionWithoutSchema() {
    failsWith(
            """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: things.example.com}
            spec:
              group: example.com
              names: {kind: Thing, plural: things}
              scope: Namespaced
              versions: [{name: v1, served: true, storage: true}]
            """)
        .hasMessageContaining("version v1: schema.openAPIV3Schema is missing");
  }

  @Test
  void v1beta1Crd() {
    failsWith(Crds.withSpec("type: object\n").replace("apiextensions.k8s.io/v1\n", "apiextensions.k8s.io/v1beta1\n"))
        .hasMessageContaining("apiVersion apiextensions.k8s.io/v1beta1 is not supported; convert it to apiextensions.k8s.io/v1");
  }

  @Test
  void kindThatClashesWithAGeneratedType() {
    failsWith(Crds.withSpec("type: object\n").replace("kind: Thing,", "kind: Quantity,"))
        .hasMessageContaining("spec.names.kind Quantity cannot name a Java class (the generated code uses a type of that name)");
  }

  @Test
  void twoCrdsGeneratingTheSameClass() {
    Path file = Crds.write(dir, "twice.yaml", Crds.withSpec("type: object\n") + "---\n" + Crds.withSpec("type: object\n"));
    assertThatThrownBy(() -> Crds.generate(file))
        .isInstanceOf(CrdGenerationException.class)
        .hasMessageContaining("generates com/example/v1/Thing.java, which " + file + ": CustomResourceDefinition things.example.com, version v1 generates too");
  }

  @Test
  void badPackageName() {
    assertThatThrownBy(() -> CrdGenerator.builder().packageName("com.example.class"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("packageName \"com.example.class\" is not a Java package name");
  }

  @Test
  void unreadableYaml() {
    Path file = Crds.write(dir, "broken.yaml", "apiVersion: [unclosed\n");
    assertThatThrownBy(() -> Crds.generate(file))
        .isInstanceOf(CrdGenerationException.class)
        .hasMessageStartingWith(file + ": cannot read: ")
        .hasMessageEndingWith("fix the file's syntax");
  }

  @Test
  void missingSource() {
    Path missing = dir.resolve("nowhere");
    assertThatThrownBy(() -> Crds.generate(missing))
        .isInstanceOf(CrdGenerationException.class)
        .hasMessage(missing + ": no such file or directory; check the plugin's <sources>");
  }
}
