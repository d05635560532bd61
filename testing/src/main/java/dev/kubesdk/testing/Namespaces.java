package dev.kubesdk.testing;

import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.TlsContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.HttpsURLConnection;
import org.jspecify.annotations.Nullable;

/** Creates and deletes the namespaces of {@link KubernetesTest} classes. */
final class Namespaces {
  private Namespaces() {}

  static void create(Configuration configuration, String name) {
    String body = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name
        + "\",\"labels\":{\"app.kubernetes.io/managed-by\":\"kubesdk-testing\"}}}";
    int status = call(configuration, "POST", "/api/v1/namespaces", body);
    if (status != 201) {
      throw new ControlPlaneException(
          "POST /api/v1/namespaces for test namespace " + name + " answered " + status
              + " on " + configuration.host() + "; the test identity must be allowed to create namespaces.");
    }
  }

  /**
   * Deletes the namespace without waiting: the local control plane has no namespace controller, so
   * there the namespace stays Terminating until the control plane stops.
   */
  static void delete(Configuration configuration, String name) {
    int status = call(configuration, "DELETE", "/api/v1/namespaces/" + name, null);
    if (status != 200 && status != 202 && status != 404) {
      throw new ControlPlaneException(
          "DELETE /api/v1/namespaces/" + name + " answered " + status + " on " + configuration.host());
    }
  }

  private static int call(
      Configuration configuration, String method, String path, @Nullable String body) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) configuration.host().resolve(path).toURL().openConnection();
      if (connection instanceof HttpsURLConnection https) {
        TlsContext tls = configuration.tlsContext();
        https.setSSLSocketFactory(tls.socketFactory());
        if (tls.hostnameVerifier() != null) {
          https.setHostnameVerifier(tls.hostnameVerifier());
        }
      }
      connection.setRequestMethod(method);
      connection.setConnectTimeout((int) Math.max(1_000, configuration.connectTimeout().toMillis()));
      connection.setReadTimeout(30_000);
      configuration
          .credentials()
          .authorization()
          .ifPresent(value -> connection.setRequestProperty("Authorization", value.reveal()));
      configuration.defaultHeaders().forEach(connection::setRequestProperty);
      connection.setRequestProperty("Accept", "application/json");
      if (body != null) {
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }
      }
      try {
        int status = connection.getResponseCode();
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (in != null) {
          in.readAllBytes();
          in.close();
        }
        return status;
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      throw new ControlPlaneException(
          method + " " + path + " on " + configuration.host() + " failed: " + e.getMessage(), e);
    }
  }
}
