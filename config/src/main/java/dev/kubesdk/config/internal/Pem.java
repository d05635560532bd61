package dev.kubesdk.config.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * PEM armor as RFC 7468 describes it and OpenSSL writes it: any number of {@code -----BEGIN
 * label-----} ... {@code -----END label-----} blocks, text before, between and after them (CA
 * bundles carry comments), LF or CRLF line ends, and the RFC 1421 headers ({@code Proc-Type},
 * {@code DEK-Info}) of OpenSSL's encrypted traditional keys.
 *
 * <p>Stateless. Errors name the block by its position and label, never its content.
 */
final class Pem {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";
  /** Labels are short words; a longer one in a message is someone's data pasted in the wrong place. */
  private static final int MAX_LABEL_IN_MESSAGE = 40;

  private Pem() {}

  /**
   * One decoded block.
   *
   * @param number the block's position in the text, from 1
   * @param label the word between {@code BEGIN} and the dashes, e.g. {@code EC PRIVATE KEY}
   * @param encrypted whether a {@code Proc-Type: 4,ENCRYPTED} header marks an encrypted traditional key
   * @param der the decoded base64 body; owned by the caller, who may zero it
   */
  record Block(int number, String label, boolean encrypted, byte[] der) {}

  /** PEM text that cannot be decoded. The message names the block, never its bytes. */
  static final class MalformedPemException extends RuntimeException {
    MalformedPemException(String message) {
      super(message);
    }
  }

  /** Decodes every block of {@code text}; text outside blocks is ignored. */
  static List<Block> parse(byte[] text) {
    // PEM is ASCII; reading it as Latin-1 maps every byte to one char, so no input fails to decode.
    String[] lines = new String(text, StandardCharsets.ISO_8859_1).split("\n", -1);
    List<Block> blocks = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      String line = clean(lines[i]);
      i++;
      if (!isArmor(line, BEGIN)) {
        continue;
      }
      String label = line.substring(BEGIN.length(), line.length() - DASHES.length());
      int number = blocks.size() + 1;
      String where = "PEM block " + number + " (" + shown(label) + ")";
      StringBuilder base64 = new StringBuilder();
      boolean encrypted = false;
      boolean inHeaders = true;
      boolean ended = false;
      int bodyLine = 0;
      while (i < lines.length && !ended) {
        String raw = lines[i];
        String body = clean(raw);
        i++;
        bodyLine++;
        if (isArmor(body, END)) {
          String endLabel = body.substring(END.length(), body.length() - DASHES.length());
          if (!endLabel.equals(label)) {
            throw new MalformedPemException(where + " ends with -----END " + shown(endLabel) + "----- instead of -----END " + shown(label) + "-----");
          }
          ended = true;
        } else if (body.startsWith(BEGIN)) {
          throw new MalformedPemException(where + " has no -----END " + shown(label) + "----- line before the next -----BEGIN");
        } else if (body.isEmpty()) {
          continue;
        } else if (inHeaders && body.indexOf(':') > 0) {
          String name = body.substring(0, body.indexOf(':')).trim();
          String value = body.substring(body.indexOf(':') + 1).toUpperCase(Locale.ROOT);
          encrypted |= name.equalsIgnoreCase("Proc-Type") && value.contains("ENCRYPTED");
        } else if (inHeaders && bodyLine > 1 && (raw.startsWith(" ") || raw.startsWith("\t"))) {
          // RFC 1421 4.4: a header value may continue on lines that start with white space.
          continue;
        } else {
          inHeaders = false;
          // Some tools indent or space out the base64; white space is never part of it.
          body = body.replace(" ", "").replace("\t", "");
          if (!isBase64(body)) {
            throw new MalformedPemException(where + " is not valid base64: line " + bodyLine + " of the block has a character outside the base64 alphabet");
          }
          base64.append(body);
        }
      }
      if (!ended) {
        throw new MalformedPemException(where + " has no -----END " + shown(label) + "----- line: the text is truncated");
      }
      byte[] der;
      try {
        der = Base64.getDecoder().decode(base64.toString());
      } catch (IllegalArgumentException e) {
        // The JDK's message quotes the offending character; say only where the structure breaks.
        throw new MalformedPemException(where + " is not valid base64: its length or '=' padding is wrong (truncated or cut short?)");
      }
      blocks.add(new Block(number, label, encrypted, der));
    }
    return blocks;
  }

  /** Overwrites every decoded body, so key bytes do not linger on the heap longer than needed. */
  static void wipe(List<Block> blocks) {
    for (Block block : blocks) {
      Arrays.fill(block.der(), (byte) 0);
    }
  }

  private static String clean(String line) {
    String stripped = line.strip();
    // A byte-order mark, read as Latin-1, starts a file saved by some Windows editors.
    return stripped.startsWith("\u00ef\u00bb\u00bf") ? stripped.substring(3).strip() : stripped;
  }

  private static boolean isArmor(String line, String prefix) {
    return line.length() > prefix.length() + DASHES.length() && line.startsWith(prefix) && line.endsWith(DASHES);
  }

  private static boolean isBase64(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String shown(String label) {
    String printable = label.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() <= MAX_LABEL_IN_MESSAGE ? printable : printable.substring(0, MAX_LABEL_IN_MESSAGE) + "...";
  }
}
