package dev.kubesdk.manifests.internal;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A number kept as the text it was written as, so that {@code 1.50} or {@code 1e5} in a manifest
 * reaches the server and the dump as written rather than as a {@code double}'s rendering. The text
 * is a JSON number (callers check), which is what JSON writers ask of a {@link Number}'s {@code
 * toString()}.
 */
final class NumberText extends Number {
  private static final long serialVersionUID = 1L;

  /** The number as written: a JSON number. */
  private final String text;

  NumberText(String text) {
    this.text = text;
  }

  private BigDecimal exact() {
    return new BigDecimal(text);
  }

  @Override
  public int intValue() {
    return exact().intValue();
  }

  @Override
  public long longValue() {
    return exact().longValue();
  }

  @Override
  public float floatValue() {
    return Float.parseFloat(text);
  }

  @Override
  public double doubleValue() {
    return Double.parseDouble(text);
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof NumberText n && n.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
