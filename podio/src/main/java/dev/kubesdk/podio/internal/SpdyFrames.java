package dev.kubesdk.podio.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * SPDY/3.1 frames as the port-forward of the kubelet (moby/spdystream) reads them: a control frame
 * is {@code 1 | version(15) | type(16) | flags(8) | length(24) | data}, a data frame {@code 0 |
 * stream-id(31) | flags(8) | length(24) | data}. Writes the frames a client needs and reads frames
 * from a byte stream that may arrive in pieces of any size. Not thread-safe: the session writes
 * under its own lock, because the header compressor is one zlib stream for the whole connection.
 */
final class SpdyFrames {
  static final int VERSION = 3;
  static final int SYN_STREAM = 1;
  static final int SYN_REPLY = 2;
  static final int RST_STREAM = 3;
  static final int SETTINGS = 4;
  static final int PING = 6;
  static final int GOAWAY = 7;
  static final int HEADERS = 8;
  static final int WINDOW_UPDATE = 9;
  static final int FLAG_FIN = 0x01;
  static final int RST_CANCEL = 5;
  static final int HEADER_SIZE = 8;
  /** The largest data a frame carries: the 24-bit length. */
  static final int MAX_DATA = (1 << 24) - 1;

  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
  private final byte[] deflated = new byte[4096];

  SpdyFrames() {
    deflater.setDictionary(SpdyDictionary.bytes());
  }

  /** A SYN_STREAM opening {@code streamId} with {@code headers} (names lower case, as SPDY requires). */
  byte[] synStream(int streamId, Map<String, String> headers, boolean fin) {
    byte[] block = compress(headers);
    ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER_SIZE + 10 + block.length);
    control(out, SYN_STREAM, fin ? FLAG_FIN : 0, 10 + block.length);
    int32(out, streamId & 0x7fffffff);
    int32(out, 0); // no associated stream
    out.write(0); // priority 0, the highest, as spdystream gives every stream
    out.write(0); // slot
    out.writeBytes(block);
    return out.toByteArray();
  }

  /** A data frame of {@code data[off, off+len)} on {@code streamId}. */
  static byte[] data(int streamId, byte[] data, int off, int len, boolean fin) {
    if (len > MAX_DATA) {
      throw new IllegalArgumentException("a SPDY data frame carries at most " + MAX_DATA + " bytes: " + len);
    }
    byte[] frame = new byte[HEADER_SIZE + len];
    frame[0] = (byte) ((streamId >>> 24) & 0x7f);
    frame[1] = (byte) (streamId >>> 16);
    frame[2] = (byte) (streamId >>> 8);
    frame[3] = (byte) streamId;
    frame[4] = (byte) (fin ? FLAG_FIN : 0);
    frame[5] = (byte) (len >>> 16);
    frame[6] = (byte) (len >>> 8);
    frame[7] = (byte) len;
    System.arraycopy(data, off, frame, HEADER_SIZE, len);
    return frame;
  }

  /** A RST_STREAM of {@code streamId} with {@code status}. */
  static byte[] rstStream(int streamId, int status) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16);
    control(out, RST_STREAM, 0, 8);
    int32(out, streamId & 0x7fffffff);
    int32(out, status);
    return out.toByteArray();
  }

  /** A PING with {@code id} (odd from a client, even from a server; the peer echoes it). */
  static byte[] ping(int id) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(12);
    control(out, PING, 0, 4);
    int32(out, id);
    return out.toByteArray();
  }

  /** A GOAWAY naming the last stream the peer opened that was processed (none: 0). */
  static byte[] goAway(int lastGoodStreamId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16);
    control(out, GOAWAY, 0, 8);
    int32(out, lastGoodStreamId & 0x7fffffff);
    int32(out, 0); // OK
    return out.toByteArray();
  }

  /** Releases the compressor. */
  void end() {
    deflater.end();
  }

  /**
   * The header block: a count and the length-prefixed names and values, compressed with the SPDY
   * dictionary and flushed so the frame stands on its own while the zlib stream goes on.
   */
  private byte[] compress(Map<String, String> headers) {
    ByteArrayOutputStream plain = new ByteArrayOutputStream(128);
    int32(plain, headers.size());
    headers.forEach(
        (name, value) -> {
          byte[] n = name.getBytes(StandardCharsets.UTF_8);
          byte[] v = value.getBytes(StandardCharsets.UTF_8);
          int32(plain, n.length);
          plain.writeBytes(n);
          int32(plain, v.length);
          plain.writeBytes(v);
        });
    deflater.setInput(plain.toByteArray());
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    int n;
    do {
      n = deflater.deflate(deflated, 0, deflated.length, Deflater.SYNC_FLUSH);
      out.write(deflated, 0, n);
    } while (n == deflated.length);
    return out.toByteArray();
  }

  private static void control(ByteArrayOutputStream out, int type, int flags, int length) {
    out.write(0x80);
    out.write(VERSION);
    out.write(type >>> 8);
    out.write(type);
    out.write(flags);
    out.write(length >>> 16);
    out.write(length >>> 8);
    out.write(length);
  }

  private static void int32(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  /** A frame read from the peer. {@code type} is 0 for a data frame. */
  record Frame(int type, int flags, int streamId, byte[] payload) {
    boolean fin() {
      return (flags & FLAG_FIN) != 0;
    }

    /** The first 31-bit word of a control frame's payload (its stream or ping id). */
    int firstWord() throws ProtocolException {
      if (payload.length < 4) {
        throw new ProtocolException("SPDY control frame of type " + type + " is " + payload.length + " bytes, too short for its id");
      }
      return ((payload[0] & 0x7f) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
    }

    /** The second 32-bit word (RST_STREAM status). */
    int secondWord() {
      return payload.length < 8 ? 0 : ((payload[4] & 0xff) << 24) | ((payload[5] & 0xff) << 16) | ((payload[6] & 0xff) << 8) | (payload[7] & 0xff);
    }
  }

  /**
   * Reassembles frames from bytes that come in pieces: a WebSocket message of the tunnel may hold
   * part of a frame, one frame or several. Not thread-safe.
   */
  static final class Reader {
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    /** Appends received bytes. */
    void add(byte[] bytes) {
      add(java.nio.ByteBuffer.wrap(bytes));
    }

    /** Appends the remaining bytes of {@code bytes}, copied once into the reassembly buffer. */
    void add(java.nio.ByteBuffer bytes) {
      int length = bytes.remaining();
      if (end + length > buffer.length) {
        int live = end - start;
        if (live + length > buffer.length) {
          byte[] bigger = new byte[Math.max(buffer.length * 2, live + length)];
          System.arraycopy(buffer, start, bigger, 0, live);
          buffer = bigger;
        } else {
          System.arraycopy(buffer, start, buffer, 0, live);
        }
        start = 0;
        end = live;
      }
      bytes.get(buffer, end, length);
      end += length;
    }

    /** The next whole frame, or null when more bytes are needed. */
    Frame next() throws IOException {
      if (end - start < HEADER_SIZE) {
        return null;
      }
      int b0 = buffer[start] & 0xff;
      int flags = buffer[start + 4] & 0xff;
      int length = ((buffer[start + 5] & 0xff) << 16) | ((buffer[start + 6] & 0xff) << 8) | (buffer[start + 7] & 0xff);
      if (end - start < HEADER_SIZE + length) {
        return null;
      }
      byte[] payload = new byte[length];
      System.arraycopy(buffer, start + HEADER_SIZE, payload, 0, length);
      Frame frame;
      if ((b0 & 0x80) != 0) {
        int version = ((b0 & 0x7f) << 8) | (buffer[start + 1] & 0xff);
        if (version != VERSION) {
          throw new ProtocolException("the tunnel sent a SPDY control frame of version " + version + ", not 3");
        }
        int type = ((buffer[start + 2] & 0xff) << 8) | (buffer[start + 3] & 0xff);
        frame = new Frame(type, flags, 0, payload);
      } else {
        int streamId = (b0 << 24) | ((buffer[start + 1] & 0xff) << 16) | ((buffer[start + 2] & 0xff) << 8) | (buffer[start + 3] & 0xff);
        frame = new Frame(0, flags, streamId, payload);
      }
      start += HEADER_SIZE + length;
      if (start == end) {
        start = end = 0;
      }
      return frame;
    }

    /** How many bytes wait for the rest of their frame. */
    int pending() {
      return end - start;
    }
  }
}
