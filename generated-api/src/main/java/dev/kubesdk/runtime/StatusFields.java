package dev.kubesdk.runtime;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields of a Kubernetes {@code Status} body that the exceptions need, read by hand so that an
 * error can always be described, even when the body is partial or the generated model rejects it.
 *
 * @param reason {@code reason}, empty when absent
 * @param message {@code message}, empty when absent
 * @param code {@code code}, 0 when absent
 * @param causes {@code details.causes}
 * @param retryAfterSeconds {@code details.retryAfterSeconds}, 0 when absent
 */
record StatusFields(String reason, String message, int code, List<FieldCause> causes, int retryAfterSeconds) {

  /**
   * Decodes {@code body} when it is a JSON object that looks like a Status (has {@code kind: Status},
   * a reason or a message); empty for anything else, including truncated JSON.
   */
  static Optional<StatusFields> parse(String body) {
    if (body.isBlank()) {
      return Optional.empty();
    }
    try (JsonReader in = new JsonReader(new StringReader(body))) {
      if (in.peek() != JsonToken.BEGIN_OBJECT) {
        return Optional.empty();
      }
      String kind = "";
      String reason = "";
      String message = "";
      int code = 0;
      List<FieldCause> causes = List.of();
      int retryAfter = 0;
      in.beginObject();
      while (in.hasNext()) {
        switch (in.nextName()) {
          case "kind" -> kind = string(in);
          case "reason" -> reason = string(in);
          case "message" -> message = string(in);
          case "code" -> code = integer(in);
          case "details" -> {
            if (in.peek() != JsonToken.BEGIN_OBJECT) {
              in.skipValue();
              continue;
            }
            in.beginObject();
            while (in.hasNext()) {
              switch (in.nextName()) {
                case "causes" -> causes = causes(in);
                case "retryAfterSeconds" -> retryAfter = integer(in);
                default -> in.skipValue();
              }
            }
            in.endObject();
          }
          default -> in.skipValue();
        }
      }
      in.endObject();
      if (!kind.equals("Status") && reason.isEmpty() && message.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new StatusFields(reason, message, code, causes, retryAfter));
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      // Truncated or not JSON: the caller describes the raw body instead.
      return Optional.empty();
    }
  }

  private static List<FieldCause> causes(JsonReader in) throws IOException {
    if (in.peek() != JsonToken.BEGIN_ARRAY) {
      in.skipValue();
      return List.of();
    }
    List<FieldCause> out = new ArrayList<>();
    in.beginArray();
    while (in.hasNext()) {
      if (in.peek() != JsonToken.BEGIN_OBJECT) {
        in.skipValue();
        continue;
      }
      String field = "";
      String reason = "";
      String message = "";
      in.beginObject();
      while (in.hasNext()) {
        switch (in.nextName()) {
          case "field" -> field = string(in);
          case "reason" -> reason = string(in);
          case "message" -> message = string(in);
          default -> in.skipValue();
        }
      }
      in.endObject();
      out.add(new FieldCause(field, reason, message));
    }
    in.endArray();
    return List.copyOf(out);
  }

  private static String string(JsonReader in) throws IOException {
    JsonToken t = in.peek();
    if (t == JsonToken.STRING || t == JsonToken.NUMBER || t == JsonToken.BOOLEAN) {
      return in.nextString();
    }
    in.skipValue();
    return "";
  }

  private static int integer(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NUMBER) {
      return in.nextInt();
    }
    in.skipValue();
    return 0;
  }

  /** The reason client-go gives a response without a Status body (errors.NewGenericServerResponse). */
  static String reasonForCode(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 406 -> "NotAcceptable";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 413 -> "RequestEntityTooLarge";
      case 415 -> "UnsupportedMediaType";
      case 422 -> "Invalid";
      case 429 -> "TooManyRequests";
      case 500 -> "InternalError";
      case 503 -> "ServiceUnavailable";
      case 504 -> "Timeout";
      default -> "";
    };
  }
}
