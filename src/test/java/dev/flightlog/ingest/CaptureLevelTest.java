package dev.flightlog.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.SqlRows;
import dev.flightlog.ToolCallFact;
import dev.flightlog.live.Broker;
import dev.flightlog.store.Batch;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capture levels, as stored: full keeps whole texts, metadata keeps no content at all. */
class CaptureLevelTest {

  private static final Instant T0 = Instant.parse("2026-11-23T20:26:12Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @TempDir Path dir;

  private static String hook(String session, String cwd, String event, String extra) {
    return """
        {"session_id":"%s","transcript_path":"/home/dev/.claude/projects/-p/%s.jsonl",\
        "cwd":"%s","prompt_id":"p-%s","hook_event_name":"%s","tool_name":"Bash",\
        "tool_input":{"command":"make test"},"tool_use_id":"toolu_%s"%s}"""
        .formatted(session, session, cwd, session, event, session, extra);
  }

  private static String prompt(String session, String cwd) {
    return """
        {"session_id":"%s","transcript_path":"/home/dev/.claude/projects/-p/%s.jsonl",\
        "cwd":"%s","prompt_id":"p-%s","hook_event_name":"UserPromptSubmit","prompt":"fix the build"}"""
        .formatted(session, session, cwd, session);
  }

  private Path ingest(CapturePolicy policy, String... payloads) {
    var db = dir.resolve("f.db");
    try (var store = Store.open(new Dsn.Sqlite(db), CLOCK);
        var ingest = new Ingest(store, new Gate(policy, CLOCK), new Broker())) {
      var intake = new HookIntake(ingest, CLOCK, path -> {});
      for (var payload : payloads) {
        intake.accept(payload.getBytes(UTF_8), Channel.HTTP_HOOK, T0);
      }
      ingest.flush();
    }
    return db;
  }

  private static String[] session(String id, String cwd) {
    return new String[] {
      prompt(id, cwd),
      hook(id, cwd, "PreToolUse", ""),
      hook(
          id,
          cwd,
          "PostToolUse",
          ",\"tool_response\":{\"stdout\":\"ok\",\"stderr\":\"\"},\"duration_ms\":1200")
    };
  }

  @Test
  void metadataStoresNoContent() throws SQLException {
    var db =
        ingest(
            new CapturePolicy(CaptureLevel.METADATA, Map.of(), Map.of()),
            session("s-1", "/home/dev/project"));

    assertThat(
            SqlRows.of(
                db,
                "SELECT tool, input, summary, error, output_excerpt, status, duration_ms"
                    + " FROM tool_calls"))
        .containsExactly("Bash|null|null|null|null|ok|1200");
    assertThat(SqlRows.of(db, "SELECT prompt_id, text FROM prompts")).containsExactly("p-s-1|null");
    assertThat(SqlRows.of(db, "SELECT event, payload, payload_bytes > 0 FROM hook_events"))
        .containsExactlyInAnyOrder("UserPromptSubmit||1", "PreToolUse||1", "PostToolUse||1");
  }

  @Test
  void aProjectsLevelWinsOverTheAgentsAndTheDefault() throws SQLException {
    var policy =
        new CapturePolicy(
            CaptureLevel.FULL,
            Map.of(Agent.CLAUDE, CaptureLevel.FULL),
            Map.of("/home/dev/secret", CaptureLevel.METADATA));
    var payloads =
        java.util.stream.Stream.of(
                session("s-secret", "/home/dev/secret/sub"), session("s-open", "/home/dev/secret2"))
            .flatMap(java.util.Arrays::stream)
            .toArray(String[]::new);

    var db = ingest(policy, payloads);

    assertThat(SqlRows.of(db, "SELECT session_id, input FROM tool_calls ORDER BY session_id"))
        .containsExactly("s-open|{\"command\":\"make test\"}", "s-secret|null");
    // The hook events carry no project: their session's, known from its other facts, applies.
    assertThat(
            SqlRows.of(
                db,
                "SELECT session_id, COUNT(*), SUM(payload = '') FROM hook_events"
                    + " GROUP BY session_id ORDER BY session_id"))
        .containsExactly("s-open|3|0", "s-secret|3|3");
  }

  @Test
  void theLevelsApplyMostSpecificFirst() {
    var policy =
        new CapturePolicy(
            CaptureLevel.DEFAULT,
            Map.of(Agent.CODEX, CaptureLevel.FULL),
            Map.of(
                "/home/me/repo/", CaptureLevel.METADATA, "/home/me/repo/docs", CaptureLevel.FULL));
    assertThat(policy.levelFor(Agent.CLAUDE, null)).isEqualTo(CaptureLevel.DEFAULT);
    assertThat(policy.levelFor(Agent.CODEX, null)).isEqualTo(CaptureLevel.FULL);
    assertThat(policy.levelFor(Agent.CODEX, "/home/me/repo")).isEqualTo(CaptureLevel.METADATA);
    assertThat(policy.levelFor(Agent.CLAUDE, "/home/me/repo/src/x"))
        .isEqualTo(CaptureLevel.METADATA);
    assertThat(policy.levelFor(Agent.CLAUDE, "/home/me/repo/docs/a")).isEqualTo(CaptureLevel.FULL);
    assertThat(policy.levelFor(Agent.CLAUDE, "/home/me/repository"))
        .isEqualTo(CaptureLevel.DEFAULT);
    assertThatThrownBy(
            () -> new CapturePolicy(CaptureLevel.FULL, Map.of(), Map.of(" ", CaptureLevel.FULL)))
        .hasMessage("a capture project must be a directory, not empty");
    assertThatThrownBy(() -> CaptureLevel.fromWireName("all"))
        .hasMessage("unknown capture level 'all' (expected one of: full, default, metadata)");
  }

  private static ToolCallFact call(String input) {
    return new ToolCallFact(
        Agent.CLAUDE,
        "toolu_1",
        "s-1",
        null,
        null,
        "Write",
        input,
        null,
        null,
        null,
        null,
        null,
        T0,
        null,
        null,
        "/home/dev/project",
        null,
        Channel.TRANSCRIPT);
  }

  private static @org.jspecify.annotations.Nullable String passedInput(
      CaptureLevel level, String input) {
    var gate = new Gate(new CapturePolicy(level, Map.of(), Map.of()), CLOCK);
    var batch = new Batch(List.of(call(input)), List.of(), List.of(), null);
    return ((ToolCallFact) gate.pass(batch, new SessionProjects()).facts().getFirst()).input();
  }

  @Test
  void fullKeepsAHundredKilobyteInputWholeAndDefaultCutsIt() {
    var input = "{\"content\":\"" + "x".repeat(100 * 1024) + "\"}";

    assertThat(passedInput(CaptureLevel.FULL, input)).isEqualTo(input);
    var cut = "…[" + (input.length() - Gate.MAX_INPUT_CHARS) + " more chars]";
    assertThat(passedInput(CaptureLevel.DEFAULT, input))
        .hasSize(Gate.MAX_INPUT_CHARS + cut.length())
        .endsWith(cut);
    var huge = "y".repeat(Gate.FULL_CAP_CHARS + 5);
    assertThat(passedInput(CaptureLevel.FULL, huge)).endsWith("y…[5 more chars]");
  }

  @Test
  void aSecretAcrossTheExcerptLimitIsRedactedWhole() {
    var token = "ghp_1234567890abcdefghijABCDEFGHIJ123456";
    var input = "x".repeat(Gate.MAX_INPUT_CHARS - 11) + " " + token + " tail";

    var kept = java.util.Objects.requireNonNull(passedInput(CaptureLevel.DEFAULT, input));

    assertThat(kept).doesNotContain("ghp_1234").contains("[REDACTED");
    assertThat(kept.substring(Gate.MAX_INPUT_CHARS - 10)).startsWith("[REDACTED:");
  }

  @Test
  void onlyTheKeptHeadOfALongTextIsRedactedAndTheCutCountsTheWhole() {
    var token = "ghp_1234567890abcdefghijABCDEFGHIJ123456";
    var longTail = "z".repeat(3 * Gate.SCAN_MARGIN);
    var input = "x".repeat(Gate.MAX_INPUT_CHARS - 11) + " " + token + " " + longTail;

    var kept = java.util.Objects.requireNonNull(passedInput(CaptureLevel.DEFAULT, input));

    var marker = "[REDACTED:github_token]";
    var redactedLength = input.length() - token.length() + marker.length();
    assertThat(kept)
        .doesNotContain("ghp_1234")
        .startsWith("x".repeat(Gate.MAX_INPUT_CHARS - 11) + " [REDACTED:")
        .endsWith("…[" + (redactedLength - Gate.MAX_INPUT_CHARS) + " more chars]");
  }

  @Test
  void aHeadShrunkByMarkersIsNotTrustedAndTheWholeTextIsRedacted() {
    // A 20 KB private key early on shrinks the redacted head below the kept length, so a token
    // crossing the head's end would fall inside the kept part: the whole text is redacted instead.
    var key =
        "-----BEGIN PRIVATE KEY-----\n" + "A".repeat(20 * 1024) + "\n-----END PRIVATE KEY-----";
    var token = "ghp_1234567890abcdefghijABCDEFGHIJ123456";
    var head = Gate.MAX_INPUT_CHARS + Gate.SCAN_MARGIN;
    var before = "x".repeat(1024) + " " + key + " ";
    var input =
        before + "y".repeat(head - 10 - before.length()) + " " + token + " " + "z".repeat(head);

    var kept = java.util.Objects.requireNonNull(passedInput(CaptureLevel.DEFAULT, input));

    assertThat(kept)
        .doesNotContain("ghp_")
        .doesNotContain("AAAA")
        .contains("[REDACTED:private_key]", "[REDACTED:github_token]");
  }
}
