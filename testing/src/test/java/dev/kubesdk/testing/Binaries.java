package dev.kubesdk.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The binaries for tests that start real processes: built under CI, otherwise skipped when missing. */
final class Binaries {
  private Binaries() {}

  static ControlPlaneBinaries forTests() {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      return ControlPlaneBinaries.resolve(System.getenv());
    }
    var installed = ControlPlaneBinaries.installed(System.getenv());
    assumeTrue(
        installed.isPresent(),
        "kube-apiserver and etcd are not built; run e2e/controlplane/build (or set CI=true to build"
            + " them during the test run)");
    return installed.get();
  }
}
