package dev.kubesdk.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A Gson {@code JsonElement} tree of the same bytes: the floor for a Gson-based client. Reads like
 * kubesdk (a {@code JsonReader} over an UTF-8 reader); writes through a {@code BufferedWriter}, the
 * cheapest way to hand {@code JsonWriter}'s many one-character writes to an encoder.
 */
final class GsonTreeCodec implements Codec {
  private final Gson gson = new GsonBuilder().serializeNulls().create();

  @Override
  public Object parse(byte[] json) {
    try (JsonReader reader = new JsonReader(
        new InputStreamReader(new ByteArrayInputStream(json), StandardCharsets.UTF_8))) {
      return JsonParser.parseReader(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public byte[] write(Object podList) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try (JsonWriter writer = gson.newJsonWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024))) {
      gson.toJson((JsonElement) podList, writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public int itemCount(Object podList) {
    return ((JsonElement) podList).getAsJsonObject().getAsJsonArray("items").size();
  }
}
