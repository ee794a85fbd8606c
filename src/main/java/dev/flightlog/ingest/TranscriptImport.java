package dev.flightlog.ingest;

import dev.flightlog.Channel;
import dev.flightlog.FilePosition;
import dev.flightlog.Skip;
import dev.flightlog.SkipReason;
import dev.flightlog.claude.TranscriptFile;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Imports Claude Code transcripts from files and directories through the ingest path, once. Each
 * file is read from its stored position by {@link TranscriptReader} (the daemon's follower reads
 * with the same code); unchanged files are recognised by one {@code stat} and not opened. Files are
 * decoded on several threads; batches are committed, with the position they reach, in one
 * transaction each.
 */
public final class TranscriptImport {

  /** Live counters a caller may poll to draw progress. */
  public static final class Progress {
    private final ReadCounts counts;

    private Progress(ReadCounts counts) {
      this.counts = counts;
    }

    public long totalBytes() {
      return counts.totalBytes.get();
    }

    public long doneBytes() {
      return counts.doneBytes.get();
    }

    public long totalFiles() {
      return counts.totalFiles.get();
    }

    public long doneFiles() {
      return counts.doneFiles.get();
    }
  }

  private final Map<String, FilePosition> positions;
  private final int threads;
  private final Clock clock;
  private final ReadCounts counts = new ReadCounts();
  private final TranscriptReader reader;
  private final Ingest ingest;
  private final Progress progress = new Progress(counts);

  /**
   * @param positions the stored positions of every followed file, by path
   * @param lineCap lines longer than this many bytes are skipped and counted
   */
  public TranscriptImport(
      Ingest ingest, Map<String, FilePosition> positions, int lineCap, int threads, Clock clock) {
    this(ingest, positions, lineCap, threads, clock, null);
  }

  /**
   * @param archive when given, the lines read are appended to this archive (see {@link Archive})
   */
  public TranscriptImport(
      Ingest ingest,
      Map<String, FilePosition> positions,
      int lineCap,
      int threads,
      Clock clock,
      @Nullable Archive archive) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    this.ingest = ingest;
    this.positions = Map.copyOf(positions);
    this.threads = threads;
    this.clock = clock;
    this.reader = new TranscriptReader(ingest, lineCap, counts, () -> false, archive);
  }

  public Progress progress() {
    return progress;
  }

  /** Imports every transcript under the given files and directories. */
  public ImportSummary run(List<Path> roots) {
    long started = clock.millis();
    var files = discover(roots);
    counts.totalFiles.set(files.size());
    try (var pool = Executors.newFixedThreadPool(threads)) {
      var futures = new ArrayList<Future<?>>();
      for (var file : files) {
        futures.add(pool.submit(() -> importFile(file)));
      }
      for (var future : futures) {
        await(future);
      }
    }
    ingest.flush();
    return counts.summary(files.size(), Duration.ofMillis(clock.millis() - started));
  }

  private static void await(Future<?> future) {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("import interrupted", e);
    } catch (ExecutionException e) {
      var cause = e.getCause();
      throw cause instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(String.valueOf(cause), cause);
    }
  }

  /**
   * The transcripts under the roots, in path order. A Claude Code configuration directory is read
   * through its {@code projects} folder; a missing root is reported as unreadable.
   */
  private List<TranscriptFile> discover(List<Path> roots) {
    var found = new TreeMap<String, TranscriptFile>();
    for (var root : roots) {
      if (Files.isRegularFile(root)) {
        var file = TranscriptFile.of(root.toAbsolutePath().normalize());
        if (file == null) {
          reader.skip(
              new Skip(
                  Channel.TRANSCRIPT,
                  SkipReason.UNREADABLE,
                  root.toString(),
                  "not a Claude Code transcript (expected <session-id>.jsonl)"));
        } else {
          found.put(file.path().toString(), file);
        }
        continue;
      }
      if (!Files.isDirectory(root)) {
        reader.skip(
            new Skip(
                Channel.TRANSCRIPT,
                SkipReason.UNREADABLE,
                root.toString(),
                "no such file or directory"));
        continue;
      }
      var start = Files.isDirectory(root.resolve("projects")) ? root.resolve("projects") : root;
      walk(start.toAbsolutePath().normalize(), found);
    }
    var list = new ArrayList<>(found.values());
    list.sort(Comparator.comparing(f -> f.path().toString()));
    return list;
  }

  private void walk(Path start, Map<String, TranscriptFile> found) {
    try {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) {
              if (attributes.isRegularFile() && path.getFileName().toString().endsWith(".jsonl")) {
                var file = TranscriptFile.of(path);
                if (file != null) {
                  found.put(path.toString(), file);
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path path, IOException e) {
              reader.skip(
                  new Skip(
                      Channel.TRANSCRIPT,
                      SkipReason.UNREADABLE,
                      path.toString(),
                      TranscriptReader.describe(e)));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      reader.skip(
          new Skip(
              Channel.TRANSCRIPT,
              SkipReason.UNREADABLE,
              start.toString(),
              TranscriptReader.describe(e)));
    }
  }

  private void importFile(TranscriptFile file) {
    try {
      switch (reader.read(file, positions.get(file.path().toString()), null)) {
        case TranscriptReader.Outcome.Followed followed -> {}
        case TranscriptReader.Outcome.Failed failed -> {} // counted and stored by the reader
        case TranscriptReader.Outcome.Gone gone ->
            reader.skip(
                new Skip(
                    Channel.TRANSCRIPT,
                    SkipReason.UNREADABLE,
                    file.path().toString(),
                    "no such file or directory"));
      }
    } finally {
      counts.doneFiles.incrementAndGet();
    }
  }
}
