package dev.kubesdk.runtime;

/**
 * The request conflicts with the object's current state (409). {@link #reason()} separates {@code AlreadyExists} (a create found an object with that name) from {@code Conflict} (an update carried an outdated {@code resourceVersion}: read the object again and retry).
 */
public class ConflictException extends ApiException {
  private static final long serialVersionUID = 1L;

  ConflictException(HttpFailure failure) {
    super(failure);
  }
}
