package dev.flightlog.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flightlog.Channel;
import dev.flightlog.HookEventFact;
import java.time.Instant;

/**
 * Arbitrary bytes as a hook payload: the payload is always kept ({@link HookEventFact} first, with
 * its exact size and hash), and comes back with its records or a counted skip, nothing else —
 * nothing is thrown. A plain {@code mvn test} replays the seeds (and any crash kept as a regression
 * case) under {@code src/test/resources/dev/flightlog/claude/HookDecoderFuzzTestInputs/}; {@code
 * JAZZER_FUZZ=1} fuzzes. See docs/fuzzing.md.
 */
class HookDecoderFuzzTest {

  private static final Instant AT = Instant.parse("2026-11-23T20:26:12Z");

  @FuzzTest(maxDuration = "30s")
  @DictionaryEntries({
    "\"session_id\"",
    "\"hook_event_name\"",
    "\"PreToolUse\"",
    "\"PostToolUse\"",
    "\"PostToolUseFailure\"",
    "\"PostToolBatch\"",
    "\"PermissionRequest\"",
    "\"UserPromptSubmit\"",
    "\"SessionEnd\"",
    "\"SubagentStop\"",
    "\"tool_use_id\"",
    "\"tool_input\"",
    "\"tool_response\"",
    "\"tool_calls\"",
    "\"duration_ms\"",
    "\"is_interrupt\"",
    "\"agent_id\"",
    "\"prompt_id\"",
    "\"transcript_path\"",
    "\"agent_transcript_path\"",
    "<tool_use_error>",
    "Permission to use ",
    "\\\"",
    "\\u0000"
  })
  void decode(byte[] payload) {
    var result = HookDecoder.decode(payload, Channel.HTTP_HOOK, AT, "POST /hook");

    var event = result.event();
    assertThat(event.payloadBytes()).isEqualTo(payload.length);
    assertThat(event.payloadSha256()).isEqualTo(HookDecoderTest.sha256(payload));
    assertThat(event.receivedAt()).isEqualTo(AT);
    if (!event.json() || event.sessionId().isEmpty() || event.event() == null) {
      // Not a usable payload: kept, and counted.
      assertThat(result.facts()).containsExactly(event);
      assertThat(result.skip()).isNotNull();
      assertThat(result.transcripts()).isEmpty();
    }
    for (var fact : result.facts()) {
      assertThat(fact.channel()).isEqualTo(Channel.HTTP_HOOK);
      assertThat(fact.sessionId()).isEqualTo(event.sessionId());
    }
    for (var transcript : result.transcripts()) {
      assertThat(transcript.isAbsolute()).isTrue();
      assertThat(TranscriptFile.of(transcript)).isNotNull();
    }
    // Pure: the same bytes decode to the same result.
    assertThat(HookDecoder.decode(payload, Channel.HTTP_HOOK, AT, "POST /hook")).isEqualTo(result);
  }
}
