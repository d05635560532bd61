package dev.kubesdk.manifests.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.kubesdk.manifests.ApiResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the discovery documents of the API server into {@link ApiResource}s: the aggregated form
 * ({@code apidiscovery.k8s.io/v2} {@code APIGroupDiscoveryList}, one answer for all groups) and the
 * legacy per-group-version {@code APIResourceList}. client-go's {@code discovery} package.
 */
public final class DiscoveryDocuments {
  /** The kind of an aggregated discovery answer. */
  public static final String AGGREGATED_KIND = "APIGroupDiscoveryList";

  private DiscoveryDocuments() {}

  /** Whether {@code answer} (of {@code /api} or {@code /apis}) is in the aggregated form. */
  public static boolean isAggregated(JsonObject answer) {
    return AGGREGATED_KIND.equals(text(answer, "kind"));
  }

  /**
   * The resources of an aggregated answer. Versions are listed in the server's order of
   * preference, so the first version of a group is its preferred one.
   */
  public static List<ApiResource> aggregated(JsonObject list) {
    List<ApiResource> out = new ArrayList<>();
    for (JsonObject group : objects(list, "items")) {
      String name = text(object(group, "metadata"), "name");
      String groupName = name == null ? "" : name;
      boolean first = true;
      for (JsonObject version : objects(group, "versions")) {
        String v = text(version, "version");
        if (v == null) {
          continue;
        }
        for (JsonObject r : objects(version, "resources")) {
          String resource = text(r, "resource");
          JsonObject kind = object(r, "responseKind");
          String kindName = text(kind, "kind");
          if (resource == null || kindName == null) {
            continue;
          }
          List<String> subresources = new ArrayList<>();
          for (JsonObject s : objects(r, "subresources")) {
            String sub = text(s, "subresource");
            if (sub != null) {
              subresources.add(sub);
            }
          }
          String singular = text(r, "singularResource");
          out.add(new ApiResource(groupName, v, resource, singular == null ? "" : singular, kindName, "Namespaced".equals(text(r, "scope")),
              strings(r, "verbs"), strings(r, "shortNames"), strings(r, "categories"), subresources, first));
        }
        first = false;
      }
    }
    return out;
  }

  /** The resources of one legacy {@code APIResourceList} ({@code /api/v1}, {@code /apis/apps/v1}). */
  public static List<ApiResource> legacy(JsonObject list, String group, String version, boolean preferred) {
    Map<String, JsonObject> resources = new LinkedHashMap<>();
    Map<String, List<String>> subresources = new LinkedHashMap<>();
    for (JsonObject r : objects(list, "resources")) {
      String name = text(r, "name");
      if (name == null) {
        continue;
      }
      int slash = name.indexOf('/');
      if (slash >= 0) {
        subresources.computeIfAbsent(name.substring(0, slash), k -> new ArrayList<>()).add(name.substring(slash + 1));
      } else {
        resources.put(name, r);
      }
    }
    List<ApiResource> out = new ArrayList<>();
    for (Map.Entry<String, JsonObject> e : resources.entrySet()) {
      JsonObject r = e.getValue();
      String kind = text(r, "kind");
      if (kind == null) {
        continue;
      }
      String singular = text(r, "singularName");
      JsonElement namespaced = r.get("namespaced");
      out.add(new ApiResource(group, version, e.getKey(), singular == null ? "" : singular, kind, namespaced != null && namespaced.isJsonPrimitive() && namespaced.getAsBoolean(),
          strings(r, "verbs"), strings(r, "shortNames"), strings(r, "categories"), subresources.getOrDefault(e.getKey(), List.of()), preferred));
    }
    return out;
  }

  /** Writes resources as a JSON array, the form of the disk cache. */
  public static JsonArray toJson(List<ApiResource> resources) {
    JsonArray out = new JsonArray();
    for (ApiResource r : resources) {
      JsonObject o = new JsonObject();
      o.addProperty("group", r.group());
      o.addProperty("version", r.version());
      o.addProperty("resource", r.resource());
      o.addProperty("singular", r.singular());
      o.addProperty("kind", r.kind());
      o.addProperty("namespaced", r.namespaced());
      o.add("verbs", array(r.verbs()));
      o.add("shortNames", array(r.shortNames()));
      o.add("categories", array(r.categories()));
      o.add("subresources", array(r.subresources()));
      o.addProperty("preferredVersion", r.preferredVersion());
      out.add(o);
    }
    return out;
  }

  /** Reads what {@link #toJson} wrote. */
  public static List<ApiResource> fromJson(JsonArray array) {
    List<ApiResource> out = new ArrayList<>();
    for (JsonElement e : array) {
      JsonObject o = e.getAsJsonObject();
      out.add(new ApiResource(o.get("group").getAsString(), o.get("version").getAsString(), o.get("resource").getAsString(), o.get("singular").getAsString(),
          o.get("kind").getAsString(), o.get("namespaced").getAsBoolean(), strings(o, "verbs"), strings(o, "shortNames"), strings(o, "categories"),
          strings(o, "subresources"), o.get("preferredVersion").getAsBoolean()));
    }
    return out;
  }

  private static JsonArray array(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }

  /** Member {@code name} as text, or null when absent or not a primitive. */
  public static @Nullable String text(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
  }

  /** Member {@code name} as an object; empty when absent or not an object. */
  public static JsonObject object(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e instanceof JsonObject child ? child : new JsonObject();
  }

  /** The objects of array member {@code name}; empty when absent. */
  public static List<JsonObject> objects(JsonObject o, String name) {
    JsonElement e = o.get(name);
    List<JsonObject> out = new ArrayList<>();
    if (e instanceof JsonArray array) {
      for (JsonElement item : array) {
        if (item instanceof JsonObject child) {
          out.add(child);
        }
      }
    }
    return out;
  }

  /** The primitives of array member {@code name} as text; empty when absent. */
  public static List<String> strings(JsonObject o, String name) {
    JsonElement e = o.get(name);
    List<String> out = new ArrayList<>();
    if (e instanceof JsonArray array) {
      for (JsonElement item : array) {
        if (item.isJsonPrimitive()) {
          out.add(item.getAsString());
        }
      }
    }
    return out;
  }
}
