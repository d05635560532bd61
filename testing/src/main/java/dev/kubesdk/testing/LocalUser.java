package dev.kubesdk.testing;

/** The users a {@link LocalControlPlane} knows, each with its own kubeconfig. */
public enum LocalUser {
  /**
   * {@code kubesdk-admin}, authenticated by a client certificate in group {@code system:masters}:
   * allowed everything.
   */
  ADMIN("kubesdk-admin", "admin.kubeconfig"),
  /** {@code kubesdk-admin-token}, a bearer token in group {@code system:masters}: allowed everything. */
  ADMIN_TOKEN("kubesdk-admin-token", "admin-token.kubeconfig"),
  /**
   * {@code kubesdk-limited}, a bearer token with no RBAC grants: authenticated, but forbidden (403)
   * nearly everything beyond discovery.
   */
  LIMITED("kubesdk-limited", "limited.kubeconfig");

  private final String userName;
  private final String kubeconfigFileName;

  LocalUser(String userName, String kubeconfigFileName) {
    this.userName = userName;
    this.kubeconfigFileName = kubeconfigFileName;
  }

  /** The Kubernetes user name the API server sees. */
  public String userName() {
    return userName;
  }

  String kubeconfigFileName() {
    return kubeconfigFileName;
  }
}
