package dev.kubesdk.podio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Adler32;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class SpdyFramesTest {
  @Test
  void theDictionaryIsTheSpdy3OneByItsChecksum() {
    Adler32 adler = new Adler32();
    adler.update(SpdyDictionary.bytes());

    // The id zlib puts in a stream compressed with this dictionary; Go's spdy package checks it.
    assertThat(adler.getValue()).isEqualTo(0xe3c6a7c2L);
    assertThat(SpdyDictionary.bytes()).hasSize(1423);
  }

  @Test
  void headerBlocksInflateWithTheDictionaryAcrossFramesOfOneZlibStream() throws Exception {
    SpdyFrames frames = new SpdyFrames();
    Inflater inflater = new Inflater();
    Map<String, String> first = headers("error", "8080", "0");
    Map<String, String> second = headers("data", "8080", "0");

    byte[] a = frames.synStream(1, first, true);
    byte[] b = frames.synStream(3, second, false);

    assertThat(decodeHeaders(inflater, a)).isEqualTo(first);
    assertThat(decodeHeaders(inflater, b)).isEqualTo(second);
    assertThat(a[4]).isEqualTo((byte) SpdyFrames.FLAG_FIN);
    assertThat(b[4]).isZero();
    assertThat(ByteBuffer.wrap(b, 8, 4).getInt()).isEqualTo(3);
  }

  @Test
  void framesSplitAtEveryByteOrBundledTogetherComeOutWhole() throws Exception {
    byte[] data = SpdyFrames.data(5, "hello".getBytes(StandardCharsets.UTF_8), 0, 5, true);
    byte[] ping = SpdyFrames.ping(7);
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.writeBytes(data);
    both.writeBytes(ping);
    byte[] stream = both.toByteArray();

    for (int cut = 0; cut <= stream.length; cut++) {
      SpdyFrames.Reader reader = new SpdyFrames.Reader();
      reader.add(java.util.Arrays.copyOfRange(stream, 0, cut));
      java.util.List<SpdyFrames.Frame> got = new java.util.ArrayList<>();
      for (SpdyFrames.Frame f; (f = reader.next()) != null; ) {
        got.add(f);
      }
      reader.add(java.util.Arrays.copyOfRange(stream, cut, stream.length));
      for (SpdyFrames.Frame f; (f = reader.next()) != null; ) {
        got.add(f);
      }

      assertThat(got).as("cut at %d", cut).hasSize(2);
      assertThat(got.get(0).type()).isZero();
      assertThat(got.get(0).streamId()).isEqualTo(5);
      assertThat(got.get(0).fin()).isTrue();
      assertThat(new String(got.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
      assertThat(got.get(1).type()).isEqualTo(SpdyFrames.PING);
      assertThat(got.get(1).firstWord()).isEqualTo(7);
      assertThat(reader.pending()).isZero();
    }
  }

  @Test
  void aControlFrameOfAnotherVersionIsAProtocolError() {
    SpdyFrames.Reader reader = new SpdyFrames.Reader();
    reader.add(new byte[] {(byte) 0x80, 2, 0, 6, 0, 0, 0, 4, 0, 0, 0, 1});

    assertThatThrownBy(reader::next).isInstanceOf(ProtocolException.class).hasMessageContaining("version 2");
  }

  @Test
  void aLargeFrameArrivingInSmallPiecesIsReassembled() throws Exception {
    byte[] big = new byte[200_000];
    new java.util.Random(1).nextBytes(big);
    byte[] frame = SpdyFrames.data(9, big, 0, big.length, false);
    SpdyFrames.Reader reader = new SpdyFrames.Reader();
    SpdyFrames.Frame got = null;
    for (int i = 0; i < frame.length; i += 1000) {
      assertThat(got).isNull();
      reader.add(java.util.Arrays.copyOfRange(frame, i, Math.min(frame.length, i + 1000)));
      got = reader.next();
    }

    assertThat(got).isNotNull();
    assertThat(got.payload()).isEqualTo(big);
  }

  private static Map<String, String> headers(String type, String port, String id) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("streamtype", type);
    h.put("port", port);
    h.put("requestid", id);
    return h;
  }

  private static Map<String, String> decodeHeaders(Inflater inflater, byte[] synStream) throws Exception {
    int length = ((synStream[5] & 0xff) << 16) | ((synStream[6] & 0xff) << 8) | (synStream[7] & 0xff);
    inflater.setInput(synStream, 8 + 10, length - 10);
    byte[] out = new byte[4096];
    int n = inflater.inflate(out);
    if (n == 0 && inflater.needsDictionary()) {
      inflater.setDictionary(SpdyDictionary.bytes());
      n = inflater.inflate(out);
    }
    ByteBuffer block = ByteBuffer.wrap(out, 0, n);
    Map<String, String> headers = new LinkedHashMap<>();
    int count = block.getInt();
    for (int i = 0; i < count; i++) {
      byte[] name = new byte[block.getInt()];
      block.get(name);
      byte[] value = new byte[block.getInt()];
      block.get(value);
      headers.put(new String(name, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
    }
    return headers;
  }
}
