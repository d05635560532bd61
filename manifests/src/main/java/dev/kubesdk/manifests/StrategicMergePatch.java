package dev.kubesdk.manifests;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.kubesdk.manifests.internal.KindTable;
import dev.kubesdk.manifests.internal.PatchSchema;
import dev.kubesdk.runtime.Json;
import dev.kubesdk.runtime.V1Patch;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A strategic merge patch computed from two versions of a built-in object, as {@code kubectl
 * apply} (client-side) and {@code kubectl patch} compute them: like a {@link MergePatch}, but a
 * list the spec marks {@code x-kubernetes-patch-strategy: merge} is merged element by element by
 * its {@code x-kubernetes-patch-merge-key} (containers by {@code name}, ports by {@code
 * containerPort}), removed elements are sent as {@code $patch: delete}, removed items of merged
 * lists of plain values as {@code $deleteFromPrimitiveList}, and the new order as {@code
 * $setElementOrder}. Custom resources do not take strategic merge patches; use {@link MergePatch}.
 * The schema comes from the pinned spec at build time.
 *
 * <pre>{@code
 * V1Patch patch = StrategicMergePatch.diff(live, wanted, new GroupVersionKind("apps", "v1", "Deployment"));
 * deployments.patch("web", patch).execute();   // the other containers stay as they are
 * }</pre>
 */
public final class StrategicMergePatch {
  private StrategicMergePatch() {}

  /**
   * The patch that turns {@code from} into {@code to}, objects of built-in {@code kind}, sent as
   * {@code application/strategic-merge-patch+json}.
   *
   * @throws IllegalArgumentException when {@code kind} is not a built-in kind
   */
  public static V1Patch diff(JsonObject from, JsonObject to, GroupVersionKind kind) {
    return V1Patch.strategicMerge(Json.serialize(tree(from, to, kind)));
  }

  /** The patch of {@link #diff} as a JSON tree; {@code {}} when the objects are equal. */
  public static JsonObject tree(JsonObject from, JsonObject to, GroupVersionKind kind) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(kind, "kind");
    String model = KindTable.builtIn().get(kind);
    if (model == null) {
      throw new IllegalArgumentException(kind + " is not a built-in kind, and the API server takes strategic merge patches for built-in kinds only; use MergePatch.diff");
    }
    return object(from, to, model);
  }

  private static JsonObject object(JsonObject from, JsonObject to, @Nullable String model) {
    JsonObject patch = MergePatch.removals(from, to);
    for (Map.Entry<String, JsonElement> e : to.entrySet()) {
      String key = e.getKey();
      JsonElement before = from.get(key);
      JsonElement after = e.getValue();
      if (after.equals(before)) {
        continue;
      }
      PatchSchema.Field field = PatchSchema.field(model, key);
      if (before instanceof JsonObject b && after instanceof JsonObject a) {
        JsonObject child = field != null && field.container().equals("map") ? map(b, a, field.child()) : object(b, a, field == null ? null : field.child());
        if (!child.isEmpty()) {
          patch.add(key, child);
        }
      } else if (before instanceof JsonArray b && after instanceof JsonArray a && field != null && field.merges()) {
        if (field.mergeKey() != null && keyed(b, field.mergeKey()) && keyed(a, field.mergeKey())) {
          mergeByKey(key, b, a, field, patch);
        } else if (field.child() == null) {
          mergePrimitives(key, b, a, patch);
        } else {
          patch.add(key, a.deepCopy());
        }
      } else {
        patch.add(key, after.deepCopy());
      }
    }
    return patch;
  }

  /** A map of models (e.g. a map of objects): each value is patched as its model. */
  private static JsonObject map(JsonObject from, JsonObject to, @Nullable String model) {
    JsonObject patch = MergePatch.removals(from, to);
    for (Map.Entry<String, JsonElement> e : to.entrySet()) {
      JsonElement before = from.get(e.getKey());
      if (e.getValue().equals(before)) {
        continue;
      }
      if (before instanceof JsonObject b && e.getValue() instanceof JsonObject a) {
        patch.add(e.getKey(), object(b, a, model));
      } else {
        patch.add(e.getKey(), e.getValue().deepCopy());
      }
    }
    return patch;
  }

  private static void mergeByKey(String key, JsonArray from, JsonArray to, PatchSchema.Field field, JsonObject patch) {
    String mergeKey = Objects.requireNonNull(field.mergeKey());
    Map<JsonElement, JsonObject> before = new LinkedHashMap<>();
    for (JsonElement e : from) {
      before.put(e.getAsJsonObject().get(mergeKey), e.getAsJsonObject());
    }
    JsonArray list = new JsonArray();
    JsonArray order = new JsonArray();
    Set<JsonElement> kept = new LinkedHashSet<>();
    for (JsonElement e : to) {
      JsonObject element = e.getAsJsonObject();
      JsonElement k = element.get(mergeKey);
      kept.add(k);
      JsonObject orderEntry = new JsonObject();
      orderEntry.add(mergeKey, k.deepCopy());
      order.add(orderEntry);
      JsonObject previous = before.get(k);
      if (previous == null) {
        list.add(element.deepCopy());
      } else {
        JsonObject changes = object(previous, element, field.child());
        if (!changes.isEmpty()) {
          JsonObject withKey = new JsonObject();
          withKey.add(mergeKey, k.deepCopy());
          changes.entrySet().forEach(c -> withKey.add(c.getKey(), c.getValue()));
          list.add(withKey);
        }
      }
    }
    for (Map.Entry<JsonElement, JsonObject> e : before.entrySet()) {
      if (!kept.contains(e.getKey())) {
        JsonObject delete = new JsonObject();
        delete.add(mergeKey, e.getKey().deepCopy());
        delete.addProperty("$patch", "delete");
        list.add(delete);
      }
    }
    if (!list.isEmpty()) {
      patch.add(key, list);
    }
    // Sent whenever the list changed, so the server keeps the order of the new version.
    patch.add("$setElementOrder/" + key, order);
  }

  private static void mergePrimitives(String key, JsonArray from, JsonArray to, JsonObject patch) {
    Set<JsonElement> before = new LinkedHashSet<>(from.asList());
    Set<JsonElement> after = new LinkedHashSet<>(to.asList());
    JsonArray added = new JsonArray();
    for (JsonElement e : after) {
      if (!before.contains(e)) {
        added.add(e.deepCopy());
      }
    }
    JsonArray removed = new JsonArray();
    for (JsonElement e : before) {
      if (!after.contains(e)) {
        removed.add(e.deepCopy());
      }
    }
    if (!added.isEmpty()) {
      patch.add(key, added);
    }
    if (!removed.isEmpty()) {
      patch.add("$deleteFromPrimitiveList/" + key, removed);
    }
    patch.add("$setElementOrder/" + key, to.deepCopy());
  }

  private static boolean keyed(JsonArray list, String mergeKey) {
    for (JsonElement e : list) {
      if (!(e instanceof JsonObject o) || !o.has(mergeKey)) {
        return false;
      }
    }
    return true;
  }
}
