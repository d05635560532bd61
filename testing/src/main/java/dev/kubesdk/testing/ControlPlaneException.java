package dev.kubesdk.testing;

import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The local control plane, or the cluster a test asked for, could not be built, started or reached.
 * The message says which part failed and ends with the last lines of its log when there is one;
 * {@link #logFile()} names the whole log.
 */
public class ControlPlaneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The log file of the process that failed, when there is one. */
  private final @Nullable String logFile;

  /** A failure with no underlying exception. */
  public ControlPlaneException(String message) {
    super(message);
    this.logFile = null;
  }

  /** A failure caused by {@code cause}. */
  public ControlPlaneException(String message, Throwable cause) {
    super(message, cause);
    this.logFile = null;
  }

  /** A failure a process's log explains; the file is kept for reading. */
  public ControlPlaneException(String message, Path logFile) {
    super(message);
    this.logFile = logFile.toString();
  }

  /** The log of the process that failed, when one exists; the folder holding it is not deleted. */
  public Optional<Path> logFile() {
    return Optional.ofNullable(logFile).map(Path::of);
  }
}
