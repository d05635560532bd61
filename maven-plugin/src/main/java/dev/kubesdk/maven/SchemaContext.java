package dev.kubesdk.maven;

/**
 * Where a schema comes from, for error messages: the source (a file, or the cluster), the CRD's name and
 * the version whose schema is being read.
 *
 * @param source the file the CRD was read from, or {@code cluster <host>}
 * @param crd the CRD's {@code metadata.name}, e.g. {@code crontabs.stable.example.com}
 * @param version the version name, e.g. {@code v1}, or empty before a version is chosen
 */
record SchemaContext(String source, String crd, String version) {
  String describe() {
    return source + ": CustomResourceDefinition " + crd + (version.isEmpty() ? "" : ", version " + version);
  }
}
