package dev.kubesdk.podio.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes a file or a directory tree as a POSIX tar (ustar, with a pax header for names that do not
 * fit or are not ASCII): regular files, directories and symbolic links (kept as links, not
 * followed), with their permission bits and modification times. Ends with the two zero blocks and
 * pads to a whole 10 KiB record, so that {@code tar x} stops by itself even where the other end
 * cannot close its input. Not thread-safe.
 */
public final class TarWriter {
  private static final int BLOCK = 512;
  private static final int RECORD = 20 * BLOCK;

  private final OutputStream out;
  private long written;

  private TarWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes {@code source} (named by its last component) and its contents to {@code out} as a whole archive. */
  public static void write(Path source, OutputStream out) throws IOException {
    TarWriter tar = new TarWriter(out);
    Path base = source.toAbsolutePath().normalize();
    Path parent = base.getParent() == null ? base : base.getParent();
    Files.walkFileTree(
        base,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            tar.entry(parent.relativize(dir), dir, attrs);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            tar.entry(parent.relativize(file), file, attrs);
            return FileVisitResult.CONTINUE;
          }
        });
    tar.finish();
  }

  private void entry(Path relative, Path file, BasicFileAttributes attrs) throws IOException {
    String name = relative.toString().replace(java.io.File.separatorChar, '/');
    char type;
    long size = 0;
    String link = "";
    if (attrs.isSymbolicLink()) {
      type = '2';
      link = Files.readSymbolicLink(file).toString();
    } else if (attrs.isDirectory()) {
      type = '5';
      name += "/";
    } else if (attrs.isRegularFile()) {
      type = '0';
      size = attrs.size();
    } else {
      return; // sockets, devices, FIFOs: kubectl cp does not copy them either
    }
    int mode = mode(file, attrs);
    long mtime = attrs.lastModifiedTime().toInstant().getEpochSecond();
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
    boolean pax = nameBytes.length > 100 || linkBytes.length > 100 || !ascii(name) || !ascii(link);
    if (pax) {
      StringBuilder records = new StringBuilder();
      records.append(paxRecord("path", name));
      if (!link.isEmpty()) {
        records.append(paxRecord("linkpath", link));
      }
      byte[] body = records.toString().getBytes(StandardCharsets.UTF_8);
      header("PaxHeader", 0644, body.length, mtime, 'x', "");
      out.write(body);
      pad(body.length);
      written += body.length;
    }
    header(pax ? shortName(name) : name, mode, size, mtime, type, pax ? shortName(link) : link);
    if (type == '0') {
      long copied;
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        copied = copy(in, size);
      }
      if (copied != size) {
        throw new IOException(file + " changed size while it was archived (" + size + " bytes expected, " + copied + " read)");
      }
      pad(size);
      written += size;
    }
  }

  private long copy(InputStream in, long size) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long done = 0;
    while (done < size) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - done));
      if (n < 0) {
        break;
      }
      out.write(buffer, 0, n);
      done += n;
    }
    return done;
  }

  private void header(String name, int mode, long size, long mtime, char type, String link) throws IOException {
    byte[] h = new byte[BLOCK];
    put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, Math.max(0, mtime));
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    h[156] = (byte) type;
    put(h, 157, 100, link.getBytes(StandardCharsets.UTF_8));
    put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    out.write(h);
    written += BLOCK;
  }

  private void finish() throws IOException {
    out.write(new byte[2 * BLOCK]);
    written += 2 * BLOCK;
    int rest = (int) (written % RECORD);
    if (rest != 0) {
      out.write(new byte[RECORD - rest]);
    }
    out.flush();
  }

  private void pad(long size) throws IOException {
    int rest = (int) (size % BLOCK);
    if (rest != 0) {
      out.write(new byte[BLOCK - rest]);
      written += BLOCK - rest;
    }
  }

  private static void put(byte[] h, int off, int len, byte[] value) {
    System.arraycopy(value, 0, h, off, Math.min(len, value.length));
  }

  private static void octal(byte[] h, int off, int len, long value) {
    String digits = Long.toOctalString(value);
    if (digits.length() > len - 1) {
      // GNU base-256 for values past the octal field, e.g. files of 8 GiB or more.
      h[off] = (byte) 0x80;
      for (int i = len - 1; i > 0; i--) {
        h[off + i] = (byte) value;
        value >>>= 8;
      }
      return;
    }
    String padded = "0".repeat(len - 1 - digits.length()) + digits;
    put(h, off, len - 1, padded.getBytes(StandardCharsets.US_ASCII));
  }

  private static String paxRecord(String key, String value) {
    // "<length> <key>=<value>\n", where the length counts itself.
    int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
    int length = body + String.valueOf(body).length();
    if (String.valueOf(length).length() != String.valueOf(body).length()) {
      length++;
    }
    return length + " " + key + "=" + value + "\n";
  }

  private static String shortName(String name) {
    StringBuilder ascii = new StringBuilder();
    for (char c : name.toCharArray()) {
      ascii.append(c < 0x80 ? c : '_');
    }
    return ascii.length() > 99 ? ascii.substring(ascii.length() - 99) : ascii.toString();
  }

  private static boolean ascii(String s) {
    return s.chars().allMatch(c -> c < 0x80);
  }

  private static int mode(Path file, BasicFileAttributes attrs) throws IOException {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
      int mode = 0;
      for (PosixFilePermission p : perms) {
        mode |= 1 << (8 - p.ordinal());
      }
      return mode;
    } catch (UnsupportedOperationException e) {
      return attrs.isDirectory() ? 0755 : 0644;
    }
  }
}
