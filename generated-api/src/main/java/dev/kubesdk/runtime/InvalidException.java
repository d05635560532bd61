package dev.kubesdk.runtime;

import java.util.List;

/**
 * The server rejected the object sent (422 Invalid): a required field is missing, a value is out of
 * range, a name is not a valid DNS label. {@link #fieldCauses()} lists each rejected field.
 */
public class InvalidException extends ApiException {
  private static final long serialVersionUID = 1L;

  InvalidException(HttpFailure failure) {
    super(failure);
  }

  /**
   * Each rejected field, from {@code details.causes} of the Status body, e.g. {@code
   * spec.containers[0].image: FieldValueRequired: Required value}; empty when the server gave none.
   */
  public List<FieldCause> fieldCauses() {
    return causes();
  }
}
