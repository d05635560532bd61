package dev.kubesdk.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * Run in a child JVM by {@link ControlPlaneBinariesTest}: builds the binaries with the go command
 * named in args[1] into the cache under args[0], and is killed while that runs.
 */
public final class BuildProbe {
  private BuildProbe() {}

  public static void main(String[] args) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("KUBEBUILDER_ASSETS");
    env.put("XDG_CACHE_HOME", args[0]);
    env.put("GO", args[1]);
    ControlPlaneBinaries.resolve(env, ClusterProfile.API_ONLY);
  }
}
