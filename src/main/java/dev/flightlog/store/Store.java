package dev.flightlog.store;

import dev.flightlog.FilePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The database: one writer connection on one platform thread, and a small pool of reader
 * connections on their own platform threads. Callers, virtual threads included, use plain blocking
 * methods; JDBC never runs on their threads.
 */
public final class Store implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Store.class.getName());
  private static final int READERS = 2;

  /** Work that needs a connection; runs on a store thread. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Path file;
  private final Clock clock;
  private final ExecutorService writerThread;
  private final ExecutorService readerThreads;
  private final LinkedBlockingQueue<Connection> readers = new LinkedBlockingQueue<>();
  private final List<Connection> allReaders = new ArrayList<>();
  private final Connection writer;
  private final FactWriter facts;
  private final Derive derive;

  private Store(Path file, Clock clock, Connection writer, FactWriter facts, Derive derive) {
    this.file = file;
    this.clock = clock;
    this.writer = writer;
    this.facts = facts;
    this.derive = derive;
    this.writerThread = Executors.newSingleThreadExecutor(named("flightlog-store-writer"));
    this.readerThreads = Executors.newFixedThreadPool(READERS, named("flightlog-store-reader"));
  }

  /**
   * Opens (creating if needed) the database, applies pending migrations and returns the store. The
   * SQLite file and its directory are created owner-only.
   */
  public static Store open(Dsn dsn, Clock clock) {
    return open(dsn, clock, null);
  }

  /**
   * Like {@link #open(Dsn, Clock)}, keeping native libraries extracted in {@code nativeCache} so
   * later starts skip the extraction.
   */
  public static Store open(Dsn dsn, Clock clock, @Nullable Path nativeCache) {
    if (nativeCache != null) {
      SqliteNative.useCache(nativeCache);
    }
    return switch (dsn) {
      case Dsn.Sqlite sqlite -> openSqlite(sqlite.file(), clock);
      case Dsn.Postgres postgres ->
          throw new StoreException(
              "PostgreSQL ("
                  + postgres.url().replaceAll("//[^@/]*@", "//…@")
                  + ") is not supported by this version of flightlog yet; use a SQLite file");
    };
  }

  private static Store openSqlite(Path file, Clock clock) {
    var absolute = file.toAbsolutePath();
    try {
      var parent = absolute.getParent();
      if (parent != null) {
        OwnerOnly.createDirectories(parent);
      }
      // Created here owner-only, before SQLite would create it by the umask; SQLite gives the
      // -wal and -shm files it creates the database's mode. Existing ones others may write to are
      // refused.
      OwnerOnly.file(absolute, "the database");
      for (var suffix : new String[] {"-wal", "-shm"}) {
        var companion = absolute.resolveSibling(absolute.getFileName() + suffix);
        if (Files.exists(companion)) {
          OwnerOnly.refuseIfOthersMayWrite(companion, "the database file", "600");
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new StoreException("cannot create the database " + absolute + ": " + e.getMessage(), e);
    }
    Connection writer = null;
    try {
      writer = connect(absolute);
      try (var statement = writer.createStatement()) {
        statement.execute("PRAGMA journal_mode = WAL");
        statement.execute("PRAGMA synchronous = NORMAL");
      }
      Migrations.apply(writer, "sqlite", Migrations.SQLITE);
      writer.setAutoCommit(false);
      return new Store(absolute, clock, writer, new FactWriter(writer, clock), new Derive(writer));
    } catch (SQLException e) {
      closeQuietly(writer);
      throw new StoreException("cannot open the database " + absolute + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(writer);
      throw e;
    }
  }

  private static Connection connect(Path file) throws SQLException {
    var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (var statement = connection.createStatement()) {
      statement.execute("PRAGMA busy_timeout = 10000");
      statement.execute("PRAGMA cache_size = -32768");
      statement.execute("PRAGMA temp_store = MEMORY");
    }
    return connection;
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /** Writes the batches in one transaction, on the writer thread; returns when committed. */
  public void write(List<Batch> batches) {
    if (batches.isEmpty()) {
      return;
    }
    onWriter(
        connection -> {
          facts.write(batches);
          return batches.size();
        });
  }

  /**
   * Brings the derived tables (error catalog, recovery episodes, turn flow) up to date with every
   * committed write, on the writer thread: each session changed since its last refresh is
   * recomputed from its raw rows. Returns how many sessions were recomputed. The reads of derived
   * data call it first, so what they return is always exact; ingest calls it when idle, so those
   * reads rarely wait.
   */
  public int refreshDerived() {
    return onWriter(connection -> derive.refresh());
  }

  /** How many rows {@link #scrub} reads, for its progress. */
  public long scrubRows() {
    return onWriter(Scrub::rows);
  }

  /**
   * Re-applies redaction rules to every stored text (see {@link Scrub}), on the writer thread, with
   * SQLite's {@code secure_delete} on so that the replaced text is overwritten in the pages it
   * leaves. {@code done} counts the rows read. Unless it is a dry run, call {@link #compact} after
   * it, so that no copy of the old text remains in the write-ahead log or the free pages.
   */
  public Scrub.Summary scrub(
      Function<String, Scrub.Rewrite> rules, boolean dryRun, AtomicLong done) {
    return onWriter(
        connection -> {
          secureDelete(connection, true);
          try {
            return Scrub.run(connection, derive, rules, dryRun, clock.instant(), done);
          } finally {
            secureDelete(connection, false);
          }
        });
  }

  /**
   * Deletes the sessions last active before {@code before}, with all their records (see {@link
   * Prune}); a dry run counts and deletes nothing.
   */
  public Prune.Summary prune(Instant before, boolean dryRun) {
    return onWriter(connection -> Prune.run(connection, before, dryRun));
  }

  /**
   * Makes the file hold only the live rows: checkpoints the write-ahead log into the database and
   * truncates it, rebuilds the file ({@code VACUUM}, which rewrites every page and drops the free
   * ones), and checkpoints again. Fails when another connection (another flightlog process) holds a
   * read open, because the log could then not be emptied.
   */
  public void compact() {
    onWriter(
        connection -> {
          connection.commit();
          // A connection of its own: VACUUM fails on one with statements prepared and stepped.
          try (var own = connect(file);
              var statement = own.createStatement()) {
            statement.execute("PRAGMA secure_delete = ON");
            checkpoint(statement);
            statement.execute("VACUUM");
            checkpoint(statement);
          }
          return file;
        });
  }

  private static void secureDelete(Connection connection, boolean on) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute("PRAGMA secure_delete = " + (on ? "ON" : "OFF"));
    }
  }

  private void checkpoint(Statement statement) throws SQLException {
    try (var rows = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      if (rows.next() && rows.getInt(1) != 0) {
        throw new StoreException(
            "cannot empty the write-ahead log of "
                + file
                + ": another process is reading the database; stop it (flightlog serve, a"
                + " report) and run this again");
      }
    }
  }

  /** The read-only queries the reports are computed from, run on this store's readers. */
  public Reads reads() {
    return new Reads(this);
  }

  /** Every stored file position, by path. */
  public Map<String, FilePosition> positions() {
    return read(
        connection -> {
          var positions = new HashMap<String, FilePosition>();
          try (var statement = connection.createStatement();
              var rows =
                  statement.executeQuery(
                      """
                  SELECT path, device, inode, fingerprint, fingerprint_len, offset, size,
                         modified_ms, state
                    FROM file_positions
                  """)) {
            while (rows.next()) {
              var position =
                  new FilePosition(
                      rows.getString(1),
                      rows.getString(2),
                      rows.getString(3),
                      rows.getString(4),
                      rows.getInt(5),
                      rows.getLong(6),
                      rows.getLong(7),
                      rows.getLong(8),
                      rows.getString(9));
              positions.put(position.path(), position);
            }
          }
          return positions;
        });
  }

  /** Runs read-only work on a reader thread with its own connection. */
  <T> T read(SqlWork<T> work) {
    return await(
        readerThreads.submit(
            () -> {
              var connection = takeReader();
              try {
                return work.run(connection);
              } finally {
                readers.add(connection);
              }
            }),
        "read");
  }

  private <T> T onWriter(SqlWork<T> work) {
    return await(writerThread.submit(() -> work.run(writer)), "write");
  }

  private Connection takeReader() throws SQLException {
    var connection = readers.poll();
    if (connection != null) {
      return connection;
    }
    synchronized (allReaders) {
      var fresh = connect(file);
      try (var statement = fresh.createStatement()) {
        statement.execute("PRAGMA query_only = ON");
      }
      allReaders.add(fresh);
      return fresh;
    }
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for a database " + what, e);
    } catch (ExecutionException e) {
      var cause = e.getCause();
      if (cause instanceof StoreException store) {
        throw store;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new StoreException(
          "database " + what + " failed: " + (cause == null ? e : cause).getMessage(),
          cause == null ? e : cause);
    }
  }

  /** The store's clock, for callers that stamp what they write. */
  public Clock clock() {
    return clock;
  }

  /** Finishes pending work, then closes every connection; failures are collected. */
  @Override
  public void close() {
    var failure = new StoreException("closing the database " + file + " failed");
    writerThread.shutdown();
    readerThreads.shutdown();
    try {
      if (!writerThread.awaitTermination(30, TimeUnit.SECONDS)) {
        failure.addSuppressed(new IllegalStateException("the writer did not finish in 30 s"));
      }
      readerThreads.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.addSuppressed(e);
    }
    try {
      facts.close();
      derive.close();
      writer.rollback();
      try (var statement = writer.createStatement()) {
        statement.execute("PRAGMA optimize");
      }
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
    closeInto(writer, failure);
    synchronized (allReaders) {
      allReaders.forEach(connection -> closeInto(connection, failure));
    }
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  private static void closeInto(Connection connection, Exception failure) {
    try {
      connection.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static void closeQuietly(@Nullable Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.log(Level.DEBUG, "closing a connection that failed to open", e);
      }
    }
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    var count = new AtomicInteger();
    return runnable -> {
      var thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
