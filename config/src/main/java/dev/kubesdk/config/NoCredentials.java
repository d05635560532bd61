package dev.kubesdk.config;

import java.util.Optional;

/** Sends no {@code Authorization} header. */
enum NoCredentials implements Credentials {
  INSTANCE;

  @Override
  public Optional<Sensitive> authorization() {
    return Optional.empty();
  }

  @Override
  public String method() {
    return "none";
  }

  @Override
  public String toString() {
    return "Credentials.none()";
  }
}
