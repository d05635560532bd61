package dev.kubesdk.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PemTest {

  private static List<Pem.Block> parse(String text) {
    return Pem.parse(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void blocksAreReadInOrderAmongTextWithEitherLineEnd() {
    List<Pem.Block> blocks = parse("issuer: one\r\n-----BEGIN A-----\r\nAQID\r\n-----END A-----\r\nbetween\n"
        + "  -----BEGIN B C-----  \nBA\n==\n-----END B C-----\nafter");

    assertThat(blocks).extracting(Pem.Block::number, Pem.Block::label).containsExactly(
        tuple(1, "A"), tuple(2, "B C"));
    assertThat(blocks.get(0).der()).containsExactly(1, 2, 3);
    assertThat(blocks.get(1).der()).containsExactly(4);
  }

  @Test
  void textWithoutArmorHoldsNoBlocks() {
    assertThat(parse("")).isEmpty();
    assertThat(parse("MIIBOgIBAAJBAK\n-----BEGIN-----\n")).isEmpty();
  }

  @Test
  void procTypeEncryptedMarksTheBlockAndOtherHeadersAreSkipped() {
    List<Pem.Block> blocks = parse("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,\n 00FF\n\nAQID\n-----END RSA PRIVATE KEY-----\n"
        + "-----BEGIN RSA PRIVATE KEY-----\nAQID\n-----END RSA PRIVATE KEY-----\n");

    assertThat(blocks).extracting(Pem.Block::encrypted).containsExactly(true, false);
    assertThat(blocks.get(0).der()).containsExactly(1, 2, 3);
  }

  @Test
  void armorErrorsNameTheBlockAndWhatIsWrong() {
    assertThatThrownBy(() -> parse("-----BEGIN A-----\nAQID\n"))
        .isInstanceOf(Pem.MalformedPemException.class).hasMessage("PEM block 1 (A) has no -----END A----- line: the text is truncated");
    assertThatThrownBy(() -> parse("-----BEGIN A-----\nAQID\n-----BEGIN A-----\nAQID\n-----END A-----"))
        .isInstanceOf(Pem.MalformedPemException.class).hasMessage("PEM block 1 (A) has no -----END A----- line before the next -----BEGIN");
    assertThatThrownBy(() -> parse("-----BEGIN A-----\nAQID\n-----END B-----"))
        .isInstanceOf(Pem.MalformedPemException.class).hasMessage("PEM block 1 (A) ends with -----END B----- instead of -----END A-----");
    assertThatThrownBy(() -> parse("-----BEGIN A-----\nAQID\nAQ*D\n-----END A-----"))
        .isInstanceOf(Pem.MalformedPemException.class)
        .hasMessage("PEM block 1 (A) is not valid base64: line 2 of the block has a character outside the base64 alphabet");
    assertThatThrownBy(() -> parse("-----BEGIN A-----\nAQIDA\n-----END A-----"))
        .isInstanceOf(Pem.MalformedPemException.class).hasMessageContaining("PEM block 1 (A) is not valid base64: its length or '=' padding is wrong");
  }

  @Test
  void wipeZeroesEveryBody() {
    List<Pem.Block> blocks = parse("-----BEGIN A-----\nAQID\n-----END A-----\n");

    Pem.wipe(blocks);

    assertThat(blocks.get(0).der()).containsOnly(0);
  }
}
