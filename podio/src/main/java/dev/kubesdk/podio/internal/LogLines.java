package dev.kubesdk.podio.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The lines of a log body: split at {@code \n} only (a {@code \r} inside a line, as progress
 * output writes, stays in it), each decoded as UTF-8 once whole, so a character or a line split
 * across network chunks comes out whole. A last line without {@code \n} is a line too.
 */
public final class LogLines implements Iterator<String> {
  private final InputStream in;
  private final byte[] chunk = new byte[8192];
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private int start;
  private int end;
  private boolean eof;
  private @Nullable String next;

  private LogLines(InputStream in) {
    this.in = in;
  }

  /** The lines of {@code in}; closing the stream closes {@code in}. */
  public static Stream<String> of(InputStream in) {
    LogLines lines = new LogLines(in);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lines, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(
            () -> {
              try {
                in.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    try {
      next = readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return next != null;
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    String line = next;
    next = null;
    return line;
  }

  private @Nullable String readLine() throws IOException {
    while (true) {
      for (int i = start; i < end; i++) {
        if (chunk[i] == '\n') {
          line.write(chunk, start, i - start);
          start = i + 1;
          return take();
        }
      }
      line.write(chunk, start, end - start);
      start = end;
      if (eof) {
        return line.size() == 0 ? null : take();
      }
      int n = in.read(chunk);
      if (n < 0) {
        eof = true;
        start = end = 0;
      } else {
        start = 0;
        end = n;
      }
    }
  }

  private String take() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    return text;
  }
}
