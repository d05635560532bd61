package dev.kubesdk.runtime.internal;

import java.io.IOException;

/**
 * Carries a failure of the credential source (an exec plugin that exits non-zero, an unreadable
 * token file) through OkHttp, which only passes {@link IOException}s from interceptors back to the
 * caller; the runtime rethrows {@link #getCause()}.
 */
public final class CredentialsFailure extends IOException {
  private static final long serialVersionUID = 1L;

  /** Wraps {@code cause}, whose message must hold no secret. */
  public CredentialsFailure(RuntimeException cause) {
    super(cause.getMessage(), cause);
  }

  /** The failure of the credential source. */
  @Override
  public synchronized RuntimeException getCause() {
    return (RuntimeException) super.getCause();
  }
}
