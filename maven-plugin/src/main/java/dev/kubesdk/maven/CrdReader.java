package dev.kubesdk.maven;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads CustomResourceDefinitions from files: every {@code CustomResourceDefinition} document of a YAML
 * (multi-document) or JSON file, or of every {@code *.yaml}, {@code *.yml} and {@code *.json} file under a
 * directory, in path order. Documents of other kinds are skipped; {@code List} documents (as {@code kubectl
 * get -o yaml} writes) are opened. YAML is loaded with snakeyaml's safe constructor, and without its
 * timestamp resolution, so a {@code default: 2024-01-01} stays the text it is in JSON.
 */
final class CrdReader {
  private CrdReader() {}

  /** A CRD document and where it came from. */
  record Source(String origin, JsonObject crd) {}

  /** The CRDs of {@code paths} (files or directories), in the order given, each directory's files sorted. */
  static List<Source> read(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> found = Files.walk(path)) {
          files.addAll(found.filter(Files::isRegularFile).filter(CrdReader::isCrdFile).sorted().toList());
        } catch (IOException e) {
          throw new CrdGenerationException(path + ": cannot list the directory: " + e.getMessage(), e);
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new CrdGenerationException(path + ": no such file or directory; check the plugin's <sources>");
      }
    }
    // Files are parsed in parallel and their CRDs kept in file order.
    List<Source> result = new ArrayList<>();
    files.parallelStream().map(CrdReader::readFile).toList().forEach(result::addAll);
    return result;
  }

  static boolean isCrdFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static List<Source> readFile(Path file) {
    List<Source> result = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (file.getFileName().toString().endsWith(".json")) {
        collect(file.toString(), JsonParser.parseReader(reader), result);
      } else {
        for (Object document : yaml().loadAll(reader)) {
          if (document != null) {
            collect(file.toString(), toJson(document), result);
          }
        }
      }
    } catch (IOException | YAMLException | JsonParseException e) {
      throw new CrdGenerationException(file + ": cannot read: " + e.getMessage() + "; fix the file's syntax", e);
    }
    return result;
  }

  /** Adds the CRDs of one parsed document (a CRD, a List of them, or anything else, skipped). */
  static void collect(String origin, JsonElement document, List<Source> result) {
    if (!(document instanceof JsonObject object)) {
      return;
    }
    String kind = SchemaMapper.text(object, "kind");
    if ("CustomResourceDefinition".equals(kind)) {
      result.add(new Source(origin, object));
    } else if (kind != null && kind.endsWith("List") && object.get("items") instanceof JsonArray items) {
      for (JsonElement item : items) {
        collect(origin, item, result);
      }
    }
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024);
    Resolver resolver =
        new Resolver() {
          @Override
          protected void addImplicitResolvers() {
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.BOOL, BOOL, "yYnNtTfFoO");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.INT, INT, "-+0123456789");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, EMPTY, null);
          }
        };
    return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options, resolver);
  }

  static JsonElement toJson(Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      map.forEach((k, v) -> object.add(String.valueOf(k), toJson(v)));
      return object;
    }
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(v -> array.add(toJson(v)));
      return array;
    }
    if (value instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      return new JsonPrimitive((Number) value);
    }
    if (value instanceof Number n) {
      return new JsonPrimitive(n.doubleValue());
    }
    if (value instanceof byte[] bytes) {
      return new JsonPrimitive(java.util.Base64.getEncoder().encodeToString(bytes));
    }
    return new JsonPrimitive(String.valueOf(value));
  }
}
