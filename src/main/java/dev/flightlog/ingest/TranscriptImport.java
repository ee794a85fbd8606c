package dev.flightlog.ingest;

import dev.flightlog.Channel;
import dev.flightlog.Decoded;
import dev.flightlog.Drift;
import dev.flightlog.Fact;
import dev.flightlog.FilePosition;
import dev.flightlog.Skip;
import dev.flightlog.SkipReason;
import dev.flightlog.claude.TranscriptDecoder;
import dev.flightlog.claude.TranscriptFile;
import dev.flightlog.store.Batch;
import dev.flightlog.tail.FileIdentity;
import dev.flightlog.tail.LineReader;
import dev.flightlog.tail.Positions;
import dev.flightlog.tail.Resume;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Imports Claude Code transcripts from files and directories through the ingest path. Each file is
 * read from its stored position; unchanged files are recognised by one {@code stat} and not opened.
 * Files are decoded on several threads; batches are committed, with the position they reach, in one
 * transaction each.
 */
public final class TranscriptImport {

  private static final int FACTS_PER_BATCH = 4096;
  private static final long BYTES_PER_BATCH = 16L << 20;
  private static final int META_CAP = 1 << 20;
  private static final int EXAMPLES = 5;

  /** Live counters a caller may poll to draw progress. */
  public static final class Progress {
    private final AtomicLong totalBytes = new AtomicLong();
    private final AtomicLong doneBytes = new AtomicLong();
    private final AtomicLong totalFiles = new AtomicLong();
    private final AtomicLong doneFiles = new AtomicLong();

    public long totalBytes() {
      return totalBytes.get();
    }

    public long doneBytes() {
      return doneBytes.get();
    }

    public long totalFiles() {
      return totalFiles.get();
    }

    public long doneFiles() {
      return doneFiles.get();
    }
  }

  private final Ingest ingest;
  private final Map<String, FilePosition> positions;
  private final int lineCap;
  private final int threads;
  private final Clock clock;
  private final Progress progress = new Progress();

  private final LongAdder filesRead = new LongAdder();
  private final LongAdder filesUnchanged = new LongAdder();
  private final LongAdder lines = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder records = new LongAdder();
  private final Map<String, Long> restarts = new ConcurrentHashMap<>();
  private final Map<String, Long> skipped = new ConcurrentHashMap<>();
  private final Map<Drift, Long> drift = new ConcurrentHashMap<>();
  private final List<Skip> examples = new ArrayList<>();

  /**
   * @param positions the stored positions of every followed file, by path
   * @param lineCap lines longer than this many bytes are skipped and counted
   */
  public TranscriptImport(
      Ingest ingest, Map<String, FilePosition> positions, int lineCap, int threads, Clock clock) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    this.ingest = ingest;
    this.positions = Map.copyOf(positions);
    this.lineCap = lineCap;
    this.threads = threads;
    this.clock = clock;
  }

  public Progress progress() {
    return progress;
  }

  /** Imports every transcript under the given files and directories. */
  public ImportSummary run(List<Path> roots) {
    long started = clock.millis();
    var files = discover(roots);
    progress.totalFiles.set(files.size());
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
    return new ImportSummary(
        files.size(),
        filesRead.sum(),
        filesUnchanged.sum(),
        restarts,
        lines.sum(),
        bytes.sum(),
        records.sum(),
        skipped,
        examples,
        drift,
        Duration.ofMillis(clock.millis() - started));
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
          skip(
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
        skip(
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
              skip(
                  new Skip(
                      Channel.TRANSCRIPT, SkipReason.UNREADABLE, path.toString(), describe(e)));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      skip(new Skip(Channel.TRANSCRIPT, SkipReason.UNREADABLE, start.toString(), describe(e)));
    }
  }

  private void importFile(TranscriptFile file) {
    var path = file.path();
    try {
      var now = FileIdentity.of(path);
      progress.totalBytes.addAndGet(now.size());
      var resume = Positions.resume(path, now, positions.get(path.toString()));
      long offset;
      String state;
      switch (resume) {
        case Resume.Unchanged unchanged -> {
          filesUnchanged.increment();
          progress.doneBytes.addAndGet(now.size());
          return;
        }
        case Resume.Continue from -> {
          offset = from.offset();
          state = from.state();
        }
        case Resume.Restart restart -> {
          offset = 0;
          state = "";
          if (!restart.why().equals("new")) {
            restarts.merge(restart.why(), 1L, Long::sum);
          }
        }
      }
      progress.doneBytes.addAndGet(offset);
      filesRead.increment();
      read(file, now, offset, state);
    } catch (IOException e) {
      skip(new Skip(Channel.TRANSCRIPT, SkipReason.UNREADABLE, path.toString(), describe(e)));
    } finally {
      progress.doneFiles.incrementAndGet();
    }
  }

  private void read(TranscriptFile file, FileIdentity now, long offset, String state)
      throws IOException {
    var path = file.path();
    var decoder = new TranscriptDecoder(file, state);
    var facts = new ArrayList<Fact>();
    var drifts = new ArrayList<Drift>();
    var skips = new ArrayList<Skip>();
    var meta = file.metaPath();
    if (meta != null && Files.isRegularFile(meta) && Files.size(meta) <= META_CAP) {
      collect(
          TranscriptDecoder.subagentMeta(file, Files.readAllBytes(meta)),
          meta.toString(),
          facts,
          drifts,
          skips);
    }
    long batchStart = offset;
    try (var reader = LineReader.open(path, offset, lineCap)) {
      LineReader.Line line;
      while ((line = reader.next()) != null) {
        switch (line) {
          case LineReader.Line.Complete complete -> {
            lines.increment();
            if (!blank(complete)) {
              collect(
                  decoder.decode(complete.buffer(), complete.offset(), complete.length()),
                  path + ": byte " + complete.start(),
                  facts,
                  drifts,
                  skips);
            }
          }
          case LineReader.Line.Oversize oversize -> {
            lines.increment();
            skips.add(
                new Skip(
                    Channel.TRANSCRIPT,
                    SkipReason.OVERSIZE,
                    path + ": byte " + oversize.start(),
                    "line of "
                        + oversize.length()
                        + " bytes is longer than the cap of "
                        + lineCap
                        + " bytes"));
          }
        }
        long read = reader.offset() - batchStart;
        if (facts.size() >= FACTS_PER_BATCH || read >= BYTES_PER_BATCH) {
          submit(path, now, reader.offset(), decoder.state(), facts, drifts, skips, read);
          batchStart = reader.offset();
        }
      }
      submit(
          path,
          now,
          reader.offset(),
          decoder.state(),
          facts,
          drifts,
          skips,
          reader.offset() - batchStart);
      // Bytes of a partial last line are not read yet; count them as seen for the progress bar.
      progress.doneBytes.addAndGet(Math.max(0, now.size() - reader.offset()));
    }
  }

  private void submit(
      Path path,
      FileIdentity now,
      long offset,
      String state,
      List<Fact> facts,
      List<Drift> drifts,
      List<Skip> skips,
      long read) {
    try {
      var position = Positions.after(path, now, offset, state);
      ingest.submit(new Batch(facts, drifts, skips, position));
    } catch (IOException e) {
      skip(new Skip(Channel.TRANSCRIPT, SkipReason.UNREADABLE, path.toString(), describe(e)));
      return;
    }
    records.add(facts.size());
    bytes.add(read);
    progress.doneBytes.addAndGet(read);
    for (var d : drifts) {
      drift.merge(d, 1L, Long::sum);
    }
    for (var s : skips) {
      count(s);
    }
    facts.clear();
    drifts.clear();
    skips.clear();
  }

  private static void collect(
      Decoded decoded, String where, List<Fact> facts, List<Drift> drifts, List<Skip> skips) {
    switch (decoded) {
      case Decoded.Facts found -> {
        facts.addAll(found.facts());
        drifts.addAll(found.drift());
      }
      case Decoded.Skipped skip ->
          skips.add(new Skip(Channel.TRANSCRIPT, skip.reason(), where, skip.detail()));
    }
  }

  private static boolean blank(LineReader.Line.Complete line) {
    var buffer = line.buffer();
    for (int i = line.offset(); i < line.offset() + line.length(); i++) {
      byte b = buffer[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** A skip outside any batch (an unreadable file or directory): counted, and stored. */
  private void skip(Skip skip) {
    count(skip);
    ingest.submit(new Batch(List.of(), List.of(), List.of(skip), null));
  }

  private void count(Skip skip) {
    skipped.merge(skip.reason().wireName(), 1L, Long::sum);
    synchronized (examples) {
      if (examples.size() < EXAMPLES) {
        examples.add(skip);
      }
    }
  }

  private static String describe(IOException e) {
    var message = e.getMessage();
    return switch (e) {
      case java.nio.file.AccessDeniedException denied -> "permission denied";
      case java.nio.file.NoSuchFileException missing -> "no such file or directory";
      default -> message == null ? e.getClass().getSimpleName() : message;
    };
  }
}
