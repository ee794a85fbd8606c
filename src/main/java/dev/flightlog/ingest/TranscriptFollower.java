package dev.flightlog.ingest;

import dev.flightlog.FilePosition;
import dev.flightlog.ingest.FollowedFiles.Seen;
import dev.flightlog.tail.FileIdentity;
import dev.flightlog.tail.Positions;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Follows every Claude Code transcript under a set of roots while the daemon runs, reading each
 * file on from its position as it grows, through the same {@link TranscriptReader} as {@code
 * flightlog import}.
 *
 * <p>Two things make it read a file: a scan of the roots every {@code scanInterval}, which compares
 * each file's size, modification time and file key with what the last scan saw (one {@code stat}
 * per unchanged file, nothing opened), and {@link #wake}, which a hook calls with the {@code
 * transcript_path} it carries. A root that does not exist yet is scanned once it appears. Positions
 * are kept in memory after each batch is submitted; they reach the database with the batch's
 * records, in one transaction, so a restart resumes where the database says.
 *
 * <p>Reads are queued in two lanes so that a backfill never starves live capture: reads of at most
 * {@link FollowedFiles#LIVE_BYTES} new bytes (appends to followed files, new small sessions) go to
 * a live lane with its own worker; bigger ones (files never read, on the first start; files read
 * again from the start) go to a backlog lane, newest file first and files a hook named before the
 * rest, read by {@code backlogThreads} workers that keep at most about one batch ahead of the
 * database (see {@link Pacer}). A file is read by one worker at a time; a change noticed while it
 * is read makes it read again right after (see {@link FollowedFiles}).
 */
public final class TranscriptFollower implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(TranscriptFollower.class.getName());

  /** At most this many files outside the roots are followed because a hook named them. */
  static final int MAX_OUTSIDE = 10_000;

  /** At most this many wake-ups wait for the dispatcher; more are dropped (the scan finds them). */
  private static final int MAX_WAKEUPS = 10_000;

  /** How long {@link #close} waits for reads in progress before interrupting them. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  /** Marks the end of the wake-up queue when the follower closes. */
  private static final Path END = Path.of("");

  /**
   * How the follower runs.
   *
   * @param roots directories to scan (Claude Code's {@code projects} folders); they need not exist
   * @param scanInterval how often the roots are scanned for changes
   * @param debounce how long a wake-up waits for more wake-ups before reading (bursts coalesce)
   * @param lineCap lines longer than this many bytes are skipped and counted
   * @param backlogThreads workers reading the backlog (files never read, on the first start)
   * @param backfill whether files never read before are read from their start; when false, files
   *     present at the first scan without a stored position are followed from their current end
   */
  public record Settings(
      List<Path> roots,
      Duration scanInterval,
      Duration debounce,
      int lineCap,
      int backlogThreads,
      boolean backfill,
      @Nullable Archive archive) {

    /** Settings without an archive. */
    public Settings(
        List<Path> roots,
        Duration scanInterval,
        Duration debounce,
        int lineCap,
        int backlogThreads,
        boolean backfill) {
      this(roots, scanInterval, debounce, lineCap, backlogThreads, backfill, null);
    }

    public Settings {
      roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
      if (scanInterval.toMillis() < 10) {
        throw new IllegalArgumentException(
            "the scan interval must be at least 10 ms, was " + scanInterval.toMillis() + " ms");
      }
      if (debounce.isNegative() || debounce.compareTo(Duration.ofSeconds(1)) > 0) {
        throw new IllegalArgumentException(
            "the wake-up debounce must be 0 to 1000 ms, was " + debounce.toMillis() + " ms");
      }
      if (lineCap < 1) {
        throw new IllegalArgumentException("line cap must be at least 1 byte, was " + lineCap);
      }
      if (backlogThreads < 1 || backlogThreads > 64) {
        throw new IllegalArgumentException(
            "backlog threads must be 1 to 64, was " + backlogThreads);
      }
    }
  }

  /**
   * What the follower has done since it started.
   *
   * @param files transcripts followed now
   * @param queued files waiting to be read
   * @param backlogBytes bytes waiting in the backlog lane
   * @param bytes bytes read
   * @param lines complete lines read
   * @param records facts submitted
   * @param skipped lines and files skipped
   * @param scans scans of the roots completed
   */
  public record Status(
      int files,
      int queued,
      long backlogBytes,
      long bytes,
      long lines,
      long records,
      long skipped,
      long scans) {}

  private final Settings settings;
  private final Clock clock;
  private final Consumer<RuntimeException> onFailure;
  private final Ingest ingest;
  private final ReadCounts counts = new ReadCounts();
  private final TranscriptReader reader;
  private final FollowedFiles files;
  private final LinkedBlockingQueue<Path> wakeups = new LinkedBlockingQueue<>(MAX_WAKEUPS);
  private final AtomicLong scans = new AtomicLong();
  private final Set<String> reportedUnreadable = ConcurrentHashMap.newKeySet();
  private final List<Thread> threads = new ArrayList<>();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Set when the follower closes or fails: every loop and read in progress ends. */
  private volatile boolean stopping;

  private final long startedMs;

  /** For the backfill's log lines; guarded by {@code this}. */
  private boolean firstScanDone;

  private boolean backfillLogged;

  private TranscriptFollower(
      Ingest ingest,
      Map<String, FilePosition> stored,
      Settings settings,
      Clock clock,
      Consumer<RuntimeException> onFailure) {
    this.ingest = ingest;
    this.settings = settings;
    this.clock = clock;
    this.onFailure = onFailure;
    this.files = new FollowedFiles(stored, MAX_OUTSIDE);
    this.startedMs = clock.millis();
    this.reader =
        new TranscriptReader(
            ingest, settings.lineCap(), counts, () -> stopping, settings.archive());
  }

  /**
   * Starts following: the first scan (and with it the backfill) begins at once, on the follower's
   * own threads; this method does not wait for it.
   *
   * @param stored the stored positions of every file read before, by path
   * @param onFailure called once, from a follower thread, if storing fails: the follower has then
   *     stopped reading, and the daemon should stop
   */
  public static TranscriptFollower start(
      Ingest ingest,
      Map<String, FilePosition> stored,
      Settings settings,
      Clock clock,
      Consumer<RuntimeException> onFailure) {
    var follower = new TranscriptFollower(ingest, stored, settings, clock, onFailure);
    follower.threads.add(thread("scan", follower::scanLoop));
    follower.threads.add(thread("wake", follower::wakeLoop));
    follower.threads.add(thread("live", () -> follower.readLoop(true)));
    for (int i = 0; i < settings.backlogThreads(); i++) {
      follower.threads.add(thread("backlog-" + i, () -> follower.readLoop(false)));
    }
    return follower;
  }

  private static Thread thread(String name, Runnable work) {
    return Thread.ofVirtual().name("flightlog-follow-" + name).start(work);
  }

  /**
   * Reads the transcript at {@code transcriptPath} (and, for a session's main transcript, its
   * subagents' transcripts) soon: after a few milliseconds in which more wake-ups for it coalesce,
   * ahead of any backlog. Returns at once; never throws. A path inside the roots is always
   * followed; a path outside them only when it is absolute and named like a Claude Code transcript
   * ({@code <session>.jsonl}, or {@code <session>/subagents/agent-<id>.jsonl}) and is a regular
   * file (not a symbolic link), and then it is scanned from then on like the rest, up to {@value
   * #MAX_OUTSIDE} such files.
   */
  public void wake(Path transcriptPath) {
    if (stopping || !transcriptPath.isAbsolute()) {
      return;
    }
    // A full queue drops the wake-up: the next scan reads the file anyway.
    var ignored = wakeups.offer(transcriptPath.normalize());
  }

  /** What the follower has done so far. */
  public Status status() {
    return new Status(
        files.size(),
        files.queued(),
        files.backlogBytes(),
        counts.bytes.sum(),
        counts.lines.sum(),
        counts.records.sum(),
        counts.skippedTotal(),
        scans.get());
  }

  /**
   * Stops scanning and reading: a read in progress submits what it has, at a line boundary, and
   * stops. Returns when every follower thread has ended; ingest is not flushed (its owner closes it
   * next).
   */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    halt();
    boolean interrupted = false;
    long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
    for (var thread : threads) {
      while (true) {
        try {
          long left = deadline - System.nanoTime();
          if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
            // Past the grace: a read still waiting for ingest (the database cannot be written) is
            // interrupted; what it read is not submitted, and is read again from the stored
            // position at the next start.
            thread.interrupt();
            thread.join();
          }
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ends every loop: the scanner's wait, the wake-up queue, the workers' waits. */
  private void halt() {
    stopping = true;
    stop.countDown();
    files.stop();
    wakeups.clear();
    var ignored = wakeups.offer(END);
  }

  private void fail(RuntimeException e) {
    if (stopping) {
      return; // closing, or failed already
    }
    halt();
    LOG.log(System.Logger.Level.ERROR, "following transcripts stopped: " + e.getMessage(), e);
    onFailure.accept(e);
  }

  // ---- scanning ----

  private void scanLoop() {
    try {
      boolean first = true;
      while (!stopping) {
        scan(first);
        first = false;
        if (stop.await(settings.scanInterval().toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void scan(boolean first) {
    long pass = scans.get() + 1;
    var walked = new ArrayList<Path>();
    for (var root : settings.roots()) {
      if (stopping) {
        return;
      }
      if (Files.isDirectory(root) && walk(root, pass, first)) {
        walked.add(root);
      }
    }
    for (var f : files.outsideRoots()) {
      var path = f.file.path();
      try {
        var attributes =
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isRegularFile()) {
          consider(path, attributes, null, pass, false, first);
        }
      } catch (IOException e) {
        // Gone or unreadable: forgotten below, as this pass did not see it.
      }
    }
    files.forgetUnseen(pass, walked);
    scans.set(pass);
    if (first) {
      backfillStarts();
    }
  }

  /**
   * Walks one root; false if it could not be walked whole (then nothing under it is forgotten). A
   * root that is a symbolic link is walked where it points, and files are named through the root,
   * as Claude Code (and so its hooks) names them.
   */
  private boolean walk(Path root, long pass, boolean first) {
    var whole = new boolean[] {true};
    try {
      var start = Files.isSymbolicLink(root) ? root.toRealPath() : root;
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) {
              if (stopping) {
                return FileVisitResult.TERMINATE;
              }
              if (attributes.isRegularFile() && path.getFileName().toString().endsWith(".jsonl")) {
                var named = start == root ? path : root.resolve(start.relativize(path));
                consider(named, attributes, root, pass, false, first);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path path, IOException e) {
              if (!(e instanceof NoSuchFileException)) {
                whole[0] = false;
                unreadable(path, e);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      unreadable(root, e);
      return false;
    }
    return whole[0] && !stopping;
  }

  /** Logs an unreadable file or folder once per run: the scan meets it every few seconds. */
  private void unreadable(Path path, IOException e) {
    if (reportedUnreadable.add(path.toString())) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot read {0}: {1}; it is skipped until it can be read",
          path,
          TranscriptReader.describe(e));
    }
  }

  /**
   * Looks at one transcript the scan or a wake-up found and queues a read if it has changed since
   * it was last read. Unchanged files cost the {@code stat} the caller already made.
   */
  private void consider(
      Path path,
      BasicFileAttributes attributes,
      @Nullable Path root,
      long pass,
      boolean woken,
      boolean firstScan) {
    var f = files.found(path, root, pass);
    if (f == null) {
      return;
    }
    if (!woken) {
      // Only the scanning thread keeps what the scan saw; a wake-up always looks.
      var seen = Seen.of(attributes);
      if (seen.equals(f.seen)) {
        return;
      }
      f.seen = seen;
    }
    FileIdentity now;
    try {
      now = FileIdentity.of(path);
    } catch (IOException e) {
      if (!woken) {
        f.seen = null; // look again next scan
      }
      return;
    }
    var position = files.position(f);
    if (position == null && firstScan && !settings.backfill()) {
      // Not backfilled: its history is left to flightlog import, its new lines are read.
      try {
        files.startAt(f, Positions.atEnd(path, now));
        return;
      } catch (IOException e) {
        // read from the start like any new file
      }
    }
    long from = 0;
    if (position != null
        && position.device().equals(now.device())
        && position.inode().equals(now.inode())
        && now.size() >= position.offset()) {
      if (now.size() == position.size() && now.modifiedMs() == position.modifiedMs()) {
        return;
      }
      from = position.offset();
    }
    // The first scan's files never read before are the backfill: the backlog lane, whatever their
    // size. Later, a new file is a new session and as live as an append.
    files.schedule(
        f, Math.max(0, now.size() - from), now.modifiedMs(), woken, position == null && firstScan);
  }

  // ---- wake-ups ----

  private void wakeLoop() {
    try {
      while (!stopping) {
        var first = wakeups.take();
        if (first == END) {
          return;
        }
        if (!settings.debounce().isZero()) {
          Thread.sleep(settings.debounce());
        }
        var paths = new LinkedHashSet<Path>();
        paths.add(first);
        var more = new ArrayList<Path>();
        wakeups.drainTo(more);
        paths.addAll(more);
        if (paths.remove(END)) {
          return;
        }
        for (var path : paths) {
          wakeOne(path);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void wakeOne(Path path) {
    var file = dev.flightlog.claude.TranscriptFile.of(path);
    if (file == null) {
      return;
    }
    var root = settings.roots().stream().filter(path::startsWith).findFirst().orElse(null);
    long pass = scans.get();
    considerNamed(path, root, pass);
    if (!file.subagent()) {
      var subagents = path.resolveSibling(file.sessionId()).resolve("subagents");
      if (Files.isDirectory(subagents, LinkOption.NOFOLLOW_LINKS)) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(subagents, "agent-*.jsonl")) {
          for (var entry : entries) {
            considerNamed(entry, root, pass);
          }
        } catch (IOException e) {
          // The next scan reports it if it stays unreadable.
        }
      }
    }
  }

  private void considerNamed(Path path, @Nullable Path root, long pass) {
    try {
      var attributes =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isRegularFile()) {
        consider(path, attributes, root, pass, true, false);
      }
    } catch (IOException e) {
      // Not there (yet): a hook may name a transcript before Claude Code creates it.
    }
  }

  // ---- reading ----

  private void readLoop(boolean live) {
    var pacer = live ? null : new Pacer(ingest);
    try {
      FollowedFiles.Read next;
      while ((next = files.take(live)) != null) {
        var outcome = reader.read(next.followed().file, next.position(), pacer);
        if (files.done(next.followed(), outcome, live)) {
          backfillEnds();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      if (pacer != null) {
        try {
          pacer.awaitPrevious();
        } catch (RuntimeException e) {
          fail(e);
        }
      }
    }
  }

  // ---- the backfill's log lines ----

  /** At the end of the first scan. */
  private synchronized void backfillStarts() {
    firstScanDone = true;
    LOG.log(
        System.Logger.Level.INFO,
        "following {0} transcripts under {1}",
        files.size(),
        settings.roots().size() == 1 ? settings.roots().get(0) : settings.roots());
    if (files.backlogIdle()) {
      backfillDone();
    } else {
      LOG.log(
          System.Logger.Level.INFO,
          "backfilling {0} files ({1} MB queued), newest first",
          files.backlogFiles(),
          files.backlogBytes() / 1_000_000);
    }
  }

  /** When the backlog lane has run empty. */
  private synchronized void backfillEnds() {
    if (firstScanDone) {
      backfillDone();
    }
  }

  private void backfillDone() {
    if (backfillLogged) {
      return;
    }
    backfillLogged = true;
    if (counts.bytes.sum() > 0) {
      LOG.log(
          System.Logger.Level.INFO,
          "backfill done: {0} MB, {1} records in {2} s",
          counts.bytes.sum() / 1_000_000,
          counts.records.sum(),
          String.format(Locale.ROOT, "%.1f", (clock.millis() - startedMs) / 1000.0));
    }
  }
}
