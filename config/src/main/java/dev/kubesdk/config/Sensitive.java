package dev.kubesdk.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A secret value: a token, a password, private key bytes. Immutable and thread-safe.
 *
 * <p>{@link #toString()} prints {@code <redacted>}, so a secret that ends up in a log line, an
 * exception message or a debugger view stays hidden. Only {@link #reveal()} and {@link
 * #revealBytes()} give the value, and they are called only where a header or a key is built.
 */
public final class Sensitive {
  private final byte[] value;

  private Sensitive(byte[] value) {
    this.value = value;
  }

  /** Wraps a secret string (stored as UTF-8). */
  public static Sensitive of(String value) {
    Objects.requireNonNull(value, "value");
    return new Sensitive(value.getBytes(StandardCharsets.UTF_8));
  }

  /** Wraps secret bytes; the array is copied. */
  public static Sensitive ofBytes(byte[] value) {
    Objects.requireNonNull(value, "value");
    return new Sensitive(value.clone());
  }

  /** The secret as a UTF-8 string. */
  public String reveal() {
    return new String(value, StandardCharsets.UTF_8);
  }

  /** A copy of the secret bytes. */
  public byte[] revealBytes() {
    return value.clone();
  }

  /** True when the secret is empty. */
  public boolean isEmpty() {
    return value.length == 0;
  }

  /** The lowercase hex SHA-256 of the secret bytes: safe to show, and enough to compare two secrets. */
  public String sha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sensitive other && MessageDigest.isEqual(value, other.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "<redacted>";
  }
}
