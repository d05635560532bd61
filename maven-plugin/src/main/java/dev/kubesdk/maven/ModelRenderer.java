package dev.kubesdk.maven;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.kubesdk.codegen.FieldType;
import dev.kubesdk.codegen.ModelExtensions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link ModelSpec} with the very template the built-in models are generated from ({@code
 * kubesdk-java/model.mustache} of the codegen module), filled with the same vendor extensions ({@link
 * ModelExtensions}) and rendered by the same template engine (jmustache, as openapi-generator runs it), so a
 * CRD's classes have the built-in models' adapters, unknown-field retention, equality and {@code toString}.
 * Thread-safe after construction.
 */
final class ModelRenderer {
  private final Template model;
  private final Template client;

  ModelRenderer() {
    Mustache.Compiler compiler = Mustache.compiler().defaultValue("");
    this.model = compiler.compile(resource("/kubesdk-java/model.mustache"));
    this.client = compiler.escapeHTML(false).compile(resource("/dev/kubesdk/maven/client.mustache"));
  }

  /** The Java source of the model class. */
  String model(String packageName, ModelSpec spec) {
    List<Map<String, Object>> vars = new ArrayList<>();
    List<FieldType> types = new ArrayList<>();
    for (ModelSpec.Property p : spec.properties()) {
      types.add(p.type());
      Map<String, Object> var = new LinkedHashMap<>();
      var.put("name", p.field());
      var.put("baseName", p.json());
      var.put("getter", "get" + p.capitalized());
      var.put("setter", "set" + p.capitalized());
      var.put("required", p.required());
      var.put("deprecated", false);
      var.put("vendorExtensions", ModelExtensions.property(p.type(), p.field(), "get" + p.capitalized(), p.doc(), false, List.of()));
      vars.add(var);
    }
    Map<String, Object> ext = new LinkedHashMap<>();
    ext.put("x-kubesdk-adapters", ModelExtensions.adapterFields(ModelExtensions.adapters(types)));
    ext.put("x-kubesdk-bytes", ModelExtensions.containsBytes(types));
    ext.put("x-kubesdk-doc", spec.doc());
    ext.put("x-kubesdk-api-version", spec.apiVersion());
    ext.put("x-kubesdk-kind", spec.kind());
    ext.put("x-kubesdk-original", spec.original());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("classname", spec.className());
    m.put("vars", vars);
    m.put("hasVars", !vars.isEmpty());
    m.put("vendorExtensions", ext);
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("package", packageName);
    context.put("models", List.of(Map.of("model", m)));
    return model.execute(context);
  }

  /** The Java source of the typed client, from {@code client.mustache}. */
  String client(Map<String, Object> context) {
    return client.execute(context);
  }

  private static String resource(String name) {
    try (InputStream in = ModelRenderer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the plugin's class path; the kubesdk-codegen jar is damaged");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(name, e);
    }
  }
}
