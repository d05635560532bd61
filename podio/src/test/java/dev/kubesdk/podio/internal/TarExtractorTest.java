package dev.kubesdk.podio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.podio.CopyException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive defences of copy from a pod, with archives made by hand the way an attacker would. */
class TarExtractorTest {
  @TempDir Path temp;

  @Test
  void aTreeWrittenAndExtractedIsIdenticalWithLongAndNonAsciiNamesAndLinks() throws IOException {
    Path source = Files.createDirectories(temp.resolve("src/tree"));
    Files.writeString(source.resolve("a.txt"), "alpha", StandardCharsets.UTF_8);
    Path deep = Files.createDirectories(source.resolve("d".repeat(60) + "/" + "e".repeat(60) + "/grüße"));
    Files.write(deep.resolve("f".repeat(120) + ".bin"), new byte[70_000]);
    Files.createDirectories(source.resolve("empty"));
    Files.createSymbolicLink(source.resolve("link"), Path.of("a.txt"));
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    TarWriter.write(source, archive);

    Path out = temp.resolve("out");
    TarExtractor.extract(new ByteArrayInputStream(archive.toByteArray()), out);

    assertThat(archive.size() % 10240).isZero();
    assertThat(tree(out.resolve("tree"))).isEqualTo(tree(source));
    assertThat(Files.readSymbolicLink(out.resolve("tree/link"))).isEqualTo(Path.of("a.txt"));
  }

  @Test
  void dotDotOutOfTheDestinationIsRefusedAndNothingIsWrittenOutside() throws IOException {
    Path out = temp.resolve("out");
    byte[] archive = new Tar().file("ok.txt", "fine").file("sub/../../escaped.txt", "pwned").bytes();

    assertThatThrownBy(() -> TarExtractor.extract(new ByteArrayInputStream(archive), out))
        .isInstanceOf(CopyException.class)
        .hasMessageContaining("sub/../../escaped.txt")
        .hasMessageContaining("climbs out");
    assertThat(temp.resolve("escaped.txt")).doesNotExist();
    assertThat(out.resolve("ok.txt")).hasContent("fine");
  }

  @Test
  void anAbsoluteNameIsRefused() {
    byte[] archive = new Tar().file("/tmp/absolute-" + System.nanoTime(), "pwned").bytes();

    assertThatThrownBy(() -> TarExtractor.extract(new ByteArrayInputStream(archive), temp.resolve("out")))
        .isInstanceOf(CopyException.class)
        .hasMessageContaining("absolute path");
  }

  @Test
  void aSymlinkPointingOutsideIsRefused() {
    byte[] archive = new Tar().symlink("evil", "../../..").bytes();

    assertThatThrownBy(() -> TarExtractor.extract(new ByteArrayInputStream(archive), temp.resolve("out")))
        .isInstanceOf(CopyException.class)
        .hasMessageContaining("symbolic link to \"../../..\"");
    assertThat(temp.resolve("out/evil")).doesNotExist();
  }

  @Test
  void anAbsoluteSymlinkIsRefused() {
    byte[] archive = new Tar().symlink("etc", "/etc").bytes();

    assertThatThrownBy(() -> TarExtractor.extract(new ByteArrayInputStream(archive), temp.resolve("out")))
        .isInstanceOf(CopyException.class)
        .hasMessageContaining("outside the destination");
  }

  @Test
  void aFileWrittenThroughALinkPlantedByAnEarlierEntryIsRefused() throws IOException {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Path out = Files.createDirectories(temp.resolve("out"));
    // The link itself points inside (to "inner"); a later entry then swaps nothing but writes through it.
    Files.createDirectories(out.resolve("inner"));
    Files.createSymbolicLink(out.resolve("via"), outside);
    byte[] archive = new Tar().file("via/planted.txt", "pwned").bytes();

    assertThatThrownBy(() -> TarExtractor.extract(new ByteArrayInputStream(archive), out))
        .isInstanceOf(CopyException.class)
        .hasMessageContaining("symbolic link");
    assertThat(outside.resolve("planted.txt")).doesNotExist();
  }

  @Test
  void aHardLinkToOutsideIsRefused() {
    byte[] archive = new Tar().hardLink("copy", "../../../etc/passwd").bytes();

    assertThatThrownBy(() -> TarExtractor.extract(new ByteArrayInputStream(archive), temp.resolve("out")))
        .isInstanceOf(CopyException.class)
        .hasMessageContaining("climbs out");
  }

  @Test
  void aDeviceEntryIsRefused() {
    byte[] archive = new Tar().entry("dev", '3', "", new byte[0]).bytes();

    assertThatThrownBy(() -> TarExtractor.extract(new ByteArrayInputStream(archive), temp.resolve("out")))
        .isInstanceOf(CopyException.class)
        .hasMessageContaining("type '3'");
  }

  @Test
  void aDamagedHeaderIsAnIoErrorNotAGuess() {
    byte[] archive = new Tar().file("x", "y").bytes();
    archive[10] ^= 0x55;

    assertThatThrownBy(() -> TarExtractor.extract(new ByteArrayInputStream(archive), temp.resolve("out")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("checksum");
  }

  private static List<String> tree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .map(p -> {
            String rel = root.relativize(p).toString();
            try {
              if (Files.isSymbolicLink(p)) {
                return rel + " -> " + Files.readSymbolicLink(p);
              }
              return Files.isDirectory(p) ? rel + "/" : rel + " " + java.util.Arrays.hashCode(Files.readAllBytes(p)) + " " + Files.getPosixFilePermissions(p);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })
          .sorted()
          .toList();
    }
  }

  /** Writes ustar entries as given, with no checks: what a hostile tar in a pod could send. */
  static final class Tar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Tar file(String name, String content) {
      return entry(name, '0', "", content.getBytes(StandardCharsets.UTF_8));
    }

    Tar symlink(String name, String target) {
      return entry(name, '2', target, new byte[0]);
    }

    Tar hardLink(String name, String target) {
      return entry(name, '1', target, new byte[0]);
    }

    Tar entry(String name, char type, String link, byte[] data) {
      byte[] h = new byte[512];
      put(h, 0, name);
      put(h, 100, "0000644");
      put(h, 108, "0000000");
      put(h, 116, "0000000");
      put(h, 124, String.format("%011o", data.length));
      put(h, 136, "00000000000");
      h[156] = (byte) type;
      put(h, 157, link);
      put(h, 257, "ustar");
      put(h, 263, "00");
      for (int i = 148; i < 156; i++) {
        h[i] = ' ';
      }
      long sum = 0;
      for (byte b : h) {
        sum += b & 0xff;
      }
      put(h, 148, String.format("%06o", sum));
      h[154] = 0;
      out.writeBytes(h);
      out.writeBytes(data);
      out.writeBytes(new byte[(512 - data.length % 512) % 512]);
      return this;
    }

    byte[] bytes() {
      out.writeBytes(new byte[1024]);
      return out.toByteArray();
    }

    private static void put(byte[] h, int off, String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      System.arraycopy(b, 0, h, off, b.length);
    }
  }
}
