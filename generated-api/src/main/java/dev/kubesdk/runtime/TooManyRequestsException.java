package dev.kubesdk.runtime;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The server is throttling this client (429 TooManyRequests), from API Priority and Fairness or an
 * eviction blocked by a PodDisruptionBudget. Wait {@link #retryAfter()} and send the request again.
 */
public class TooManyRequestsException extends ApiException {
  private static final long serialVersionUID = 1L;

  TooManyRequestsException(HttpFailure failure) {
    super(failure);
  }

  /**
   * How long the server asks to wait: the {@code Retry-After} header (seconds, or an HTTP date
   * measured from now), else {@code details.retryAfterSeconds} of the Status body; empty when the
   * server said neither.
   */
  public Optional<Duration> retryAfter() {
    List<String> values = headers().getOrDefault("retry-after", List.of());
    if (!values.isEmpty()) {
      String value = values.get(0).trim();
      try {
        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
      } catch (NumberFormatException notSeconds) {
        try {
          ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
          Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
          return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notDate) {
          // A malformed header: fall back to the Status body, as client-go's checkWait does.
        }
      }
    }
    return statusRetryAfterSeconds().map(Duration::ofSeconds);
  }
}
