package dev.kubesdk.codegen;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Marks the properties whose values are secret, so that generated {@code toString()} never prints them. The
 * rules read the spec, so a new version's secrets are found without a hand-kept list:
 *
 * <ol>
 *   <li><b>Secret data.</b> Every map-valued property of a definition served as kind {@code Secret} of the
 *       core group ({@code x-kubernetes-group-version-kind}): its values are the secret's data ({@code
 *       V1Secret.data}, {@code stringData}). Marked {@link Extensions#SENSITIVE}: printed {@code <redacted>}.
 *   <li><b>Credential names.</b> Every string-valued property (a string, bytes, or a list or map of them)
 *       named {@code token} or {@code password}, or whose last camel-case word is {@code Token} or {@code
 *       Password}. The Kubernetes API conventions keep credentials out of every kind but Secret; the few that
 *       carry one name it this way ({@code V1TokenRequestStatus.token}, {@code V1TokenReviewSpec.token}).
 *       Booleans ({@code automountServiceAccountToken}) and references ({@code secretRef}) do not match: they
 *       are not secrets themselves. Marked {@link Extensions#SENSITIVE}.
 *   <li><b>Annotations that copy an object.</b> Every string map named {@code annotations} keeps its keys and
 *       values but prints the value of each key in {@link #SENSITIVE_ANNOTATIONS} as {@code <redacted>}: {@code
 *       kubectl apply} stores the whole applied object there, a Secret's data included. Annotations are
 *       free-form in the spec, so these keys are the one hand-kept list. Marked {@link
 *       Extensions#SENSITIVE_KEYS}.
 * </ol>
 *
 * <p>A spec in which rule 1 or rule 3 finds nothing fails the build: an upstream rename must not silently turn
 * redaction off.
 */
public final class SensitiveFields {
  /** Annotation keys whose values are never printed. */
  static final List<String> SENSITIVE_ANNOTATIONS = List.of("kubectl.kubernetes.io/last-applied-configuration");

  private static final Pattern CREDENTIAL_NAME = Pattern.compile("token|password|.*[a-z0-9](Token|Password)");

  private SensitiveFields() {}

  /** Adds the sensitive markers of the three rules. */
  public static void mark(JsonObject spec) {
    boolean secretData = false;
    boolean annotations = false;
    for (Map.Entry<String, JsonElement> entry : SpecTree.definitions(spec).entrySet()) {
      JsonObject definition = entry.getValue().getAsJsonObject();
      if (!definition.has("properties")) {
        continue;
      }
      boolean secret = isCoreSecret(definition);
      for (Map.Entry<String, JsonElement> property : definition.getAsJsonObject("properties").entrySet()) {
        JsonObject schema = property.getValue().getAsJsonObject();
        String name = property.getKey();
        if (secret && isMap(schema)) {
          schema.addProperty(Extensions.SENSITIVE, true);
          secretData = true;
        } else if (CREDENTIAL_NAME.matcher(name).matches() && isText(schema)) {
          schema.addProperty(Extensions.SENSITIVE, true);
        } else if (name.equals("annotations") && isMap(schema) && isText(schema)) {
          JsonArray keys = new JsonArray();
          SENSITIVE_ANNOTATIONS.forEach(keys::add);
          schema.add(Extensions.SENSITIVE_KEYS, keys);
          annotations = true;
        }
      }
    }
    if (!secretData) {
      throw new SpecException(
          "spec: no definition served as core/v1 kind Secret has a map property, so no secret data would be"
              + " redacted; update SensitiveFields to the spec's new shape of Secret");
    }
    if (!annotations) {
      throw new SpecException(
          "spec: no definition has a string map named annotations, so "
              + SENSITIVE_ANNOTATIONS + " would be printed; update SensitiveFields to the spec's new name for it");
    }
  }

  private static boolean isCoreSecret(JsonObject definition) {
    if (!definition.has(Extensions.GROUP_VERSION_KIND)
        || !definition.get(Extensions.GROUP_VERSION_KIND).isJsonArray()) {
      return false;
    }
    for (JsonElement gvk : definition.getAsJsonArray(Extensions.GROUP_VERSION_KIND)) {
      JsonObject value = gvk.getAsJsonObject();
      String group = value.has("group") ? value.get("group").getAsString() : "";
      if (group.isEmpty() && value.has("kind") && value.get("kind").getAsString().equals("Secret")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isMap(JsonObject schema) {
    return schema.has("additionalProperties") && schema.get("additionalProperties").isJsonObject();
  }

  /** A string, bytes, or a list or map whose values are (lists or maps of) strings. */
  private static boolean isText(JsonObject schema) {
    if (schema.has("$ref") || !schema.has("type")) {
      return false;
    }
    switch (schema.get("type").getAsString()) {
      case "string":
        return !schema.has("format") || schema.get("format").getAsString().equals("byte");
      case "array":
        return schema.has("items") && isText(schema.getAsJsonObject("items"));
      case "object":
        return isMap(schema) && isText(schema.getAsJsonObject("additionalProperties"));
      default:
        return false;
    }
  }
}
