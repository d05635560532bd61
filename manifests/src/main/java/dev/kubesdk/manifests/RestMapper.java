package dev.kubesdk.manifests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Maps kinds to resources and back over what {@link Discovery} found: {@code apps/v1 Deployment}
 * ↔ {@code deployments}, the preferred version of a group, whether a resource is namespaced, and
 * kubectl's names for resources ({@code deploy}, {@code deployments.apps}, categories such as
 * {@code all}). client-go's {@code restmapper.DeferredDiscoveryRESTMapper}: a miss refreshes
 * discovery once and looks again, so a CRD installed after the mapper was made is found.
 * Thread-safe; share one instance.
 *
 * <pre>{@code
 * RestMapper mapper = RestMapper.of(discovery);
 * ApiResource deployments = mapper.mapping(new GroupVersionKind("apps", "v1", "Deployment"));
 * deployments.namespaced();                       // true
 * mapper.resourceFor("deploy").resource();        // "deployments"
 * }</pre>
 */
public final class RestMapper {
  private final Discovery discovery;

  private RestMapper(Discovery discovery) {
    this.discovery = discovery;
  }

  /** A mapper over {@code discovery}'s answers. */
  public static RestMapper of(Discovery discovery) {
    return new RestMapper(Objects.requireNonNull(discovery, "discovery"));
  }

  /** The discovery this mapper reads. */
  public Discovery discovery() {
    return discovery;
  }

  /**
   * The resource that serves {@code kind} in exactly its version.
   *
   * @throws NoMappingException when the server serves no such kind, even after a refresh
   */
  public ApiResource mapping(GroupVersionKind kind) {
    Objects.requireNonNull(kind, "kind");
    return find(r -> r.group().equals(kind.group()) && r.version().equals(kind.version()) && r.kind().equals(kind.kind()))
        .orElseThrow(() -> new NoMappingException("no resource serves kind " + kind.kind() + " in version " + kind.apiVersion() + " on " + host()
            + servedVersions(kind.group(), kind.kind()) + ". Check the apiVersion, or install the CRD that defines it and wait until it is Established."));
  }

  /**
   * The resource of {@code kind} in {@code group} at the group's preferred version (or, when the
   * kind is not served there, the first version that serves it).
   *
   * @throws NoMappingException when the group serves no such kind, even after a refresh
   */
  public ApiResource preferredMapping(String group, String kind) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(kind, "kind");
    Predicate<ApiResource> sameKind = r -> r.group().equals(group) && r.kind().equals(kind);
    return find(r -> sameKind.test(r) && r.preferredVersion())
        .or(() -> find(sameKind))
        .orElseThrow(() -> new NoMappingException("no resource serves kind " + kind + (group.isEmpty() ? " in the core group" : " in group " + group) + " on " + host()
            + ". Install the CRD that defines it, or check the spelling."));
  }

  /**
   * The kind of objects of {@code resource}.
   *
   * @throws NoMappingException when the server serves no such resource, even after a refresh
   */
  public GroupVersionKind kindFor(GroupVersionResource resource) {
    Objects.requireNonNull(resource, "resource");
    return find(r -> r.groupVersionResource().equals(resource))
        .orElseThrow(() -> new NoMappingException("no resource " + resource + " on " + host() + ". Check the group, version and plural name."))
        .groupVersionKind();
  }

  /**
   * The resource a kubectl argument names: a plural, singular or short name ({@code deployments},
   * {@code deployment}, {@code deploy}), a kind ({@code Deployment}), either with a group ({@code
   * deployments.apps}) or a version and group ({@code deployments.v1.apps}). Without a version,
   * the preferred version; when several groups match, the core group wins, then the groups in
   * discovery order (as kubectl prefers built-in groups).
   *
   * @throws NoMappingException when nothing matches, even after a refresh
   */
  public ApiResource resourceFor(String name) {
    Objects.requireNonNull(name, "name");
    String lower = name.toLowerCase(Locale.ROOT);
    List<Predicate<ApiResource>> tries = new ArrayList<>();
    tries.add(r -> r.preferredVersion() && names(r, lower));
    int dot = lower.indexOf('.');
    if (dot > 0) {
      String head = lower.substring(0, dot);
      String rest = lower.substring(dot + 1);
      tries.add(r -> r.preferredVersion() && names(r, head) && r.group().equals(rest));
      int second = rest.indexOf('.');
      if (second > 0) {
        String version = rest.substring(0, second);
        String group = rest.substring(second + 1);
        tries.add(r -> names(r, head) && r.version().equals(version) && r.group().equals(group));
      }
      tries.add(r -> names(r, head) && r.version().equals(rest) && r.group().isEmpty());
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      List<ApiResource> all = attempt == 0 ? discovery.resources() : discovery.refresh();
      for (Predicate<ApiResource> p : tries) {
        Optional<ApiResource> core = all.stream().filter(p).filter(r -> r.group().isEmpty()).findFirst();
        if (core.isPresent()) {
          return core.get();
        }
        Optional<ApiResource> any = all.stream().filter(p).findFirst();
        if (any.isPresent()) {
          return any.get();
        }
      }
    }
    throw new NoMappingException("the server doesn't have a resource type \"" + name + "\" (" + host() + "). Check the spelling; for a custom resource, install its CRD first.");
  }

  /**
   * The resources in {@code category} (e.g. {@code all}) at their preferred versions, in discovery
   * order; empty when none.
   */
  public List<ApiResource> category(String category) {
    Objects.requireNonNull(category, "category");
    List<ApiResource> out = new ArrayList<>();
    for (ApiResource r : discovery.resources()) {
      if (r.preferredVersion() && r.categories().contains(category)) {
        out.add(r);
      }
    }
    return out;
  }

  private static boolean names(ApiResource r, String lower) {
    return r.resource().equals(lower) || r.singular().equals(lower) || r.kind().toLowerCase(Locale.ROOT).equals(lower) || r.shortNames().contains(lower);
  }

  private Optional<ApiResource> find(Predicate<ApiResource> p) {
    Optional<ApiResource> found = discovery.resources().stream().filter(p).findFirst();
    if (found.isPresent()) {
      return found;
    }
    // A miss may be a CRD installed since discovery was read: read it again, once.
    return discovery.refresh().stream().filter(p).findFirst();
  }

  private String servedVersions(String group, String kind) {
    TreeSet<String> versions = new TreeSet<>();
    for (ApiResource r : discovery.resources()) {
      if (r.group().equals(group) && r.kind().equals(kind)) {
        versions.add(r.version());
      }
    }
    return versions.isEmpty() ? "" : " (it is served in " + String.join(", ", versions) + ")";
  }

  private String host() {
    return discovery.client().configuration().host().toString();
  }

  /** The discovery it reads. */
  @Override
  public String toString() {
    return "RestMapper[" + discovery + "]";
  }
}
