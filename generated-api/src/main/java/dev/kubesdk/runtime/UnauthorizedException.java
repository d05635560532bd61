package dev.kubesdk.runtime;

/**
 * The server did not accept the credentials (401 Unauthorized), even after the credential source was asked for a fresh one where it can refresh. Check the token, client certificate or exec plugin of the kubeconfig user.
 */
public class UnauthorizedException extends ApiException {
  private static final long serialVersionUID = 1L;

  UnauthorizedException(HttpFailure failure) {
    super(failure);
  }
}
