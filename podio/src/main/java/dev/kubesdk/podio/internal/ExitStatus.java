package dev.kubesdk.podio.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.kubesdk.runtime.ApiException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the Status a kubelet writes on the error channel of exec and attach ({@code
 * v4.channel.k8s.io} and later) into an exit code, as client-go's {@code errorDecoderV4} does:
 * {@code Success} is 0, {@code NonZeroExitCode} with an {@code ExitCode} cause is that number, any
 * other failure is an {@link ApiException} carrying the Status.
 */
public final class ExitStatus {
  // kwok (0.8.0) and other kubelets that run the process through Go's os/exec but wrap its error
  // report an exit code only in the text of an InternalError: "error executing command in
  // container: ...: exit status 3". That text is os/exec's own, so the number in it is the code.
  private static final Pattern WRAPPED_EXIT = Pattern.compile("error executing command in container: .*: exit status (\\d{1,3})(?:\\n|$)");

  private ExitStatus() {}

  /**
   * The exit code in {@code json}; {@code ""} (no Status sent) is success, as in client-go.
   *
   * @throws ApiException for a failure that is not an exit code
   */
  public static int decode(String json, String method, String path) {
    if (json.isBlank()) {
      return 0;
    }
    JsonObject status;
    try {
      JsonElement parsed = JsonParser.parseString(json);
      if (!parsed.isJsonObject()) {
        throw ApiException.ofStatus(method, path, json);
      }
      status = parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      throw ApiException.ofStatus(method, path, json);
    }
    if ("Success".equals(string(status, "status"))) {
      return 0;
    }
    if ("NonZeroExitCode".equals(string(status, "reason")) && status.get("details") instanceof JsonObject details
        && details.get("causes") instanceof JsonArray causes) {
      for (JsonElement cause : causes) {
        if (cause instanceof JsonObject c && "ExitCode".equals(string(c, "reason"))) {
          try {
            return Integer.parseInt(string(c, "message").trim());
          } catch (NumberFormatException e) {
            break;
          }
        }
      }
    }
    if ("InternalError".equals(string(status, "reason"))) {
      Matcher wrapped = WRAPPED_EXIT.matcher(string(status, "message"));
      if (wrapped.find()) {
        return Integer.parseInt(wrapped.group(1));
      }
    }
    throw ApiException.ofStatus(method, path, json);
  }

  private static String string(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
  }
}
