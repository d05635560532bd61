package dev.kubesdk.runtime.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The text generated {@code toString()} methods print for values that may hold secrets. Stateless and
 * thread-safe.
 */
public final class Redaction {
  /** What is printed in place of a secret value. */
  public static final String REDACTED = "<redacted>";

  private Redaction() {}

  /**
   * {@code map} as {@link java.util.AbstractMap#toString()} prints it, except that the values of {@code
   * secretKeys} are printed as {@value #REDACTED}: {@code {app=cart,
   * kubectl.kubernetes.io/last-applied-configuration=<redacted>}}.
   *
   * @param map the map, or null
   * @param secretKeys the keys whose values are secret
   * @return {@code "null"} for a null map, else the text
   */
  public static String mapText(@Nullable Map<String, ?> map, String... secretKeys) {
    if (map == null) {
      return "null";
    }
    List<String> secret = Arrays.asList(secretKeys);
    StringBuilder text = new StringBuilder("{");
    for (Map.Entry<String, ?> entry : map.entrySet()) {
      if (text.length() > 1) {
        text.append(", ");
      }
      text.append(entry.getKey()).append('=');
      text.append(secret.contains(entry.getKey()) ? REDACTED : String.valueOf(entry.getValue()));
    }
    return text.append('}').toString();
  }
}
