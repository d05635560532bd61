package dev.kubesdk.podio.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLinesTest {
  @Test
  void aCharacterAndALineSplitAcrossReadsComeOutWhole() {
    byte[] text = "grüße\nzweite Zeile ✓\r\nlast".getBytes(StandardCharsets.UTF_8);
    // One byte per read: every multi-byte character and every line is split.
    InputStream trickle = new InputStream() {
      int i;

      @Override
      public int read() {
        return i < text.length ? text[i++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        int c = read();
        if (c < 0) {
          return -1;
        }
        b[off] = (byte) c;
        return 1;
      }
    };

    List<String> lines = LogLines.of(trickle).toList();

    assertThat(lines).containsExactly("grüße", "zweite Zeile ✓\r", "last");
  }

  @Test
  void anEmptyBodyHasNoLines() {
    assertThat(LogLines.of(InputStream.nullInputStream()).toList()).isEmpty();
  }
}
