package dev.kubesdk.bench;

import dev.kubesdk.api.model.V1PodList;
import dev.kubesdk.runtime.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * kubesdk as its {@code ApiClient} reads a response body and writes a request body: {@link
 * Json#deserialize(java.io.InputStream, java.lang.reflect.Type)} straight from the UTF-8 bytes and
 * {@link Json#serialize(Object, java.io.OutputStream)} straight into them.
 */
final class KubesdkCodec implements Codec {
  @Override
  public Object parse(byte[] json) {
    return Json.deserialize(new ByteArrayInputStream(json), V1PodList.class);
  }

  @Override
  public byte[] write(Object podList) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    Json.serialize(podList, out);
    return out.toByteArray();
  }

  @Override
  public int itemCount(Object podList) {
    return ((V1PodList) podList).getItems().size();
  }
}
