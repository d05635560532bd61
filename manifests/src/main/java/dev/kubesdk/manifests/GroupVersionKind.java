package dev.kubesdk.manifests;

import java.util.Objects;

/**
 * A kind of object as a manifest names it: {@code apps/v1} {@code Deployment} is group {@code apps},
 * version {@code v1}, kind {@code Deployment}; the core group is the empty string ({@code v1}
 * {@code ConfigMap}). apimachinery's {@code schema.GroupVersionKind}.
 *
 * @param group the API group, empty for the core group
 * @param version the version, e.g. {@code v1}
 * @param kind the kind, e.g. {@code Deployment}
 */
public record GroupVersionKind(String group, String version, String kind) {
  /** Checks the parts: version and kind non-empty, none containing {@code /}. */
  public GroupVersionKind {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    if (version.isEmpty() || kind.isEmpty() || group.contains("/") || version.contains("/")) {
      throw new IllegalArgumentException("not a group/version/kind: group \"" + group + "\", version \"" + version + "\", kind \"" + kind + "\"");
    }
  }

  /**
   * The kind an object's {@code apiVersion} and {@code kind} fields name.
   *
   * @param apiVersion {@code v1} or {@code group/version}
   * @param kind the kind
   * @throws IllegalArgumentException when {@code apiVersion} has more than one {@code /} or an empty part
   */
  public static GroupVersionKind of(String apiVersion, String kind) {
    Objects.requireNonNull(apiVersion, "apiVersion");
    int slash = apiVersion.indexOf('/');
    if (slash < 0) {
      return new GroupVersionKind("", apiVersion, kind);
    }
    if (slash == 0 || apiVersion.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("apiVersion \"" + apiVersion + "\" is not \"version\" or \"group/version\"");
    }
    return new GroupVersionKind(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
  }

  /** The {@code apiVersion} field: {@code version} for the core group, {@code group/version} otherwise. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code apps/v1, Kind=Deployment}, as apimachinery prints it. */
  @Override
  public String toString() {
    return apiVersion() + ", Kind=" + kind;
  }
}
