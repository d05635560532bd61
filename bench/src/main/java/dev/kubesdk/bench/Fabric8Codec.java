package dev.kubesdk.bench;

import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * io.fabric8:kubernetes-client through the {@code KubernetesSerialization} every client instance
 * uses: {@code unmarshal(InputStream, Class)} for a response body, {@code asJson(Object)} for a
 * request body (sent as UTF-8).
 */
final class Fabric8Codec implements Codec {
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  @Override
  public Object parse(byte[] json) {
    return serialization.unmarshal(new ByteArrayInputStream(json), PodList.class);
  }

  @Override
  public byte[] write(Object podList) {
    return serialization.asJson(podList).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public int itemCount(Object podList) {
    return ((PodList) podList).getItems().size();
  }
}
