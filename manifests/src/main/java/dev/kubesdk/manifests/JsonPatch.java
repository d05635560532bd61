package dev.kubesdk.manifests;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.kubesdk.runtime.Json;
import dev.kubesdk.runtime.V1Patch;
import java.util.Objects;

/**
 * Builds a JSON Patch (RFC 6902): a list of operations on JSON Pointer paths, applied by the server
 * in order, all or none. A {@code test} operation makes the patch fail (422) unless a value is as
 * expected, which guards a change against a concurrent one without a resourceVersion.
 *
 * <pre>{@code
 * V1Patch patch = JsonPatch.builder()
 *     .test("/spec/replicas", 2)
 *     .replace("/spec/replicas", 3)
 *     .add("/metadata/labels/" + JsonPatch.escape("app.kubernetes.io/name"), "web")
 *     .build();
 * }</pre>
 */
public final class JsonPatch {
  private JsonPatch() {}

  /** A builder with no operations yet. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code segment} escaped for a JSON Pointer: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
  public static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  /**
   * Collects operations. Values are any JSON value: text, numbers, booleans, JSON trees, models
   * (written through their generated adapters) or null. Mutable and not thread-safe.
   */
  public static final class Builder {
    private final JsonArray operations = new JsonArray();

    private Builder() {}

    /** Adds {@code value} at {@code path} (a list index or {@code -} appends to a list). */
    public Builder add(String path, Object value) {
      return op("add", path, null).value(value);
    }

    /** Removes the value at {@code path}, which must exist. */
    public Builder remove(String path) {
      return op("remove", path, null);
    }

    /** Replaces the value at {@code path}, which must exist. */
    public Builder replace(String path, Object value) {
      return op("replace", path, null).value(value);
    }

    /** Moves the value at {@code from} to {@code path}. */
    public Builder move(String from, String path) {
      return op("move", path, Objects.requireNonNull(from, "from"));
    }

    /** Copies the value at {@code from} to {@code path}. */
    public Builder copy(String from, String path) {
      return op("copy", path, Objects.requireNonNull(from, "from"));
    }

    /** Fails the whole patch unless the value at {@code path} equals {@code value}. */
    public Builder test(String path, Object value) {
      return op("test", path, null).value(value);
    }

    /**
     * The patch, sent as {@code application/json-patch+json}.
     *
     * @throws IllegalStateException when no operation was added (the server would answer 400)
     */
    public V1Patch build() {
      if (operations.isEmpty()) {
        throw new IllegalStateException("a JSON Patch needs at least one operation; add one, e.g. replace(\"/spec/replicas\", 3)");
      }
      return V1Patch.json(Json.serialize(operations));
    }

    private Builder op(String op, String path, String from) {
      Objects.requireNonNull(path, "path");
      if (!path.isEmpty() && !path.startsWith("/")) {
        throw new IllegalArgumentException("\"" + path + "\" is not a JSON Pointer: it must start with /, e.g. /spec/replicas");
      }
      JsonObject o = new JsonObject();
      o.addProperty("op", op);
      if (from != null) {
        o.addProperty("from", from);
      }
      o.addProperty("path", path);
      operations.add(o);
      return this;
    }

    private Builder value(Object value) {
      JsonElement tree = value instanceof JsonElement e ? e.deepCopy() : Json.gson().toJsonTree(value);
      operations.get(operations.size() - 1).getAsJsonObject().add("value", tree);
      return this;
    }

    /** How many operations were added. */
    @Override
    public String toString() {
      return "JsonPatch.Builder[" + operations.size() + " operations]";
    }
  }
}
