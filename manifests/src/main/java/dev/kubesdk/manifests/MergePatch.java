package dev.kubesdk.manifests;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.kubesdk.runtime.Json;
import dev.kubesdk.runtime.V1Patch;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON merge patch (RFC 7386) computed from two versions of an object: what changed, with {@code
 * null} for what was removed. Lists are replaced whole; for built-in kinds {@link
 * StrategicMergePatch} merges lists by key instead. Works on every resource, custom resources
 * included.
 *
 * <pre>{@code
 * JsonObject wanted = live.deepCopy();
 * wanted.getAsJsonObject("spec").addProperty("replicas", 3);
 * crontabs.patch("nightly", MergePatch.diff(live, wanted)).execute();
 * }</pre>
 */
public final class MergePatch {
  private MergePatch() {}

  /** A patch holding {@code null} for every member of {@code from} that {@code to} lacks: how both merge patch kinds delete. */
  static JsonObject removals(JsonObject from, JsonObject to) {
    JsonObject patch = new JsonObject();
    for (Map.Entry<String, JsonElement> e : from.entrySet()) {
      if (!to.has(e.getKey())) {
        patch.add(e.getKey(), JsonNull.INSTANCE);
      }
    }
    return patch;
  }

  /** The patch that turns {@code from} into {@code to}, sent as {@code application/merge-patch+json}. */
  public static V1Patch diff(JsonObject from, JsonObject to) {
    return V1Patch.merge(Json.serialize(tree(Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"))));
  }

  /** The merge patch from {@code from} to {@code to} as a JSON tree; {@code {}} when they are equal. */
  public static JsonObject tree(JsonObject from, JsonObject to) {
    JsonObject patch = removals(from, to);
    for (Map.Entry<String, JsonElement> e : to.entrySet()) {
      JsonElement before = from.get(e.getKey());
      JsonElement after = e.getValue();
      if (before instanceof JsonObject b && after instanceof JsonObject a) {
        JsonObject child = tree(b, a);
        if (!child.isEmpty()) {
          patch.add(e.getKey(), child);
        }
      } else if (!after.equals(before)) {
        // A null in the target cannot be expressed by a merge patch (it means delete), as in RFC 7386.
        patch.add(e.getKey(), after.deepCopy());
      }
    }
    return patch;
  }
}
