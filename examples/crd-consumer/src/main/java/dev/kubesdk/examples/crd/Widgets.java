package dev.kubesdk.examples.crd;

import com.example.v1.Widget;
import com.example.v1.WidgetApi;
import com.example.v1.WidgetSpec;
import com.example.v1.WidgetSpecPorts;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.IntOrString;
import dev.kubesdk.runtime.Quantity;

/** Creating a custom resource through the classes kubesdk-maven-plugin generated from src/main/crds. */
public final class Widgets {
  private Widgets() {}

  /** Creates a small widget {@code name} in {@code namespace}; returns it as the server stored it. */
  public static Widget createSmall(ApiClient client, String namespace, String name) {
    WidgetApi widgets = new WidgetApi(client).inNamespace(namespace);
    return widgets.create(
        new Widget()
            .apiVersion(Widget.API_VERSION)
            .kind(Widget.KIND)
            .metadata(new V1ObjectMeta().name(name))
            .spec(
                new WidgetSpec()
                    .size("small")
                    .replicas(2)
                    .port(IntOrString.of("http"))
                    .memory(Quantity.parse("256Mi"))
                    .addPortsItem(new WidgetSpecPorts().name("http").containerPort(8080).protocol("TCP"))));
  }
}
