package dev.kubesdk.controller;

import dev.kubesdk.config.Configuration;
import dev.kubesdk.runtime.ApiClient;
import java.io.IOException;
import java.net.URI;
import mockwebserver3.MockWebServer;

/** A scripted local server, and the JSON bodies it answers with: pods, lists, watch events, Status errors. */
public final class Fixtures {
  private Fixtures() {}

  /** A started local server; close it after the test. */
  public static MockWebServer server() throws IOException {
    MockWebServer server = new MockWebServer();
    server.start();
    return server;
  }

  /**
   * A client of {@code server} that sends each call once: every scripted answer reaches the code
   * under test, which has its own backoff (the client's retries are tested in generated-api).
   */
  public static ApiClient client(MockWebServer server) {
    return new ApiClient(Configuration.builder().host(URI.create(server.url("/").toString())).maxRetries(0).build());
  }

  /** A pod {@code ns/name} at resourceVersion {@code rv}. */
  public static String pod(String name, String rv) {
    return "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"ns\",\"resourceVersion\":\"" + rv + "\"}}";
  }

  /** A PodList at {@code rv}. */
  public static String list(String rv, String... pods) {
    return "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + rv + "\"},\"items\":[" + String.join(",", pods) + "]}";
  }

  /** One line of a watch response. */
  public static String event(String type, String object) {
    return "{\"type\":\"" + type + "\",\"object\":" + object + "}\n";
  }

  /** A BOOKMARK event at {@code rv}, annotated as the end of a streaming list's initial events when asked. */
  public static String bookmark(String rv, boolean initialEventsEnd) {
    String annotations = initialEventsEnd ? ",\"annotations\":{\"k8s.io/initial-events-end\":\"true\"}" : "";
    return event("BOOKMARK", "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + rv + "\"" + annotations + "}}");
  }

  /** A failure Status. */
  public static String status(int code, String reason) {
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"" + reason + "\",\"message\":\"" + reason + "\",\"code\":" + code + "}";
  }
}
