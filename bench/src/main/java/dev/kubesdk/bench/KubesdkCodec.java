package dev.kubesdk.bench;

import com.google.gson.Gson;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import dev.kubesdk.api.model.V1PodList;
import dev.kubesdk.runtime.Json;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * kubesdk as its {@code ApiClient} reads a response (a {@code JsonReader} over the body's UTF-8
 * character stream) and writes a request body (a {@code JsonWriter} straight over an {@code
 * OutputStreamWriter}); optionally with a {@code BufferedWriter} in between, to measure that change.
 */
final class KubesdkCodec implements Codec {
  private final Gson gson = Json.gson();
  private final boolean bufferedWrite;

  KubesdkCodec(boolean bufferedWrite) {
    this.bufferedWrite = bufferedWrite;
  }

  @Override
  public Object parse(byte[] json) {
    try (JsonReader reader = new JsonReader(
        new InputStreamReader(new ByteArrayInputStream(json), StandardCharsets.UTF_8))) {
      return gson.fromJson(reader, V1PodList.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public byte[] write(Object podList) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    Writer encoder = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    try (JsonWriter writer = gson.newJsonWriter(bufferedWrite ? new BufferedWriter(encoder, 16 * 1024) : encoder)) {
      gson.toJson(podList, V1PodList.class, writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public int itemCount(Object podList) {
    return ((V1PodList) podList).getItems().size();
  }
}
