package dev.flightlog.ingest;

import dev.flightlog.FilePosition;
import dev.flightlog.claude.CleanupPeriod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Which transcripts Claude Code is about to delete before flightlog has read them. Claude Code
 * deletes a transcript {@code cleanupPeriodDays} after its last change; flightlog keeps its own
 * records for as long as it is told to (see {@code flightlog prune}), so only what it has not read
 * yet is at risk.
 *
 * @param cleanupDays Claude Code's {@code cleanupPeriodDays}
 * @param files the transcripts found
 * @param unread the transcripts not read to their end (never seen, or grown since)
 * @param atRisk the unread transcripts that will be deleted within {@link #MARGIN}
 * @param nextDeletion when the first at-risk transcript is deleted, null when none is
 * @param problems the folders that could not be looked through, with why
 */
public record TranscriptRetention(
    int cleanupDays,
    long files,
    long unread,
    long atRisk,
    @Nullable Instant nextDeletion,
    List<String> problems) {

  /** How close to its deletion an unread transcript counts as at risk. */
  public static final Duration MARGIN = Duration.ofDays(3);

  public TranscriptRetention {
    problems = List.copyOf(problems);
  }

  /** Claude Code's {@code cleanupPeriodDays} from its settings file, else its default. */
  public static int cleanupDays(Path settings) {
    try {
      return CleanupPeriod.days(Files.readAllBytes(settings));
    } catch (IOException e) {
      return CleanupPeriod.DEFAULT_DAYS;
    }
  }

  /**
   * Looks through the {@code .jsonl} files under each root and compares each with how far it was
   * read.
   *
   * @param positions the stored positions by absolute normalised path
   */
  public static TranscriptRetention check(
      List<Path> roots, Map<String, FilePosition> positions, int cleanupDays, Instant now) {
    var deadline = now.minus(Duration.ofDays(cleanupDays)).plus(MARGIN);
    long files = 0;
    long unread = 0;
    long atRisk = 0;
    Instant next = null;
    var problems = new ArrayList<String>();
    for (var root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        for (var file :
            (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".jsonl"))::iterator) {
          long size;
          Instant modified;
          try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file).toInstant();
          } catch (NoSuchFileException gone) {
            continue; // deleted while we looked
          }
          files++;
          var position = positions.get(file.toAbsolutePath().normalize().toString());
          if (position != null && position.offset() >= size) {
            continue;
          }
          unread++;
          if (modified.isBefore(deadline)) {
            atRisk++;
            var deletion = modified.plus(Duration.ofDays(cleanupDays));
            if (next == null || deletion.isBefore(next)) {
              next = deletion;
            }
          }
        }
      } catch (IOException | UncheckedIOException e) {
        problems.add("cannot look through " + root + ": " + e.getMessage());
      }
    }
    return new TranscriptRetention(cleanupDays, files, unread, atRisk, next, problems);
  }
}
