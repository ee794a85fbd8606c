package dev.flightlog.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Channel;
import dev.flightlog.Redacted;
import dev.flightlog.SqlRows;
import dev.flightlog.claude.HookDecoder;
import dev.flightlog.live.Broker;
import dev.flightlog.otlp.Encoding;
import dev.flightlog.otlp.Signal;
import dev.flightlog.store.Batch;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret typed into a tool call, a prompt or an OTLP attribute is nowhere in the data directory
 * after ingest: every byte of the database and its WAL and shared-memory files is searched.
 */
class RedactionChannelsTest {

  private static final Instant T0 = Instant.parse("2026-11-23T20:26:12Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  /** A GitHub token: found by its format wherever it is. */
  static final String TOKEN = "ghp_Pl4nt3dS3cr3tT0k3nAbCdEfGhIjKlMnOpQr";

  /** A password: found only by the name it is assigned to. */
  static final String PASSWORD = "correct-horse-battery-staple-42";

  @TempDir Path dir;
  private Path data;
  private Path db;

  @BeforeEach
  void layout() throws IOException {
    data = Files.createDirectories(dir.resolve("data"));
    db = data.resolve("flightlog.db");
  }

  private static String hook(String event, String extra) {
    return """
        {"session_id":"s-1","transcript_path":"/home/dev/.claude/projects/-p/s-1.jsonl",\
        "cwd":"/home/dev/project","prompt_id":"p-1","hook_event_name":"%s","tool_name":"Bash",\
        "tool_input":{"command":"export DB_PASSWORD=%s; git push https://x:%s@github.com"},\
        "tool_use_id":"toolu_1"%s}"""
        .formatted(event, PASSWORD, TOKEN, extra);
  }

  @Test
  void hookPayloadsKeepNoSecret() throws IOException {
    try (var store = Store.open(new Dsn.Sqlite(db), CLOCK);
        var ingest = new Ingest(store, Gate.DEFAULT, new Broker())) {
      var intake = new HookIntake(ingest, CLOCK, path -> {});
      intake.accept(hook("PreToolUse", "").getBytes(UTF_8), Channel.HTTP_HOOK, T0);
      intake.accept(
          hook(
                  "PostToolUse",
                  ",\"tool_response\":{\"stdout\":\"token is " + TOKEN + "\",\"stderr\":\"\"}")
              .getBytes(UTF_8),
          Channel.HOOK,
          T0);
      ingest.flush();
    }
    assertNowhere();
    assertThat(rows("SELECT input FROM tool_calls"))
        .containsExactly(
            "{\"command\":\"export DB_PASSWORD=[REDACTED:env_secret]; git push"
                + " https://x:[REDACTED:github_token]@github.com\"}");
    assertThat(rows("SELECT payload FROM hook_events"))
        .hasSize(2)
        .allSatisfy(p -> assertThat(p).contains("[REDACTED:github_token]"));
  }

  @Test
  void transcriptLinesKeepNoSecret() throws IOException {
    var projects = Files.createDirectories(dir.resolve("claude/projects/-home-dev-project"));
    Files.writeString(
        projects.resolve(Lines.SESSION + ".jsonl"),
        String.join(
                "\n",
                Lines.prompt(
                    "p-1", "use the password " + PASSWORD + " please", "2026-11-23T20:26:11.000Z"),
                Lines.toolUse(
                    "m-1",
                    "toolu_1",
                    "PASSWORD=" + PASSWORD + " ./deploy",
                    "2026-11-23T20:26:11.500Z"),
                Lines.toolResult(
                    "p-1", "toolu_1", "pushed with " + TOKEN, false, "2026-11-23T20:26:12.000Z"),
                "{\"not json " + TOKEN)
            + "\n");
    try (var store = Store.open(new Dsn.Sqlite(db), CLOCK);
        var ingest = new Ingest(store, Gate.DEFAULT, new Broker())) {
      var summary =
          new TranscriptImport(ingest, store.positions(), 32 << 20, 1, CLOCK)
              .run(List.of(dir.resolve("claude")));
      assertThat(summary.skippedTotal()).isEqualTo(1);
    }
    // The prompt names no secret, so only the assignment and the token are found.
    assertThat(rows("SELECT input, output_excerpt FROM tool_calls"))
        .containsExactly(
            "{\"command\":\"PASSWORD=[REDACTED:env_secret] ./deploy\"}|pushed with"
                + " [REDACTED:github_token]");
    assertThat(String.join("", bytesOfEveryFile())).doesNotContain(TOKEN);
    assertThat(rows("SELECT last_detail FROM ingest_skips"))
        .allSatisfy(d -> assertThat(d).doesNotContain(TOKEN));
  }

  @Test
  void otlpAttributesKeepNoSecret() throws IOException {
    var body =
        """
        {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"claude-code"}}]},\
        "scopeLogs":[{"scope":{"name":"com.anthropic.claude_code.events"},"logRecords":[{"timeUnixNano":"1795465560942000000",\
        "body":{"stringValue":"claude_code.user_prompt"},"attributes":[\
        {"key":"session.id","value":{"stringValue":"s-otlp"}},\
        {"key":"event.name","value":{"stringValue":"user_prompt"}},\
        {"key":"prompt.id","value":{"stringValue":"p-otlp"}},\
        {"key":"prompt","value":{"stringValue":"set API_KEY=%s and push %s"}}]}]}]}]}"""
            .formatted(PASSWORD, TOKEN);
    try (var store = Store.open(new Dsn.Sqlite(db), CLOCK);
        var ingest = new Ingest(store, Gate.DEFAULT, new Broker())) {
      var result = new OtlpIntake(ingest).accept(Signal.LOGS, body.getBytes(UTF_8), Encoding.JSON);
      assertThat(result.rejected()).isZero();
      ingest.flush();
    }
    assertNowhere();
    assertThat(rows("SELECT text FROM prompts"))
        .containsExactly("set API_KEY=[REDACTED:env_secret] and push [REDACTED:github_token]");
  }

  @Test
  void theGateCountsEachKindPerSessionAndChannel() {
    var decoded =
        HookDecoder.decode(
            hook("PreToolUse", "").getBytes(UTF_8), Channel.HTTP_HOOK, T0, "POST /hook");
    var batch = new Batch(decoded.facts(), List.of(), List.of(), null);

    var passed = new Gate(CapturePolicy.DEFAULT, CLOCK).pass(batch, new SessionProjects());

    // The payload, the tool call's input and its summary (the command) each held both.
    assertThat(passed.redactions())
        .containsExactlyInAnyOrder(
            new Redacted(dev.flightlog.Agent.CLAUDE, "s-1", "http_hook", "github_token", 3, T0),
            new Redacted(dev.flightlog.Agent.CLAUDE, "s-1", "http_hook", "env_secret", 3, T0));
    // The payload's key is the hash of what was received, not of what is kept.
    assertThat(passed.facts().getFirst()).isInstanceOf(dev.flightlog.HookEventFact.class);
    var event = (dev.flightlog.HookEventFact) passed.facts().getFirst();
    assertThat(event.payloadSha256())
        .isEqualTo(((dev.flightlog.HookEventFact) decoded.facts().getFirst()).payloadSha256());
    assertThat(event.payload()).doesNotContain(TOKEN).doesNotContain(PASSWORD);
  }

  private void assertNowhere() throws IOException {
    for (var content : bytesOfEveryFile()) {
      assertThat(content).doesNotContain(TOKEN).doesNotContain(PASSWORD);
    }
    assertThat(String.join("", bytesOfEveryFile())).contains("[REDACTED:github_token]");
  }

  /** Every file of the data directory (database, WAL, shared memory), as ISO-8859-1 text. */
  private List<String> bytesOfEveryFile() throws IOException {
    try (Stream<Path> files = Files.walk(data)) {
      var contents =
          files
              .filter(Files::isRegularFile)
              .map(
                  f -> {
                    try {
                      var out = new ByteArrayOutputStream();
                      out.write(Files.readAllBytes(f));
                      return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .toList();
      assertThat(contents).isNotEmpty();
      return contents;
    }
  }

  private List<String> rows(String sql) {
    try {
      return SqlRows.of(db, sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
