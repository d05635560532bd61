package dev.kubesdk.codegen;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the tables the manifests module reads at run time, from the processed spec: which model class
 * each {@code apiVersion}/{@code kind} decodes to (from {@code x-kubernetes-group-version-kind}), and the
 * patch schema a strategic merge patch follows (each model property that leads to another model, with its
 * {@code x-kubernetes-patch-strategy} and {@code x-kubernetes-patch-merge-key}).
 *
 * <p>Both are plain text resources, one record per line with tab-separated fields, sorted so the same spec
 * always gives the same bytes:
 *
 * <pre>
 * kinds.tsv:           group  version  kind  modelClass
 * patch-schema.tsv:    modelClass  property  childModel|-  strategy|-  mergeKey|-  container
 * </pre>
 *
 * where {@code container} is {@code object}, {@code list} or {@code map}. Class names are simple names in
 * {@code dev.kubesdk.api.model}.
 */
public final class KindTables {
  private KindTables() {}

  /** Command line entry: {@code <swagger.json> <provenance.json> <output-dir>}. */
  public static void main(String[] args) {
    if (args.length != 3) {
      throw new SpecException("usage: KindTables <swagger.json> <provenance.json> <output-dir>; got " + args.length + " arguments");
    }
    JsonObject tree = SpecPreprocessor.readVerified(Path.of(args[0]), Path.of(args[1]));
    // The same passes as for the generated models, so class names match exactly.
    SpecPreprocessor.process(tree);
    Path out = Path.of(args[2]);
    write(out.resolve("kinds.tsv"), kinds(tree));
    write(out.resolve("patch-schema.tsv"), patchSchema(tree));
  }

  /** One line per group/version/kind a definition is served as. */
  static List<String> kinds(JsonObject processedSpec) {
    TreeSet<String> lines = new TreeSet<>();
    for (Map.Entry<String, JsonElement> def : SpecTree.definitions(processedSpec).entrySet()) {
      JsonObject body = def.getValue().getAsJsonObject();
      JsonElement gvks = body.get(Extensions.GROUP_VERSION_KIND);
      if (gvks == null || !gvks.isJsonArray()) {
        continue;
      }
      for (JsonElement e : gvks.getAsJsonArray()) {
        JsonObject gvk = e.getAsJsonObject();
        lines.add(gvk.get("group").getAsString() + "\t" + gvk.get("version").getAsString() + "\t" + gvk.get("kind").getAsString() + "\t" + def.getKey());
      }
    }
    return new ArrayList<>(lines);
  }

  /** One line per property of a model that holds a model, or that declares a patch strategy. */
  static List<String> patchSchema(JsonObject processedSpec) {
    TreeMap<String, String> lines = new TreeMap<>();
    for (Map.Entry<String, JsonElement> def : SpecTree.definitions(processedSpec).entrySet()) {
      JsonObject body = def.getValue().getAsJsonObject();
      if (!body.has("properties")) {
        continue;
      }
      for (Map.Entry<String, JsonElement> prop : body.getAsJsonObject("properties").entrySet()) {
        JsonObject schema = prop.getValue().getAsJsonObject();
        String container = "object";
        JsonObject target = schema;
        if (schema.has("items") && schema.get("items").isJsonObject()) {
          container = "list";
          target = schema.getAsJsonObject("items");
        } else if (schema.has("additionalProperties") && schema.get("additionalProperties").isJsonObject()) {
          container = "map";
          target = schema.getAsJsonObject("additionalProperties");
        }
        String child = target.has("$ref") ? ref(target.get("$ref").getAsString()) : "-";
        String strategy = text(schema, "x-kubernetes-patch-strategy");
        String key = text(schema, "x-kubernetes-patch-merge-key");
        if (child.equals("-") && strategy.equals("-")) {
          continue;
        }
        lines.put(def.getKey() + "\t" + prop.getKey(), def.getKey() + "\t" + prop.getKey() + "\t" + child + "\t" + strategy + "\t" + key + "\t" + container);
      }
    }
    return new ArrayList<>(lines.values());
  }

  private static String ref(String ref) {
    return ref.startsWith(SpecTree.DEFINITION_REF) ? ref.substring(SpecTree.DEFINITION_REF.length()) : "-";
  }

  private static String text(JsonObject schema, String name) {
    JsonElement e = schema.get(name);
    return e == null || !e.isJsonPrimitive() ? "-" : e.getAsString();
  }

  private static void write(Path file, List<String> lines) {
    String text = String.join("\n", lines) + "\n";
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
        Files.writeString(file, text, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new SpecException(file + ": cannot write: " + e.getMessage(), e);
    }
  }
}
