package dev.kubesdk.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vendor extensions {@code model.mustache} reads, computed from {@link FieldType}s alone: the
 * openapi-generator path ({@link KubesdkJavaCodegen}) and the CRD generator of the Maven plugin both fill the
 * template from here, so a model generated from a CustomResourceDefinition reads, writes, compares and prints
 * its fields exactly as a built-in model does.
 */
public final class ModelExtensions {
  private ModelExtensions() {}

  /**
   * The extensions of one property ({@code x-kubesdk-type}, {@code -read}, {@code -write}, ...).
   *
   * @param type the property's field type
   * @param name the Java field name
   * @param getter the getter name, {@code get} followed by the capitalized name
   * @param doc the Javadoc text (already escaped by {@link JavadocText}), or null for none
   * @param sensitive whether {@code toString()} redacts the value
   * @param sensitiveKeys the map keys whose values {@code toString()} redacts
   */
  public static Map<String, Object> property(
      FieldType type, String name, String getter, String doc, boolean sensitive, List<String> sensitiveKeys) {
    Map<String, Object> ext = new LinkedHashMap<>();
    ext.put("x-kubesdk-type", type.declaration());
    ext.put("x-kubesdk-capitalized", getter.substring(3));
    ext.put("x-kubesdk-read", FieldCode.read(type, "result." + name + " = %s;", "            ").stripTrailing());
    ext.put("x-kubesdk-write", FieldCode.writeNonNull(type, "value." + name, "        ").stripTrailing());
    ext.put("x-kubesdk-equals", FieldCode.equalsExpression(type, "this." + name, "other." + name));
    ext.put("x-kubesdk-hash", FieldCode.hashExpression(type, name));
    ext.put("x-kubesdk-tostring", FieldCode.toStringExpression(type, name, sensitive, sensitiveKeys));
    ext.put("x-kubesdk-copy-in", FieldCode.copyIn(type, name));
    ext.put("x-kubesdk-copied", type instanceof FieldType.ListOf || type instanceof FieldType.MapOf);
    ext.put("x-kubesdk-doc", doc);
    if (type instanceof FieldType.ListOf list) {
      ext.put("x-kubesdk-list-element", list.element().declaration());
    } else if (type instanceof FieldType.MapOf map) {
      ext.put("x-kubesdk-map-value", map.value().declaration());
    }
    return ext;
  }

  /** The delegate adapters a model with these property types needs, the JsonElement one (for unknown fields) first. */
  public static Map<String, FieldType.Adapted> adapters(List<FieldType> types) {
    Map<String, FieldType.Adapted> adapters = new LinkedHashMap<>();
    adapters.put("adapterJsonElement", FieldType.Adapted.viaGson("JsonElement"));
    for (FieldType type : types) {
      FieldCode.collectAdapters(type, adapters);
    }
    return adapters;
  }

  /** {@code x-kubesdk-adapters}: one {@code field}, {@code type}, {@code init} entry per adapter. */
  public static List<Map<String, String>> adapterFields(Map<String, FieldType.Adapted> adapters) {
    List<Map<String, String>> fields = new ArrayList<>();
    adapters.forEach(
        (fieldName, adapted) ->
            fields.add(Map.of("field", fieldName, "type", adapted.declaration(), "init", adapted.adapterInit())));
    return fields;
  }

  /** {@code x-kubesdk-bytes}: whether any of the types holds a {@code byte[]}, which needs the template's {@code contentOf}. */
  public static boolean containsBytes(List<FieldType> types) {
    return types.stream().anyMatch(FieldType::containsBytes);
  }
}
