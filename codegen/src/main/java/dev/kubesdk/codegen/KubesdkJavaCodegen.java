package dev.kubesdk.codegen;

import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openapitools.codegen.CodegenConstants;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.CodegenParameter;
import org.openapitools.codegen.CodegenProperty;
import org.openapitools.codegen.languages.JavaClientCodegen;
import org.openapitools.codegen.model.ModelMap;
import org.openapitools.codegen.model.OperationMap;
import org.openapitools.codegen.model.OperationsMap;

/**
 * The openapi-generator generator for kubesdk, registered as {@value #NAME}: openapi-generator's Java client
 * generator (okhttp-gson, java8 dates) with kubesdk's own templates under {@code kubesdk-java/} and the type
 * mapping of the processed spec.
 *
 * <ul>
 *   <li>Models: one class per definition, named by the preprocessor, with a nested streaming gson TypeAdapter;
 *       property types come from {@link FieldTypes}, the adapter code from {@link FieldCode}. Models with
 *       exactly one {@code x-kubernetes-group-version-kind} get {@code API_VERSION} and {@code KIND}.
 *   <li>APIs: one class per tag; one method per operation taking the path parameters and a required body and
 *       returning a request object with a method per query parameter (an optional body is one of them), and
 *       {@code execute()}, {@code executeAsync()} and, for list operations, {@code watch()}.
 *   <li>No supporting files, docs or tests: the runtime is handwritten; no generation timestamp.
 * </ul>
 */
public class KubesdkJavaCodegen extends JavaClientCodegen {
  /** The generator name given to openapi-generator ({@code generatorName}). */
  public static final String NAME = "kubesdk-java";

  /** Creates the generator with kubesdk's fixed options. */
  public KubesdkJavaCodegen() {
    super();
    setLibrary(OKHTTP_GSON);
    setDateLibrary("java8");
    setOpenApiNullable(false);
    setUseJakartaEe(true);
    additionalProperties.put(CodegenConstants.HIDE_GENERATION_TIMESTAMP, true);
    typeMapping.put(Extensions.FORMAT_INT_OR_STRING, "IntOrString");
    typeMapping.put(Extensions.FORMAT_QUANTITY, "Quantity");
    typeMapping.put(Extensions.FORMAT_PATCH, "V1Patch");
    typeMapping.put(Extensions.FORMAT_JSON, "JsonElement");
    typeMapping.put(Extensions.FORMAT_FIELDS_V1, "FieldsV1");
    importMapping.put("IntOrString", "dev.kubesdk.runtime.IntOrString");
    importMapping.put("Quantity", "dev.kubesdk.runtime.Quantity");
    importMapping.put("V1Patch", "dev.kubesdk.runtime.V1Patch");
    importMapping.put("JsonElement", "com.google.gson.JsonElement");
    importMapping.put("FieldsV1", "dev.kubesdk.runtime.FieldsV1");
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getHelp() {
    return "Generates kubesdk's Kubernetes API classes and models from a spec processed by SpecPreprocessor.";
  }

  @Override
  public void processOpts() {
    super.processOpts();
    // The runtime (ApiClient, JSON, auth) is handwritten in dev.kubesdk.runtime; docs and tests of generated
    // code are written by hand against the processed spec instead of generated.
    supportingFiles.clear();
    modelDocTemplateFiles.clear();
    apiDocTemplateFiles.clear();
    modelTestTemplateFiles.clear();
    apiTestTemplateFiles.clear();
    modelTemplateFiles.clear();
    apiTemplateFiles.clear();
    modelTemplateFiles.put("model.mustache", ".java");
    apiTemplateFiles.put("api.mustache", ".java");
    templateDir = NAME;
    embeddedTemplateDir = NAME;
  }

  @Override
  public String toModelName(String name) {
    // The preprocessor already gave every definition its final class name; camel-casing it again would turn
    // V1APIService into V1ApiService.
    if (name != null && name.matches("[A-Z][A-Za-z0-9]*")) {
      return name;
    }
    return super.toModelName(name);
  }

  @Override
  public CodegenModel fromModel(String name, Schema schema) {
    CodegenModel model = super.fromModel(name, schema);
    describeModel(model, schema);
    return model;
  }

  /** Adds the kubesdk vendor extensions the model template reads. */
  @SuppressWarnings("rawtypes")
  void describeModel(CodegenModel model, Schema schema) {
    Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
    List<FieldType> types = new ArrayList<>();
    for (CodegenProperty property : model.vars) {
      @SuppressWarnings("unchecked")
      Schema<?> propertySchema = properties.get(property.baseName);
      FieldType type = FieldTypes.of(propertySchema, model.name, property.baseName, this::toModelName);
      types.add(type);
      Map<String, Object> specExtensions =
          propertySchema.getExtensions() == null ? Map.of() : propertySchema.getExtensions();
      boolean sensitive = Boolean.TRUE.equals(specExtensions.get(Extensions.SENSITIVE));
      List<String> sensitiveKeys = new ArrayList<>();
      if (specExtensions.get(Extensions.SENSITIVE_KEYS) instanceof List<?> keys) {
        keys.forEach(key -> sensitiveKeys.add(String.valueOf(key)));
      }
      property.vendorExtensions.putAll(
          ModelExtensions.property(
              type, property.name, property.getter, JavadocText.of(property.unescapedDescription), sensitive, sensitiveKeys));
    }
    model.vendorExtensions.put("x-kubesdk-adapters", ModelExtensions.adapterFields(ModelExtensions.adapters(types)));
    model.vendorExtensions.put("x-kubesdk-bytes", ModelExtensions.containsBytes(types));
    model.vendorExtensions.put("x-kubesdk-doc", JavadocText.of(model.unescapedDescription));
    Map<String, String> gvk = singleGroupVersionKind(schema);
    if (gvk != null) {
      String group = gvk.getOrDefault("group", "");
      String version = gvk.get("version");
      model.vendorExtensions.put("x-kubesdk-api-version", group.isEmpty() ? version : group + "/" + version);
      model.vendorExtensions.put("x-kubesdk-kind", gvk.get("kind"));
    }
    Object original =
        schema.getExtensions() == null ? null : schema.getExtensions().get(Extensions.ORIGINAL_NAME);
    model.vendorExtensions.put("x-kubesdk-original", original == null ? model.name : original.toString());
  }

  @SuppressWarnings("rawtypes")
  private static Map<String, String> singleGroupVersionKind(Schema schema) {
    Object gvks =
        schema.getExtensions() == null ? null : schema.getExtensions().get(Extensions.GROUP_VERSION_KIND);
    if (!(gvks instanceof List<?> list) || list.size() != 1 || !(list.get(0) instanceof Map<?, ?> gvk)) {
      return null;
    }
    Map<String, String> result = new LinkedHashMap<>();
    gvk.forEach((k, v) -> result.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    return result.containsKey("version") && result.containsKey("kind") ? result : null;
  }

  @Override
  public OperationsMap postProcessOperationsWithModels(OperationsMap objs, List<ModelMap> allModels) {
    OperationsMap result = super.postProcessOperationsWithModels(objs, allModels);
    OperationMap operations = result.getOperations();
    for (CodegenOperation operation : operations.getOperation()) {
      describeOperation(operation);
    }
    return result;
  }

  /** Adds the kubesdk vendor extensions the API template reads. */
  void describeOperation(CodegenOperation operation) {
    Map<String, Object> ext = operation.vendorExtensions;
    List<CodegenParameter> arguments = new ArrayList<>(operation.pathParams);
    CodegenParameter optionalBody = null;
    if (operation.bodyParam != null) {
      if (operation.bodyParam.required) {
        arguments.add(operation.bodyParam);
      } else {
        optionalBody = operation.bodyParam;
      }
    }
    List<String> declarations = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (CodegenParameter argument : arguments) {
      declarations.add(argument.dataType + " " + argument.paramName);
      names.add(argument.paramName);
    }
    ext.put("x-kubesdk-arguments", arguments);
    ext.put("x-kubesdk-argument-declarations", String.join(", ", declarations));
    ext.put("x-kubesdk-argument-names", names.isEmpty() ? "" : ", " + String.join(", ", names));
    ext.put("x-kubesdk-optional-body", optionalBody);
    boolean watchable = ext.get(Extensions.WATCH_ITEM) != null;
    List<CodegenParameter> queryParams = new ArrayList<>();
    for (CodegenParameter parameter : operation.queryParams) {
      // The watch flag is what watch() sets; a watch(Boolean) setter next to it would return a list type
      // for a stream of events.
      if (watchable && parameter.baseName.equals("watch")) {
        continue;
      }
      queryParams.add(parameter);
    }
    ext.put("x-kubesdk-query-params", queryParams);
    // The generator escapes spec text for Java strings and the template engine escapes it again as HTML,
    // which put \&quot; in the Javadoc; the templates print these raw-text renderings instead.
    // Kubernetes operations have a description and no summary; only the description comes unescaped.
    ext.put(
        "x-kubesdk-doc",
        JavadocText.of(
            operation.unescapedNotes == null || operation.unescapedNotes.isBlank()
                ? operation.summary
                : operation.unescapedNotes));
    // The generator keeps copies of a parameter in several lists; each copy gets its text.
    List<CodegenParameter> everyCopy = new ArrayList<>(operation.allParams);
    everyCopy.addAll(operation.pathParams);
    everyCopy.addAll(operation.queryParams);
    everyCopy.addAll(arguments);
    if (operation.bodyParam != null) {
      everyCopy.add(operation.bodyParam);
    }
    for (CodegenParameter parameter : everyCopy) {
      parameter.vendorExtensions.put("x-kubesdk-doc", JavadocText.of(parameter.unescapedDescription));
    }
    Object followFlag = ext.get(Extensions.FOLLOW_FLAG);
    if (followFlag != null) {
      CodegenParameter follow =
          queryParams.stream()
              .filter(parameter -> parameter.baseName.equals(followFlag))
              .findFirst()
              .orElseThrow(
                  () -> new SpecException(
                      "operation " + operation.operationId + " is marked " + Extensions.FOLLOW_FLAG + " "
                          + followFlag + " but has no such query parameter"));
      ext.put("x-kubesdk-follow-param", follow.paramName);
    }
    String returnType = operation.returnType == null ? "Void" : operation.returnType;
    ext.put("x-kubesdk-return-type", returnType);
    ext.put(
        "x-kubesdk-response-type",
        returnType.contains("<")
            ? "new TypeToken<" + returnType + ">() {}.getType()"
            : returnType + ".class");
  }
}
