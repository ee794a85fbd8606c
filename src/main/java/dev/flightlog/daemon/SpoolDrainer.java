package dev.flightlog.daemon;

import dev.flightlog.Channel;
import dev.flightlog.ingest.HookIntake;
import dev.flightlog.ingest.Ingest;
import dev.flightlog.spool.Spool;
import dev.flightlog.store.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Drains the command-hook spool: each ready file goes through the hook intake, and is removed only
 * once ingest has committed it, so a crash replays a payload (harmless: records merge by key) but
 * never loses one. Files are noticed at once where the platform's file watching is native (inotify
 * on Linux) and at worst after one poll interval elsewhere (macOS's watch service only polls).
 */
final class SpoolDrainer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SpoolDrainer.class.getName());

  /** The largest payload read from a spool file; the rest is cut and the payload counted. */
  static final int MAX_PAYLOAD = 16 << 20;

  /** Files drained per transaction. */
  private static final int GROUP = 256;

  /** Temp files older than this are left by writers that died mid-write, and are swept. */
  private static final Duration STALE_TEMP = Duration.ofHours(1);

  private final Spool spool;
  private final HookIntake intake;
  private final Ingest ingest;
  private final Clock clock;
  private final Duration poll;
  private final Consumer<RuntimeException> onFailure;
  private final @Nullable WatchService watch;
  private final Thread thread;
  private final AtomicLong drained = new AtomicLong();
  private final AtomicLong links = new AtomicLong();
  private volatile boolean stopping;
  private @Nullable String lastWarning;

  private SpoolDrainer(
      Spool spool,
      HookIntake intake,
      Ingest ingest,
      Clock clock,
      Duration poll,
      Consumer<RuntimeException> onFailure) {
    this.spool = spool;
    this.intake = intake;
    this.ingest = ingest;
    this.clock = clock;
    this.poll = poll;
    this.onFailure = onFailure;
    this.watch = watch(spool.dir());
    this.thread = Thread.ofPlatform().name("flightlog-spool").daemon().unstarted(this::run);
  }

  /**
   * Creates the spool directory (owner-only) if needed, refuses it if other users may write to it,
   * and starts draining it.
   *
   * @param poll how often the directory is listed even without a file event
   * @param onFailure told when draining stops for good (ingest failed)
   */
  static SpoolDrainer start(
      Spool spool,
      HookIntake intake,
      Ingest ingest,
      Clock clock,
      Duration poll,
      Consumer<RuntimeException> onFailure) {
    OwnerOnly.directory(spool.dir(), "the spool directory");
    var drainer = new SpoolDrainer(spool, intake, ingest, clock, poll, onFailure);
    drainer.thread.start();
    return drainer;
  }

  private static @Nullable WatchService watch(Path dir) {
    try {
      var service = dir.getFileSystem().newWatchService();
      // a file renamed into the directory is reported as created
      dir.register(service, StandardWatchEventKinds.ENTRY_CREATE);
      return service;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(Level.DEBUG, "spool: no file watching ({0}); polling", e.toString());
      return null;
    }
  }

  /** Payloads drained since the start. */
  long drained() {
    return drained.get();
  }

  private void run() {
    long lastSweep = 0;
    while (!stopping) {
      try {
        drainAll();
        lastWarning = null;
        if (clock.millis() - lastSweep > STALE_TEMP.toMillis()) {
          spool.sweepTemps(clock.instant().minus(STALE_TEMP));
          lastSweep = clock.millis();
        }
        awaitChange();
      } catch (InterruptedException e) {
        return;
      } catch (UncheckedIOException e) {
        // Once per distinct problem: a read-only spool fails the same way every poll.
        var message = String.valueOf(e.getMessage());
        if (!message.equals(lastWarning)) {
          LOG.log(Level.WARNING, "spool: {0}; retrying", message);
          lastWarning = message;
        }
        sleepQuietly();
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "spool draining stopped: " + e.getMessage(), e);
        onFailure.accept(e);
        return;
      }
    }
  }

  /** Symbolic links found in the spool with a ready file's name and removed unread, since start. */
  long links() {
    return links.get();
  }

  /**
   * Drains every ready file, a group per transaction; a file is removed after its commit. Symbolic
   * links are removed unread (never followed) and counted. One listing is drained whole before the
   * directory is listed again: a backlog of n files costs one listing, not n / GROUP of them.
   */
  void drainAll() {
    var removed = spool.removeLinks();
    if (!removed.isEmpty()) {
      links.addAndGet(removed.size());
      LOG.log(
          Level.WARNING,
          "spool: removed {0} symbolic link(s) without following them: {1}",
          removed.size(),
          String.join(", ", removed));
    }
    while (true) {
      var ready = spool.ready();
      if (ready.isEmpty()) {
        return;
      }
      for (int from = 0; from < ready.size() && !stopping; from += GROUP) {
        drain(ready.subList(from, Math.min(ready.size(), from + GROUP)));
      }
      if (stopping) {
        return;
      }
    }
  }

  private void drain(List<Path> group) {
    var done = new ArrayList<Path>(group.size());
    for (var file : group) {
      if (stopping) {
        break;
      }
      try {
        var entry = spool.read(file, MAX_PAYLOAD);
        intake.accept(
            entry.bytes(),
            Channel.HOOK,
            entry.receivedAt(),
            "spool " + file.getFileName() + (entry.oversize() ? " (cut at 16 MiB)" : ""));
      } catch (UncheckedIOException e) {
        if (Files.exists(file)) {
          throw e;
        }
        // drained meanwhile (another daemon on the same spool); nothing to do
      }
      done.add(file);
    }
    ingest.flush();
    for (var file : done) {
      spool.remove(file);
    }
    drained.addAndGet(done.size());
  }

  private void awaitChange() throws InterruptedException {
    var service = watch;
    if (service == null) {
      Thread.sleep(poll.toMillis());
      return;
    }
    try {
      var key = service.poll(poll.toMillis(), TimeUnit.MILLISECONDS);
      if (key != null) {
        key.pollEvents();
        key.reset();
      }
    } catch (ClosedWatchServiceException e) {
      Thread.sleep(poll.toMillis());
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(poll.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops after the group in hand is committed and removed; what remains waits for next start. */
  @Override
  public void close() throws IOException {
    stopping = true;
    var service = watch;
    if (service != null) {
      service.close();
    }
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
    }
  }
}
