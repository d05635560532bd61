package dev.kubesdk.maven;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.Sensitive;
import dev.kubesdk.config.TlsContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;

/**
 * Reads CustomResourceDefinition objects from a cluster: one {@code GET
 * /apis/apiextensions.k8s.io/v1/customresourcedefinitions}, through the kubeconfig's TLS material and
 * credentials, over the JDK's own HTTP client so the plugin brings no HTTP library into the build.
 *
 * <p>The CRD objects, not the {@code /openapi/v3} documents: only the object says which version is the
 * storage version, which versions are served, the scope, the plural and list kind, and which
 * subresources exist, and it carries the schema exactly as written (descriptions, defaults, enums,
 * {@code x-kubernetes-*} markers); the published OpenAPI drops unpublished versions and rewrites the
 * schema for the aggregated document.
 */
final class ClusterCrds {
  static final String PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private ClusterCrds() {}

  /**
   * The CRDs named in {@code selectors} (a CRD name such as {@code crontabs.stable.example.com}, or a
   * group such as {@code stable.example.com} for all of its CRDs), sorted by name.
   *
   * @throws CrdGenerationException when the call fails or a selector matches nothing
   */
  static List<CrdReader.Source> read(Configuration configuration, List<String> selectors) {
    String origin = "cluster " + configuration.host();
    JsonObject list = get(configuration, origin);
    List<CrdReader.Source> found = new ArrayList<>();
    // The items of a list answer carry neither apiVersion nor kind: the list's type says what they are.
    if (list.get("items") instanceof JsonArray items) {
      for (JsonElement item : items) {
        if (item instanceof JsonObject crd) {
          crd.addProperty("apiVersion", "apiextensions.k8s.io/v1");
          crd.addProperty("kind", "CustomResourceDefinition");
          found.add(new CrdReader.Source(origin, crd));
        }
      }
    }
    List<CrdReader.Source> selected = new ArrayList<>();
    for (String selector : selectors) {
      boolean matched = false;
      for (CrdReader.Source source : found) {
        JsonObject crd = source.crd();
        String name = SchemaMapper.text(crd.getAsJsonObject("metadata"), "name");
        String group = SchemaMapper.text(crd.getAsJsonObject("spec"), "group");
        if (selector.equals(name) || selector.equals(group)) {
          matched = true;
          if (!selected.contains(source)) {
            selected.add(source);
          }
        }
      }
      if (!matched) {
        throw new CrdGenerationException(
            origin + ": no CustomResourceDefinition is named " + selector + " or has that group; install it, or"
                + " correct <clusterCrds> (kubectl get crd lists what the cluster has)");
      }
    }
    selected.sort(Comparator.comparing(s -> SchemaMapper.text(s.crd().getAsJsonObject("metadata"), "name")));
    return selected;
  }

  private static JsonObject get(Configuration configuration, String origin) {
    URI uri = URI.create(configuration.host().toString().replaceAll("/+$", "") + PATH);
    try {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      if (connection instanceof HttpsURLConnection https) {
        TlsContext tls = configuration.tlsContext();
        https.setSSLSocketFactory(tls.socketFactory());
        https.setHostnameVerifier(tls.hostnameVerifier());
      }
      connection.setConnectTimeout((int) configuration.connectTimeout().toMillis());
      connection.setReadTimeout((int) configuration.requestTimeout().toMillis());
      connection.setRequestProperty("Accept", "application/json");
      for (Map.Entry<String, String> header : configuration.defaultHeaders().entrySet()) {
        connection.setRequestProperty(header.getKey(), header.getValue());
      }
      Optional<Sensitive> authorization = configuration.credentials().authorization(configuration.requestTimeout());
      authorization.ifPresent(value -> connection.setRequestProperty("Authorization", value.reveal()));
      int status = connection.getResponseCode();
      if (status != 200) {
        throw new CrdGenerationException(
            origin + ": GET " + PATH + " answered " + status + statusMessage(connection)
                + "; check that the kubeconfig's user may list customresourcedefinitions");
      }
      try (InputStream in = connection.getInputStream()) {
        JsonElement body = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        if (!body.isJsonObject()) {
          throw new CrdGenerationException(origin + ": GET " + PATH + " answered something other than a JSON object");
        }
        return body.getAsJsonObject();
      }
    } catch (IOException | JsonParseException e) {
      throw new CrdGenerationException(
          origin + ": GET " + PATH + " failed: " + e + "; check that the cluster is reachable with this kubeconfig", e);
    }
  }

  private static String statusMessage(HttpURLConnection connection) {
    try (InputStream err = connection.getErrorStream()) {
      if (err == null) {
        return "";
      }
      JsonElement body = JsonParser.parseReader(new InputStreamReader(err, StandardCharsets.UTF_8));
      String message = body.isJsonObject() ? SchemaMapper.text(body.getAsJsonObject(), "message") : null;
      return message == null ? "" : " (" + message + ")";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
