package dev.kubesdk.examples;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1ConfigMap;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.runtime.Watch;
import dev.kubesdk.runtime.WatchEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A watch is an iterator of events that is closed when done. It ends when the server ends it
 * ({@code timeoutSeconds}); for a cache that survives every disconnect, use an informer (see {@link
 * ConfigMapMirror}).
 */
public final class WatchConfigMaps {
  private WatchConfigMaps() {}

  /** Prints the ConfigMap events of the namespace given as the first argument for a minute. */
  public static void main(String[] args) {
    KubeConfig.load();
    String namespace = args.length > 0 ? args[0] : "default";
    events(new CoreV1Api(), namespace, Integer.MAX_VALUE, 60).forEach(System.out::println);
  }

  /**
   * The first {@code count} events of ConfigMaps in {@code namespace}, as {@code TYPE name} lines,
   * or fewer when the server ends the watch after {@code timeoutSeconds}.
   */
  public static List<String> events(CoreV1Api core, String namespace, int count, int timeoutSeconds) {
    List<String> lines = new ArrayList<>();
    try (Watch<V1ConfigMap> watch =
        core.listNamespacedConfigMap(namespace).timeoutSeconds(timeoutSeconds).watch()) {
      for (WatchEvent<V1ConfigMap> event : watch) {
        lines.add(event.type() + " " + event.object().getMetadata().getName());
        if (lines.size() == count) {
          break;
        }
      }
    }
    return lines;
  }
}
