package dev.kubesdk.manifests;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One resource the server serves, as discovery describes it: apimachinery's {@code
 * metav1.APIResource} with its group and version. Subresources ({@code status}, {@code scale}) are
 * listed on their resource, not as resources of their own.
 *
 * @param group the API group, empty for the core group
 * @param version the version
 * @param resource the plural name used in paths, e.g. {@code deployments}
 * @param singular the singular name, e.g. {@code deployment}
 * @param kind the kind of its objects, e.g. {@code Deployment}
 * @param namespaced whether its objects live in namespaces
 * @param verbs what can be done, e.g. {@code [create, delete, get, list, patch, update, watch]}
 * @param shortNames short names kubectl accepts, e.g. {@code [deploy]}
 * @param categories the categories it belongs to, e.g. {@code [all]}
 * @param subresources its subresources, e.g. {@code [scale, status]}
 * @param preferredVersion whether {@code version} is the group's preferred version
 */
public record ApiResource(
    String group,
    String version,
    String resource,
    String singular,
    String kind,
    boolean namespaced,
    List<String> verbs,
    List<String> shortNames,
    List<String> categories,
    List<String> subresources,
    boolean preferredVersion) {
  /** Checks the parts and copies the lists. */
  public ApiResource {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(singular, "singular");
    Objects.requireNonNull(kind, "kind");
    verbs = List.copyOf(verbs);
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
    subresources = List.copyOf(subresources);
  }

  /** The group, version and resource, which name its paths. */
  public GroupVersionResource groupVersionResource() {
    return new GroupVersionResource(group, version, resource);
  }

  /** The group, version and kind of its objects. */
  public GroupVersionKind groupVersionKind() {
    return new GroupVersionKind(group, version, kind);
  }

  /**
   * How kubectl names an object of this resource in its output: the lower-case kind and group,
   * e.g. {@code deployment.apps/web}, {@code configmap/settings}.
   */
  public String displayName(String name) {
    String gk = kind.toLowerCase(Locale.ROOT) + (group.isEmpty() ? "" : "." + group);
    return gk + "/" + name;
  }
}
