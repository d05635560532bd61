package dev.kubesdk.config.internal;

import dev.kubesdk.config.Credentials;
import dev.kubesdk.config.Sensitive;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** HTTP basic authentication (kubeconfig {@code username}/{@code password}). Immutable and thread-safe. */
public final class BasicCredentials implements Credentials {
  private final String username;
  private final Sensitive header;

  /** Basic auth for {@code username} with {@code password}. */
  public BasicCredentials(String username, Sensitive password) {
    this.username = Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    String pair = username + ":" + password.reveal();
    this.header = Sensitive.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  /** The user name (not secret). */
  public String username() {
    return username;
  }

  @Override
  public Optional<Sensitive> authorization() {
    return Optional.of(header);
  }

  @Override
  public String method() {
    return "basic";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BasicCredentials other && header.equals(other.header);
  }

  @Override
  public int hashCode() {
    return header.hashCode();
  }

  @Override
  public String toString() {
    return "BasicCredentials[username=" + username + ", password=<redacted>]";
  }
}
