package dev.flightlog.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spool directory: lists, reads and removes ready files for the daemon, and writes payloads
 * with the same temp-then-rename protocol as the shell spooler (for {@code flightlog hook}).
 *
 * <p>Only regular files directly in the directory count; symbolic links and subdirectories are
 * ignored and never followed, so a link cannot make the daemon read or remove a file outside the
 * spool ({@link #removeLinks} removes links themselves). Writes create a new temp file exclusively
 * (a link in its place fails the creation) and rename it, which replaces a link at the ready name
 * rather than writing through it.
 */
public final class Spool {

  /** The suffix of a ready file. */
  static final String READY = ".json";

  /** The suffix of a file being written (its name also starts with a dot). */
  static final String TEMP = ".tmp";

  private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private final Path dir;

  /** Makes the names this process writes distinct, whatever the clock says. */
  private final AtomicLong sequence = new AtomicLong();

  public Spool(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The spool directory. */
  public Path dir() {
    return dir;
  }

  /**
   * The ready files, oldest first (by modification time, then name). A missing directory has none.
   *
   * @throws UncheckedIOException when the directory exists but cannot be listed
   */
  public List<Path> ready() {
    record Found(Path path, FileTime modified) {}
    var found = new ArrayList<Found>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Spool::looksReady)) {
      for (var entry : entries) {
        try {
          var attributes = Files.readAttributes(entry, BasicFileAttributes.class, NO_FOLLOW);
          if (attributes.isRegularFile()) {
            found.add(new Found(entry, attributes.lastModifiedTime()));
          }
        } catch (NoSuchFileException e) {
          // drained by someone else between listing and looking
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot list the spool directory " + dir + ": " + reason(e), e);
    }
    found.sort(
        Comparator.comparing(Found::modified)
            .thenComparing(f -> f.path().getFileName().toString()));
    return found.stream().map(Found::path).toList();
  }

  /**
   * Removes the symbolic links that have a ready file's name: nobody but the owner can put one in
   * the owner-only spool, and a link there is never followed, only the link itself removed.
   *
   * @return the names of the links removed
   * @throws UncheckedIOException when the directory cannot be listed
   */
  public List<String> removeLinks() {
    var removed = new ArrayList<String>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Spool::looksReady)) {
      for (var entry : entries) {
        if (Files.isSymbolicLink(entry)) {
          Files.deleteIfExists(entry); // the link, not its target
          removed.add(entry.getFileName().toString());
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the spool directory " + dir + ": " + e, e);
    }
    return removed;
  }

  /** How many ready files wait to be drained. */
  public int backlog() {
    return ready().size();
  }

  /**
   * Reads a ready file: at most {@code maxBytes} of it, flagged oversize when it holds more.
   *
   * @throws IllegalArgumentException when the file is not a ready file of this spool
   * @throws UncheckedIOException when it cannot be read (e.g. it was removed meanwhile, or it is a
   *     symbolic link)
   */
  public SpoolEntry read(Path file, int maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
    }
    var own = own(file);
    try (SeekableByteChannel channel =
        Files.newByteChannel(own, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      var attributes = Files.readAttributes(own, BasicFileAttributes.class, NO_FOLLOW);
      if (!attributes.isRegularFile()) {
        throw new IOException("not a regular file");
      }
      long size = channel.size();
      var buffer = ByteBuffer.allocate((int) Math.min(size, maxBytes));
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // fills the buffer or stops at the end of the file
      }
      var bytes = Arrays.copyOf(buffer.array(), buffer.position());
      long total = Math.max(size, bytes.length);
      return new SpoolEntry(
          own, bytes, attributes.lastModifiedTime().toInstant(), total, total > bytes.length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the spool file " + own + ": " + reason(e), e);
    }
  }

  /**
   * Removes a drained file; one already gone is fine.
   *
   * @throws UncheckedIOException when it cannot be removed
   */
  public void remove(Path file) {
    var own = own(file);
    try {
      Files.deleteIfExists(own);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the spool file " + own + ": " + reason(e), e);
    }
  }

  /**
   * Writes one payload as a ready file: into a new hidden temp file first, then renamed, so the
   * daemon never sees part of it. Never throws.
   *
   * @return whether the payload is now in the spool
   */
  public boolean write(byte[] payload) {
    Path temp = null;
    try {
      createDirectory();
      for (int attempt = 0; attempt < 100; attempt++) {
        var name =
            "j"
                + ProcessHandle.current().pid()
                + "-"
                + System.nanoTime()
                + "-"
                + sequence.incrementAndGet();
        var ready = dir.resolve(name + READY);
        var candidate = dir.resolve("." + name + TEMP);
        if (Files.exists(ready, NO_FOLLOW)) {
          continue;
        }
        try (var out =
            Files.newByteChannel(
                candidate,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                ownerOnly("rw-------"))) {
          temp = candidate;
          var buffer = ByteBuffer.wrap(payload);
          while (buffer.hasRemaining()) {
            out.write(buffer);
          }
        } catch (FileAlreadyExistsException e) {
          continue; // someone else's; never touched
        }
        Files.move(temp, ready, StandardCopyOption.ATOMIC_MOVE);
        return true;
      }
      return false;
    } catch (IOException | RuntimeException e) {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException | RuntimeException ignored) {
          // nothing more can be done; a stale temp file is swept later
        }
      }
      return false;
    }
  }

  /**
   * Removes temp files last modified before {@code before}: the leftovers of writers that died
   * mid-write (a live writer takes milliseconds).
   *
   * @return how many were removed
   * @throws UncheckedIOException when the directory cannot be listed
   */
  public int sweepTemps(Instant before) {
    int removed = 0;
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(
            dir,
            p -> {
              var name = p.getFileName().toString();
              return name.startsWith(".") && name.endsWith(TEMP);
            })) {
      for (var entry : entries) {
        try {
          var attributes = Files.readAttributes(entry, BasicFileAttributes.class, NO_FOLLOW);
          if (attributes.isRegularFile()
              && attributes.lastModifiedTime().toInstant().isBefore(before)) {
            Files.deleteIfExists(entry);
            removed++;
          }
        } catch (NoSuchFileException e) {
          // finished or swept meanwhile
        }
      }
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot sweep the spool directory " + dir + ": " + reason(e), e);
    }
    return removed;
  }

  /** What went wrong, without the path the caller already names ("Read-only file system"). */
  private static String reason(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e instanceof AccessDeniedException ? "permission denied" : e.toString();
  }

  private static boolean looksReady(Path entry) {
    var name = entry.getFileName().toString();
    return !name.startsWith(".") && name.endsWith(READY) && name.length() > READY.length();
  }

  /** The file as a path in this spool, refusing anything else. */
  private Path own(Path file) {
    var absolute = file.toAbsolutePath().normalize();
    if (!dir.equals(absolute.getParent()) || !looksReady(absolute)) {
      throw new IllegalArgumentException(file + " is not a ready file of the spool " + dir);
    }
    return absolute;
  }

  /** Creates the directory owner-only (payloads may hold secrets) where it is missing. */
  private void createDirectory() throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir, ownerOnly("rwx------"));
  }

  /** Owner-only permissions where the file system has them (payloads may hold secrets). */
  private FileAttribute<?>[] ownerOnly(String permissions) {
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
    };
  }
}
