package dev.flightlog.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flightlog.Decoded;
import dev.flightlog.SkipReason;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Arbitrary bytes as a transcript line and as a meta file: a {@link Decoded} comes back, nothing is
 * thrown, and the {@link TypeScan} pre-scan changes no result but the one it documents. A plain
 * {@code mvn test} replays the seeds (and any crash kept as a regression case) under {@code
 * src/test/resources/dev/flightlog/claude/TranscriptDecoderFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes. See docs/fuzzing.md.
 */
class TranscriptDecoderFuzzTest {

  private static final TranscriptFile MAIN =
      Objects.requireNonNull(TranscriptFile.of(Path.of("/h/.claude/projects/-p/s-1.jsonl")));
  private static final TranscriptFile SUBAGENT =
      Objects.requireNonNull(
          TranscriptFile.of(Path.of("/h/.claude/projects/-p/s-1/subagents/agent-a1.jsonl")));

  @FuzzTest(maxDuration = "30s")
  @DictionaryEntries({
    "\"type\"",
    "\"user\"",
    "\"assistant\"",
    "\"cost-state\"",
    "\"message\"",
    "\"content\"",
    "\"tool_use\"",
    "\"tool_result\"",
    "\"tool_use_id\"",
    "\"is_error\"",
    "\"input\"",
    "\"usage\"",
    "\"cache_creation\"",
    "\"toolUseResult\"",
    "\"toolDenialKind\"",
    "\"modelUsage\"",
    "\"promptId\"",
    "\"timestamp\"",
    "<tool_use_error>",
    "\"attachment\"",
    "\"api-request-shape\"",
    "\"version\"",
    "\\\"",
    "\\u0074"
  })
  void decode(byte[] line) {
    // Twice through one decoder, so a state left by the first line is used by the second.
    var decoder = new TranscriptDecoder(MAIN, "");
    assertThat(decoder.decode(line, 0, line.length)).isNotNull();
    assertThat(decoder.decode(line, 0, line.length)).isNotNull();
    var resumed = new TranscriptDecoder(SUBAGENT, decoder.state());
    assertThat(resumed.decode(line, 0, line.length)).isNotNull();
    assertThat(TranscriptDecoder.subagentMeta(SUBAGENT, line)).isNotNull();
    // The pre-scan changes nothing but the documented gap: a line of an ignored type whose grammar
    // between strings is broken yields no facts rather than MALFORMED_JSON.
    var fast = new TranscriptDecoder(MAIN, "", true);
    var slow = new TranscriptDecoder(MAIN, "", false);
    var scanned = fast.decode(line, 0, line.length);
    var parsed = slow.decode(line, 0, line.length);
    if (!scanned.equals(parsed)) {
      assertThat(scanned).isEqualTo(new Decoded.Facts(List.of(), List.of()));
      assertThat(parsed)
          .isInstanceOfSatisfying(
              Decoded.Skipped.class,
              s -> assertThat(s.reason()).isEqualTo(SkipReason.MALFORMED_JSON));
    } else {
      assertThat(fast.state()).isEqualTo(slow.state());
    }
  }
}
