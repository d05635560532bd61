package dev.kubesdk.podio.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Bytes handed from a network reader thread to a consumer's {@link InputStream}, bounded: a writer
 * waits while more than the capacity is buffered, so a slow consumer slows the sender (TCP
 * backpressure) instead of filling the heap. Thread-safe: one writer and one reader at a time.
 *
 * <p>The writer ends it with {@link #finish()} (the reader gets end of stream after the buffered
 * bytes) or {@link #fail} (the reader gets the error after them). A reader that closes its stream
 * discards what comes later, so the writer never waits for a reader that left.
 */
public final class BytePipe {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readable = lock.newCondition();
  private final Condition writable = lock.newCondition();
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private final long capacity;
  private final String name;
  private long buffered;
  private int offset;
  private boolean finished;
  private boolean readerClosed;
  private @Nullable IOException failure;
  private final InputStream input = new Input();

  /** A pipe named {@code name} in errors, holding at most about {@code capacity} bytes. */
  public BytePipe(String name, long capacity) {
    this.name = name;
    this.capacity = capacity;
  }

  /** The reading end. */
  public InputStream input() {
    return input;
  }

  /**
   * Appends {@code bytes} (kept, not copied), waiting while the buffer is full.
   *
   * @throws InterruptedException when the writer is interrupted while it waits
   */
  public void write(byte[] bytes) throws InterruptedException {
    if (bytes.length == 0) {
      return;
    }
    lock.lock();
    try {
      while (buffered >= capacity && !readerClosed && !finished && failure == null) {
        writable.await();
      }
      if (readerClosed || finished || failure != null) {
        return;
      }
      chunks.add(bytes);
      buffered += bytes.length;
      readable.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Ends the stream after what is buffered; idempotent, and no-op after a failure. */
  public void finish() {
    lock.lock();
    try {
      finished = true;
      readable.signalAll();
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Ends the stream with {@code error} after what is buffered, unless it already ended. */
  public void fail(IOException error) {
    lock.lock();
    try {
      if (!finished && failure == null) {
        failure = error;
      }
      readable.signalAll();
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private final class Input extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      lock.lock();
      try {
        while (chunks.isEmpty()) {
          if (readerClosed) {
            throw new IOException(name + " is closed");
          }
          if (failure != null) {
            throw new IOException(name + ": " + failure.getMessage(), failure);
          }
          if (finished) {
            return -1;
          }
          try {
            readable.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + name);
          }
        }
        int n = 0;
        while (n < len && !chunks.isEmpty()) {
          byte[] head = chunks.peek();
          int take = Math.min(len - n, head.length - offset);
          System.arraycopy(head, offset, b, off + n, take);
          n += take;
          offset += take;
          if (offset == head.length) {
            chunks.poll();
            offset = 0;
          }
        }
        buffered -= n;
        writable.signalAll();
        return n;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public int available() {
      lock.lock();
      try {
        return (int) Math.min(Integer.MAX_VALUE, buffered);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        readerClosed = true;
        chunks.clear();
        buffered = 0;
        writable.signalAll();
        readable.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
