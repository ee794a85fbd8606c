package dev.flightlog.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files and directories only their owner may use (PRODUCT.md §7): created {@code 0600} and {@code
 * 0700} whatever the umask (it can only take bits away from what is asked at creation, and files
 * get their mode set again after), and existing ones refused when other users may write to them,
 * with the {@code chmod} that fixes it. Where the file system has no POSIX permissions nothing is
 * checked.
 */
public final class OwnerOnly {

  private static final String DIRECTORY = "rwx------";
  private static final String FILE = "rw-------";

  private OwnerOnly() {}

  /**
   * Creates the directory and its missing parents, each owner-only; an existing directory is left
   * as it is (a parent such as {@code /tmp} may well be shared).
   *
   * @throws UncheckedIOException when it cannot be created
   */
  public static void createDirectories(Path dir) {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectories(dir, attributes(dir, DIRECTORY));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory " + dir + ": " + e, e);
    }
  }

  /**
   * Creates the directory (and its missing parents) owner-only, or refuses an existing one that
   * other users may write to.
   *
   * @param what what the directory is, for the message: {@code "the spool directory"}
   * @throws IllegalStateException when others may write to it
   * @throws UncheckedIOException when it cannot be created or looked at
   */
  public static void directory(Path dir, String what) {
    createDirectories(dir);
    try {
      refuseIfOthersMayWrite(dir, what, "700");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look at " + what + " " + dir + ": " + e, e);
    }
  }

  /**
   * Creates the file empty and owner-only unless it exists (never through a symbolic link left in
   * its place: creation is exclusive), then refuses it if other users may write to it.
   *
   * @param what what the file is, for the message: {@code "the database"}
   * @throws IllegalStateException when others may write to it
   * @throws UncheckedIOException when it cannot be created or looked at
   */
  public static void file(Path file, String what) {
    try {
      try {
        Files.createFile(file, attributes(file, FILE));
        if (posix(file)) {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(FILE));
        }
      } catch (FileAlreadyExistsException e) {
        // checked below
      }
      refuseIfOthersMayWrite(file, what, "600");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + what + " " + file + ": " + e, e);
    }
  }

  /**
   * Refuses a file or directory that other users may write to: they could change the records, or
   * the code loaded from there.
   *
   * @param mode the mode the {@code chmod} in the message sets: {@code 600} or {@code 700}
   * @throws IllegalStateException when group or others may write to it
   */
  public static void refuseIfOthersMayWrite(Path path, String what, String mode)
      throws IOException {
    if (!posix(path)) {
      return;
    }
    var permissions = Files.getPosixFilePermissions(path);
    if (permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IllegalStateException(
          what
              + " "
              + path
              + " is writable by other users ("
              + PosixFilePermissions.toString(permissions)
              + "); make it private with: chmod "
              + mode
              + " "
              + quoted(path));
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<?>[] attributes(Path path, String permissions) {
    if (!posix(path)) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
    };
  }

  /** A path as one POSIX shell word. */
  private static String quoted(Path path) {
    var text = path.toString();
    return text.matches("[A-Za-z0-9_@%+=:,./-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
  }
}
