package dev.flightlog.daemon;

import dev.flightlog.ingest.Gate;
import dev.flightlog.ingest.Ingest;
import dev.flightlog.ingest.TranscriptFollower;
import dev.flightlog.live.Broker;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
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
   * @param address where the daemon takes hooks and OTLP
   * @param transcripts how transcripts are followed
   */
  public record Settings(
      Dsn db,
      @Nullable Path nativeCache,
      InetSocketAddress address,
      TranscriptFollower.Settings transcripts) {}

  private final Settings settings;
  private final Started started;
  private final Store store;
  private final TranscriptFollower transcripts;
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
      Stop stop,
      Clock clock,
      long startedMs) {
    this.settings = settings;
    this.started = started;
    this.store = store;
    this.transcripts = transcripts;
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
      var ingest = started.add("ingest", new Ingest(store, Gate.DEFAULT, broker));
      var transcripts =
          started.add(
              "transcript follower",
              TranscriptFollower.start(
                  ingest, store.positions(), settings.transcripts(), clock, stop::fail));
      // Intake channels start here, last, so that they stop first; e.g. the HTTP server, whose
      // hook intake wakes the follower with the transcript_path of each hook payload.
      return new Daemon(settings, started, store, transcripts, stop, clock, startedMs);
    } catch (RuntimeException e) {
      started.closeAfter(e);
      throw e;
    }
  }

  /** The database file. */
  public Path database() {
    return store.file();
  }

  /** Where the daemon takes hooks and OTLP. */
  public InetSocketAddress address() {
    return settings.address();
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
