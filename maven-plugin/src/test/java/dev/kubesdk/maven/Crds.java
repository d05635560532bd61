package dev.kubesdk.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/** Test CRDs: a one-version CRD around a schema, written to a file and generated. */
final class Crds {
  static final Path WIDGETS = Path.of("../examples/crd-consumer/src/main/crds/widgets.yaml");

  private Crds() {}

  /** A CRD {@code things.example.com} (kind Thing, version v1) whose {@code spec} schema is {@code specYaml}, as YAML. */
  static String withSpec(String specYaml) {
    return """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: things.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Thing, plural: things}
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
        """ + specYaml.indent(14);
  }

  static Path write(Path dir, String name, String yaml) {
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SortedMap<String, String> generate(Path... paths) {
    return CrdGenerator.builder().build().generate(List.of(paths));
  }
}
