package dev.kubesdk.manifests;

import java.util.Objects;

/**
 * A resource as the API paths name it: group {@code apps}, version {@code v1}, resource {@code
 * deployments}; the core group is the empty string. apimachinery's {@code
 * schema.GroupVersionResource}.
 *
 * @param group the API group, empty for the core group
 * @param version the version, e.g. {@code v1}
 * @param resource the plural resource name, e.g. {@code deployments}
 */
public record GroupVersionResource(String group, String version, String resource) {
  /** Checks the parts: version and resource non-empty, none containing {@code /}. */
  public GroupVersionResource {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(resource, "resource");
    if (version.isEmpty() || resource.isEmpty() || group.contains("/") || version.contains("/") || resource.contains("/")) {
      throw new IllegalArgumentException("not a group/version/resource: group \"" + group + "\", version \"" + version + "\", resource \"" + resource + "\"");
    }
  }

  /** {@code deployments.v1.apps}, or {@code configmaps.v1} for the core group. */
  @Override
  public String toString() {
    return resource + "." + version + (group.isEmpty() ? "" : "." + group);
  }
}
