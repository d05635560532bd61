package dev.kubesdk.config.internal;

import dev.kubesdk.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.Map;

/**
 * Writes refreshed credentials back into the kubeconfig file that holds the user entry, atomically:
 * the new content goes to a temporary file in the same directory, which then replaces the original,
 * so a reader never sees half a file and a crash leaves the old one intact.
 */
final class KubeconfigWriter {
  private KubeconfigWriter() {}

  /** Sets {@code users[name=user].user.auth-provider.config.<key>} for every entry of {@code values}. */
  static void updateAuthProviderConfig(Path file, String user, Map<String, String> values) {
    Path real;
    try {
      // Replace the target of a symlinked kubeconfig, not the link.
      real = file.toRealPath();
      String text = Files.readString(real, StandardCharsets.UTF_8);
      Map<String, Object> doc = KubeconfigYaml.parse(text, file.toString());
      Map<String, Object> config = authProviderConfig(doc, user, file);
      config.putAll(values);
      String out = KubeconfigYaml.dump(doc);
      Path dir = real.getParent();
      Path tmp = Files.createTempFile(dir, "." + real.getFileName() + "-", ".tmp");
      try {
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (view != null) {
          // Keep the original mode (usually 0600): the file holds tokens.
          view.setPermissions(Files.getPosixFilePermissions(real));
        }
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        try {
          Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot write the refreshed OIDC token back (" + e.getClass().getSimpleName() + "). Check that the file and its directory are writable.", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> authProviderConfig(Map<String, Object> doc, String user, Path file) {
    if (doc.get("users") instanceof List<?> users) {
      for (Object o : users) {
        if (o instanceof Map<?, ?> entry && user.equals(entry.get("name")) && entry.get("user") instanceof Map<?, ?> u
            && u.get("auth-provider") instanceof Map<?, ?> ap) {
          Object config = ap.get("config");
          if (config instanceof Map<?, ?> c) {
            return (Map<String, Object>) c;
          }
          Map<String, Object> fresh = new java.util.LinkedHashMap<>();
          ((Map<String, Object>) ap).put("config", fresh);
          return fresh;
        }
      }
    }
    throw new ConfigException(file + ": users \"" + user + "\" with an auth-provider is no longer in the file, so the refreshed OIDC token cannot be saved. Log in again.");
  }
}
