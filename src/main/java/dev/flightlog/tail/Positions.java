package dev.flightlog.tail;

import dev.flightlog.FilePosition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Decides where to resume a followed file, and makes the position to store after reading it. A file
 * is the same file when its device and inode match, it is not shorter than the stored offset, and
 * its first bytes still have the stored fingerprint.
 */
public final class Positions {

  /** How many leading bytes identify a file's content. */
  public static final int FINGERPRINT_BYTES = 4096;

  private Positions() {}

  /** Where to resume {@code path}, which looks like {@code now}, given its stored position. */
  public static Resume resume(Path path, FileIdentity now, @Nullable FilePosition stored)
      throws IOException {
    if (stored == null) {
      return new Resume.Restart("new");
    }
    if (!stored.device().equals(now.device()) || !stored.inode().equals(now.inode())) {
      return new Resume.Restart("replaced");
    }
    if (now.size() < stored.offset()) {
      return new Resume.Restart("truncated");
    }
    if (now.size() == stored.size() && now.modifiedMs() == stored.modifiedMs()) {
      return new Resume.Unchanged();
    }
    if (!fingerprint(path, stored.fingerprintLength()).equals(stored.fingerprint())) {
      return new Resume.Restart("rewritten");
    }
    return new Resume.Continue(stored.offset(), stored.state());
  }

  /** The position to store after reading {@code path} up to {@code offset}. */
  public static FilePosition after(Path path, FileIdentity seen, long offset, String state)
      throws IOException {
    int length = (int) Math.min(FINGERPRINT_BYTES, Math.max(offset, seen.size()));
    return new FilePosition(
        path.toString(),
        seen.device(),
        seen.inode(),
        fingerprint(path, length),
        length,
        offset,
        Math.max(seen.size(), offset),
        seen.modifiedMs(),
        state);
  }

  /**
   * The position just past the last complete line of {@code path}, which looks like {@code now},
   * with an empty decoder state: for following a file from its end without reading its history.
   */
  public static FilePosition atEnd(Path path, FileIdentity now) throws IOException {
    long lineEnd = 0;
    try (var channel = FileChannel.open(path, StandardOpenOption.READ)) {
      var buffer = ByteBuffer.allocate(64 * 1024);
      long end = Math.min(now.size(), channel.size());
      search:
      while (end > 0) {
        long start = Math.max(0, end - buffer.capacity());
        buffer.clear().limit((int) (end - start));
        while (buffer.hasRemaining()) {
          if (channel.read(buffer, start + buffer.position()) < 0) {
            break;
          }
        }
        for (int i = buffer.position() - 1; i >= 0; i--) {
          if (buffer.get(i) == '\n') {
            lineEnd = start + i + 1;
            break search;
          }
        }
        end = start;
      }
    }
    return after(path, now, lineEnd, "");
  }

  /** Hex SHA-256 of the first {@code length} bytes of the file (fewer if it is shorter). */
  static String fingerprint(Path path, int length) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(path)) {
      digest.update(in.readNBytes(length));
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
