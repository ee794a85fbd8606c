package dev.flightlog.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.FilePosition;
import dev.flightlog.claude.CleanupPeriod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which transcripts Claude Code deletes before flightlog has read them. */
class TranscriptRetentionTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  @TempDir Path dir;

  private Path transcript(String name, int bytes, Duration age) throws IOException {
    var file = dir.resolve("projects/-p/" + name + ".jsonl");
    Files.createDirectories(file.getParent());
    Files.write(file, "x".repeat(bytes).getBytes(StandardCharsets.UTF_8));
    Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
    return file;
  }

  private static FilePosition readTo(Path file, long offset) throws IOException {
    var path = file.toAbsolutePath().normalize().toString();
    return new FilePosition(path, "1", "1", "", 0, offset, Files.size(file), 0, "");
  }

  @Test
  void onlyUnreadTranscriptsCloseToTheirDeletionAreAtRisk() throws IOException {
    var readOld = transcript("read-old", 10, Duration.ofDays(29));
    var partlyOld = transcript("partly-old", 10, Duration.ofDays(28));
    transcript("never-read-old", 10, Duration.ofDays(27).plusHours(1));
    transcript("never-read-new", 10, Duration.ofDays(26)); // deleted in 4 days: not yet at risk
    Files.writeString(dir.resolve("projects/-p/notes.txt"), "not a transcript");
    var positions =
        Map.of(
            readOld.toAbsolutePath().normalize().toString(), readTo(readOld, 10),
            partlyOld.toAbsolutePath().normalize().toString(), readTo(partlyOld, 4));

    var check = TranscriptRetention.check(List.of(dir.resolve("projects")), positions, 30, NOW);

    assertThat(check)
        .isEqualTo(
            new TranscriptRetention(
                30, 4, 3, 2, NOW.minus(Duration.ofDays(28)).plus(Duration.ofDays(30)), List.of()));
  }

  @Test
  void aMissingRootIsNoProblemAndAnEmptyOneHasNothingAtRisk() {
    var check =
        TranscriptRetention.check(List.of(dir.resolve("absent")), Map.of(), 30, Instant.now());
    assertThat(check).isEqualTo(new TranscriptRetention(30, 0, 0, 0, null, List.of()));
  }

  @Test
  void readsTheSettingAndFallsBackToClaudeCodesDefault() throws IOException {
    var settings = dir.resolve("settings.json");
    assertThat(TranscriptRetention.cleanupDays(settings)).isEqualTo(CleanupPeriod.DEFAULT_DAYS);
    Files.writeString(settings, "{\"model\":\"x\",\"cleanupPeriodDays\": 99999}");
    assertThat(TranscriptRetention.cleanupDays(settings)).isEqualTo(99999);
    Files.writeString(settings, "{\"cleanupPeriodDays\": -5}");
    assertThat(TranscriptRetention.cleanupDays(settings)).isZero();
    Files.writeString(settings, "{\"cleanupPeriodDays\": \"7\"}");
    assertThat(TranscriptRetention.cleanupDays(settings)).isEqualTo(30);
    Files.writeString(settings, "[1,2]");
    assertThat(TranscriptRetention.cleanupDays(settings)).isEqualTo(30);
  }
}
