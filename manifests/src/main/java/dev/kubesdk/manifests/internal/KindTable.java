package dev.kubesdk.manifests.internal;

import dev.kubesdk.manifests.GroupVersionKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in kinds: {@code kinds.tsv}, written at build time from the spec's {@code
 * x-kubernetes-group-version-kind} by the code generator, read once per process (a constant, like
 * the model classes themselves).
 */
public final class KindTable {
  /** The package every generated model lives in. */
  public static final String MODEL_PACKAGE = "dev.kubesdk.api.model.";

  private KindTable() {}

  private static final class Holder {
    static final Map<GroupVersionKind, String> KINDS = read();
  }

  /** Group/version/kind → simple name of the generated model class. */
  public static Map<GroupVersionKind, String> builtIn() {
    return Holder.KINDS;
  }

  private static Map<GroupVersionKind, String> read() {
    Map<GroupVersionKind, String> kinds = new HashMap<>();
    for (String[] row : rows("kinds.tsv", 4)) {
      kinds.put(new GroupVersionKind(row[0], row[1], row[2]), row[3]);
    }
    return Map.copyOf(kinds);
  }

  /** The rows of a generated table next to this class, each split into {@code columns} fields. */
  public static List<String[]> rows(String name, int columns) {
    try (InputStream in = KindTable.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the kubesdk-manifests jar; it is written by the build (KindTables)");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String[]> rows = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (!line.isEmpty()) {
          String[] row = line.split("\t", -1);
          if (row.length != columns) {
            throw new IllegalStateException(name + ": line \"" + line + "\" has " + row.length + " fields, not " + columns);
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " from the kubesdk-manifests jar", e);
    }
  }
}
