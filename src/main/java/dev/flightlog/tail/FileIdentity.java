package dev.flightlog.tail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * What a file is right now: its device and inode (or the platform's file key where there are none),
 * size and modification time, read with one {@code stat}.
 */
public record FileIdentity(String device, String inode, long size, long modifiedMs) {

  /** Stats the file without following a symbolic link at its end. */
  public static FileIdentity of(Path path) throws IOException {
    try {
      var unix =
          Files.readAttributes(
              path, "unix:dev,ino,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
      return new FileIdentity(
          String.valueOf(unix.get("dev")),
          String.valueOf(unix.get("ino")),
          (Long) Objects.requireNonNull(unix.get("size")),
          ((java.nio.file.attribute.FileTime) Objects.requireNonNull(unix.get("lastModifiedTime")))
              .toMillis());
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      var basic = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      var key = basic.fileKey();
      return new FileIdentity(
          "", key == null ? "" : key.toString(), basic.size(), basic.lastModifiedTime().toMillis());
    }
  }
}
