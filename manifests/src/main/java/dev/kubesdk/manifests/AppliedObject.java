package dev.kubesdk.manifests;

import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link ServerSideApply} did to one object.
 *
 * @param resource the resource it was applied to
 * @param namespace its namespace, empty for a cluster-scoped object
 * @param name its name
 * @param outcome whether it was created, changed or left as it was
 * @param object the object as the server returned it (on a dry run, as it would be)
 */
public record AppliedObject(ApiResource resource, String namespace, String name, Outcome outcome, JsonObject object) {
  /** What applying did. */
  public enum Outcome {
    /** The object did not exist and was created. */
    CREATED,
    /** The object existed and the server changed it. */
    CONFIGURED,
    /** The object existed and already held everything applied: the server changed nothing. */
    UNCHANGED
  }

  /** Checks that all parts are present. */
  public AppliedObject {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(object, "object");
  }

  /** kubectl's name of the object, e.g. {@code deployment.apps/web}. */
  public String displayName() {
    return resource.displayName(name);
  }

  /** Kind, name and outcome; not the object. */
  @Override
  public String toString() {
    return displayName() + (namespace.isEmpty() ? "" : " in " + namespace) + " " + outcome.name().toLowerCase(Locale.ROOT);
  }
}
