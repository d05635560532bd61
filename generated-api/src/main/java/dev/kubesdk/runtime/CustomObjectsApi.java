package dev.kubesdk.runtime;

import java.util.Objects;

/**
 * Generic access to any resource by group, version and plural: custom resources, resources of
 * aggregated APIs, and built-in resources (the core group is {@code ""}). Objects are read and
 * written as gson {@code JsonObject}s.
 * Thread-safe; share one instance.
 *
 * <pre>{@code
 * CustomResources crontabs = new CustomObjectsApi(client).resource("stable.example.com", "v1", "crontabs");
 * JsonObject list = crontabs.inNamespace("shop").list().labelSelector("app=cart").execute();
 * JsonObject made = crontabs.inNamespace("shop").create(crontab);
 * crontabs.inNamespace("shop").patch("nightly", V1Patch.merge("{\"spec\":{\"schedule\":\"0 2 * * *\"}}")).execute();
 * crontabs.inNamespace("shop").patch("nightly", V1Patch.apply(manifest)).fieldManager("crontab-controller").execute();
 * }</pre>
 */
public final class CustomObjectsApi {
  private final ApiClient client;

  /** Uses {@code new ApiClient()}, i.e. the process default Configuration. */
  public CustomObjectsApi() {
    this(new ApiClient());
  }

  /** Calls through {@code client}. */
  public CustomObjectsApi(ApiClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * The resource {@code plural} of {@code group}/{@code version}, across all namespaces (or
   * cluster-scoped); {@link CustomResources#inNamespace} narrows it to one namespace.
   *
   * @param group the API group, e.g. {@code stable.example.com}; {@code ""} for the core group
   *     ({@code /api/v1})
   * @param version the version, e.g. {@code v1}
   * @param plural the resource name, e.g. {@code crontabs}
   */
  public CustomResources resource(String group, String version, String plural) {
    Objects.requireNonNull(group, "group");
    return new CustomResources(client, group.isEmpty() ? group : requireSegment(group, "group"), requireSegment(version, "version"), requireSegment(plural, "plural"), null);
  }

  static String requireSegment(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty() || value.contains("/")) {
      throw new IllegalArgumentException(name + " must be one non-empty path segment: \"" + value + "\"");
    }
    return value;
  }
}
