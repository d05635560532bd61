package dev.kubesdk.runtime;

import java.util.Objects;

/**
 * Generic access to objects of kinds the generated API does not know: custom resources, and any
 * resource of an aggregated API. Objects are read and written as gson {@code JsonObject}s.
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
   * @param group the API group, e.g. {@code stable.example.com}
   * @param version the version, e.g. {@code v1}
   * @param plural the resource name, e.g. {@code crontabs}
   */
  public CustomResources resource(String group, String version, String plural) {
    return new CustomResources(client, requireSegment(group, "group"), requireSegment(version, "version"), requireSegment(plural, "plural"), null);
  }

  static String requireSegment(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty() || value.contains("/")) {
      throw new IllegalArgumentException(name + " must be one non-empty path segment: \"" + value + "\"");
    }
    return value;
  }
}
