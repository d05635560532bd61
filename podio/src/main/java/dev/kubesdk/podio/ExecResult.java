package dev.kubesdk.podio;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What a one-shot {@link PodIo#exec exec} gave: the exit code and everything the command wrote to
 * stdout and stderr. Immutable and thread-safe.
 */
public final class ExecResult {
  private final int exitCode;
  private final byte[] stdout;
  private final byte[] stderr;

  private ExecResult(int exitCode, byte[] stdout, byte[] stderr) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** A result; copies the bytes. */
  public static ExecResult of(int exitCode, byte[] stdout, byte[] stderr) {
    return new ExecResult(exitCode, stdout.clone(), stderr.clone());
  }

  /** The exit code: 0 for success, the process's own code otherwise. */
  public int exitCode() {
    return exitCode;
  }

  /** The bytes written to stdout (a copy). */
  public byte[] stdout() {
    return stdout.clone();
  }

  /** The bytes written to stderr (a copy); empty with a terminal, which carries both on stdout. */
  public byte[] stderr() {
    return stderr.clone();
  }

  /** stdout decoded as UTF-8. */
  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  /** stderr decoded as UTF-8. */
  public String stderrText() {
    return new String(stderr, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ExecResult other && exitCode == other.exitCode && Arrays.equals(stdout, other.stdout) && Arrays.equals(stderr, other.stderr);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * exitCode + Arrays.hashCode(stdout)) + Arrays.hashCode(stderr);
  }

  /** The exit code and the sizes of the outputs. */
  @Override
  public String toString() {
    return "ExecResult{exitCode=" + exitCode + ", stdout=" + stdout.length + " bytes, stderr=" + stderr.length + " bytes}";
  }
}
