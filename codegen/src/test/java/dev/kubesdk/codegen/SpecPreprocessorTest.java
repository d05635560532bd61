package dev.kubesdk.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecPreprocessorTest {
  @TempDir Path dir;

  private Path writeSpecAndProvenance(String sha256) throws IOException {
    Path spec = dir.resolve("swagger.json");
    Files.writeString(spec, Fragments.miniSpecText(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("provenance.json"), "{\"sha256\":\"" + sha256 + "\"}");
    return spec;
  }

  @Test
  void aSpecWhoseChecksumDiffersFromItsProvenanceFailsTheBuild() throws IOException {
    Path spec = writeSpecAndProvenance("00" .repeat(32));

    assertThatThrownBy(
            () -> SpecPreprocessor.run(spec, dir.resolve("provenance.json"), dir.resolve("out/swagger.json")))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("swagger.json: sha256 is ")
        .hasMessageContaining("provenance.json records 0000");
    assertThat(dir.resolve("out/swagger.json")).doesNotExist();
  }

  @Test
  void aProvenanceWithoutChecksumFailsNamingTheField() throws IOException {
    Path spec = writeSpecAndProvenance("x");
    Files.writeString(dir.resolve("provenance.json"), "{\"version\":\"1.37.2\"}");

    assertThatThrownBy(
            () -> SpecPreprocessor.run(spec, dir.resolve("provenance.json"), dir.resolve("out/swagger.json")))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("provenance.json: no \"sha256\"");
  }

  @Test
  void aMatchingSpecIsProcessedAndWrittenTheSameEveryTime() throws IOException {
    String sha = SpecPreprocessor.sha256(Fragments.miniSpecText().getBytes(StandardCharsets.UTF_8));
    Path spec = writeSpecAndProvenance(sha);
    Path first = dir.resolve("first/swagger.json");
    Path second = dir.resolve("second/swagger.json");

    SpecPreprocessor.run(spec, dir.resolve("provenance.json"), first);
    SpecPreprocessor.run(spec, dir.resolve("provenance.json"), second);

    assertThat(Files.readString(first)).isEqualTo(Files.readString(second));
    JsonObject processed = JsonParser.parseString(Files.readString(first)).getAsJsonObject();
    assertThat(processed.getAsJsonObject("definitions").keySet()).contains("V1Pod", "CoreV1Event");
    assertThat(processed.getAsJsonObject("info").get(SpecPreprocessor.GENERATOR_FINGERPRINT).getAsString())
        .hasSize(64);
    assertThat(processed.getAsJsonObject("definitions").getAsJsonObject("V1Secret").getAsJsonObject("properties")
            .getAsJsonObject("data").get(Extensions.SENSITIVE).getAsBoolean())
        .isTrue();
  }

  @Test
  void theWrongNumberOfArgumentsIsExplained() {
    assertThatThrownBy(() -> SpecPreprocessor.main(new String[] {"only-one"}))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("usage: SpecPreprocessor");
  }
}
