package dev.kubesdk.codegen;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Watch support: watches are made with a list operation and {@code watch=true}, as client-go does, so
 *
 * <ul>
 *   <li>{@link #removeWatchPaths} drops the deprecated {@code /watch/} paths (their operations duplicate the
 *       list operations' {@code watch} parameter);
 *   <li>{@link #stripDeleteCollectionWatchParameters} drops {@code watch} and {@code allowWatchBookmarks} from
 *       {@code deletecollection} operations, which share the list options but cannot watch;
 *   <li>{@link #recordListItems} writes, on every GET operation with a {@code watch} query parameter, the class
 *       name of the list's items in {@link Extensions#WATCH_ITEM}, so the API class can offer {@code watch()}
 *       returning {@code Watch<V1Pod>}. It runs after {@link ModelNames#rename}.
 * </ul>
 */
public final class WatchOperations {
  private static final Set<String> WATCH_PARAMETERS = Set.of("watch", "allowWatchBookmarks");

  private WatchOperations() {}

  /** Removes every path with a {@code /watch/} segment. */
  public static void removeWatchPaths(JsonObject spec) {
    JsonObject paths = SpecTree.paths(spec);
    List<String> watchPaths = new ArrayList<>();
    for (String path : paths.keySet()) {
      if (path.contains("/watch/")) {
        watchPaths.add(path);
      }
    }
    for (String path : watchPaths) {
      paths.remove(path);
    }
  }

  /** Removes the watch parameters from operations of kind {@code deletecollection}. */
  public static void stripDeleteCollectionWatchParameters(JsonObject spec) {
    for (SpecTree.Operation operation : SpecTree.operations(spec)) {
      JsonObject body = operation.body();
      boolean deleteCollection =
          body.has("x-kubernetes-action")
                  && body.get("x-kubernetes-action").getAsString().equals("deletecollection")
              || operation.id().startsWith("deleteCollection");
      if (!deleteCollection) {
        continue;
      }
      SpecTree.removeParameters(
          spec,
          operation,
          parameter -> "query".equals(parameter.get("in").getAsString())
              && WATCH_PARAMETERS.contains(parameter.get("name").getAsString()));
    }
  }

  /** Records the item class of every list operation that supports {@code watch}. */
  public static void recordListItems(JsonObject spec) {
    JsonObject definitions = SpecTree.definitions(spec);
    for (SpecTree.Operation operation : SpecTree.operations(spec)) {
      if (!operation.method().equals("get")) {
        continue;
      }
      boolean watchable =
          operation.parameters(spec).stream()
              .anyMatch(
                  p -> "query".equals(p.get("in").getAsString()) && "watch".equals(p.get("name").getAsString()));
      if (!watchable) {
        continue;
      }
      String list = responseDefinition(operation);
      JsonObject listDefinition = list == null ? null : definitions.getAsJsonObject(list);
      String item = listDefinition == null ? null : itemDefinition(listDefinition);
      if (item == null) {
        throw new SpecException(
            "spec: operation " + operation.id() + " has a watch parameter but its 200 response is not a list"
                + " definition with an \"items\" array of $ref; fix the response or teach WatchOperations"
                + " where its item type is");
      }
      operation.body().addProperty(Extensions.WATCH_ITEM, item);
    }
  }

  private static String responseDefinition(SpecTree.Operation operation) {
    JsonObject responses = operation.body().getAsJsonObject("responses");
    if (responses == null || !responses.has("200")) {
      return null;
    }
    JsonObject ok = responses.getAsJsonObject("200");
    return ok.has("schema") ? SpecTree.definitionRef(ok.getAsJsonObject("schema")) : null;
  }

  private static String itemDefinition(JsonObject listDefinition) {
    JsonObject properties = listDefinition.getAsJsonObject("properties");
    if (properties == null || !properties.has("items")) {
      return null;
    }
    JsonObject items = properties.getAsJsonObject("items");
    if (!items.has("items") || !items.get("items").isJsonObject()) {
      return null;
    }
    return SpecTree.definitionRef(items.getAsJsonObject("items"));
  }
}
