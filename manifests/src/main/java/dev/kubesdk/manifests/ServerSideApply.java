package dev.kubesdk.manifests;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.kubesdk.api.model.V1Status;
import dev.kubesdk.api.model.V1StatusCause;
import dev.kubesdk.runtime.ConflictException;
import dev.kubesdk.runtime.CustomResources;
import dev.kubesdk.runtime.Json;
import dev.kubesdk.runtime.NotFoundException;
import dev.kubesdk.runtime.V1Patch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side applies a set of objects, as {@code kubectl apply --server-side -f DIR} does, in
 * dependency order: Namespaces first, then CustomResourceDefinitions (waiting until each is
 * Established and served), then everything else in the order given. Namespaced objects without a
 * namespace get {@link Builder#defaultNamespace}. Each object is reported {@link
 * AppliedObject.Outcome#CREATED created}, {@link AppliedObject.Outcome#CONFIGURED configured} or
 * {@link AppliedObject.Outcome#UNCHANGED unchanged}: the object did not exist before, or its {@code
 * resourceVersion} moved, or it did not (a server-side apply that changes nothing writes nothing).
 * kubectl's server-side apply prints {@code serverside-applied} for all three; telling them apart
 * costs one GET per object. Immutable and thread-safe.
 *
 * <pre>{@code
 * ServerSideApply apply = ServerSideApply.builder(RestMapper.of(discovery), "my-tool").defaultNamespace("shop").build();
 * for (AppliedObject a : apply.apply(Manifests.standard().load(Path.of("deploy/")))) {
 *   System.out.println(a.displayName() + " " + a.outcome());
 * }
 * }</pre>
 *
 * <p>Typed models are sent as their JSON, which holds only the fields that were set, so a model
 * serves as an apply configuration: {@code new V1Deployment().metadata(...).spec(new
 * V1DeploymentSpec().replicas(3))} applies the replica count and claims nothing else.
 *
 * <p>A conflict with another field manager stops the run with an {@link ApplyConflictException}
 * naming the managers and fields (unless {@link Builder#force}); other failures throw the
 * runtime's {@code ApiException} or a {@link NoMappingException} for a kind the server does not
 * serve.
 */
public final class ServerSideApply {
  private static final Logger log = LoggerFactory.getLogger(ServerSideApply.class);
  private static final GroupVersionResource CRDS = new GroupVersionResource("apiextensions.k8s.io", "v1", "customresourcedefinitions");
  private static final Pattern MANAGER = Pattern.compile("conflict with \"([^\"]*)\"");

  private final RestMapper mapper;
  private final DynamicClient dynamic;
  private final String fieldManager;
  private final String defaultNamespace;
  private final boolean dryRun;
  private final boolean force;
  private final Duration establishTimeout;
  private final Manifests manifests;

  private ServerSideApply(Builder b) {
    this.mapper = b.mapper;
    this.dynamic = DynamicClient.of(b.mapper);
    this.fieldManager = b.fieldManager;
    this.defaultNamespace = b.defaultNamespace;
    this.dryRun = b.dryRun;
    this.force = b.force;
    this.establishTimeout = b.establishTimeout;
    this.manifests = b.manifests;
  }

  /**
   * A builder applying through {@code mapper}'s client as {@code fieldManager}, the name the
   * server records as the owner of the applied fields.
   */
  public static Builder builder(RestMapper mapper, String fieldManager) {
    return new Builder(mapper, fieldManager);
  }

  /** Whether this applies on a dry run only (the server checks everything and stores nothing). */
  public boolean dryRun() {
    return dryRun;
  }

  /**
   * Applies {@code objects} (models, {@link GenericObject}s or JSON trees; they are not changed),
   * returning what happened to each, in the order applied.
   *
   * @throws ApplyConflictException when another manager owns a field (and force is off)
   * @throws NoMappingException when the server serves no resource for an object's kind
   * @throws IllegalArgumentException when an object has no name
   */
  public List<AppliedObject> apply(List<?> objects) {
    Objects.requireNonNull(objects, "objects");
    List<JsonObject> trees = new ArrayList<>(objects.size());
    for (Object o : objects) {
      trees.add(manifests.toJson(Objects.requireNonNull(o, "an object in objects")).deepCopy());
    }
    // A stable sort: within a rank the given order stays.
    trees.sort(Comparator.comparingInt(ServerSideApply::rank));
    List<AppliedObject> applied = new ArrayList<>(trees.size());
    List<String> pendingCrds = new ArrayList<>();
    Set<String> newGroups = new HashSet<>();
    long newGroupsDeadline = 0;
    for (JsonObject tree : trees) {
      if (rank(tree) > 1 && !pendingCrds.isEmpty()) {
        awaitEstablished(pendingCrds);
        pendingCrds.clear();
        newGroupsDeadline = System.nanoTime() + establishTimeout.toNanos();
      }
      AppliedObject result;
      if (newGroups.contains(GenericObject.of(tree).groupVersionKind().group())) {
        result = applyNewlyServed(tree, applied, newGroupsDeadline);
      } else {
        result = applyOne(tree, applied);
      }
      applied.add(result);
      if (rank(tree) == 1 && !dryRun) {
        pendingCrds.add(result.name());
        JsonElement spec = tree.get("spec");
        if (spec instanceof JsonObject o && text(o, "group") != null) {
          newGroups.add(text(o, "group"));
        }
      }
    }
    if (!pendingCrds.isEmpty()) {
      awaitEstablished(pendingCrds);
    }
    return applied;
  }

  /**
   * Applies an object of a CRD applied in this run. Established means the server installed the
   * handler; discovery and the handler itself may answer a moment later, so a miss is retried
   * until the deadline.
   */
  private AppliedObject applyNewlyServed(JsonObject tree, List<AppliedObject> applied, long deadline) {
    long pause = TimeUnit.MILLISECONDS.toNanos(50);
    while (true) {
      try {
        return applyOne(tree, applied);
      } catch (NoMappingException | NotFoundException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        log.debug("{} not served yet; retrying", GenericObject.of(tree));
        sleep(pause);
        pause = Math.min(pause * 2, TimeUnit.SECONDS.toNanos(1));
      }
    }
  }

  private AppliedObject applyOne(JsonObject tree, List<AppliedObject> appliedSoFar) {
    GenericObject object = GenericObject.of(tree);
    String name = object.name().orElseThrow(() -> new IllegalArgumentException(
        object.apiVersion() + " " + object.kind() + " has no metadata.name; server-side apply needs a name (generateName cannot be applied)"));
    ApiResource resource = mapper.mapping(object.groupVersionKind());
    CustomResources target = dynamic.resource(resource.groupVersionResource());
    String namespace = "";
    if (resource.namespaced()) {
      namespace = object.namespace().orElse(defaultNamespace);
      object.namespace(namespace);
      target = target.inNamespace(namespace);
    } else if (tree.get("metadata") instanceof JsonObject metadata) {
      // A namespace on a cluster-scoped object means nothing (kubectl ignores it); the server would
      // refuse the mismatch with the request's empty namespace.
      metadata.remove("namespace");
    }
    JsonObject before;
    try {
      before = target.get(name);
    } catch (NotFoundException e) {
      before = null;
    }
    CustomResources.PatchRequest patch = target.patch(name, V1Patch.apply(Json.serialize(tree))).fieldManager(fieldManager);
    if (force) {
      patch.force(true);
    }
    if (dryRun) {
      patch.dryRun("All");
    }
    JsonObject after;
    try {
      after = patch.execute();
    } catch (ConflictException e) {
      List<FieldConflict> conflicts = conflicts(e);
      if (conflicts.isEmpty()) {
        throw e;
      }
      throw new ApplyConflictException(resource.displayName(name), conflicts, appliedSoFar, e);
    }
    AppliedObject.Outcome outcome = before == null ? AppliedObject.Outcome.CREATED : changed(before, after) ? AppliedObject.Outcome.CONFIGURED : AppliedObject.Outcome.UNCHANGED;
    log.debug("{} {}{}", resource.displayName(name), outcome, dryRun ? " (server dry run)" : "");
    return new AppliedObject(resource, namespace, name, outcome, after);
  }

  private boolean changed(JsonObject before, JsonObject after) {
    if (!dryRun) {
      // A server-side apply that changes nothing is not written, so the resourceVersion stays.
      return !Objects.equals(metadataText(before, "resourceVersion"), metadataText(after, "resourceVersion"));
    }
    // A dry run never moves the resourceVersion; compare the objects instead.
    return !withoutVolatileMetadata(before).equals(withoutVolatileMetadata(after));
  }

  private static JsonObject withoutVolatileMetadata(JsonObject object) {
    JsonObject copy = object.deepCopy();
    JsonElement metadata = copy.get("metadata");
    if (metadata instanceof JsonObject m) {
      m.remove("managedFields");
      m.remove("resourceVersion");
      m.remove("generation");
    }
    return copy;
  }

  private static @Nullable String metadataText(JsonObject object, String field) {
    JsonElement metadata = object.get("metadata");
    return metadata instanceof JsonObject m ? text(m, field) : null;
  }

  /** The {@code FieldManagerConflict} causes of a 409, with each manager read from its message. */
  static List<FieldConflict> conflicts(ConflictException e) {
    List<FieldConflict> out = new ArrayList<>();
    V1Status status = e.status().orElse(null);
    if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
      return out;
    }
    for (V1StatusCause cause : status.getDetails().getCauses()) {
      if (!"FieldManagerConflict".equals(cause.getReason())) {
        continue;
      }
      String message = Objects.requireNonNullElse(cause.getMessage(), "");
      Matcher m = MANAGER.matcher(message);
      out.add(new FieldConflict(m.find() ? m.group(1) : "", Objects.requireNonNullElse(cause.getField(), ""), message));
    }
    return out;
  }

  private void awaitEstablished(List<String> crds) {
    CustomResources definitions = dynamic.resource(CRDS);
    long deadline = System.nanoTime() + establishTimeout.toNanos();
    long pause = TimeUnit.MILLISECONDS.toNanos(50);
    for (String name : crds) {
      while (!established(definitions.get(name))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("CustomResourceDefinition " + name + " did not become Established within " + establishTimeout
              + "; check its status conditions (kubectl get crd " + name + " -o yaml), or raise establishTimeout");
        }
        sleep(pause);
        pause = Math.min(pause * 2, TimeUnit.SECONDS.toNanos(1));
      }
    }
    // The CRDs' kinds are served now; the next mapping must see them.
    mapper.discovery().refresh();
  }

  private static boolean established(JsonObject crd) {
    JsonElement status = crd.get("status");
    if (!(status instanceof JsonObject s) || !(s.get("conditions") instanceof JsonArray conditions)) {
      return false;
    }
    for (JsonElement c : conditions) {
      if (c instanceof JsonObject condition && "Established".equals(text(condition, "type")) && "True".equals(text(condition, "status"))) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable String text(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
  }

  private static void sleep(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for CustomResourceDefinitions to become Established", e);
    }
  }

  /** Namespaces (0), then CustomResourceDefinitions (1), then the rest (2). */
  private static int rank(JsonObject tree) {
    String kind = text(tree, "kind");
    String apiVersion = text(tree, "apiVersion");
    if ("Namespace".equals(kind) && "v1".equals(apiVersion)) {
      return 0;
    }
    if ("CustomResourceDefinition".equals(kind) && apiVersion != null && apiVersion.startsWith("apiextensions.k8s.io/")) {
      return 1;
    }
    return 2;
  }

  /** The field manager and the options. */
  @Override
  public String toString() {
    return "ServerSideApply[" + fieldManager + ", default namespace " + defaultNamespace + (dryRun ? ", dry run" : "") + (force ? ", force" : "") + "]";
  }

  /** Builds a {@link ServerSideApply}. Mutable and not thread-safe. */
  public static final class Builder {
    private final RestMapper mapper;
    private final String fieldManager;
    private String defaultNamespace;
    private boolean dryRun;
    private boolean force;
    private Duration establishTimeout = Duration.ofMinutes(1);
    private Manifests manifests = Manifests.standard();

    private Builder(RestMapper mapper, String fieldManager) {
      this.mapper = Objects.requireNonNull(mapper, "mapper");
      Objects.requireNonNull(fieldManager, "fieldManager");
      if (fieldManager.isBlank()) {
        throw new IllegalArgumentException("fieldManager must name the manager, e.g. \"my-tool\"");
      }
      this.fieldManager = fieldManager;
      this.defaultNamespace = mapper.discovery().client().configuration().namespace();
    }

    /**
     * The namespace of namespaced objects that name none; default the client configuration's
     * namespace (the kubeconfig context's, else {@code default}), as kubectl.
     */
    public Builder defaultNamespace(String namespace) {
      this.defaultNamespace = Objects.requireNonNull(namespace, "namespace");
      return this;
    }

    /** Whether to apply on a server dry run ({@code dryRun=All}): checked and reported, not stored. Default false. */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /** Whether to take over fields other managers own instead of failing with a conflict. Default false. */
    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    /** How long to wait for an applied CustomResourceDefinition to become Established; default 1 minute. */
    public Builder establishTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("establishTimeout must not be negative: " + timeout);
      }
      this.establishTimeout = timeout;
      return this;
    }

    /** How typed models become JSON (their registry names kinds of models without apiVersion/kind); default {@link Manifests#standard()}. */
    public Builder manifests(Manifests manifests) {
      this.manifests = Objects.requireNonNull(manifests, "manifests");
      return this;
    }

    /** The applier. */
    public ServerSideApply build() {
      return new ServerSideApply(this);
    }
  }
}
