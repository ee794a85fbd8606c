package dev.flightlog.daemon;

import dev.flightlog.ingest.Gate;
import dev.flightlog.ingest.HookIntake;
import dev.flightlog.ingest.Ingest;
import dev.flightlog.ingest.OtlpIntake;
import dev.flightlog.ingest.TranscriptFollower;
import dev.flightlog.live.Broker;
import dev.flightlog.report.PriceTable;
import dev.flightlog.report.Reports;
import dev.flightlog.spool.Spool;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import dev.flightlog.web.Health;
import dev.flightlog.web.Server;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The running daemon. {@link #start} wires and starts every component, in order, by hand: the
 * store, ingest (the one write path), the transcript follower, then the intake channels. {@link
 * #close} closes them in reverse: intake stops first, then following, then ingest commits what is
 * queued, then the store closes — so nothing accepted is lost, and every failure is collected (see
 * {@link Started}).
 *
 * <p>To add a component, start it in {@link #start} after what it uses, with {@code
 * started.add("name", component)}; it is then closed before them. Intake (the HTTP server, the
 * spool drainer) goes last, so that it stops first.
 */
public final class Daemon implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Daemon.class.getName());

  /**
   * What the daemon needs to run, resolved by the command line.
   *
   * @param db the database
   * @param nativeCache where SQLite's native library is kept between runs; null: a temporary place
   * @param http where and how the daemon takes hooks and OTLP and serves its API
   * @param dataHome the data directory; the command-hook spool is its {@code spool} folder
   * @param version this flightlog's version, for the health endpoint
   * @param transcripts how transcripts are followed
   * @param gate how content is redacted and how much is kept (the capture levels)
   */
  public record Settings(
      Dsn db,
      @Nullable Path nativeCache,
      Server.Config http,
      Path dataHome,
      String version,
      TranscriptFollower.Settings transcripts,
      Gate gate) {

    /** Settings with the default capture level everywhere. */
    public Settings(
        Dsn db,
        @Nullable Path nativeCache,
        Server.Config http,
        Path dataHome,
        String version,
        TranscriptFollower.Settings transcripts) {
      this(db, nativeCache, http, dataHome, version, transcripts, Gate.DEFAULT);
    }
  }

  /**
   * How often a write that failed for a reason that may pass (full disk, read-only, locked) is
   * tried again: the daemon waits it out rather than exit, since a restart would not help.
   */
  private static final Duration RETRY_WRITES = Duration.ofSeconds(1);

  /** How often the spool is listed even without a file event (macOS watches by polling). */
  private static final Duration SPOOL_POLL = Duration.ofMillis(250);

  private final Settings settings;
  private final Started started;
  private final Store store;
  private final TranscriptFollower transcripts;
  private final Server server;
  private final Stop stop;
  private final long startedMs;
  private final Clock clock;
  private boolean closed;

  /** Ends {@link #awaitShutdown}: a stop request, or the first failure of a component. */
  private static final class Stop {
    private final CountDownLatch latch = new CountDownLatch(1);
    private final AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();

    void request() {
      latch.countDown();
    }

    void fail(RuntimeException e) {
      failure.compareAndSet(null, e);
      latch.countDown();
    }
  }

  private Daemon(
      Settings settings,
      Started started,
      Store store,
      TranscriptFollower transcripts,
      Server server,
      Stop stop,
      Clock clock,
      long startedMs) {
    this.settings = settings;
    this.started = started;
    this.store = store;
    this.transcripts = transcripts;
    this.server = server;
    this.stop = stop;
    this.clock = clock;
    this.startedMs = startedMs;
  }

  /**
   * Starts every component, in order; if one fails to start, those already started are closed and
   * the failure is thrown.
   */
  public static Daemon start(Settings settings, Clock clock) {
    long startedMs = clock.millis();
    var started = new Started();
    var stop = new Stop();
    try {
      if (settings.db() instanceof Dsn.Sqlite sqlite) {
        started.add("lock", ServeLock.acquire(sqlite.file().toAbsolutePath().normalize()));
      }
      var store = started.add("store", Store.open(settings.db(), clock, settings.nativeCache()));
      var broker = new Broker();
      var ingest = started.add("ingest", new Ingest(store, settings.gate(), broker, RETRY_WRITES));
      var transcripts =
          started.add(
              "transcript follower",
              TranscriptFollower.start(
                  ingest, store.positions(), settings.transcripts(), clock, stop::fail));
      // Intake starts last, so that it stops first. A hook payload names its transcript, which
      // wakes the follower at once.
      var hooks = new HookIntake(ingest, clock, transcripts::wake);
      var otlp = new OtlpIntake(ingest);
      var spool = new Spool(settings.dataHome().resolve("spool"));
      var drainer =
          started.add(
              "spool drainer",
              SpoolDrainer.start(spool, hooks, ingest, clock, SPOOL_POLL, stop::fail));
      var startedAt = Instant.ofEpochMilli(startedMs);
      var reads = store.reads();
      var dbName = store.file().toString();
      var retention = new RetentionWatch(settings.transcripts().roots(), store, clock);
      Supplier<Health> health =
          () -> {
            var now = reads.health();
            return new Health(
                settings.version(),
                ProcessHandle.current().pid(),
                startedAt,
                settings.dataHome().toString(),
                dbName,
                spool.backlog(),
                latest(now.lastHookAt(), now.lastTranscriptReadAt()),
                retention.get(),
                drainer.links());
          };
      // As for flightlog report: the price file is read for each report, so an edit counts at once.
      var prices = settings.dataHome().resolve("prices.json");
      Supplier<Reports> reports = () -> new Reports(reads, PriceTable.load(prices));
      var server =
          started.add(
              "http server",
              Server.start(
                  settings.http(), new Intakes(hooks, otlp), broker, health, reports, clock));
      return new Daemon(settings, started, store, transcripts, server, stop, clock, startedMs);
    } catch (RuntimeException e) {
      started.closeAfter(e);
      throw e;
    }
  }

  /** The database file. */
  public Path database() {
    return store.file();
  }

  /** Where the daemon takes hooks and OTLP, {@code HOST:PORT} (the real port when 0 was asked). */
  public String addr() {
    return server.addr();
  }

  private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  /** The folders whose transcripts are followed. */
  public List<Path> transcriptRoots() {
    return settings.transcripts().roots();
  }

  /** The transcript follower, for whoever learns of a transcript first (hooks: {@code wake}). */
  public TranscriptFollower transcripts() {
    return transcripts;
  }

  /**
   * Makes {@link #awaitShutdown} return; returns at once. Safe from any thread, e.g. a signal's.
   */
  public void requestStop() {
    stop.request();
  }

  /** Waits until a stop is requested or a component fails; then {@link #close} the daemon. */
  public void awaitShutdown() throws InterruptedException {
    stop.latch.await();
  }

  /** The failure that stopped the daemon, or null if it was asked to stop (or still runs). */
  public @Nullable RuntimeException failure() {
    return stop.failure.get();
  }

  /**
   * Stops the daemon: closes every component in reverse order of start. Idempotent; a second caller
   * (a shutdown hook while the main thread closes) waits until the first has finished.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop.request();
    long stopping = clock.millis();
    try {
      started.close();
    } finally {
      LOG.log(
          System.Logger.Level.INFO,
          "stopped after {0} s (stopping took {1} ms)",
          (stopping - startedMs) / 1000,
          clock.millis() - stopping);
    }
  }
}
