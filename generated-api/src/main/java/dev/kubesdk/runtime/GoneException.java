package dev.kubesdk.runtime;

/**
 * The requested {@code resourceVersion} is too old (410, reason {@code Expired} or {@code Gone}): the server no longer keeps history that far back. List again and watch from the list's {@code resourceVersion}.
 */
public class GoneException extends ApiException {
  private static final long serialVersionUID = 1L;

  GoneException(HttpFailure failure) {
    super(failure);
  }
}
