package dev.kubesdk.manifests.internal;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The patch schema of the built-in models: {@code patch-schema.tsv}, written at build time from the
 * spec's {@code x-kubernetes-patch-strategy} and {@code x-kubernetes-patch-merge-key} and the
 * model graph, read once per process.
 */
public final class PatchSchema {
  /**
   * One property of a model.
   *
   * @param child the model its value (or its list or map elements) is, or null for plain values
   * @param strategy the patch strategy, e.g. {@code merge} or {@code merge,retainKeys}; null for none
   * @param mergeKey the key list elements are merged by, or null
   * @param container {@code object}, {@code list} or {@code map}
   */
  public record Field(@Nullable String child, @Nullable String strategy, @Nullable String mergeKey, String container) {
    /** Whether lists of this field merge instead of being replaced. */
    public boolean merges() {
      return strategy != null && strategy.contains("merge") && container.equals("list");
    }
  }

  private static final class Holder {
    static final Map<String, Map<String, Field>> FIELDS = read();
  }

  private PatchSchema() {}

  /** The property {@code property} of model {@code model}, or null when it leads nowhere and has no strategy. */
  public static @Nullable Field field(@Nullable String model, String property) {
    if (model == null) {
      return null;
    }
    Map<String, Field> fields = Holder.FIELDS.get(model);
    return fields == null ? null : fields.get(property);
  }

  private static Map<String, Map<String, Field>> read() {
    Map<String, Map<String, Field>> out = new HashMap<>();
    for (String[] row : KindTable.rows("patch-schema.tsv", 6)) {
      out.computeIfAbsent(row[0], k -> new HashMap<>()).put(row[1], new Field(dash(row[2]), dash(row[3]), dash(row[4]), row[5]));
    }
    return out;
  }

  private static @Nullable String dash(String value) {
    return value.equals("-") ? null : value;
  }
}
