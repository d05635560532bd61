package dev.kubesdk.testing;

import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.TlsContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.HttpsURLConnection;

/** Plain HTTPS GETs with the TLS material and credentials of a {@link Configuration}. */
final class Http {
  private Http() {}

  record Response(int status, String body) {}

  static Response get(Configuration configuration, String path) throws IOException {
    URL url = configuration.host().resolve(path).toURL();
    HttpsURLConnection connection = (HttpsURLConnection) url.openConnection();
    TlsContext tls = configuration.tlsContext();
    connection.setSSLSocketFactory(tls.socketFactory());
    if (tls.hostnameVerifier() != null) {
      connection.setHostnameVerifier(tls.hostnameVerifier());
    }
    configuration
        .credentials()
        .authorization()
        .ifPresent(value -> connection.setRequestProperty("Authorization", value.reveal()));
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(10_000);
    try {
      int status = connection.getResponseCode();
      InputStream body =
          status >= HttpURLConnection.HTTP_BAD_REQUEST
              ? connection.getErrorStream()
              : connection.getInputStream();
      return new Response(
          status, body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      connection.disconnect();
    }
  }
}
