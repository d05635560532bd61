package dev.kubesdk.manifests;

import java.util.Objects;

/**
 * One field a server-side apply could not take because another manager owns it with a different
 * value: one {@code FieldManagerConflict} cause of the 409 Status.
 *
 * @param manager the field manager that owns the field, e.g. {@code kubectl-client-side-apply}
 * @param field the field path as the server names it, e.g. {@code .spec.replicas}
 * @param message the server's text, e.g. {@code conflict with "hpa" using apps/v1}
 */
public record FieldConflict(String manager, String field, String message) {
  /** Checks that all parts are present. */
  public FieldConflict {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
