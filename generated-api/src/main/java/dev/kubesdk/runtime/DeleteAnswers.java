package dev.kubesdk.runtime;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.kubesdk.api.model.V1Status;
import dev.kubesdk.api.model.V1StatusDetails;
import org.jspecify.annotations.Nullable;

/**
 * Reads the answer of calls the spec types as {@code Status}, chiefly DELETE. The API server
 * answers a DELETE with a {@code Status} when the object is gone, but with the object itself when
 * it is still there (finalizers pending, graceful deletion, namespaces, CRDs) and with a list for
 * a delete-collection. Each of those is a successful delete; the caller gets a {@code Success}
 * Status whose details name what was deleted, as kubectl reports it, instead of a decoding error.
 */
final class DeleteAnswers {
  private DeleteAnswers() {}

  static V1Status status(JsonElement body, int code) {
    if (!body.isJsonObject()) {
      return Json.gson().fromJson(body, V1Status.class);
    }
    JsonObject object = body.getAsJsonObject();
    if ("Status".equals(string(object, "kind"))) {
      return Json.gson().fromJson(object, V1Status.class);
    }
    V1StatusDetails details = new V1StatusDetails().kind(string(object, "kind"));
    String apiVersion = string(object, "apiVersion");
    if (apiVersion != null && apiVersion.contains("/")) {
      details.group(apiVersion.substring(0, apiVersion.indexOf('/')));
    }
    if (object.get("metadata") instanceof JsonObject metadata) {
      details.name(string(metadata, "name")).uid(string(metadata, "uid"));
    }
    return new V1Status().apiVersion("v1").kind("Status").status("Success").code(code).details(details);
  }

  private static @Nullable String string(JsonObject object, String member) {
    JsonElement value = object.get(member);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }
}
