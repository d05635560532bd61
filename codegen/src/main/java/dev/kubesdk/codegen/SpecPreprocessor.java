package dev.kubesdk.codegen;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
 * {@link ShadowedParameters#remove}, {@link PrimitiveTypes#inline}, {@link ModelNames#rename}, {@link
 * WatchOperations#recordListItems}, {@link OperationIds#stripAll}, {@link SensitiveFields#mark}, {@link
 * StreamingOperations#mark}, {@link TypeCheck#check}. The output is written with a
 * stable key order, so the same input always gives the same bytes.
 */
public final class SpecPreprocessor {
  /** Key under {@code info} of the sha256 of the code generator (this module's classes and templates). */
  public static final String GENERATOR_FINGERPRINT = "x-kubesdk-generator-sha256";

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
    JsonObject tree = readVerified(spec, provenance);
    process(tree);
    // The generator plugin skips generation while its input is unchanged; recording the generator's own
    // fingerprint in the processed spec makes a template or codegen change count as a change.
    tree.getAsJsonObject("info").addProperty(GENERATOR_FINGERPRINT, generatorFingerprint());
    Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    String text = gson.toJson(tree) + "\n";
    try {
      Files.createDirectories(output.toAbsolutePath().getParent());
      // Rewriting identical bytes would only make later steps think something changed.
      if (!Files.exists(output) || !Files.readString(output, StandardCharsets.UTF_8).equals(text)) {
        Files.writeString(output, text, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new SpecException(output + ": cannot write the processed spec: " + e.getMessage(), e);
    }
  }

  /** The spec at {@code spec}, parsed, after checking its sha256 against {@code provenance}. */
  static JsonObject readVerified(Path spec, Path provenance) {
    byte[] bytes = read(spec);
    verifyChecksum(spec, bytes, provenance);
    try {
      return JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new SpecException(spec + ": not a JSON object: " + e.getMessage(), e);
    }
  }

  /** Runs every pass, in order, on a parsed Swagger 2.0 spec. */
  public static void process(JsonObject spec) {
    WatchOperations.removeWatchPaths(spec);
    WatchOperations.stripDeleteCollectionWatchParameters(spec);
    ShadowedParameters.remove(spec);
    PrimitiveTypes.inline(spec);
    ModelNames.rename(spec);
    WatchOperations.recordListItems(spec);
    OperationIds.stripAll(spec);
    SensitiveFields.mark(spec);
    StreamingOperations.mark(spec);
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

  /** The sha256 of the jar (or class directory) this class was loaded from. */
  static String generatorFingerprint() {
    try {
      Path location =
          Path.of(SpecPreprocessor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      if (Files.isDirectory(location)) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(location)) {
          files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        for (Path file : files) {
          digest.update(location.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
          digest.update(Files.readAllBytes(file));
        }
      } else {
        digest.update(Files.readAllBytes(location));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException | URISyntaxException | NoSuchAlgorithmException | RuntimeException e) {
      throw new SpecException("cannot fingerprint the code generator's own classes: " + e.getMessage(), e);
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
