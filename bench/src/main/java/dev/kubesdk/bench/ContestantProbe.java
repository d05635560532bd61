package dev.kubesdk.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Measures, in a JVM of its own, what one contestant's parsed PodList keeps on the heap, and checks
 * what a read-then-write round trip preserves (members set to null count as absent, as they do for
 * the API server). Appends one JSON line to the output file.
 *
 * <p>Retained heap: warm the contestant up on a 100-pod list (classes, adapter caches), force full
 * collections until the used heap stops changing, read the 10,000-pod list and keep the result,
 * force collections again; the difference divided by the pod count is the retained heap per pod.
 * Run it with {@code -XX:+UseSerialGC}: there {@code System.gc()} is a full, compacting,
 * stop-the-world collection, so {@link MemoryMXBean} reports exactly the live heap afterwards. The
 * fixture bytes are loaded before the baseline and kept to the end, so they cancel out.
 *
 * <p>Usage: {@code ContestantProbe <contestant> <pods> <output.jsonl>}
 */
public final class ContestantProbe {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private ContestantProbe() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: ContestantProbe <contestant> <pods> <output.jsonl>");
    }
    Contestant contestant = Contestant.named(args[0]);
    int pods = Integer.parseInt(args[1]);
    Path output = Paths.get(args[2]);

    byte[] small = Fixtures.podList(100);
    byte[] json = Fixtures.podList(pods);
    Codec codec = contestant.codec();
    String roundTrip = roundTrip(codec, small);

    long before = liveHeap();
    Object podList = codec.parse(json);
    long after = liveHeap();
    int read = codec.itemCount(podList);
    Reference.reachabilityFence(podList);
    Reference.reachabilityFence(json);
    if (read != pods) {
      throw new IllegalStateException(contestant.label() + " read " + read + " pods of " + pods);
    }

    JsonObject line = new JsonObject();
    line.addProperty("contestant", contestant.label());
    line.addProperty("pods", pods);
    line.addProperty("fixtureBytes", json.length);
    line.addProperty("retainedBytes", after - before);
    line.addProperty("retainedBytesPerPod", (after - before) / pods);
    line.addProperty("roundTrip", roundTrip);
    line.addProperty("gc", ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());
    Files.writeString(output, line + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.out.println(line);
  }

  /** The used heap after full collections, once two in a row agree (at most ten). */
  private static long liveHeap() {
    long previous = -1;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long used = MEMORY.getHeapMemoryUsage().getUsed();
      if (used == previous) {
        return used;
      }
      previous = used;
    }
    return previous;
  }

  /**
   * Reads {@code json}, writes it back and compares both as JSON trees: "identical", or how many
   * pods differ and the first difference.
   */
  static String roundTrip(Codec codec, byte[] json) {
    // A member set to null and a missing member mean the same to the API server: compare without them.
    JsonObject input = withoutNulls(JsonParser.parseString(new String(json, StandardCharsets.UTF_8))).getAsJsonObject();
    JsonObject output = withoutNulls(JsonParser.parseString(
        new String(codec.write(codec.parse(json)), StandardCharsets.UTF_8))).getAsJsonObject();
    JsonArray inputItems = input.getAsJsonArray("items");
    JsonArray outputItems = output.has("items") ? output.getAsJsonArray("items") : new JsonArray();
    if (inputItems.size() != outputItems.size()) {
      return "items: " + inputItems.size() + " read, " + outputItems.size() + " written";
    }
    int differing = 0;
    String first = null;
    for (int i = 0; i < inputItems.size(); i++) {
      String difference = difference("items[" + i + "]", inputItems.get(i), outputItems.get(i));
      if (difference != null) {
        differing++;
        first = first == null ? difference : first;
      }
    }
    input.remove("items");
    output.remove("items");
    String envelope = difference("", input, output);
    if (differing == 0 && envelope == null) {
      return "identical";
    }
    return differing + " of " + inputItems.size() + " pods differ; first: "
        + (first != null ? first : envelope);
  }

  private static JsonElement withoutNulls(JsonElement element) {
    if (element.isJsonObject()) {
      element.getAsJsonObject().entrySet().removeIf(entry -> entry.getValue().isJsonNull());
      element.getAsJsonObject().entrySet().forEach(entry -> withoutNulls(entry.getValue()));
    } else if (element.isJsonArray()) {
      element.getAsJsonArray().forEach(ContestantProbe::withoutNulls);
    }
    return element;
  }

  private static String difference(String path, JsonElement expected, JsonElement actual) {
    if (expected.equals(actual)) {
      return null;
    }
    if (expected.isJsonObject() && actual.isJsonObject()) {
      for (String key : expected.getAsJsonObject().keySet()) {
        String childPath = path.isEmpty() ? key : path + "." + key;
        JsonElement out = actual.getAsJsonObject().get(key);
        if (out == null) {
          return childPath + " dropped";
        }
        String child = difference(childPath, expected.getAsJsonObject().get(key), out);
        if (child != null) {
          return child;
        }
      }
      for (Map.Entry<String, JsonElement> entry : actual.getAsJsonObject().entrySet()) {
        if (!expected.getAsJsonObject().has(entry.getKey())) {
          return (path.isEmpty() ? "" : path + ".") + entry.getKey() + " added as " + abbreviate(entry.getValue());
        }
      }
    }
    if (expected.isJsonArray() && actual.isJsonArray()
        && expected.getAsJsonArray().size() == actual.getAsJsonArray().size()) {
      for (int i = 0; i < expected.getAsJsonArray().size(); i++) {
        String child = difference(path + "[" + i + "]", expected.getAsJsonArray().get(i), actual.getAsJsonArray().get(i));
        if (child != null) {
          return child;
        }
      }
    }
    return path + ": " + abbreviate(expected) + " written as " + abbreviate(actual);
  }

  private static String abbreviate(JsonElement element) {
    String text = element.toString();
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
