package dev.kubesdk.codegen;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Small spec fragments for the tests. */
final class Fragments {
  private Fragments() {}

  /** A parsed copy of {@code mini-swagger.json}: Pods, a list, a watch path, value types, two Events. */
  static JsonObject miniSpec() {
    return JsonParser.parseString(miniSpecText()).getAsJsonObject();
  }

  static String miniSpecText() {
    try (InputStream in = Fragments.class.getResourceAsStream("mini-swagger.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON written with single quotes for readability. */
  static JsonObject json(String singleQuoted) {
    return JsonParser.parseString(singleQuoted.replace('\'', '"')).getAsJsonObject();
  }
}
