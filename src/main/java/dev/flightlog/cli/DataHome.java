package dev.flightlog.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** The data directory: created owner-only (0700) where the file system has permissions. */
final class DataHome {
  private DataHome() {}

  static Path prepare(Path home) {
    try {
      if (!Files.isDirectory(home)) {
        Files.createDirectories(home);
        if (home.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        }
      }
      if (home.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(home);
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
            || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
          throw new IllegalStateException(
              "the data directory "
                  + home
                  + " is writable by other users; run: chmod 700 '"
                  + home
                  + "'");
        }
      }
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the data directory " + home + ": " + e.getMessage(), e);
    }
  }
}
