package dev.flightlog.ingest;

import dev.flightlog.Drift;
import dev.flightlog.Skip;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What reading transcripts has done so far, counted by every thread that reads: the figures of an
 * {@link ImportSummary} and the byte and file counters a progress bar draws. Thread-safe.
 */
final class ReadCounts {

  private static final int EXAMPLES = 5;

  final LongAdder filesRead = new LongAdder();
  final LongAdder filesUnchanged = new LongAdder();
  final LongAdder lines = new LongAdder();
  final LongAdder bytes = new LongAdder();
  final LongAdder records = new LongAdder();
  final AtomicLong totalBytes = new AtomicLong();
  final AtomicLong doneBytes = new AtomicLong();
  final AtomicLong totalFiles = new AtomicLong();
  final AtomicLong doneFiles = new AtomicLong();
  private final Map<String, Long> restarts = new ConcurrentHashMap<>();
  private final Map<String, Long> skipped = new ConcurrentHashMap<>();
  private final Map<Drift, Long> drift = new ConcurrentHashMap<>();
  private final List<Skip> examples = new ArrayList<>();

  void restart(String why) {
    restarts.merge(why, 1L, Long::sum);
  }

  void drift(Drift d) {
    drift.merge(d, 1L, Long::sum);
  }

  /** Counts a skip, keeping the first few as examples. */
  void skip(Skip skip) {
    skipped.merge(skip.reason().wireName(), 1L, Long::sum);
    synchronized (examples) {
      if (examples.size() < EXAMPLES) {
        examples.add(skip);
      }
    }
  }

  long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  ImportSummary summary(long files, Duration elapsed) {
    synchronized (examples) {
      return new ImportSummary(
          files,
          filesRead.sum(),
          filesUnchanged.sum(),
          restarts,
          lines.sum(),
          bytes.sum(),
          records.sum(),
          skipped,
          examples,
          drift,
          elapsed);
    }
  }
}
