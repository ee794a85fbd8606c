package dev.flightlog.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The data directory: created owner-only (0700) where the file system has permissions, and refused
 * when other users may write to it (they could alter the records, or the native library cached
 * there).
 */
final class DataHome {
  private DataHome() {}

  static Path prepare(Path home) {
    boolean posix = home.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      if (!Files.isDirectory(home)) {
        var parent = home.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        try {
          if (posix) {
            // Created owner-only, so it is never open to others, not even for a moment.
            var owner = PosixFilePermissions.fromString("rwx------");
            Files.createDirectory(home, PosixFilePermissions.asFileAttribute(owner));
            Files.setPosixFilePermissions(home, owner); // whatever the umask took away
          } else {
            Files.createDirectory(home);
          }
        } catch (FileAlreadyExistsException e) {
          if (!Files.isDirectory(home)) {
            throw e;
          } // else another flightlog created it just now
        }
      }
      if (posix) {
        var permissions = Files.getPosixFilePermissions(home);
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
            || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
          throw new IllegalStateException(
              "the data directory "
                  + home
                  + " is writable by other users ("
                  + PosixFilePermissions.toString(permissions)
                  + "); make it private with: chmod 700 "
                  + quoted(home)
                  + " (or set FLIGHTLOG_HOME to a private directory)");
        }
      }
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the data directory " + home + ": " + describe(e), e);
    }
  }

  /** Why a file operation failed, in words (a bare path is what the JDK often gives). */
  private static String describe(IOException e) {
    return switch (e) {
      case FileAlreadyExistsException exists -> exists.getFile() + " exists and is not a directory";
      case AccessDeniedException denied -> "permission denied on " + denied.getFile();
      case NoSuchFileException missing -> missing.getFile() + " does not exist";
      case FileSystemException other when other.getReason() != null ->
          other.getReason() + (other.getFile() == null ? "" : " (" + other.getFile() + ")");
      default -> String.valueOf(e.getMessage());
    };
  }

  /** A path as one POSIX shell word. */
  private static String quoted(Path path) {
    return "'" + path.toString().replace("'", "'\\''") + "'";
  }
}
