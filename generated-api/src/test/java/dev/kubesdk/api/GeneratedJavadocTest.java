package dev.kubesdk.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Spec text in the generated Javadoc reads as the spec wrote it, with no HTML escapes of quotes. */
class GeneratedJavadocTest {
  private static final Path SOURCES = Path.of("target/generated-sources/kubesdk/src/main/java/dev/kubesdk/api");

  @Test
  void noGeneratedFileShowsEscapedQuotesApostrophesOrBackticks() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
    assertThat(files).hasSizeGreaterThan(800);

    for (Path file : files) {
      assertThat(Files.readString(file)).as(file.toString()).doesNotContain("&quot;", "&#39;", "&#x60;", "&#x3D;");
    }
  }

  @Test
  void theObjectMetaJavadocQuotesTheSpec() throws IOException {
    assertThat(Files.readString(SOURCES.resolve("model/V1ObjectMeta.java")))
        .contains("An empty namespace is equivalent to the \"default\" namespace")
        .contains("users typically shouldn't need to set or understand this field");
  }
}
