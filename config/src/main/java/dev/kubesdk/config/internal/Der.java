package dev.kubesdk.config.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The few DER (X.690) structures a client key file holds: reading a SEQUENCE of tagged elements and
 * writing the PKCS#8 wrapper around a PKCS#1 or SEC1 key. Not a general ASN.1 library: definite
 * lengths and single-byte tags only, which is all DER key encodings use.
 *
 * <p>Stateless; a {@link Reader} is not thread-safe. Error messages describe the structure (tags,
 * lengths, offsets), never the bytes, because the bytes are key material.
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OBJECT_IDENTIFIER = 0x06;
  static final int SEQUENCE = 0x30;

  /** Context-specific, constructed {@code [n]}: 0xA0 + n. */
  static int explicitTag(int n) {
    return 0xa0 + n;
  }

  private Der() {}

  /** Reads the elements between {@code start} and {@code end} of {@code data}, one after another. */
  static final class Reader {
    private final byte[] data;
    private final int end;
    private int position;

    Reader(byte[] data) {
      this(data, 0, data.length);
    }

    private Reader(byte[] data, int start, int end) {
      this.data = data;
      this.position = start;
      this.end = end;
    }

    boolean hasMore() {
      return position < end;
    }

    /** The tag of the next element, or -1 at the end. */
    int peekTag() {
      return hasMore() ? data[position] & 0xff : -1;
    }

    /** Reads the next element, whatever its tag. */
    Element next(String what) {
      if (!hasMore()) {
        throw new MalformedDerException(what + " is missing: the data ends at byte " + position);
      }
      int start = position;
      int tag = data[position++] & 0xff;
      if ((tag & 0x1f) == 0x1f) {
        throw new MalformedDerException(what + " at byte " + start + " has a multi-byte tag, which no key format uses");
      }
      if (!hasMore()) {
        throw new MalformedDerException(what + " at byte " + start + " has no length: the data ends there");
      }
      int first = data[position++] & 0xff;
      int length;
      if (first < 0x80) {
        length = first;
      } else if (first == 0x80) {
        throw new MalformedDerException(what + " at byte " + start + " has an indefinite length, which DER does not allow");
      } else {
        int count = first & 0x7f;
        if (count > 4 || count > end - position) {
          throw new MalformedDerException(what + " at byte " + start + " has a length of " + count + " bytes, past the end of the data");
        }
        long value = 0;
        for (int i = 0; i < count; i++) {
          value = (value << 8) | (data[position++] & 0xff);
        }
        if (value > Integer.MAX_VALUE) {
          throw new MalformedDerException(what + " at byte " + start + " claims " + value + " bytes, more than the data holds");
        }
        length = (int) value;
      }
      if (length > end - position) {
        throw new MalformedDerException(what + " at byte " + start + " claims " + length + " bytes but only " + (end - position) + " follow: the data is truncated");
      }
      Element element = new Element(data, tag, start, position, position + length);
      position += length;
      return element;
    }

    /** Reads the next element and checks its tag. */
    Element next(int tag, String what) {
      int found = peekTag();
      if (found != tag) {
        throw new MalformedDerException(found < 0
            ? what + " is missing: the data ends at byte " + position
            : "expected " + what + " (tag 0x" + hex(tag) + ") at byte " + position + ", found tag 0x" + hex(found));
      }
      return next(what);
    }

    /** Checks that nothing follows the elements read so far. */
    void expectEnd(String what) {
      if (hasMore()) {
        throw new MalformedDerException(what + " is followed by " + (end - position) + " unexpected bytes");
      }
    }
  }

  /** One tag-length-value element, as a view on the array it was read from. */
  static final class Element {
    private final byte[] data;
    private final int tag;
    private final int start;
    private final int contentStart;
    private final int end;

    private Element(byte[] data, int tag, int start, int contentStart, int end) {
      this.data = data;
      this.tag = tag;
      this.start = start;
      this.contentStart = contentStart;
      this.end = end;
    }

    int tag() {
      return tag;
    }

    /** A reader over the content, for a constructed element such as a SEQUENCE or {@code [0]}. */
    Reader contents() {
      return new Reader(data, contentStart, end);
    }

    /** A copy of the whole element: tag, length and content. */
    byte[] encoded() {
      return Arrays.copyOfRange(data, start, end);
    }

    BigInteger integer(String what) {
      if (tag != INTEGER || end == contentStart) {
        throw new MalformedDerException(what + " is not an INTEGER");
      }
      return new BigInteger(Arrays.copyOfRange(data, contentStart, end));
    }

    /** The dotted form of an OBJECT IDENTIFIER, e.g. {@code 1.2.840.10045.2.1}. */
    String oid(String what) {
      if (tag != OBJECT_IDENTIFIER || end == contentStart) {
        throw new MalformedDerException(what + " is not an OBJECT IDENTIFIER");
      }
      StringBuilder dotted = new StringBuilder();
      long arc = 0;
      int arcBytes = 0;
      boolean first = true;
      for (int i = contentStart; i < end; i++) {
        int b = data[i] & 0xff;
        if (arcBytes == 0 && b == 0x80) {
          throw new MalformedDerException(what + " has a padded arc, which DER does not allow");
        }
        if (++arcBytes > 8) {
          throw new MalformedDerException(what + " has an arc too large for any known algorithm");
        }
        arc = (arc << 7) | (b & 0x7f);
        if ((b & 0x80) != 0) {
          continue;
        }
        if (first) {
          // X.690 8.19.4: the first two arcs share one subidentifier, 40 * first + second.
          long top = Math.min(arc / 40, 2);
          dotted.append(top).append('.').append(arc - 40 * top);
          first = false;
        } else {
          dotted.append('.').append(arc);
        }
        arc = 0;
        arcBytes = 0;
      }
      if (arcBytes != 0) {
        throw new MalformedDerException(what + " ends in the middle of an arc");
      }
      return dotted.toString();
    }
  }

  /** Structure that is not the DER a key format requires. The message never holds the data. */
  static final class MalformedDerException extends RuntimeException {
    MalformedDerException(String message) {
      super(message);
    }
  }

  /** Encodes one element whose content is the concatenation of {@code parts}. */
  static byte[] encode(int tag, byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
    out.write(tag);
    if (length < 0x80) {
      out.write(length);
    } else {
      int count = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | count);
      for (int i = count - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    for (byte[] part : parts) {
      out.write(part, 0, part.length);
    }
    return out.toByteArray();
  }

  static byte[] integer(BigInteger value) {
    return encode(INTEGER, value.toByteArray());
  }

  static byte[] nullValue() {
    return encode(NULL);
  }

  /** Encodes a dotted OBJECT IDENTIFIER such as {@code 1.2.840.113549.1.1.1}. */
  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    if (arcs.length < 2) {
      throw new IllegalArgumentException("an OID has at least two arcs: " + dotted);
    }
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    writeArc(content, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      writeArc(content, Long.parseLong(arcs[i]));
    }
    return encode(OBJECT_IDENTIFIER, content.toByteArray());
  }

  private static void writeArc(ByteArrayOutputStream out, long arc) {
    int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
    for (int i = groups - 1; i >= 0; i--) {
      int seven = (int) ((arc >>> (7 * i)) & 0x7f);
      out.write(i == 0 ? seven : seven | 0x80);
    }
  }

  private static String hex(int tag) {
    return String.format("%02x", tag);
  }
}
