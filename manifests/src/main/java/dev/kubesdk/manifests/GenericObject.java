package dev.kubesdk.manifests;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An object of a kind without a Java class (a custom resource, or a kind newer than this SDK),
 * held as its JSON tree, with accessors for what every object has. client-go's {@code
 * unstructured.Unstructured}, fabric8's {@code GenericKubernetesResource}. Not thread-safe: the
 * tree is live, and {@link #json()} gives it to you to read and change; {@link DynamicClient} and
 * {@code CustomResources} take it as is.
 */
public final class GenericObject {
  private final JsonObject json;

  private GenericObject(JsonObject json) {
    this.json = json;
  }

  /**
   * A view of {@code json}, which must carry {@code apiVersion} and {@code kind}; the tree is not
   * copied.
   *
   * @throws IllegalArgumentException when {@code apiVersion} or {@code kind} is missing or not text
   */
  public static GenericObject of(JsonObject json) {
    Objects.requireNonNull(json, "json");
    if (text(json, "apiVersion") == null || text(json, "kind") == null) {
      throw new IllegalArgumentException("a Kubernetes object needs apiVersion and kind as text; this one has " + json.keySet());
    }
    return new GenericObject(json);
  }

  /** The JSON tree, live: changes to it change this object. */
  public JsonObject json() {
    return json;
  }

  /** {@code apiVersion}, e.g. {@code stable.example.com/v1}. */
  public String apiVersion() {
    return Objects.requireNonNull(text(json, "apiVersion"), "apiVersion");
  }

  /** {@code kind}, e.g. {@code CronTab}. */
  public String kind() {
    return Objects.requireNonNull(text(json, "kind"), "kind");
  }

  /** The group, version and kind. */
  public GroupVersionKind groupVersionKind() {
    return GroupVersionKind.of(apiVersion(), kind());
  }

  /** {@code metadata.name}, empty when unset (an object to create with {@code generateName}). */
  public Optional<String> name() {
    return Optional.ofNullable(text(metadata(), "name"));
  }

  /** {@code metadata.namespace}, empty for a cluster-scoped object or one that takes the default. */
  public Optional<String> namespace() {
    return Optional.ofNullable(text(metadata(), "namespace"));
  }

  /** {@code metadata.resourceVersion}, empty when unset. */
  public Optional<String> resourceVersion() {
    return Optional.ofNullable(text(metadata(), "resourceVersion"));
  }

  /** {@code metadata.labels}, a copy; empty when unset. */
  public Map<String, String> labels() {
    return strings(metadata(), "labels");
  }

  /** {@code metadata.annotations}, a copy; empty when unset. */
  public Map<String, String> annotations() {
    return strings(metadata(), "annotations");
  }

  /** Sets {@code metadata.namespace}, creating {@code metadata} when absent; returns this object. */
  public GenericObject namespace(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    JsonElement m = json.get("metadata");
    if (!(m instanceof JsonObject)) {
      m = new JsonObject();
      json.add("metadata", m);
    }
    ((JsonObject) m).addProperty("namespace", namespace);
    return this;
  }

  private JsonObject metadata() {
    JsonElement m = json.get("metadata");
    return m instanceof JsonObject o ? o : new JsonObject();
  }

  private static @Nullable String text(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
  }

  private static Map<String, String> strings(JsonObject o, String name) {
    JsonElement e = o.get(name);
    Map<String, String> out = new LinkedHashMap<>();
    if (e instanceof JsonObject map) {
      for (Map.Entry<String, JsonElement> entry : map.entrySet()) {
        if (entry.getValue().isJsonPrimitive()) {
          out.put(entry.getKey(), entry.getValue().getAsString());
        }
      }
    }
    return out;
  }

  /** Equal when the trees are equal. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof GenericObject that && json.equals(that.json);
  }

  /** The tree's hash, consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return json.hashCode();
  }

  /** Kind and name only, e.g. {@code GenericObject[stable.example.com/v1, Kind=CronTab shop/nightly]}; never the content. */
  @Override
  public String toString() {
    String ns = namespace().map(n -> n + "/").orElse("");
    return "GenericObject[" + (text(json, "apiVersion") + ", Kind=" + text(json, "kind")) + " " + ns + name().orElse("<no name>") + "]";
  }
}
