package dev.flightlog.ingest;

import dev.flightlog.Drift;
import dev.flightlog.Skip;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one import did.
 *
 * @param files transcript files found
 * @param filesRead files that had something new to read
 * @param filesUnchanged files skipped without reading because they had not changed
 * @param restarts files read again from the start, by why ({@code truncated}, {@code replaced},
 *     {@code rewritten})
 * @param lines complete lines read
 * @param bytes bytes read
 * @param records facts stored (a record seen on several lines counts each time)
 * @param skipped skipped lines and unreadable files, by reason
 * @param examples the first few skips, with where and why
 * @param drift unknown entry types and fields, by agent version, with counts
 */
public record ImportSummary(
    long files,
    long filesRead,
    long filesUnchanged,
    Map<String, Long> restarts,
    long lines,
    long bytes,
    long records,
    Map<String, Long> skipped,
    List<Skip> examples,
    Map<Drift, Long> drift,
    Duration elapsed) {
  public ImportSummary {
    restarts = Map.copyOf(restarts);
    skipped = Map.copyOf(skipped);
    examples = List.copyOf(examples);
    drift = Map.copyOf(drift);
  }

  public long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }
}
