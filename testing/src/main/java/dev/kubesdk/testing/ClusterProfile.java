package dev.kubesdk.testing;

import java.util.List;

/**
 * Which parts of Kubernetes a {@link LocalControlPlane} runs. Choose the smallest that serves the
 * test: {@link #API_ONLY} starts in a few seconds, {@link #FULL} adds the controllers that make a
 * cluster act on what the API stores.
 */
public enum ClusterProfile {
  /**
   * etcd and kube-apiserver only: every API, but nothing acts on what is stored. Pods stay {@code
   * Pending}, Deployments get no ReplicaSet, deleted namespaces stay {@code Terminating}, and pods
   * need no ServiceAccount. The fastest profile, for tests of API semantics.
   */
  API_ONLY(List.of("etcd", "kube-apiserver")),
  /**
   * A whole cluster without containers: etcd, kube-apiserver, kube-controller-manager,
   * kube-scheduler, and kwok simulating nodes (one by default). Pods are scheduled onto a node and
   * become {@code Running} and {@code Ready} (pods of Jobs then {@code Succeeded}), Deployments
   * become {@code Available}, garbage collection and namespace deletion happen, ServiceAccounts get
   * tokens. No image is pulled and no container runs: {@code pods/log}, {@code exec}, {@code attach}
   * and {@code portforward} are served by kwok from local files, commands and ports that the test
   * sets up through {@link SimulatedKubelet}.
   */
  FULL(
      List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok"));

  private final List<String> binaries;

  ClusterProfile(List<String> binaries) {
    this.binaries = binaries;
  }

  /** The executables this profile runs, as named in the binaries folder. */
  List<String> binaries() {
    return binaries;
  }
}
