package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A token file that cannot be read again keeps serving its last token, quietly and without re-reading on every request. */
class TokenFileTest {
  @TempDir Path tmp;
  Fixture fx;
  Path token;
  MutableClock clock;
  Configuration c;

  @BeforeEach
  void setUp() {
    fx = new Fixture(tmp);
    token = fx.write("t", "one");
    clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    Path kc = fx.write("kc", Fixture.kubeconfig("https://x.example", "", "tokenFile: t"));
    c = KubeConfig.resolve(fx.options().kubeconfig(kc).clock(clock).build());
  }

  private String bearer() {
    return c.credentials().authorization().orElseThrow().reveal();
  }

  @Test
  void aMissingFileKeepsTheLastTokenWithOneWarningPerFailureStreak() throws Exception {
    assertThat(bearer()).isEqualTo("Bearer one");
    Files.delete(token);
    try (StderrCapture logs = new StderrCapture()) {
      for (int i = 0; i < 50; i++) {
        assertThat(bearer()).isEqualTo("Bearer one");
      }
      assertThat(logs.lines("WARN", "cannot read the token file")).isEqualTo(1);
      // A minute on, it is read once more; the same streak goes on at debug.
      clock.set(Instant.parse("2030-01-01T00:01:01Z"));
      assertThat(bearer()).isEqualTo("Bearer one");
      assertThat(bearer()).isEqualTo("Bearer one");
      assertThat(logs.lines("WARN", "cannot read the token file")).isEqualTo(1);
      assertThat(logs.lines("DEBUG", "is still unreadable")).isEqualTo(1);
      // The file comes back: its new stat ends the back-off at once.
      Files.writeString(token, "two");
      assertThat(bearer()).isEqualTo("Bearer two");
      Files.delete(token);
      clock.set(Instant.parse("2030-01-01T00:02:02Z"));
      assertThat(bearer()).isEqualTo("Bearer two");
      assertThat(logs.lines("WARN", "cannot read the token file")).as("a new streak warns again").isEqualTo(2);
      assertThat(logs.text()).doesNotContain("Bearer");
    }
  }

  @Test
  void aRejectionWhileTheFileIsMissingKeepsTheTokenForLaterRequests() throws Exception {
    Sensitive sent = c.credentials().authorization().orElseThrow();
    Files.delete(token);
    try (StderrCapture logs = new StderrCapture()) {
      assertThat(c.credentials().invalidate(sent)).as("a retry with the same token cannot help").isFalse();
      assertThat(bearer()).isEqualTo("Bearer one");
      assertThat(c.credentials().invalidate(sent)).isFalse();
      assertThat(bearer()).isEqualTo("Bearer one");
      assertThat(logs.lines("WARN", "cannot read the token file")).isEqualTo(1);
    }
    Files.writeString(token, "two");
    assertThat(c.credentials().invalidate(sent)).isTrue();
    assertThat(bearer()).isEqualTo("Bearer two");
  }

  @Test
  void anEmptyFileMidRotationKeepsTheLastToken() throws Exception {
    assertThat(bearer()).isEqualTo("Bearer one");
    FileTime before = Files.getLastModifiedTime(token);
    Files.writeString(token, "");
    Files.setLastModifiedTime(token, FileTime.fromMillis(before.toMillis() + 5_000));
    try (StderrCapture logs = new StderrCapture()) {
      assertThat(bearer()).isEqualTo("Bearer one");
      assertThat(logs.lines("WARN", "the file is empty")).isEqualTo(1);
    }
  }
}
