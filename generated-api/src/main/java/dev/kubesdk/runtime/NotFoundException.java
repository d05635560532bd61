package dev.kubesdk.runtime;

/**
 * The object does not exist (404 NotFound). Also thrown when the namespace or the resource type does not exist; {@link #reason()} is {@code NotFound} either way.
 */
public class NotFoundException extends ApiException {
  private static final long serialVersionUID = 1L;

  NotFoundException(HttpFailure failure) {
    super(failure);
  }
}
