package dev.flightlog.daemon;

import dev.flightlog.store.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One daemon per database: an exclusive lock on {@code <database>.serve.lock}, held while the
 * daemon runs and released by the operating system if the process dies. Two daemons following the
 * same transcripts into one database would each keep their own positions and read everything twice.
 * The file holds the holder's process id, for the error message. It is created owner-only, and a
 * symbolic link in its place is refused, never followed.
 */
public final class ServeLock implements AutoCloseable {

  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;

  private ServeLock(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  static ServeLock acquire(Path database) {
    var path = database.resolveSibling(database.getFileName() + ".serve.lock");
    if (!HELD.add(path)) {
      throw inUse(database, String.valueOf(ProcessHandle.current().pid()));
    }
    try {
      return lock(database, path);
    } catch (RuntimeException e) {
      HELD.remove(path);
      throw e;
    }
  }

  /**
   * Holds the lock for {@code command}, which must not run while a daemon records into the database
   * (it rewrites the file): a daemon started meanwhile waits for nothing and fails. Throws when a
   * daemon holds it, telling to stop flightlog serve first.
   */
  public static ServeLock exclusive(Path database, String command) {
    var normalized = database.toAbsolutePath().normalize();
    try {
      return acquire(normalized);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          command
              + ": "
              + String.valueOf(e.getMessage())
                  .replace("another flightlog serve", "flightlog serve")
                  .replace(IN_USE_ADVICE, "; stop flightlog serve first, then run this again"),
          e);
    }
  }

  private static final String IN_USE_ADVICE = "; stop it first, or give this one another --db";

  private static IllegalStateException inUse(Path database, String holder) {
    return new IllegalStateException(
        "another flightlog serve"
            + (holder.isEmpty() ? "" : " (pid " + holder + ")")
            + " is already recording into "
            + database
            + IN_USE_ADVICE);
  }

  private static ServeLock lock(Path database, Path path) {
    FileChannel channel = null;
    try {
      var parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        OwnerOnly.createDirectories(parent);
      }
      if (Files.isSymbolicLink(path)) {
        throw new IllegalStateException(
            "the lock file "
                + path
                + " is a symbolic link, which flightlog does not follow; remove it: rm "
                + path);
      }
      // Owner-only when created (the umask can only take bits away), never through a link.
      channel =
          FileChannel.open(
              path,
              Set.of(
                  StandardOpenOption.CREATE,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      OwnerOnly.refuseIfOthersMayWrite(path, "the lock file", "600");
      var lock = channel.tryLock();
      if (lock == null) {
        var holder = holder(channel);
        channel.close();
        throw inUse(database, holder);
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
      return new ServeLock(path, channel, lock);
    } catch (IOException e) {
      closeAfter(channel, e);
      // The reason alone ("Read-only file system", "Permission denied"): the path is said once.
      var reason =
          e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
              ? fs.getReason()
              : e instanceof java.nio.file.AccessDeniedException
                  ? "permission denied"
                  : e.toString();
      throw new UncheckedIOException(
          "cannot create the lock file "
              + path
              + ": "
              + reason
              + " (the data directory must be writable: check FLIGHTLOG_HOME or --db)",
          e);
    } catch (RuntimeException e) {
      closeAfter(channel, e);
      throw e;
    }
  }

  private static void closeAfter(@Nullable FileChannel channel, Exception failure) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        failure.addSuppressed(suppressed);
      }
    }
  }

  private static String holder(FileChannel channel) throws IOException {
    var buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      try {
        channel.close();
      } finally {
        HELD.remove(path);
      }
    }
  }
}
