package dev.flightlog.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A computed change to one Claude Code settings file: its text before (as flightlog writes JSON, so
 * a diff shows only what changes) and after, and warnings. Nothing is written until {@link #apply}.
 */
public final class SettingsEdit {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path file;
  private final byte @Nullable [] original;
  private final String before;
  private final String after;
  private final List<String> warnings;

  SettingsEdit(
      Path file, byte @Nullable [] original, String before, String after, List<String> warnings) {
    this.file = Objects.requireNonNull(file, "file");
    this.original = original;
    this.before = before;
    this.after = after;
    this.warnings = List.copyOf(warnings);
  }

  /** The settings file (a symbolic link's target: the link itself is kept). */
  public Path file() {
    return file;
  }

  /** Whether the file exists now. */
  public boolean existed() {
    return original != null;
  }

  /** Whether applying would change the file. */
  public boolean changed() {
    return !before.equals(after);
  }

  /** Things the user should know: values of theirs flightlog kept, leftovers it found. */
  public List<String> warnings() {
    return warnings;
  }

  /** The file's content after the edit. */
  public String after() {
    return after;
  }

  /** The change as a unified diff; empty when nothing changes. */
  public String diff() {
    var name = file.toString();
    return Diff.unified(before, after, existed() ? name : "/dev/null", name);
  }

  /**
   * Writes the change: a copy of the file as it was first ({@code <name>.flightlog-backup-<UTC
   * time>}), then the new content into a temp file beside it (with the old file's permissions),
   * renamed over it in one step. Does nothing when nothing changes.
   *
   * @return the backup, or null when there was no file or nothing changed
   * @throws InstallException when the file changed since it was read, or cannot be written
   */
  public @Nullable Path apply(Clock clock) {
    if (!changed()) {
      return null;
    }
    var dir =
        java.util.Objects.requireNonNull(file.toAbsolutePath().getParent(), "a file's folder");
    Path temp = null;
    try {
      Files.createDirectories(dir);
      var now = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(file) : null;
      if (!Arrays.equals(now, original)) {
        throw new InstallException(
            file
                + " changed while flightlog was editing it; nothing was written — run the command"
                + " again");
      }
      Path backup = null;
      if (original != null) {
        backup = backup(clock);
      }
      temp = Files.createTempFile(dir, "." + file.getFileName() + ".flightlog-", ".tmp");
      Files.write(temp, after.getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE);
      if (original != null
          && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
      } else if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      }
      try (var channel = java.nio.channels.FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
      return backup;
    } catch (IOException e) {
      throw new InstallException("cannot write " + file + ": " + e + " — nothing was changed", e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // best effort; the temp file's name says whose it is
        }
      }
    }
  }

  /** Copies the file to a backup that does not exist yet. */
  private Path backup(Clock clock) throws IOException {
    var base = file.getFileName() + ".flightlog-backup-" + STAMP.format(clock.instant());
    for (int n = 0; ; n++) {
      var backup = file.resolveSibling(n == 0 ? base : base + "-" + n);
      try {
        Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
        return backup;
      } catch (FileAlreadyExistsException e) {
        // a backup from the same second: take the next name
      }
    }
  }
}
