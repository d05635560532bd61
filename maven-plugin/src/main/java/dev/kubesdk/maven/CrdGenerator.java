package dev.kubesdk.maven;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.kubesdk.codegen.JavadocText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Turns CustomResourceDefinitions into Java sources: for every served version of every CRD, in a package of
 * its own, the kind's model, its list model, a class per nested object of the schema, and a typed client
 * ({@code <Kind>Api}). The same input always gives the same bytes: classes and properties are sorted and
 * nothing records a time or a path. Immutable and thread-safe.
 *
 * <pre>{@code
 * CrdGenerator generator = CrdGenerator.builder().packageName("com.example.crds").build();
 * SortedMap<String, String> sources = generator.generate(List.of(Path.of("src/main/crds")));
 * }</pre>
 */
public final class CrdGenerator {
  /** Simple names the generated classes import or declare; a kind of one of these names would not compile. */
  static final Set<String> RESERVED =
      Set.of(
          "Gson", "JsonElement", "TypeAdapter", "TypeAdapterFactory", "JsonAdapter", "TypeToken", "JsonReader",
          "JsonToken", "JsonWriter", "DateTimes", "FieldsV1", "IntOrString", "Quantity", "IOException", "ByteBuffer",
          "OffsetDateTime", "ArrayList", "Arrays", "Base64", "Collections", "LinkedHashMap", "List", "Map", "Objects",
          "String", "Integer", "Long", "Double", "Boolean", "Object", "Override", "Deprecated", "SuppressWarnings",
          "GsonAdapterFactory", "GsonAdapter", "V1Scale", "V1Status", "ApiClient", "ApiRequest", "CustomObjectsApi",
          "CustomResources", "Json", "V1Patch", "Watch", "CompletableFuture", "PatchRequest", "ListRequest");

  private static final ModelRenderer RENDERER = new ModelRenderer();

  private final @Nullable String packageName;

  private CrdGenerator(Builder builder) {
    this.packageName = builder.packageName;
  }

  /** A builder; without {@link Builder#packageName} each CRD's package comes from its group. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The sources generated from the CRDs in {@code paths} (files or directories): relative file name (e.g.
   * {@code com/example/stable/v1/CronTab.java}) → Java source, sorted by name.
   *
   * @throws CrdGenerationException naming the file, CRD, version and schema path of what cannot be generated
   */
  public SortedMap<String, String> generate(List<Path> paths) {
    return generateFrom(CrdReader.read(paths));
  }

  /**
   * The sources generated from the CRDs of a cluster, read as {@code GET
   * /apis/apiextensions.k8s.io/v1/customresourcedefinitions} through {@code configuration}.
   *
   * @param crds CRD names ({@code crontabs.stable.example.com}) or groups ({@code stable.example.com})
   * @throws CrdGenerationException when the call fails, a name matches nothing, or a CRD cannot be generated
   */
  public SortedMap<String, String> generateFromCluster(dev.kubesdk.config.Configuration configuration, List<String> crds) {
    return generateFrom(ClusterCrds.read(Objects.requireNonNull(configuration, "configuration"), List.copyOf(crds)));
  }

  SortedMap<String, String> generateFrom(List<CrdReader.Source> sources) {
    // CRDs are independent: generated in parallel, merged in input order, so the first of two CRDs that
    // generate the same file is the one the error names as its owner, whatever the threads did.
    List<List<Generated>> perCrd = sources.parallelStream().map(this::generate).toList();
    SortedMap<String, String> files = new TreeMap<>();
    Map<String, String> owners = new LinkedHashMap<>();
    for (List<Generated> generated : perCrd) {
      for (Generated g : generated) {
        String owner = owners.putIfAbsent(g.file(), g.owner());
        if (owner != null) {
          throw new CrdGenerationException(
              g.owner() + ": generates " + g.file() + ", which " + owner + " generates too; give them different"
                  + " packages (packageName adds the version, not the group) or drop one of the CRDs");
        }
        files.put(g.file(), g.source());
      }
    }
    return files;
  }

  /** One generated file, and the CRD version that generated it. */
  private record Generated(String file, String source, String owner) {}

  private List<Generated> generate(CrdReader.Source source) {
    List<Generated> files = new ArrayList<>();
    JsonObject crd = source.crd();
    String name = metadataName(crd);
    SchemaContext at = new SchemaContext(source.origin(), name, "");
    String apiVersion = SchemaMapper.text(crd, "apiVersion");
    if (!"apiextensions.k8s.io/v1".equals(apiVersion)) {
      throw new CrdGenerationException(
          at.describe() + ": apiVersion " + apiVersion + " is not supported; convert it to apiextensions.k8s.io/v1"
              + " (v1beta1 CRDs are not served since Kubernetes 1.22)");
    }
    JsonObject spec = object(crd, "spec", at, "spec");
    JsonObject names = object(spec, "names", at, "spec.names");
    String group = required(spec, "group", at, "spec.group");
    String kind = required(names, "kind", at, "spec.names.kind");
    String plural = required(names, "plural", at, "spec.names.plural");
    String listKind = Objects.requireNonNullElse(SchemaMapper.text(names, "listKind"), kind + "List");
    boolean namespaced = !"Cluster".equals(SchemaMapper.text(spec, "scope"));
    String className = JavaNames.pascal(kind);
    if (!className.equals(kind) || RESERVED.contains(kind)) {
      throw new CrdGenerationException(
          at.describe() + ": spec.names.kind " + kind + " cannot name a Java class"
              + (RESERVED.contains(kind) ? " (the generated code uses a type of that name)" : "")
              + "; kinds are CamelCase letters and digits");
    }
    if (!(spec.get("versions") instanceof JsonArray versions) || versions.isEmpty()) {
      throw new CrdGenerationException(at.describe() + ": spec.versions is missing or empty; list the versions it serves");
    }
    for (JsonElement v : versions) {
      JsonObject version = v.getAsJsonObject();
      String versionName = required(version, "name", at, "spec.versions[].name");
      SchemaContext where = new SchemaContext(source.origin(), name, versionName);
      if (version.has("served") && !version.get("served").getAsBoolean()) {
        continue;
      }
      JsonObject schema =
          version.get("schema") instanceof JsonObject s && s.get("openAPIV3Schema") instanceof JsonObject o ? o : null;
      if (schema == null) {
        throw new CrdGenerationException(
            where.describe() + ": schema.openAPIV3Schema is missing; apiextensions.k8s.io/v1 requires a schema for every"
                + " version (a free-form one is {type: object, x-kubernetes-preserve-unknown-fields: true})");
      }
      String pkg = packageName == null ? JavaNames.packageOf(group, versionName) : JavaNames.packageWithVersion(packageName, versionName);
      String listClass = JavaNames.pascal(listKind);
      String apiClass = className + "Api";
      SchemaMapper mapper =
          new SchemaMapper(where, group + "/" + versionName + " " + kind, Set.of(className, listClass, apiClass));
      JsonObject subresources = version.get("subresources") instanceof JsonObject s ? s : new JsonObject();
      boolean status = subresources.has("status");
      boolean scale = subresources.has("scale");
      mapper.root(schema, className, group + "/" + versionName, kind, kindDoc(schema, version, group, versionName, plural, namespaced, status, scale));
      mapper.list(listClass, className, group + "/" + versionName, listKind, group + "/" + versionName + " " + listKind);
      String dir = pkg.replace('.', '/') + "/";
      for (ModelSpec model : mapper.models()) {
        files.add(new Generated(dir + model.className() + ".java", RENDERER.model(pkg, model), where.describe()));
      }
      Map<String, Object> client = new LinkedHashMap<>();
      client.put("package", pkg);
      client.put("className", apiClass);
      client.put("kind", className);
      client.put("listClass", listClass);
      client.put("group", group);
      client.put("version", versionName);
      client.put("plural", plural);
      client.put("namespaced", namespaced);
      client.put("status", status);
      client.put("scale", scale);
      files.add(new Generated(dir + apiClass + ".java", RENDERER.client(client), where.describe()));
    }
    return files;
  }

  private static String kindDoc(
      JsonObject schema, JsonObject version, String group, String versionName, String plural, boolean namespaced, boolean status, boolean scale) {
    List<String> parts = new ArrayList<>();
    String description = JavadocText.of(SchemaMapper.text(schema, "description"));
    if (description != null) {
      parts.add(description);
    }
    StringBuilder served =
        new StringBuilder("Served as <code>")
            .append(group).append('/').append(versionName).append("</code>, resource <code>").append(plural)
            .append("</code>, ").append(namespaced ? "namespaced" : "cluster-scoped").append('.');
    if (version.has("storage") && version.get("storage").getAsBoolean()) {
      served.append(" The storage version: objects are kept in etcd as this version.");
    }
    if (SchemaMapper.flag(version, "deprecated")) {
      String warning = SchemaMapper.text(version, "deprecationWarning");
      served.append(" Deprecated").append(warning == null ? "." : ": " + JavadocText.of(warning));
    }
    if (status || scale) {
      served.append(" Subresources: ").append(status && scale ? "status, scale" : status ? "status" : "scale").append('.');
    }
    parts.add(served.toString());
    return String.join("\n *\n * <p>", parts);
  }

  /**
   * Writes {@code sources} under {@code directory}, leaving files whose content is unchanged untouched (so
   * incremental compilation stays incremental), and deletes the {@code .java} files a previous run wrote
   * there that are no longer generated.
   *
   * @return the number of files written
   */
  public static int write(SortedMap<String, String> sources, Path directory) {
    Set<Path> keep = new HashSet<>();
    for (String file : sources.keySet()) {
      keep.add(directory.resolve(file).toAbsolutePath().normalize());
    }
    // Files are independent; writing them in parallel halves the time for a few thousand classes.
    long written =
        sources.entrySet().parallelStream().filter(source -> writeIfChanged(directory.resolve(source.getKey()), source.getValue())).count();
    if (Files.isDirectory(directory)) {
      try (Stream<Path> existing = Files.walk(directory)) {
        for (Path stale :
            existing.filter(p -> p.toString().endsWith(".java") && !keep.contains(p.toAbsolutePath().normalize())).toList()) {
          Files.delete(stale);
        }
      } catch (IOException e) {
        throw new CrdGenerationException(directory + ": cannot remove the sources a previous run wrote: " + e.getMessage(), e);
      }
    }
    return (int) written;
  }

  private static boolean writeIfChanged(Path file, String source) {
    try {
      byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
      if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
        return false;
      }
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
      return true;
    } catch (IOException e) {
      throw new CrdGenerationException(file + ": cannot write the generated source: " + e.getMessage(), e);
    }
  }

  private static String metadataName(JsonObject crd) {
    String name = crd.get("metadata") instanceof JsonObject m ? SchemaMapper.text(m, "name") : null;
    return name == null ? "(no metadata.name)" : name;
  }

  private static JsonObject object(JsonObject parent, String key, SchemaContext at, String path) {
    if (parent.get(key) instanceof JsonObject o) {
      return o;
    }
    throw CrdGenerationException.at(at, path, "missing", "a CustomResourceDefinition needs " + path);
  }

  private static String required(JsonObject parent, String key, SchemaContext at, String path) {
    String value = SchemaMapper.text(parent, key);
    if (value == null || value.isEmpty()) {
      throw CrdGenerationException.at(at, path, "missing", "a CustomResourceDefinition needs " + path);
    }
    return value;
  }

  /** Builds a {@link CrdGenerator}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable String packageName;

    private Builder() {}

    /**
     * The base package: each version's classes go to {@code <packageName>.<version>}. Unset, the base is the
     * CRD's group reversed ({@code stable.example.com} → {@code com.example.stable.v1}).
     *
     * @throws IllegalArgumentException when {@code packageName} is not a Java package name
     */
    public Builder packageName(String packageName) {
      Objects.requireNonNull(packageName, "packageName");
      if (!JavaNames.isPackage(packageName)) {
        throw new IllegalArgumentException(
            "packageName \"" + packageName + "\" is not a Java package name; use dot-separated identifiers such as com.example.crds");
      }
      this.packageName = packageName;
      return this;
    }

    /** The generator. */
    public CrdGenerator build() {
      return new CrdGenerator(this);
    }
  }
}
