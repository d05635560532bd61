package dev.kubesdk.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminalTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} is a terminal: {1}")
  @CsvSource({
      "/dev/pts/3, true", "/dev/tty1, true", "/dev/ttyS0, true", "/dev/console, true", "/dev/tty, true",
      "pipe:[41290], false", "socket:[1], false", "/dev/null, false", "/home/me/input.txt, false", "/dev/pts/ptmx, false", "anon_inode:[eventfd], false"})
  void procLinkTargetsNameTerminalsByTheirDevice(String target, boolean terminal) {
    assertThat(Terminal.isTerminalDevice(target)).isEqualTo(terminal);
  }

  @Test
  void aProcFdLinkIsReadWithoutFollowingIt() throws Exception {
    Path tty = Files.createSymbolicLink(tmp.resolve("0"), Path.of("/dev/pts/7"));
    Path pipe = Files.createSymbolicLink(tmp.resolve("1"), Path.of("pipe:[1234]"));
    assertThat(Terminal.procFdIsTerminal(tty)).contains(true);
    assertThat(Terminal.procFdIsTerminal(pipe)).contains(false);
    assertThat(Terminal.procFdIsTerminal(tmp.resolve("missing"))).isEmpty();
  }

  @Test
  void noConsoleMeansNoTerminal() {
    assertThat(Terminal.consoleIsTerminal(null)).isFalse();
  }

  @Test
  void aForkedTestJvmReadingAPipeIsNotInteractive() {
    // Surefire starts this JVM with stdin connected to a pipe; a console check alone says yes on JDK 22+.
    Assumptions.assumeTrue(Terminal.procFdIsTerminal(Path.of("/proc/self/fd/0")).isPresent(), "needs /proc");
    Assumptions.assumeFalse(Terminal.procFdIsTerminal(Path.of("/proc/self/fd/0")).orElseThrow(), "stdin of this run is a terminal");
    assertThat(Terminal.stdinIsTerminal()).isFalse();
    assertThat(dev.kubesdk.config.LoadOptions.defaults().interactive()).isFalse();
  }
}
