package dev.kubesdk.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The binaries for tests that start real processes: built under CI, otherwise skipped when missing. */
final class Binaries {
  private Binaries() {}

  /** The binaries of the API-only profile. */
  static ControlPlaneBinaries forTests() {
    return forTests(ClusterProfile.API_ONLY);
  }

  static ControlPlaneBinaries forTests(ClusterProfile profile) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      return ControlPlaneBinaries.resolve(System.getenv(), profile);
    }
    var installed = ControlPlaneBinaries.installed(System.getenv(), profile);
    assumeTrue(
        installed.isPresent(),
        String.join(", ", profile.binaries()) + " are not built; run e2e/controlplane/build (or set"
            + " CI=true to build them during the test run)");
    return installed.get();
  }
}
