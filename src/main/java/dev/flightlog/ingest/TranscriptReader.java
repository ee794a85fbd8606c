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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads one transcript on from its position and submits what it finds to ingest, a batch at a time,
 * each batch with the position it reaches, so the position is stored in the same transaction as the
 * records its lines produced. The one code path of {@code flightlog import} and of the daemon's
 * {@link TranscriptFollower}: a backfill is this read from offset 0. A partial last line is left
 * for the next read. Keeps no state of its own but the counters, so threads share one reader.
 */
final class TranscriptReader {

  static final int FACTS_PER_BATCH = 4096;
  static final long BYTES_PER_BATCH = 16L << 20;
  private static final int META_CAP = 1 << 20;

  /** What reading one file came to. */
  sealed interface Outcome {
    /** Read, or found unchanged: the file now stands at {@code position} (submitted). */
    record Followed(FilePosition position) implements Outcome {}

    /** The file vanished before or while it was read. No skip was counted. */
    record Gone() implements Outcome {}

    /**
     * The file could not be read; the skip was counted and submitted. It stands at {@code position}
     * (null when nothing was ever read of it).
     */
    record Failed(@Nullable FilePosition position, Skip skip) implements Outcome {}
  }

  private final Ingest ingest;
  private final int lineCap;
  private final ReadCounts counts;
  private final BooleanSupplier stopping;
  private final @Nullable Archive archive;

  /**
   * @param lineCap lines longer than this many bytes are skipped and counted
   * @param stopping checked after every line: when true the read submits what it has and returns,
   *     at a line boundary, so it resumes exactly there
   */
  TranscriptReader(Ingest ingest, int lineCap, ReadCounts counts, BooleanSupplier stopping) {
    this(ingest, lineCap, counts, stopping, null);
  }

  /**
   * @param archive when given, the lines consumed are appended to it (see {@link Archive})
   */
  TranscriptReader(
      Ingest ingest,
      int lineCap,
      ReadCounts counts,
      BooleanSupplier stopping,
      @Nullable Archive archive) {
    this.archive = archive;
    if (lineCap < 1) {
      throw new IllegalArgumentException("line cap must be at least 1 byte, was " + lineCap);
    }
    this.ingest = ingest;
    this.lineCap = lineCap;
    this.counts = counts;
    this.stopping = stopping;
  }

  ReadCounts counts() {
    return counts;
  }

  /**
   * Reads {@code file} on from {@code stored} (its last submitted position, null if never read).
   *
   * @param pacer when given, waits for the database after each batch (backfill); null never waits
   */
  Outcome read(TranscriptFile file, @Nullable FilePosition stored, @Nullable Pacer pacer) {
    var path = file.path();
    FileIdentity now;
    Resume resume;
    try {
      now = FileIdentity.of(path);
      counts.totalBytes.addAndGet(now.size());
      resume = Positions.resume(path, now, stored);
    } catch (NoSuchFileException e) {
      return new Outcome.Gone();
    } catch (IOException e) {
      return fail(path, stored, e);
    }
    long offset;
    String state;
    boolean restarted = false;
    switch (resume) {
      case Resume.Unchanged unchanged -> {
        counts.filesUnchanged.increment();
        counts.doneBytes.addAndGet(now.size());
        // Unchanged is only ever decided against a stored position.
        return new Outcome.Followed(Objects.requireNonNull(stored));
      }
      case Resume.Continue from -> {
        offset = from.offset();
        state = from.state();
      }
      case Resume.Restart restart -> {
        offset = 0;
        state = "";
        if (!restart.why().equals("new")) {
          counts.restart(restart.why());
          restarted = true;
        }
      }
    }
    counts.doneBytes.addAndGet(offset);
    counts.filesRead.increment();
    var reading = new Reading(file, now, state, pacer, restarted);
    try {
      reading.lines(offset);
      return new Outcome.Followed(Objects.requireNonNull(reading.reached));
    } catch (NoSuchFileException e) {
      return new Outcome.Gone();
    } catch (IOException e) {
      return fail(path, reading.reached != null ? reading.reached : stored, e);
    }
  }

  private Outcome fail(Path path, @Nullable FilePosition position, IOException e) {
    var skip = new Skip(Channel.TRANSCRIPT, SkipReason.UNREADABLE, path.toString(), describe(e));
    skip(skip);
    return new Outcome.Failed(position, skip);
  }

  /** A skip outside any batch (an unreadable file or directory): counted, and stored. */
  void skip(Skip skip) {
    counts.skip(skip);
    ingest.submit(new Batch(List.of(), List.of(), List.of(skip), null));
  }

  static String describe(IOException e) {
    var message = e.getMessage();
    return switch (e) {
      case AccessDeniedException denied -> "permission denied";
      case NoSuchFileException missing -> "no such file or directory";
      default -> message == null ? e.getClass().getSimpleName() : message;
    };
  }

  /** One read of one file: the decoder and what it has found since the last batch. */
  private final class Reading {
    private final TranscriptFile file;
    private final FileIdentity now;
    private final TranscriptDecoder decoder;
    private final @Nullable Pacer pacer;
    private final List<Fact> facts = new ArrayList<>();
    private final List<Drift> drifts = new ArrayList<>();
    private final List<Skip> skips = new ArrayList<>();
    private @Nullable FilePosition reached;
    private final boolean restarted;
    private final @Nullable ByteArrayOutputStream archived;

    Reading(
        TranscriptFile file,
        FileIdentity now,
        String state,
        @Nullable Pacer pacer,
        boolean restarted) {
      this.restarted = restarted;
      this.archived = archive == null ? null : new ByteArrayOutputStream();
      this.file = file;
      this.now = now;
      this.decoder = new TranscriptDecoder(file, state);
      this.pacer = pacer;
    }

    void lines(long offset) throws IOException {
      var path = file.path();
      var meta = file.metaPath();
      if (meta != null && Files.isRegularFile(meta) && Files.size(meta) <= META_CAP) {
        collect(TranscriptDecoder.subagentMeta(file, Files.readAllBytes(meta)), meta.toString());
      }
      long batchStart = offset;
      try (var reader = LineReader.open(path, offset, lineCap)) {
        LineReader.Line line;
        while ((line = reader.next()) != null) {
          switch (line) {
            case LineReader.Line.Complete complete -> {
              counts.lines.increment();
              if (archived != null) {
                archived.write(complete.buffer(), complete.offset(), complete.length());
                archived.write('\n');
              }
              if (!blank(complete)) {
                collect(
                    decoder.decode(complete.buffer(), complete.offset(), complete.length()),
                    path + ": byte " + complete.start());
              }
            }
            case LineReader.Line.Oversize oversize -> {
              counts.lines.increment();
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
          if (stopping.getAsBoolean()) {
            break;
          }
          if (facts.size() >= FACTS_PER_BATCH || read >= BYTES_PER_BATCH) {
            submit(reader.offset(), read);
            batchStart = reader.offset();
          }
        }
        submit(reader.offset(), reader.offset() - batchStart);
        // Bytes of a partial last line are not read yet; count them as seen for the progress bar.
        counts.doneBytes.addAndGet(Math.max(0, now.size() - reader.offset()));
      }
    }

    private void submit(long offset, long read) throws IOException {
      var position = Positions.after(file.path(), now, offset, decoder.state());
      if (archive != null && archived != null && read > 0) {
        // Before the batch is committed: see Archive on why a line is never archived twice.
        archive.append(file, offset - read, offset, archived.toByteArray(), restarted);
        archived.reset();
      }
      ingest.submit(new Batch(facts, drifts, skips, position));
      reached = position;
      counts.records.add(facts.size());
      counts.bytes.add(read);
      counts.doneBytes.addAndGet(read);
      for (var d : drifts) {
        counts.drift(d);
      }
      for (var s : skips) {
        counts.skip(s);
      }
      facts.clear();
      drifts.clear();
      skips.clear();
      if (pacer != null) {
        pacer.submitted();
      }
    }

    private void collect(Decoded decoded, String where) {
      switch (decoded) {
        case Decoded.Facts found -> {
          facts.addAll(found.facts());
          drifts.addAll(found.drift());
        }
        case Decoded.Skipped skip ->
            skips.add(new Skip(Channel.TRANSCRIPT, skip.reason(), where, skip.detail()));
      }
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
}
