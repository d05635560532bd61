package dev.kubesdk.maven;

import dev.kubesdk.codegen.FieldType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One class to generate from a CRD schema: its name, what it models, its Javadoc text and its
 * properties in JSON-name order.
 *
 * @param className the simple class name
 * @param original what it models, e.g. {@code stable.example.com/v1 CronTab .spec}
 * @param doc the class Javadoc text, already escaped, or null
 * @param properties the properties, sorted by JSON name
 * @param apiVersion the {@code API_VERSION} constant, or null for a nested class
 * @param kind the {@code KIND} constant, or null for a nested class
 */
record ModelSpec(
    String className, String original, @Nullable String doc, List<Property> properties, @Nullable String apiVersion, @Nullable String kind) {

  /**
   * One property.
   *
   * @param json the JSON name
   * @param field the Java field name
   * @param capitalized the part after {@code get}/{@code set}
   * @param type its Java type
   * @param required whether the schema lists it as required
   * @param doc its Javadoc text, already escaped, or null
   */
  record Property(String json, String field, String capitalized, FieldType type, boolean required, @Nullable String doc) {}
}
