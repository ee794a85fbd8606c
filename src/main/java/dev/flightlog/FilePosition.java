package dev.flightlog;

/**
 * How far a followed file has been read, and how to recognise it again: the file's device and
 * inode, a fingerprint of its first bytes, and the byte offset just past the last complete line
 * read. Stored in the same transaction as the records those lines produced.
 *
 * @param fingerprint hex SHA-256 of the file's first {@code fingerprintLength} bytes
 * @param size the file's size when it was last read
 * @param modifiedMs the file's modification time when it was last read
 * @param state the decoder's state after the last line, to continue mid-file
 */
public record FilePosition(
    String path,
    String device,
    String inode,
    String fingerprint,
    int fingerprintLength,
    long offset,
    long size,
    long modifiedMs,
    String state) {
  public FilePosition {
    Keys.require("path", path);
    if (offset < 0 || size < 0 || fingerprintLength < 0 || offset > size) {
      throw new IllegalArgumentException(
          "inconsistent position for " + path + ": offset " + offset + ", size " + size);
    }
  }
}
