package dev.kubesdk.codegen;

import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.Set;

/**
 * Marks the operations that stream, which a plain request and response cannot carry, so that the generated
 * calls fail at once with a message saying what to use instead rather than hang or fail on the wire:
 *
 * <ul>
 *   <li>{@code connect} operations ({@code x-kubernetes-action: connect}) on a subresource in {@link
 *       #UPGRADE_SUBRESOURCES} ({@code exec}, {@code attach}, {@code portforward}, GET and POST alike) need the
 *       connection upgraded to a WebSocket (or SPDY) stream. They get {@link Extensions#UPGRADE}, naming the
 *       subresource; their {@code execute()} throws, {@code toApiRequest()} still describes the call.
 *       {@code proxy} connect operations are plain HTTP passed through to a pod, service or node and stay as
 *       they are. A connect operation on any other subresource fails the build until it is sorted into one
 *       of the two sets.
 *   <li>GET operations with a boolean {@code follow} query parameter (the pod log) stream for as long as
 *       the source runs when it is true. They get {@link Extensions#FOLLOW_FLAG} naming the parameter; their
 *       {@code execute()} throws when it is set to true.
 * </ul>
 *
 * <p>The operations stay in the generated API, so that code written against other Kubernetes clients finds
 * them and learns why they do not work, instead of a missing method.
 */
public final class StreamingOperations {
  /** Connect subresources whose streams need a connection upgrade. */
  static final Set<String> UPGRADE_SUBRESOURCES = Set.of("exec", "attach", "portforward");
  /** Connect subresources that are plain HTTP requests. */
  static final Set<String> PLAIN_SUBRESOURCES = Set.of("proxy");
  /** The query flag that turns a read into an endless stream. */
  static final String FOLLOW = "follow";

  private StreamingOperations() {}

  /** Adds the streaming markers to every connect operation needing an upgrade and every followable read. */
  public static void mark(JsonObject spec) {
    for (SpecTree.Operation operation : SpecTree.operations(spec)) {
      JsonObject body = operation.body();
      if (body.has("x-kubernetes-action") && body.get("x-kubernetes-action").getAsString().equals("connect")) {
        String subresource = subresource(operation.path());
        if (UPGRADE_SUBRESOURCES.contains(subresource)) {
          body.addProperty(Extensions.UPGRADE, subresource);
        } else if (!PLAIN_SUBRESOURCES.contains(subresource)) {
          throw new SpecException(
              "spec: " + operation.id() + " (" + operation.method().toUpperCase(Locale.ROOT) + " "
                  + operation.path() + ") connects to subresource \"" + subresource
                  + "\", which StreamingOperations does not know; add it to UPGRADE_SUBRESOURCES if it needs a"
                  + " WebSocket upgrade, or to PLAIN_SUBRESOURCES if it is plain HTTP");
        }
      }
      if (operation.method().equals("get")
          && operation.parameters(spec).stream()
              .anyMatch(
                  p -> "query".equals(p.get("in").getAsString())
                      && FOLLOW.equals(p.get("name").getAsString())
                      && p.has("type")
                      && "boolean".equals(p.get("type").getAsString()))) {
        body.addProperty(Extensions.FOLLOW_FLAG, FOLLOW);
      }
    }
  }

  /** The segment after {@code {name}}: {@code .../pods/{name}/exec} → {@code exec}; "" if there is none. */
  static String subresource(String path) {
    int name = path.indexOf("{name}/");
    if (name < 0) {
      return "";
    }
    String rest = path.substring(name + "{name}/".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }
}
