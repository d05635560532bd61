package dev.kubesdk.config.internal;

import java.time.Duration;

/** Durations as messages show them: {@code 300ms}, {@code 45s}, {@code 5m}, {@code 1h30m}. */
final class Durations {
  private Durations() {}

  static String format(Duration d) {
    if (d.toMillisPart() != 0 || d.toSeconds() == 0) {
      return d.toMillis() + "ms";
    }
    long h = d.toHours();
    int m = d.toMinutesPart();
    int s = d.toSecondsPart();
    StringBuilder sb = new StringBuilder();
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (m > 0) {
      sb.append(m).append('m');
    }
    if (s > 0) {
      sb.append(s).append('s');
    }
    return sb.toString();
  }
}
