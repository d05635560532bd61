package dev.kubesdk.config.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Names YAML value types the way a kubeconfig author thinks of them. */
final class YamlValues {
  private YamlValues() {}

  static String typeName(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map) {
      return "mapping";
    }
    if (value instanceof List) {
      return "list";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof Number) {
      return "number";
    }
    return "scalar of type " + value.getClass().getSimpleName();
  }
}
