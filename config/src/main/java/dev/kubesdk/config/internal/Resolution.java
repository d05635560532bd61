package dev.kubesdk.config.internal;

import dev.kubesdk.config.Configuration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the loader produced and why: the Configuration, the names it selected and, for every
 * effective value, where it came from.
 *
 * @param configuration the loaded configuration
 * @param context the selected context, null in-cluster
 * @param cluster the selected cluster entry, null in-cluster
 * @param user the selected user entry, null when none
 * @param authMethod none, token, tokenFile, basic, clientCert, exec or authProvider
 * @param username the basic-auth user name, null otherwise
 * @param sources effective field to its origin ("FILE: users[0] \"me\": user.token", "env X", "default")
 * @param files the kubeconfig files that were read, in precedence order
 */
public record Resolution(
    Configuration configuration,
    @Nullable String context,
    @Nullable String cluster,
    @Nullable String user,
    String authMethod,
    @Nullable String username,
    Map<String, String> sources,
    List<String> files) {
  /** Copies the collections. */
  public Resolution {
    sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    files = List.copyOf(files);
  }
}
