package dev.kubesdk.controller;

/** JSON bodies a scripted server answers with: pods, lists, watch events, Status errors. */
public final class Fixtures {
  private Fixtures() {}

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
