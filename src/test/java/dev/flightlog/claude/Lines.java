package dev.flightlog.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.Decoded;
import dev.flightlog.Fact;
import dev.flightlog.SessionFact;
import dev.flightlog.ToolCallFact;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Transcript lines in Claude Code 2.1.328's format, the facts they share, and decoding them, for
 * the tests of each kind of line.
 */
final class Lines {

  private Lines() {}

  static final TranscriptFile MAIN =
      Objects.requireNonNull(TranscriptFile.of(Path.of("/h/.claude/projects/-p/s-1.jsonl")));
  static final TranscriptFile SUBAGENT =
      Objects.requireNonNull(
          TranscriptFile.of(Path.of("/h/.claude/projects/-p/s-1/subagents/agent-a7.jsonl")));

  static final Instant T1 = Instant.parse("2026-11-23T20:26:11.623Z");
  static final Instant T2 = Instant.parse("2026-11-23T20:26:12.051Z");
  static final String PROJECT = "/home/dev/project";
  static final String VERSION = "2.1.328";

  static final String PROMPT =
      """
      {"parentUuid":null,"isSidechain":false,"promptId":"p-1","type":"user",\
      "message":{"role":"user","content":"fix the build"},"uuid":"u-1",\
      "timestamp":"2026-11-23T20:26:11.623Z","permissionMode":"default","promptSource":"sdk",\
      "turnOrigin":"sdk","turnPosition":{"promptIndex":0,"turnIndex":1},"userType":"external",\
      "entrypoint":"sdk-cli","cwd":"/home/dev/project","sessionId":"s-1","version":"2.1.328",\
      "gitBranch":"main"}\
      """;

  static final SessionFact SESSION_AT_T1 =
      new SessionFact(
          Agent.CLAUDE, "s-1", PROJECT, "main", VERSION, T1, null, null, Channel.TRANSCRIPT);
  static final SessionFact SESSION_AT_T2 =
      new SessionFact(
          Agent.CLAUDE, "s-1", PROJECT, "main", VERSION, T2, null, null, Channel.TRANSCRIPT);

  /** A tool result line; {@code %s} are the result block and the line's extra fields. */
  static final String RESULT =
      """
      {"parentUuid":"a-1","isSidechain":false,"promptId":"p-1","type":"user",\
      "message":{"role":"user","content":[%s]},"uuid":"u-2",\
      "timestamp":"2026-11-23T20:26:12.051Z",%s"sourceToolAssistantUUID":"a-1",\
      "userType":"external","entrypoint":"sdk-cli","cwd":"/home/dev/project","sessionId":"s-1",\
      "version":"2.1.328","gitBranch":"main"}\
      """;

  /** An assistant line; {@code %s} are the content blocks, the usage and the extra fields. */
  static final String ASSISTANT =
      """
      {"parentUuid":"u-1","isSidechain":false,"message":{"id":"msg_1","type":"message",\
      "role":"assistant","model":"claude-opus-5-5","content":[%s],"stop_reason":"tool_use",\
      "stop_sequence":null,"usage":%s,"stop_details":null},%s"type":"assistant","uuid":"a-1",\
      "timestamp":"2026-11-23T20:26:12.051Z","userType":"external","entrypoint":"sdk-cli",\
      "cwd":"/home/dev/project","sessionId":"s-1","version":"2.1.328","gitBranch":"main"}\
      """;

  static final String USAGE =
      """
      {"input_tokens":1200,"cache_creation_input_tokens":300,"cache_read_input_tokens":5000,\
      "output_tokens":85,"output_tokens_details":{"thinking_tokens":0},"service_tier":"standard",\
      "cache_creation":{"ephemeral_1h_input_tokens":100,"ephemeral_5m_input_tokens":200},\
      "inference_geo":"","iterations":[],"speed":"standard","fallback_credit":null}\
      """;

  static final String REQUEST_ID = "\"requestId\":\"req_1\",";

  /** Decodes lines in order with one decoder and returns what the last one gave. */
  static Decoded decode(TranscriptFile file, String... lines) {
    var decoder = new TranscriptDecoder(file, "");
    Decoded last = null;
    for (var line : lines) {
      var bytes = line.getBytes(StandardCharsets.UTF_8);
      last = decoder.decode(bytes, 0, bytes.length);
    }
    return Objects.requireNonNull(last);
  }

  static List<Fact> facts(Decoded decoded) {
    assertThat(decoded).isInstanceOf(Decoded.Facts.class);
    var facts = (Decoded.Facts) decoded;
    assertThat(facts.drift()).isEmpty();
    return facts.facts();
  }

  static <T extends Fact> List<T> facts(Decoded decoded, Class<T> type) {
    return facts(decoded).stream().filter(type::isInstance).map(type::cast).toList();
  }

  static ToolCallFact onlyToolCall(Decoded decoded) {
    var calls = facts(decoded, ToolCallFact.class);
    assertThat(calls).hasSize(1);
    return calls.getFirst();
  }

  static String result(String block, String extra) {
    return RESULT.formatted(block, extra);
  }

  static String assistant(String blocks, String usage, String extra) {
    return ASSISTANT.formatted(blocks, usage, extra);
  }
}
