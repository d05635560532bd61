package dev.kubesdk.codegen;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns the pinned Kubernetes spec into the spec the generator reads. Run by the build as
 *
 * <pre>
 * java dev.kubesdk.codegen.SpecPreprocessor openapi/swagger.json openapi/provenance.json target/processed-spec/swagger.json
 * </pre>
 *
 * <p>It first checks that the spec's sha256 equals the {@code sha256} of the provenance file (a spec changed
 * by hand or by a partial download fails the build), then runs the passes in this order:
 * {@link WatchOperations#removeWatchPaths}, {@link WatchOperations#stripDeleteCollectionWatchParameters},
 * {@link PrimitiveTypes#inline}, {@link ModelNames#rename}, {@link WatchOperations#recordListItems}, {@link
 * OperationIds#stripAll}, {@link SensitiveFields#mark}, {@link TypeCheck#check}. The output is written with a
 * stable key order, so the same input always gives the same bytes.
 */
public final class SpecPreprocessor {
  private SpecPreprocessor() {}

  /** Command line entry: {@code <spec> <provenance> <output>}. Throws {@link SpecException} on any problem. */
  public static void main(String[] args) {
    if (args.length != 3) {
      throw new SpecException(
          "usage: SpecPreprocessor <swagger.json> <provenance.json> <output.json>; got " + args.length
              + " arguments");
    }
    run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
  }

  /** Verifies the checksum, processes the spec and writes it to {@code output}. */
  public static void run(Path spec, Path provenance, Path output) {
    byte[] bytes = read(spec);
    verifyChecksum(spec, bytes, provenance);
    JsonObject tree;
    try {
      tree = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new SpecException(spec + ": not a JSON object: " + e.getMessage(), e);
    }
    process(tree);
    Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    try {
      Files.createDirectories(output.toAbsolutePath().getParent());
      Files.writeString(output, gson.toJson(tree) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SpecException(output + ": cannot write the processed spec: " + e.getMessage(), e);
    }
  }

  /** Runs every pass, in order, on a parsed Swagger 2.0 spec. */
  public static void process(JsonObject spec) {
    WatchOperations.removeWatchPaths(spec);
    WatchOperations.stripDeleteCollectionWatchParameters(spec);
    PrimitiveTypes.inline(spec);
    ModelNames.rename(spec);
    WatchOperations.recordListItems(spec);
    OperationIds.stripAll(spec);
    SensitiveFields.mark(spec);
    TypeCheck.check(spec);
  }

  /** Fails unless the sha256 of {@code bytes} is the {@code sha256} recorded in the provenance file. */
  static void verifyChecksum(Path spec, byte[] bytes, Path provenance) {
    String expected;
    try {
      JsonObject record = JsonParser.parseString(Files.readString(provenance)).getAsJsonObject();
      if (!record.has("sha256")) {
        throw new SpecException(provenance + ": no \"sha256\" field; record the spec's checksum there");
      }
      expected = record.get("sha256").getAsString();
    } catch (IOException e) {
      throw new SpecException(provenance + ": cannot read: " + e.getMessage(), e);
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      throw new SpecException(provenance + ": not a JSON object with a string \"sha256\": " + e.getMessage(), e);
    }
    String actual = sha256(bytes);
    if (!actual.equalsIgnoreCase(expected)) {
      throw new SpecException(
          spec + ": sha256 is " + actual + " but " + provenance + " records " + expected
              + ". Restore the pinned spec, or update the spec and its provenance together with the update"
              + " command described in openapi/.");
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  private static byte[] read(Path spec) {
    try {
      return Files.readAllBytes(spec);
    } catch (IOException e) {
      throw new SpecException(spec + ": cannot read the spec: " + e.getMessage(), e);
    }
  }
}
