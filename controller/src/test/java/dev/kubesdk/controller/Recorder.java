package dev.kubesdk.controller;

import dev.kubesdk.api.model.V1Pod;
import java.util.List;
import java.util.function.Predicate;

/** An event handler that writes down what it is told, as text, and lets a test wait for it. */
final class Recorder implements EventHandler<V1Pod> {
  private final Calls calls = new Calls();

  static String id(V1Pod p) {
    return p.getMetadata().getName() + "@" + p.getMetadata().getResourceVersion();
  }

  List<String> calls() {
    return calls.all();
  }

  /** Waits up to 10 s for {@code condition} on the calls so far. */
  List<String> await(Predicate<List<String>> condition) {
    return calls.await(condition);
  }

  private void record(String call) {
    calls.add(call);
  }

  @Override
  public void onAdd(V1Pod object) {
    record("add " + id(object));
  }

  @Override
  public void onUpdate(V1Pod oldObject, V1Pod newObject) {
    record("update " + id(oldObject) + " -> " + id(newObject));
  }

  @Override
  public void onDelete(V1Pod lastState) {
    record("delete " + id(lastState));
  }

  @Override
  public void onMissedDelete(Tombstone<V1Pod> tombstone) {
    record("missed delete " + tombstone.key() + " " + id(tombstone.lastKnown()));
  }
}
