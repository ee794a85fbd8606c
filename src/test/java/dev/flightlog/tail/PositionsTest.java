package dev.flightlog.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionsTest {

  @TempDir Path dir;

  @Test
  void aFileNeverSeenIsReadFromTheStart() throws IOException {
    var file = Files.writeString(dir.resolve("a.jsonl"), "one\n");
    assertThat(Positions.resume(file, FileIdentity.of(file), null))
        .isEqualTo(new Resume.Restart("new"));
  }

  @Test
  void anUnchangedFileIsNotRead() throws IOException {
    var file = Files.writeString(dir.resolve("a.jsonl"), "one\n");
    var stored = Positions.after(file, FileIdentity.of(file), 4, "s");
    assertThat(Positions.resume(file, FileIdentity.of(file), stored))
        .isEqualTo(new Resume.Unchanged());
  }

  @Test
  void anAppendedFileContinuesWhereItStoppedWithItsDecoderState() throws IOException {
    var file = Files.writeString(dir.resolve("a.jsonl"), "one\n");
    var stored = Positions.after(file, FileIdentity.of(file), 4, "prompt-1");
    Files.writeString(file, "two\n", StandardOpenOption.APPEND);
    Files.setLastModifiedTime(file, FileTime.fromMillis(stored.modifiedMs() + 5000));
    assertThat(Positions.resume(file, FileIdentity.of(file), stored))
        .isEqualTo(new Resume.Continue(4, "prompt-1"));
  }

  @Test
  void aTruncatedFileIsReadAgainFromTheStart() throws IOException {
    var file = Files.writeString(dir.resolve("a.jsonl"), "one\ntwo\n");
    var stored = Positions.after(file, FileIdentity.of(file), 8, "");
    Files.writeString(file, "on\n");
    assertThat(Positions.resume(file, FileIdentity.of(file), stored))
        .isEqualTo(new Resume.Restart("truncated"));
  }

  @Test
  void aFileRewrittenInPlaceIsReadAgainFromTheStart() throws IOException {
    var file = Files.writeString(dir.resolve("a.jsonl"), "one\n");
    var stored = Positions.after(file, FileIdentity.of(file), 4, "");
    Files.writeString(file, "uno\ndos\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(stored.modifiedMs() + 5000));
    assertThat(Positions.resume(file, FileIdentity.of(file), stored))
        .isEqualTo(new Resume.Restart("rewritten"));
  }

  @Test
  void aFileReplacedByAnotherIsReadAgainFromTheStart() throws IOException {
    var file = Files.writeString(dir.resolve("a.jsonl"), "one\n");
    var stored = Positions.after(file, FileIdentity.of(file), 4, "");
    var other = Files.writeString(dir.resolve("b.jsonl"), "one\ntwo\n");
    Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Positions.resume(file, FileIdentity.of(file), stored))
        .isEqualTo(new Resume.Restart("replaced"));
  }

  @Test
  void theFingerprintCoversAtMostTheFirstFourKilobytes() throws IOException {
    var file = Files.writeString(dir.resolve("a.jsonl"), "a".repeat(10_000) + "\n");
    var stored = Positions.after(file, FileIdentity.of(file), 10_001, "");
    assertThat(stored.fingerprintLength()).isEqualTo(Positions.FINGERPRINT_BYTES);
    assertThat(stored.fingerprint()).hasSize(64);
  }

  @Test
  void theEndIsJustPastTheLastCompleteLine() throws IOException {
    var file = Files.writeString(dir.resolve("a.jsonl"), "one\ntwo\nthr");
    var end = Positions.atEnd(file, FileIdentity.of(file));
    assertThat(end.offset()).isEqualTo(8);
    assertThat(end.state()).isEmpty();
    // Followed from there, the half line is read once it is complete.
    Files.writeString(file, "ee\n", StandardOpenOption.APPEND);
    Files.setLastModifiedTime(file, FileTime.fromMillis(end.modifiedMs() + 5000));
    assertThat(Positions.resume(file, FileIdentity.of(file), end))
        .isEqualTo(new Resume.Continue(8, ""));
  }

  @Test
  void theEndOfAFileWithoutANewlineIsItsStart() throws IOException {
    var file = Files.writeString(dir.resolve("a.jsonl"), "x".repeat(200_000));
    assertThat(Positions.atEnd(file, FileIdentity.of(file)).offset()).isZero();
  }

  @Test
  void theEndIsFoundBehindALastLineLongerThanTheSearchBuffer() throws IOException {
    var file = Files.writeString(dir.resolve("a.jsonl"), "one\n" + "x".repeat(150_000));
    assertThat(Positions.atEnd(file, FileIdentity.of(file)).offset()).isEqualTo(4);
    Files.writeString(file, "\n", StandardOpenOption.APPEND);
    assertThat(Positions.atEnd(file, FileIdentity.of(file)).offset()).isEqualTo(150_005);
  }
}
