package dev.kubesdk.runtime;

import com.google.gson.JsonObject;
import dev.kubesdk.api.model.V1Scale;
import dev.kubesdk.api.model.V1Status;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One resource of {@link CustomObjectsApi}, e.g. {@code crontabs} of {@code stable.example.com/v1},
 * either across all namespaces (or cluster-scoped) or in one namespace. Immutable and thread-safe.
 * Every call throws {@link ApiException} as the generated API does.
 */
public final class CustomResources {
  private final ApiClient client;
  private final String group;
  private final String version;
  private final String plural;
  private final @Nullable String namespace;

  CustomResources(ApiClient client, String group, String version, String plural, @Nullable String namespace) {
    this.client = client;
    this.group = group;
    this.version = version;
    this.plural = plural;
    this.namespace = namespace;
  }

  /** The same resource in {@code namespace}. */
  public CustomResources inNamespace(String namespace) {
    return new CustomResources(client, group, version, plural, CustomObjectsApi.requireSegment(namespace, "namespace"));
  }

  /** Lists the objects ({@code kind: <Kind>List}); set query parameters on the returned request. */
  public ListRequest list() {
    return new ListRequest(this);
  }

  /** Reads one object. */
  public JsonObject get(String name) {
    return client.execute(request("GET", name, "").build(), JsonObject.class);
  }

  /** Creates {@code object}; returns it as the server stored it. */
  public JsonObject create(JsonObject object) {
    return client.execute(request("POST", null, "").body(Objects.requireNonNull(object, "object")).build(), JsonObject.class);
  }

  /** Replaces object {@code name} (its {@code metadata.resourceVersion} guards against lost updates). */
  public JsonObject replace(String name, JsonObject object) {
    return client.execute(request("PUT", name, "").body(Objects.requireNonNull(object, "object")).build(), JsonObject.class);
  }

  /**
   * Patches object {@code name}; set query parameters on the returned request, then call {@code
   * execute()}. Custom resources take JSON, merge and apply patches; strategic merge patches are
   * refused by the server (415). Server-side apply needs a field manager:
   *
   * <pre>{@code
   * JsonObject applied = crontabs.patch("nightly", V1Patch.apply(manifest))
   *     .fieldManager("crontab-controller")
   *     .force(true)
   *     .execute();
   * }</pre>
   */
  public PatchRequest patch(String name, V1Patch patch) {
    return new PatchRequest(this, name, "", patch);
  }

  /** Reads the {@code status} subresource of object {@code name}: the object, as the server keeps it. */
  public JsonObject getStatus(String name) {
    return client.execute(request("GET", name, "/status").build(), JsonObject.class);
  }

  /** Replaces the {@code status} of object {@code name}; the rest of {@code object} is ignored by the server. */
  public JsonObject replaceStatus(String name, JsonObject object) {
    return client.execute(request("PUT", name, "/status").body(Objects.requireNonNull(object, "object")).build(), JsonObject.class);
  }

  /** Reads the {@code scale} subresource of object {@code name} ({@code autoscaling/v1 Scale}). */
  public V1Scale getScale(String name) {
    return client.execute(request("GET", name, "/scale").build(), V1Scale.class);
  }

  /** Replaces the {@code scale} subresource of object {@code name}: sets its replicas. */
  public V1Scale replaceScale(String name, V1Scale scale) {
    return client.execute(request("PUT", name, "/scale").body(Objects.requireNonNull(scale, "scale")).build(), V1Scale.class);
  }

  /** Patches the {@code scale} subresource of object {@code name}, as {@link #patch} does the object. */
  public PatchRequest patchScale(String name, V1Patch patch) {
    return new PatchRequest(this, name, "/scale", patch);
  }

  /**
   * Deletes every object the returned request selects (all of them without a selector): {@code
   * DELETE} on the collection. Set selectors on the request, then call {@code execute()}.
   */
  public DeleteCollectionRequest deleteCollection() {
    return new DeleteCollectionRequest(this);
  }

  /** Patches the {@code status} subresource of object {@code name}, as {@link #patch} does the object. */
  public PatchRequest patchStatus(String name, V1Patch patch) {
    return new PatchRequest(this, name, "/status", patch);
  }

  /**
   * Deletes object {@code name}. The answer is a {@code Success} Status; when the server answers with
   * the object (finalizers pending), the Status's details name it.
   */
  public V1Status delete(String name) {
    return client.execute(request("DELETE", name, "").build(), V1Status.class);
  }

  private ApiRequest.Builder request(String method, @Nullable String name, String subresource) {
    StringBuilder path = new StringBuilder(group.isEmpty() ? "/api/{version}" : "/apis/{group}/{version}");
    if (namespace != null) {
      path.append("/namespaces/{namespace}");
    }
    path.append("/{plural}");
    if (name != null) {
      path.append("/{name}").append(subresource);
    }
    ApiRequest.Builder builder = ApiRequest.builder(method, path.toString()).pathParam("version", version).pathParam("plural", plural);
    if (!group.isEmpty()) {
      builder.pathParam("group", group);
    }
    if (namespace != null) {
      builder.pathParam("namespace", namespace);
    }
    if (name != null) {
      builder.pathParam("name", CustomObjectsApi.requireSegment(name, "name"));
    }
    return builder;
  }

  @Override
  public String toString() {
    return "CustomResources[" + plural + (group.isEmpty() ? "" : "." + group) + "/" + version + (namespace == null ? "" : " in " + namespace) + "]";
  }

  /**
   * A PATCH of one object of a {@link CustomResources} (or of its {@code status}), with the query
   * parameters the generated patch requests have. Not thread-safe.
   */
  public static final class PatchRequest {
    private final CustomResources resources;
    private final String name;
    private final String subresource;
    private final V1Patch patch;
    private @Nullable String fieldManager;
    private @Nullable Boolean force;
    private @Nullable String dryRun;
    private @Nullable String fieldValidation;

    private PatchRequest(CustomResources resources, String name, String subresource, V1Patch patch) {
      this.resources = resources;
      this.name = CustomObjectsApi.requireSegment(name, "name");
      this.subresource = subresource;
      this.patch = Objects.requireNonNull(patch, "patch");
    }

    /**
     * The actor making the change, recorded in {@code metadata.managedFields}; required by a
     * server-side apply patch ({@link V1Patch#apply}), optional otherwise.
     */
    public PatchRequest fieldManager(String fieldManager) {
      this.fieldManager = Objects.requireNonNull(fieldManager, "fieldManager");
      return this;
    }

    /**
     * Whether a server-side apply takes over fields other managers own instead of failing with a
     * {@link ConflictException}; only for apply patches. Unset, the server's default (false).
     */
    public PatchRequest force(boolean force) {
      this.force = force;
      return this;
    }

    /** {@code All} to have the server run every stage but persist nothing. */
    public PatchRequest dryRun(String dryRun) {
      this.dryRun = Objects.requireNonNull(dryRun, "dryRun");
      return this;
    }

    /** {@code Ignore}, {@code Warn} (the server's default) or {@code Strict}: what the server does with unknown or duplicate fields. */
    public PatchRequest fieldValidation(String fieldValidation) {
      this.fieldValidation = Objects.requireNonNull(fieldValidation, "fieldValidation");
      return this;
    }

    /** Sends the patch; returns the object as the server stored it (or would, on a dry run). */
    public JsonObject execute() {
      return resources.client.execute(toApiRequest(), JsonObject.class);
    }

    /** Sends the patch without blocking the calling thread. */
    public CompletableFuture<JsonObject> executeAsync() {
      return resources.client.executeAsync(toApiRequest(), JsonObject.class);
    }

    /**
     * The HTTP call this request describes.
     *
     * @throws IllegalStateException for an apply patch without {@link #fieldManager}, or {@link
     *     #force} on a patch that is not an apply patch; the server would refuse either
     */
    public ApiRequest toApiRequest() {
      boolean apply = patch.isApply();
      if (apply && fieldManager == null) {
        throw new IllegalStateException(
            "patch " + resources.plural + " \"" + name + "\": a server-side apply patch (V1Patch.apply) needs a"
                + " field manager, the name changes are recorded under; set it with fieldManager(\"my-controller\")");
      }
      if (!apply && force != null) {
        throw new IllegalStateException(
            "patch " + resources.plural + " \"" + name + "\": force(...) applies only to server-side apply patches,"
                + " and this is " + patch.contentType() + "; remove force(...) or send V1Patch.apply(...)");
      }
      return resources
          .request("PATCH", name, subresource)
          .query("dryRun", dryRun)
          .query("fieldManager", fieldManager)
          .query("fieldValidation", fieldValidation)
          .query("force", force)
          .body(patch)
          .build();
    }
  }

  /** A DELETE of the collection of a {@link CustomResources}, with its selectors. Not thread-safe. */
  public static final class DeleteCollectionRequest {
    private final CustomResources resources;
    private @Nullable String labelSelector;
    private @Nullable String fieldSelector;
    private @Nullable String dryRun;

    private DeleteCollectionRequest(CustomResources resources) {
      this.resources = resources;
    }

    /** Only objects whose labels match, e.g. {@code app=cart}. */
    public DeleteCollectionRequest labelSelector(String selector) {
      this.labelSelector = Objects.requireNonNull(selector, "selector");
      return this;
    }

    /** Only objects whose fields match, e.g. {@code metadata.name=nightly}. */
    public DeleteCollectionRequest fieldSelector(String selector) {
      this.fieldSelector = Objects.requireNonNull(selector, "selector");
      return this;
    }

    /** {@code All} to have the server run every stage but delete nothing. */
    public DeleteCollectionRequest dryRun(String dryRun) {
      this.dryRun = Objects.requireNonNull(dryRun, "dryRun");
      return this;
    }

    /** Sends the delete; the answer is a {@code Success} Status (or the deleted list as the server sends it, read as a Status). */
    public V1Status execute() {
      return resources.client.execute(toApiRequest(), V1Status.class);
    }

    /** The HTTP call this request describes. */
    public ApiRequest toApiRequest() {
      return resources
          .request("DELETE", null, "")
          .query("labelSelector", labelSelector)
          .query("fieldSelector", fieldSelector)
          .query("dryRun", dryRun)
          .build();
    }
  }

  /** A LIST (or WATCH) of a {@link CustomResources}, with its query parameters. Not thread-safe. */
  public static final class ListRequest {
    private final CustomResources resources;
    private @Nullable String labelSelector;
    private @Nullable String fieldSelector;
    private @Nullable Integer limit;
    private @Nullable String continueToken;
    private @Nullable String resourceVersion;
    private @Nullable Integer timeoutSeconds;

    private ListRequest(CustomResources resources) {
      this.resources = resources;
    }

    /** Only objects whose labels match, e.g. {@code app=cart,tier!=db}. */
    public ListRequest labelSelector(String selector) {
      this.labelSelector = selector;
      return this;
    }

    /** Only objects whose fields match, e.g. {@code metadata.name=nightly}. */
    public ListRequest fieldSelector(String selector) {
      this.fieldSelector = selector;
      return this;
    }

    /** At most this many objects; the list's {@code metadata.continue} fetches the rest. */
    public ListRequest limit(int limit) {
      this.limit = limit;
      return this;
    }

    /** Continues a list that was cut by {@link #limit}. */
    public ListRequest continueToken(String token) {
      this.continueToken = token;
      return this;
    }

    /** Lists (or watches from) this resourceVersion. */
    public ListRequest resourceVersion(String resourceVersion) {
      this.resourceVersion = resourceVersion;
      return this;
    }

    /** Ends the call (or watch) on the server after this many seconds. */
    public ListRequest timeoutSeconds(int seconds) {
      this.timeoutSeconds = seconds;
      return this;
    }

    /** The list, {@code {"kind": "<Kind>List", "items": [...]}}. */
    public JsonObject execute() {
      return resources.client.execute(toApiRequest(), JsonObject.class);
    }

    /** The list, without blocking the calling thread. */
    public CompletableFuture<JsonObject> executeAsync() {
      return resources.client.executeAsync(toApiRequest(), JsonObject.class);
    }

    /** Watches the objects instead of listing them. */
    public Watch<JsonObject> watch() {
      return resources.client.watch(toApiRequest(), JsonObject.class);
    }

    /**
     * The HTTP call this request describes: for {@code ListWatch.ofJson} and {@code Pager}, which
     * set paging and resourceVersion themselves.
     */
    public ApiRequest toApiRequest() {
      return resources
          .request("GET", null, "")
          .query("labelSelector", labelSelector)
          .query("fieldSelector", fieldSelector)
          .query("limit", limit)
          .query("continue", continueToken)
          .query("resourceVersion", resourceVersion)
          .query("timeoutSeconds", timeoutSeconds)
          .build();
    }
  }
}
