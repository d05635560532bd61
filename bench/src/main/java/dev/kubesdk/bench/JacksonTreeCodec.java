package dev.kubesdk.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A Jackson 3 {@code JsonNode} tree of the same bytes (the JSON engine under fabric8 8). */
final class JacksonTreeCodec implements Codec {
  private final ObjectMapper mapper = JsonMapper.builder().build();

  @Override
  public Object parse(byte[] json) {
    return mapper.readTree(json);
  }

  @Override
  public byte[] write(Object podList) {
    return mapper.writeValueAsBytes(podList);
  }

  @Override
  public int itemCount(Object podList) {
    return ((JsonNode) podList).get("items").size();
  }
}
