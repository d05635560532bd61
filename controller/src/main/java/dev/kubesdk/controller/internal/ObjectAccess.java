package dev.kubesdk.controller.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1OwnerReference;
import dev.kubesdk.runtime.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads the metadata of one kind of object, typed model or JSON tree alike, so the reflector, store
 * and controller need not know which. Implementations are stateless and thread-safe. Mirrors what
 * apimachinery's {@code meta.Accessor} gives client-go.
 *
 * @param <T> the object type
 */
public interface ObjectAccess<T> {

  /** The namespace, or null for a cluster-scoped object. */
  @Nullable String namespace(T object);

  /** The name; an object without one cannot be cached. */
  @Nullable String name(T object);

  /** {@code metadata.resourceVersion}, or null when unset. */
  @Nullable String resourceVersion(T object);

  /** {@code metadata.annotations}, empty when unset. */
  Map<String, String> annotations(T object);

  /** {@code metadata.labels}, empty when unset. */
  Map<String, String> labels(T object);

  /** {@code metadata.ownerReferences}, empty when unset. */
  List<V1OwnerReference> ownerReferences(T object);

  /** Drops {@code metadata.managedFields} in place and returns the object. */
  T stripManagedFields(T object);

  /** Access through a typed model's {@code getMetadata()}. */
  static <T> ObjectAccess<T> typed(Function<T, @Nullable V1ObjectMeta> metadata) {
    return new Typed<>(metadata);
  }

  /** Access to objects held as JSON trees (custom resources through {@code CustomObjectsApi}). */
  static ObjectAccess<JsonObject> json() {
    return JsonAccess.INSTANCE;
  }

  /** Typed models: every generated model with metadata has {@code getMetadata()}. */
  final class Typed<T> implements ObjectAccess<T> {
    private final Function<T, @Nullable V1ObjectMeta> metadata;

    Typed(Function<T, @Nullable V1ObjectMeta> metadata) {
      this.metadata = Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public @Nullable String namespace(T object) {
      V1ObjectMeta m = metadata.apply(object);
      return m == null ? null : m.getNamespace();
    }

    @Override
    public @Nullable String name(T object) {
      V1ObjectMeta m = metadata.apply(object);
      return m == null ? null : m.getName();
    }

    @Override
    public @Nullable String resourceVersion(T object) {
      V1ObjectMeta m = metadata.apply(object);
      return m == null ? null : m.getResourceVersion();
    }

    @Override
    public Map<String, String> annotations(T object) {
      V1ObjectMeta m = metadata.apply(object);
      return m == null || m.getAnnotations() == null ? Map.of() : m.getAnnotations();
    }

    @Override
    public Map<String, String> labels(T object) {
      V1ObjectMeta m = metadata.apply(object);
      return m == null || m.getLabels() == null ? Map.of() : m.getLabels();
    }

    @Override
    public List<V1OwnerReference> ownerReferences(T object) {
      V1ObjectMeta m = metadata.apply(object);
      return m == null || m.getOwnerReferences() == null ? List.of() : m.getOwnerReferences();
    }

    @Override
    public T stripManagedFields(T object) {
      V1ObjectMeta m = metadata.apply(object);
      if (m != null) {
        m.setManagedFields(null);
      }
      return object;
    }
  }

  /** JSON trees: reads {@code metadata} without decoding it into a model. */
  final class JsonAccess implements ObjectAccess<JsonObject> {
    static final JsonAccess INSTANCE = new JsonAccess();

    private JsonAccess() {}

    private static @Nullable JsonObject meta(JsonObject object) {
      JsonElement m = object.get("metadata");
      return m != null && m.isJsonObject() ? m.getAsJsonObject() : null;
    }

    private static @Nullable String text(JsonObject object, String field) {
      JsonObject m = meta(object);
      JsonElement v = m == null ? null : m.get(field);
      return v != null && v.isJsonPrimitive() ? v.getAsString() : null;
    }

    private static Map<String, String> strings(JsonObject object, String field) {
      JsonObject m = meta(object);
      JsonElement v = m == null ? null : m.get(field);
      if (v == null || !v.isJsonObject()) {
        return Map.of();
      }
      LinkedHashMap<String, String> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
        if (e.getValue().isJsonPrimitive()) {
          out.put(e.getKey(), e.getValue().getAsString());
        }
      }
      return out;
    }

    @Override
    public @Nullable String namespace(JsonObject object) {
      return text(object, "namespace");
    }

    @Override
    public @Nullable String name(JsonObject object) {
      return text(object, "name");
    }

    @Override
    public @Nullable String resourceVersion(JsonObject object) {
      return text(object, "resourceVersion");
    }

    @Override
    public Map<String, String> annotations(JsonObject object) {
      return strings(object, "annotations");
    }

    @Override
    public Map<String, String> labels(JsonObject object) {
      return strings(object, "labels");
    }

    @Override
    public List<V1OwnerReference> ownerReferences(JsonObject object) {
      JsonObject m = meta(object);
      JsonElement v = m == null ? null : m.get("ownerReferences");
      if (v == null || !v.isJsonArray()) {
        return List.of();
      }
      JsonArray refs = v.getAsJsonArray();
      List<V1OwnerReference> out = new ArrayList<>(refs.size());
      for (JsonElement ref : refs) {
        out.add(Json.gson().fromJson(ref, V1OwnerReference.class));
      }
      return out;
    }

    @Override
    public JsonObject stripManagedFields(JsonObject object) {
      JsonObject m = meta(object);
      if (m != null) {
        m.remove("managedFields");
      }
      return object;
    }
  }
}
