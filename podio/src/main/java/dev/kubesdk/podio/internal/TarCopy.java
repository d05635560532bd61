package dev.kubesdk.podio.internal;

import dev.kubesdk.podio.CopyException;
import dev.kubesdk.podio.ExecOptions;
import dev.kubesdk.podio.ExecSession;
import dev.kubesdk.podio.PodIo;
import dev.kubesdk.podio.PodPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Copy to and from a pod as {@code kubectl cp} does it: a tar streamed over exec, written by
 * {@link TarWriter} and read back by the guarded {@link TarExtractor}.
 */
public final class TarCopy {
  private TarCopy() {}

  /** Copies {@code source} into the folder {@code destination} of a container; see {@link PodIo#copyToPod}. */
  public static void toPod(PodIo pods, Path source, PodPath destination) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("source " + source + " does not exist");
    }
    ExecOptions options = ExecOptions.builder().command("tar", "-xf", "-", "-C", destination.path()).stdin(true).stdout(false).build();
    try (ExecSession tar = pods.openExec(destination.pod(), destination.namespace(), options)) {
      StderrTail stderr = StderrTail.start(tar.stderr());
      try (OutputStream in = tar.stdin()) {
        TarWriter.write(source, in);
      } catch (IOException e) {
        if (tar.awaitExit(Duration.ZERO).isEmpty()) {
          throw new UncheckedIOException("copying " + source + " to " + destination + ": " + e.getMessage(), e);
        }
      }
      checkTar(tar, stderr, "tar -xf - -C " + destination.path(), destination);
    }
  }

  /** Copies {@code source} of a container under {@code destination}; see {@link PodIo#copyFromPod}. */
  public static void fromPod(PodIo pods, PodPath source, Path destination) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    String path = source.path().length() > 1 && source.path().endsWith("/") ? source.path().substring(0, source.path().length() - 1) : source.path();
    int slash = path.lastIndexOf('/');
    String parent = slash <= 0 ? "/" : path.substring(0, slash);
    String name = path.equals("/") ? "." : path.substring(slash + 1);
    ExecOptions options = ExecOptions.builder().command("tar", "-cf", "-", "-C", parent, name).build();
    try (ExecSession tar = pods.openExec(source.pod(), source.namespace(), options)) {
      StderrTail stderr = StderrTail.start(tar.stderr());
      try {
        TarExtractor.extract(tar.stdout(), destination);
        // Read to the end, so that tar can finish writing its last record and report its status.
        tar.stdout().transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        throw new UncheckedIOException("copying " + source + " to " + destination + ": " + e.getMessage(), e);
      } catch (CopyException e) {
        throw new CopyException(source + " → " + destination + ": " + e.getMessage(), e);
      }
      checkTar(tar, stderr, "tar -cf - -C " + parent + " " + name, source);
    }
  }

  private static void checkTar(ExecSession tar, StderrTail stderr, String command, PodPath where) {
    int code = tar.awaitExit(Duration.ofMinutes(1)).orElseThrow(() -> new CopyException(command + " in pod " + where.namespace() + "/" + where.pod() + " did not end"));
    if (code != 0) {
      throw new CopyException(command + " in pod " + where.namespace() + "/" + where.pod() + " exited with " + code + ": " + stderr.text().strip());
    }
  }

  /** The first 64 KiB of a stderr stream, read on a thread of its own so that stdout never waits for it. */
  private static final class StderrTail {
    private final java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
    private final Thread reader;

    private StderrTail(InputStream in) {
      this.reader = new Thread(() -> {
        byte[] buffer = new byte[8192];
        try {
          for (int n; (n = in.read(buffer)) >= 0; ) {
            synchronized (text) {
              if (text.size() < 64 * 1024) {
                text.write(buffer, 0, n);
              }
            }
          }
        } catch (IOException e) {
          // the session ended; what was read is kept
        }
      }, "kubesdk-copy-stderr");
      reader.setDaemon(true);
    }

    static StderrTail start(InputStream in) {
      StderrTail tail = new StderrTail(in);
      tail.reader.start();
      return tail;
    }

    String text() {
      try {
        reader.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (text) {
        return text.toString(StandardCharsets.UTF_8);
      }
    }
  }

}
