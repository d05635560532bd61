package dev.kubesdk.bench;

import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ManagedFieldsEntry;
import io.kubernetes.client.openapi.models.V1PodList;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * io.kubernetes:client-java as its {@code ApiClient.deserialize} reads an {@code application/json}
 * response ({@code body.string()}, then {@code JSON.deserialize(String, Type)}) and as {@code
 * ApiClient.serialize} writes a body ({@code JSON.serialize(Object)}, sent as UTF-8).
 */
final class OfficialClientCodec implements Codec {
  OfficialClientCodec(boolean keepManagedFields) {
    // client-java reads the switch once, when its JSON class initializes, so each JVM measures one
    // setting: set it before that happens, then check on one pod that it took effect.
    if (keepManagedFields) {
      System.setProperty(Contestant.MANAGED_FIELDS_PROPERTY, "true");
    }
    V1PodList probe = (V1PodList) parse(PodFixtures.podList(1, PodFixtures.DEFAULT_SEED));
    List<V1ManagedFieldsEntry> managedFields = probe.getItems().get(0).getMetadata().getManagedFields();
    boolean kept = managedFields != null && !managedFields.isEmpty();
    if (kept != keepManagedFields) {
      throw new IllegalStateException("client-java " + (kept ? "keeps" : "drops")
          + " managedFields in this JVM, but this contestant measures it " + (keepManagedFields ? "keeping" : "dropping")
          + " them: run each client-java contestant in its own JVM (-D" + Contestant.MANAGED_FIELDS_PROPERTY
          + " is read once per JVM)");
    }
  }

  @Override
  public Object parse(byte[] json) {
    return JSON.deserialize(new String(json, StandardCharsets.UTF_8), V1PodList.class);
  }

  @Override
  public byte[] write(Object podList) {
    return JSON.serialize(podList).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public int itemCount(Object podList) {
    return ((V1PodList) podList).getItems().size();
  }
}
