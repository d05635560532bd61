package dev.kubesdk.podio;

import java.util.Objects;

/**
 * A path in a container of a pod, for {@link PodIo#copyToPod} and {@link PodIo#copyFromPod}.
 * Immutable.
 *
 * @param pod the pod's name
 * @param namespace the pod's namespace
 * @param path an absolute path in the container's file system
 */
public record PodPath(String pod, String namespace, String path) {
  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException when the path is not absolute or holds a NUL
   */
  public PodPath {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path in pod " + namespace + "/" + pod + " must be absolute: \"" + path + "\"");
    }
    if (path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("path in pod " + namespace + "/" + pod + " holds a NUL character");
    }
  }

  /** {@code path} in pod {@code namespace/pod}. */
  public static PodPath of(String pod, String namespace, String path) {
    return new PodPath(pod, namespace, path);
  }
}
