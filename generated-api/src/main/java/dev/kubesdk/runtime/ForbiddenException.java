package dev.kubesdk.runtime;

/**
 * The server knows who is calling but RBAC does not allow the call (403 Forbidden). The message names the verb, resource and user the server checked.
 */
public class ForbiddenException extends ApiException {
  private static final long serialVersionUID = 1L;

  ForbiddenException(HttpFailure failure) {
    super(failure);
  }
}
