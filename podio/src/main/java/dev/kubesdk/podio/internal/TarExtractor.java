package dev.kubesdk.podio.internal;

import dev.kubesdk.podio.CopyException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Extracts a tar (ustar, pax and GNU long names) into a destination folder, refusing every entry
 * that could land outside it, the defences {@code kubectl cp} needed after CVE-2018-1002100,
 * CVE-2019-1002101, CVE-2019-11246 and CVE-2019-11249: an absolute name, a {@code ..} that climbs
 * out, a symbolic link whose target resolves outside, a hard link to outside, and any entry whose
 * path passes through a symbolic link (the link could have been planted by an earlier entry).
 * Existing symbolic links are never written through. Not thread-safe.
 */
public final class TarExtractor {
  private static final int BLOCK = 512;

  private final InputStream in;
  private final Path root;
  private final Path realRoot;
  private final byte[] block = new byte[BLOCK];

  private TarExtractor(InputStream in, Path root) throws IOException {
    this.in = in;
    this.root = root.toAbsolutePath().normalize();
    Files.createDirectories(this.root);
    this.realRoot = this.root.toRealPath();
  }

  /**
   * Extracts the archive in {@code in} under {@code destination}, created when missing.
   *
   * @return how many entries were written
   * @throws CopyException for an entry that would land outside, or of a kind not copied
   * @throws IOException when reading the archive or writing a file fails
   */
  public static int extract(InputStream in, Path destination) throws IOException {
    return new TarExtractor(in, destination).run();
  }

  private int run() throws IOException {
    String longName = null;
    String longLink = null;
    int count = 0;
    while (true) {
      if (!readBlock()) {
        return count; // an archive cut before its end marker: what arrived is written
      }
      if (isZero(block)) {
        return count;
      }
      checkSum();
      String name = longName != null ? longName : name();
      String link = longLink != null ? longLink : string(157, 100);
      longName = null;
      longLink = null;
      long size = number(124, 12);
      char type = (char) block[156];
      switch (type) {
        case 'x' -> {
          String[] paxed = pax(readBody(size));
          longName = paxed[0];
          longLink = paxed[1];
        }
        case 'g' -> skip(size); // global pax header: nothing we honour
        case 'L' -> longName = cString(readBody(size));
        case 'K' -> longLink = cString(readBody(size));
        case '0', '\0', '7' -> {
          writeFile(name, size, mode(), mtime());
          count++;
        }
        case '5' -> {
          Path dir = target(name);
          checkNoLinkOnTheWay(dir);
          Files.createDirectories(dir);
          count++;
        }
        case '2' -> {
          symlink(name, link);
          count++;
        }
        case '1' -> {
          hardLink(name, link);
          count++;
        }
        default -> throw new CopyException("archive entry \"" + name + "\" is of type '" + type + "' (a device, FIFO or other special file), which is not copied; nothing of it was written.");
      }
    }
  }

  /** Where {@code name} goes, or a refusal when that is not strictly inside the destination. */
  private Path target(String name) {
    if (name.startsWith("/") || name.matches("^[A-Za-z]:[\\\\/].*")) {
      throw refused(name, "has an absolute path");
    }
    Path target = root.resolve(name).normalize();
    if (!target.startsWith(root)) {
      throw refused(name, "climbs out of the destination with ..");
    }
    return target;
  }

  /** Refuses a path whose existing parents include a symbolic link, or resolve outside. */
  private void checkNoLinkOnTheWay(Path target) throws IOException {
    for (Path p = target.getParent(); p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw refused(root.relativize(target).toString(), "passes through the symbolic link " + root.relativize(p));
      }
    }
    Path parent = target.getParent();
    if (parent != null && Files.exists(parent) && !parent.toRealPath().startsWith(realRoot)) {
      throw refused(root.relativize(target).toString(), "resolves outside the destination");
    }
  }

  private void writeFile(String name, long size, int mode, long mtime) throws IOException {
    Path target = target(name);
    // Checked before any folder is made: a folder made through a planted link would already be outside.
    checkNoLinkOnTheWay(target);
    Files.createDirectories(target.getParent());
    if (Files.isSymbolicLink(target)) {
      throw refused(name, "would be written through the symbolic link already at that path");
    }
    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      byte[] buffer = new byte[64 * 1024];
      long left = size;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new EOFException("the archive ended inside \"" + name + "\", " + left + " of its " + size + " bytes missing");
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }
    skipPadding(size);
    permissions(target, mode);
    Files.setLastModifiedTime(target, FileTime.fromMillis(mtime * 1000));
  }

  private void symlink(String name, String link) throws IOException {
    Path target = target(name);
    if (link.isEmpty()) {
      throw refused(name, "is a symbolic link without a target");
    }
    // Where the link points, seen from its own folder; absolute targets point outside by definition.
    Path pointsTo = link.startsWith("/") ? Path.of(link) : target.getParent().resolve(link).normalize();
    if (link.startsWith("/") || !pointsTo.startsWith(root)) {
      throw refused(name, "is a symbolic link to \"" + link + "\", outside the destination");
    }
    checkNoLinkOnTheWay(target);
    Files.createDirectories(target.getParent());
    try {
      Files.createSymbolicLink(target, Path.of(link));
    } catch (FileAlreadyExistsException e) {
      throw refused(name, "is a symbolic link over an existing file");
    }
  }

  private void hardLink(String name, String link) throws IOException {
    Path target = target(name);
    Path source = target(link);
    checkNoLinkOnTheWay(source);
    checkNoLinkOnTheWay(target);
    if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
      throw refused(name, "is a hard link to \"" + link + "\", which is not a file extracted before it");
    }
    // A copy, not a link: a hard link would share the inode with whatever the source becomes.
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
  }

  private CopyException refused(String name, String why) {
    return new CopyException("refused archive entry \"" + name + "\": it " + why + " (" + root + "); nothing was written outside the destination.");
  }

  private boolean readBlock() throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw new EOFException("the archive ended inside a header (" + n + " of 512 bytes)");
    }
    return true;
  }

  private byte[] readBody(long size) throws IOException {
    if (size > 1024 * 1024) {
      throw new CopyException("archive has an extended header of " + size + " bytes; refusing more than 1 MiB");
    }
    byte[] body = in.readNBytes((int) size);
    if (body.length < size) {
      throw new EOFException("the archive ended inside an extended header");
    }
    skipPadding(size);
    return body;
  }

  private void skip(long size) throws IOException {
    in.skipNBytes(size + padding(size));
  }

  private void skipPadding(long size) throws IOException {
    in.skipNBytes(padding(size));
  }

  private static long padding(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private void checkSum() throws IOException {
    long stored = number(148, 8);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : block[i] & 0xff;
    }
    if (sum != stored) {
      throw new IOException("the archive has a header whose checksum is wrong (" + stored + ", computed " + sum + "): not a tar, or damaged");
    }
  }

  private String name() {
    String name = string(0, 100);
    String magic = string(257, 6);
    if (magic.startsWith("ustar")) {
      String prefix = string(345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
    }
    return name;
  }

  private int mode() {
    return (int) (number(100, 8) & 07777);
  }

  private long mtime() {
    return number(136, 12);
  }

  private long number(int off, int len) {
    if ((block[off] & 0x80) != 0) {
      long v = 0;
      for (int i = 1; i < len; i++) {
        v = (v << 8) | (block[off + i] & 0xff);
      }
      return v;
    }
    String s = string(off, len).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }

  private String string(int off, int len) {
    int end = off;
    while (end < off + len && block[end] != 0) {
      end++;
    }
    return new String(block, off, end - off, StandardCharsets.UTF_8);
  }

  private static String cString(byte[] b) {
    int end = 0;
    while (end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, 0, end, StandardCharsets.UTF_8);
  }

  /** The path and linkpath of a pax header; null where absent. */
  private static String[] pax(byte[] body) {
    String[] out = new String[2];
    int i = 0;
    while (i < body.length) {
      int space = i;
      while (space < body.length && body[space] != ' ') {
        space++;
      }
      int length;
      try {
        length = Integer.parseInt(new String(body, i, space - i, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new CopyException("archive has a malformed pax header");
      }
      if (length <= 0 || i + length > body.length) {
        throw new CopyException("archive has a malformed pax header");
      }
      String record = new String(body, space + 1, i + length - space - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq > 0) {
        String key = record.substring(0, eq);
        if (key.equals("path")) {
          out[0] = record.substring(eq + 1);
        } else if (key.equals("linkpath")) {
          out[1] = record.substring(eq + 1);
        }
      }
      i += length;
    }
    return out;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static void permissions(Path target, int mode) throws IOException {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] all = PosixFilePermission.values();
    for (int i = 0; i < 9; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        perms.add(all[i]);
      }
    }
    try {
      Files.setPosixFilePermissions(target, perms);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the default permissions stay
    }
  }
}
