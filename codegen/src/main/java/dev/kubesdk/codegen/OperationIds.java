package dev.kubesdk.codegen;

import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Removes the API group and version from operation ids, since the API class already carries them:
 * {@code listCoreV1NamespacedPod} (tag {@code core_v1}) becomes {@code listNamespacedPod} on {@code
 * CoreV1Api}. The tag is title-cased part by part ({@code admissionregistration_v1beta1} →
 * {@code AdmissionregistrationV1beta1}) and removed from the id; the generator turns the tag into the class
 * name ({@code core_v1} → {@code CoreV1Api}). Two operations of one tag ending with the same id fail the build.
 */
public final class OperationIds {
  private OperationIds() {}

  /** {@code core_v1} → {@code CoreV1}, {@code WellKnown} → {@code WellKnown}. */
  public static String tagTitle(String tag) {
    StringBuilder result = new StringBuilder();
    for (String part : tag.split("_")) {
      if (!part.isEmpty()) {
        result.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return result.toString();
  }

  /** The operation id without its tag title: ({@code listCoreV1NamespacedPod}, {@code core_v1}) → {@code listNamespacedPod}. */
  public static String strip(String operationId, String tag) {
    return operationId.replace(tagTitle(tag), "");
  }

  /** Strips the tag from every operation id of the spec. */
  public static void stripAll(JsonObject spec) {
    Map<String, String> seen = new HashMap<>();
    for (SpecTree.Operation operation : SpecTree.operations(spec)) {
      JsonObject body = operation.body();
      if (!body.has("operationId") || !body.has("tags") || body.getAsJsonArray("tags").isEmpty()) {
        throw new SpecException(
            "spec: " + operation.method() + " " + operation.path() + " has no operationId or no tag; "
                + "every operation needs both to be placed on an API class");
      }
      String tag = body.getAsJsonArray("tags").get(0).getAsString();
      String stripped = strip(operation.id(), tag);
      String previous = seen.put(tag + "." + stripped, operation.id());
      if (previous != null) {
        throw new SpecException(
            "spec: operations " + previous + " and " + operation.id() + " (tag " + tag
                + ") both become " + stripped + " once the tag is removed; give one of them another id");
      }
      body.addProperty("operationId", stripped);
    }
  }
}
