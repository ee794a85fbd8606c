package dev.flightlog.spool;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One ready spool file as read: its payload bytes (at most the limit the reader gave), when it was
 * received (the file's modification time), its full size, and whether it was larger than the limit,
 * in which case {@code bytes} holds only its first part.
 */
@SuppressWarnings("ArrayRecordComponent") // the payload is handed on as it is, never compared
public record SpoolEntry(Path file, byte[] bytes, Instant receivedAt, long size, boolean oversize) {
  public SpoolEntry {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (size < bytes.length) {
      throw new IllegalArgumentException(
          "size " + size + " is less than the " + bytes.length + " bytes read from " + file);
    }
    if (oversize != (size > bytes.length)) {
      throw new IllegalArgumentException(
          "oversize must say whether " + file + " has more than the bytes read");
    }
  }
}
