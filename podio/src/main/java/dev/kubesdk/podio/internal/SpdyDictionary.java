package dev.kubesdk.podio.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The zlib dictionary of SPDY/3 header blocks, built as the SPDY/3 draft defines it: each of the
 * common header names and values below prefixed by its length as four big-endian bytes, then the
 * common status lines, dates and content types as one run of text. Both ends must use exactly
 * these bytes, or the peer cannot inflate a single header block.
 */
final class SpdyDictionary {
  private static final List<String> WORDS =
      List.of(
      "options", "head", "post", "put", "delete", "trace", "accept", "accept-charset", "accept-encoding",
      "accept-language", "accept-ranges", "age", "allow", "authorization", "cache-control", "connection",
      "content-base", "content-encoding", "content-language", "content-length", "content-location",
      "content-md5", "content-range", "content-type", "date", "etag", "expect", "expires", "from", "host",
      "if-match", "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "last-modified",
      "location", "max-forwards", "pragma", "proxy-authenticate", "proxy-authorization", "range", "referer",
      "retry-after", "server", "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "vary", "via",
      "warning", "www-authenticate", "method", "get", "status", "200 OK", "version", "HTTP/1.1", "url",
      "public", "set-cookie", "keep-alive", "origin");

  private static final String TAIL =
          "100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505"
      + "203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Una"
      + "uthorized403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service"
      + " UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, "
      + "Fri, Sat, Sun, GMTchunked,text/html,image/png,image/jpg,image/gif,application/xml,applicat"
      + "ion/xhtml+xml,text/plain,text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf"
      + "-8charset=iso-8859-1,utf-,*,enq=0.";

  private static final byte[] BYTES = build();

  private SpdyDictionary() {}

  /** The dictionary (a copy). */
  static byte[] bytes() {
    return BYTES.clone();
  }

  private static byte[] build() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1424);
    for (String word : WORDS) {
      byte[] b = word.getBytes(StandardCharsets.US_ASCII);
      out.write(0);
      out.write(0);
      out.write(0);
      out.write(b.length);
      out.writeBytes(b);
    }
    out.writeBytes(TAIL.getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
