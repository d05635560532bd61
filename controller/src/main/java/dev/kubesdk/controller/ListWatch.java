package dev.kubesdk.controller;

import com.google.gson.JsonObject;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.controller.internal.ObjectAccess;
import dev.kubesdk.runtime.ApiRequest;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What an informer lists and watches: a list call (its path and selectors) and the type its items
 * decode to. client-go's {@code ListerWatcher}. Immutable and thread-safe.
 *
 * <pre>{@code
 * ListWatch<V1Pod> pods = ListWatch.of(
 *     core.listNamespacedPod("shop").labelSelector("app=cart").toApiRequest(), V1Pod.class, V1Pod::getMetadata);
 * ListWatch<JsonObject> crontabs = ListWatch.ofJson(
 *     new CustomObjectsApi(client).resource("stable.example.com", "v1", "crontabs").list().labelSelector("app=cart").toApiRequest());
 * }</pre>
 *
 * <p>Only the path, {@code labelSelector} and {@code fieldSelector} of the request are kept; the
 * informer sets {@code resourceVersion}, {@code limit}, {@code continue}, {@code watch}, {@code
 * allowWatchBookmarks}, {@code sendInitialEvents}, {@code resourceVersionMatch} and {@code
 * timeoutSeconds} itself. Two ListWatches are equal when they list the same path with the same
 * selectors into the same type; an {@link InformerFactory} shares one informer among equal ones.
 *
 * @param <T> the item type, e.g. {@code V1Pod}
 */
public final class ListWatch<T> {
  // The query parameters the reflector owns: a caller's values would break resume and paging.
  private static final Set<String> OWNED =
      Set.of("resourceVersion", "resourceVersionMatch", "limit", "continue", "watch", "allowWatchBookmarks", "sendInitialEvents", "timeoutSeconds", "pretty");

  private final String path;
  private final List<ApiRequest.QueryParam> query;
  private final Type type;
  private final ObjectAccess<T> access;

  private ListWatch(ApiRequest request, Type type, ObjectAccess<T> access) {
    Objects.requireNonNull(request, "listRequest");
    if (!request.method().equals("GET")) {
      throw new IllegalArgumentException("listRequest must be a GET list call, not " + request);
    }
    this.path = request.path();
    List<ApiRequest.QueryParam> kept = new ArrayList<>();
    for (ApiRequest.QueryParam p : request.query()) {
      if (!OWNED.contains(p.name())) {
        kept.add(p);
      }
    }
    this.query = List.copyOf(kept);
    this.type = type;
    this.access = access;
  }

  /**
   * The items of {@code listRequest} as {@code type}, a generated model, read through {@code
   * metadata} (the model's {@code getMetadata}).
   *
   * @param listRequest a generated list call's {@code toApiRequest()}, e.g. {@code
   *     core.listPodForAllNamespaces().toApiRequest()}
   */
  public static <T> ListWatch<T> of(ApiRequest listRequest, Class<T> type, Function<T, @Nullable V1ObjectMeta> metadata) {
    Objects.requireNonNull(type, "type");
    return new ListWatch<>(listRequest, type, ObjectAccess.typed(metadata));
  }

  /**
   * The items of {@code listRequest} as JSON trees: custom resources, or any kind without a model.
   *
   * @param listRequest e.g. {@code CustomResources.list().toApiRequest()}, or a generated list call's
   */
  public static ListWatch<JsonObject> ofJson(ApiRequest listRequest) {
    return new ListWatch<>(listRequest, JsonObject.class, ObjectAccess.json());
  }

  /** The resource's plural name: the last segment of the path, e.g. {@code pods}. */
  public String resource() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The list path, e.g. {@code /api/v1/namespaces/shop/pods}. */
  public String path() {
    return path;
  }

  /** The selectors kept from the list request. */
  public List<ApiRequest.QueryParam> selectors() {
    return query;
  }

  /** The type each item decodes to. */
  public Type type() {
    return type;
  }

  ObjectAccess<T> access() {
    return access;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ListWatch<?> other && path.equals(other.path) && query.equals(other.query) && type.equals(other.type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, query, type);
  }

  /** The path and selectors, e.g. {@code ListWatch[/api/v1/pods?labelSelector=app=cart as V1Pod]}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("ListWatch[").append(path);
    char sep = '?';
    for (ApiRequest.QueryParam p : query) {
      b.append(sep).append(p.name()).append('=').append(p.value());
      sep = '&';
    }
    String typeName = type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
    return b.append(" as ").append(typeName).append(']').toString();
  }
}
