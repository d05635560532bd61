package dev.kubesdk.examples;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.CustomObjectsApi;
import dev.kubesdk.runtime.CustomResources;

/**
 * Custom resources without Java classes for them: {@code CustomObjectsApi} reaches any resource by
 * group, version and plural, with objects as JSON trees. Needs the CronTab CRD of the Kubernetes
 * documentation ({@code stable.example.com/v1}, plural {@code crontabs}) installed.
 */
public final class CronTabs {
  private CronTabs() {}

  /** Creates CronTab {@code nightly} in the namespace given as the first argument and prints it. */
  public static void main(String[] args) {
    KubeConfig.load();
    String namespace = args.length > 0 ? args[0] : "default";
    System.out.println(createNightly(new ApiClient(), namespace));
  }

  /** Creates CronTab {@code nightly}, running at 03:00, in {@code namespace}; returns it as stored. */
  public static JsonObject createNightly(ApiClient client, String namespace) {
    CustomResources crontabs =
        new CustomObjectsApi(client).resource("stable.example.com", "v1", "crontabs").inNamespace(namespace);
    JsonObject nightly =
        JsonParser.parseString(
                """
                {"apiVersion": "stable.example.com/v1", "kind": "CronTab",
                 "metadata": {"name": "nightly"},
                 "spec": {"cronSpec": "0 3 * * *", "image": "registry.invalid/backup:1"}}
                """)
            .getAsJsonObject();
    crontabs.create(nightly);
    return crontabs.get("nightly");
  }
}
