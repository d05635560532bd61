package dev.kubesdk.config;

import java.util.Objects;
import java.util.Optional;

/** A fixed bearer token. Immutable and thread-safe. */
final class BearerTokenCredentials implements Credentials {
  private final Sensitive header;

  BearerTokenCredentials(Sensitive token) {
    Objects.requireNonNull(token, "token");
    this.header = Sensitive.of("Bearer " + token.reveal());
  }

  @Override
  public Optional<Sensitive> authorization() {
    return Optional.of(header);
  }

  @Override
  public String method() {
    return "token";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BearerTokenCredentials other && header.equals(other.header);
  }

  @Override
  public int hashCode() {
    return header.hashCode();
  }

  @Override
  public String toString() {
    return "BearerTokenCredentials[token=<redacted>]";
  }
}
