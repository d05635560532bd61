package dev.kubesdk.runtime;

import java.util.Objects;

/**
 * One entry of a Kubernetes {@code Status}'s {@code details.causes}: which field of the request was
 * rejected and why. Immutable.
 *
 * @param field the field path as the server names it, e.g. {@code spec.containers[0].image}; empty
 *     when the cause is not about one field
 * @param reason the machine-readable reason, e.g. {@code FieldValueRequired}; empty when absent
 * @param message the human-readable explanation; empty when absent
 */
public record FieldCause(String field, String reason, String message) {
  /** Checks that all parts are present (absent parts are empty strings). */
  public FieldCause {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }
}
