package dev.kubesdk.manifests;

import com.google.gson.JsonObject;
import dev.kubesdk.controller.ListWatch;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.CustomObjectsApi;
import dev.kubesdk.runtime.CustomResources;
import java.util.Objects;

/**
 * Any resource of the server, built-in or custom, by group/version/resource or by kind, with
 * objects as JSON trees: client-go's {@code dynamic.Interface} with a {@link RestMapper}. It hands
 * out the runtime's {@link CustomResources}, so one set of verbs (get, list, watch, create,
 * replace, patch in all four types, delete, delete collection, status and scale) serves custom
 * and built-in kinds alike; {@link #listWatch} feeds the controller module's {@code Pager}, {@code
 * SharedInformer} and {@code InformerFactory} exactly as typed list calls do. Thread-safe; share
 * one instance.
 *
 * <pre>{@code
 * DynamicClient dynamic = DynamicClient.of(client);
 * CustomResources crontabs = dynamic.resource(new GroupVersionKind("stable.example.com", "v1", "CronTab")).inNamespace("shop");
 * JsonObject made = crontabs.create(crontab);
 * CustomResources configMaps = dynamic.resource(new GroupVersionResource("", "v1", "configmaps"));
 * SharedInformer<JsonObject> informer = factory.informer(DynamicClient.listWatch(crontabs.list().labelSelector("app=cart")));
 * }</pre>
 */
public final class DynamicClient {
  private final CustomObjectsApi api;
  private final RestMapper mapper;

  private DynamicClient(ApiClient client, RestMapper mapper) {
    this.api = new CustomObjectsApi(client);
    this.mapper = mapper;
  }

  /** A dynamic client whose mapper reads discovery through {@code client}, in memory only. */
  public static DynamicClient of(ApiClient client) {
    Objects.requireNonNull(client, "client");
    return new DynamicClient(client, RestMapper.of(Discovery.builder(client).build()));
  }

  /** A dynamic client that maps kinds with {@code mapper} and calls through its discovery's client. */
  public static DynamicClient of(RestMapper mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return new DynamicClient(mapper.discovery().client(), mapper);
  }

  /** The mapper kinds are resolved with. */
  public RestMapper mapper() {
    return mapper;
  }

  /**
   * The objects of {@code resource}, across all namespaces (or cluster-scoped); {@link
   * CustomResources#inNamespace} narrows a namespaced resource to one namespace.
   */
  public CustomResources resource(GroupVersionResource resource) {
    Objects.requireNonNull(resource, "resource");
    return api.resource(resource.group(), resource.version(), resource.resource());
  }

  /**
   * The objects of {@code kind}, through the mapper.
   *
   * @throws NoMappingException when the server serves no such kind
   */
  public CustomResources resource(GroupVersionKind kind) {
    return resource(mapper.mapping(kind).groupVersionResource());
  }

  /**
   * The resource of {@code object} (a JSON tree with apiVersion and kind, such as {@link
   * GenericObject#json()} or {@link Manifests#toJson}) in the
   * namespace it names, or in {@code defaultNamespace} when it names none; cluster-scoped kinds
   * ignore namespaces.
   *
   * @throws NoMappingException when the server serves no such kind
   */
  public CustomResources resourceOf(JsonObject object, String defaultNamespace) {
    Objects.requireNonNull(defaultNamespace, "defaultNamespace");
    GenericObject generic = GenericObject.of(object);
    ApiResource r = mapper.mapping(generic.groupVersionKind());
    CustomResources resources = resource(r.groupVersionResource());
    return r.namespaced() ? resources.inNamespace(generic.namespace().orElse(defaultNamespace)) : resources;
  }

  /**
   * What an informer or pager lists and watches for {@code list}: the same {@link ListWatch} the
   * controller module builds for typed calls, with the items as JSON trees.
   */
  public static ListWatch<JsonObject> listWatch(CustomResources.ListRequest list) {
    return ListWatch.ofJson(Objects.requireNonNull(list, "list").toApiRequest());
  }

  /** The mapper it resolves kinds with. */
  @Override
  public String toString() {
    return "DynamicClient[" + mapper + "]";
  }
}
