package dev.flightlog.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.ThreadFact;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TranscriptFileTest {

  @Test
  void aSessionFileIsTheMainThread() {
    var path = Path.of("/home/dev/.claude/projects/-home-dev-project/7f876e8e-d2b4.jsonl");

    var file = Objects.requireNonNull(TranscriptFile.of(path));

    assertThat(file).isEqualTo(new TranscriptFile(path, "7f876e8e-d2b4", ThreadFact.MAIN));
    assertThat(file.subagent()).isFalse();
    assertThat(file.metaPath()).isNull();
  }

  @Test
  void aSubagentFileNamesItsSessionByTheDirectoryAboveSubagents() {
    var path =
        Path.of(
            "/home/dev/.claude/projects/-home-dev-project/7f876e8e-d2b4/subagents/"
                + "agent-a64a344bd931b4f30.jsonl");

    var file = Objects.requireNonNull(TranscriptFile.of(path));

    assertThat(file).isEqualTo(new TranscriptFile(path, "7f876e8e-d2b4", "a64a344bd931b4f30"));
    assertThat(file.subagent()).isTrue();
    assertThat(file.metaPath())
        .isEqualTo(
            Path.of(
                "/home/dev/.claude/projects/-home-dev-project/7f876e8e-d2b4/subagents/"
                    + "agent-a64a344bd931b4f30.meta.json"));
  }

  @Test
  void aRelativeSessionFileIsATranscriptToo() {
    assertThat(TranscriptFile.of(Path.of("s1.jsonl")))
        .isEqualTo(new TranscriptFile(Path.of("s1.jsonl"), "s1", ThreadFact.MAIN));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/p/-proj/s1.json",
        "/p/-proj/s1.jsonl.tmp",
        "/p/-proj/.jsonl",
        "/p/-proj/s1/subagents/agent-a1.meta.json",
        "/p/-proj/s1/subagents/notes.jsonl",
        "/p/-proj/s1/subagents/agent-.jsonl",
        "/p/-proj/s1/tool-results/agent-a1.jsonl",
        "/p/-proj/agent-a1.jsonl",
        "subagents/agent-a1.jsonl",
        "/"
      })
  void otherPathsAreNotTranscripts(String path) {
    assertThat(TranscriptFile.of(Path.of(path))).isNull();
  }
}
