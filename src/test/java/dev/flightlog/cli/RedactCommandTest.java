package dev.flightlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.HookEventFact;
import dev.flightlog.PromptFact;
import dev.flightlog.Skip;
import dev.flightlog.SkipReason;
import dev.flightlog.SqlRows;
import dev.flightlog.ThreadFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.daemon.ServeLock;
import dev.flightlog.report.Fixture;
import dev.flightlog.store.Batch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactCommandTest {

  /** Secrets the standard rules catch, planted into the store past any ingest redaction. */
  static final String AWS_KEY = "AKIAZ7QWERTYUIOPASDF";

  static final String KEY_BODY = "MIIEowIBAAKCAQEAplantedKeyBody0123456789";
  static final String PEM =
      "-----BEGIN RSA PRIVATE KEY-----\n" + KEY_BODY + "\n-----END RSA PRIVATE KEY-----";

  /** The reports whose numbers a scrub must not change. */
  static final List<String> UNCHANGED =
      List.of("overview", "tools", "sessions", "daily", "models", "projects", "coverage", "flow");

  @TempDir Path dir;

  private Path db() {
    return dir.resolve("data").resolve("world.db");
  }

  private ReportCommandTest.Run flightlog(String... args) {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db", db().toString()));
    return ReportCommandTest.run(dir.resolve("home"), all.toArray(String[]::new));
  }

  /** The fixture's world plus one call, prompt, hook payload, subagent and skip with secrets. */
  private void plant() throws Exception {
    Fixture.write(db());
    var at = Instant.parse("2026-11-01T01:00:00Z");
    var payload = "{\"session_id\":\"s1\",\"tool_input\":{\"command\":\"echo " + AWS_KEY + "\"}}";
    var sha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(payload.getBytes(StandardCharsets.UTF_8)));
    try (var store = Fixture.open(db())) {
      store.write(
          List.of(
              new Batch(
                  List.of(
                      new ToolCallFact(
                          Agent.CLAUDE,
                          "toolu_secret",
                          "s1",
                          "main",
                          null,
                          "Bash",
                          "{\"command\":\"aws s3 ls --key " + AWS_KEY + "\"}",
                          "aws s3 ls --key " + AWS_KEY,
                          ToolStatus.ERROR,
                          "InvalidAccessKeyId: " + AWS_KEY + " is not valid",
                          PEM,
                          120L,
                          at,
                          at.plusSeconds(1),
                          1000L,
                          Fixture.ALPHA,
                          null,
                          Channel.TRANSCRIPT),
                      new PromptFact(
                          Agent.CLAUDE,
                          "s1",
                          "prompt_secret",
                          "deploy with " + AWS_KEY,
                          at,
                          at.plusSeconds(2),
                          Fixture.ALPHA,
                          Channel.TRANSCRIPT),
                      new HookEventFact(
                          Agent.CLAUDE,
                          "s1",
                          "PostToolUse",
                          sha,
                          payload,
                          payload.length(),
                          true,
                          at,
                          Channel.HTTP_HOOK),
                      new ThreadFact(
                          Agent.CLAUDE,
                          "s1",
                          "agent-secret",
                          "general-purpose",
                          "check key " + AWS_KEY,
                          null,
                          null,
                          at,
                          Channel.TRANSCRIPT)),
                  List.of(),
                  List.of(
                      new Skip(
                          Channel.TRANSCRIPT,
                          SkipReason.MALFORMED_JSON,
                          "x.jsonl: byte 7",
                          "unexpected end near " + AWS_KEY)),
                  null)));
    }
  }

  @Test
  void aScrubLeavesNoSecretInAnyFileCountsItAndKeepsTheNumbers() throws Exception {
    plant();
    assertThat(filesContaining(AWS_KEY)).as("planted").isNotEmpty();
    assertThat(filesContaining(KEY_BODY)).as("planted").isNotEmpty();
    var before = reports();

    var dry = flightlog("redact", "--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out())
        .startsWith("Dry run: read ")
        .contains(": 5 would change (7 aws_access_key, 1 private_key).");
    assertThat(filesContaining(AWS_KEY)).as("a dry run changes nothing").isNotEmpty();

    var run = flightlog("redact");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(": 5 changed (7 aws_access_key, 1 private_key).")
        .contains("Compacted " + db());

    assertThat(filesContaining(AWS_KEY)).isEmpty();
    assertThat(filesContaining(KEY_BODY)).isEmpty();
    assertThat(SqlRows.of(db(), "PRAGMA integrity_check")).containsExactly("ok");
    assertThat(
            SqlRows.of(
                db(),
                "SELECT input, summary, error, output_excerpt FROM tool_calls"
                    + " WHERE tool_use_id = 'toolu_secret'"))
        .containsExactly(
            "{\"command\":\"aws s3 ls --key [REDACTED:aws_access_key]\"}|aws s3 ls --key"
                + " [REDACTED:aws_access_key]|InvalidAccessKeyId: [REDACTED:aws_access_key] is not"
                + " valid|[REDACTED:private_key]");
    assertThat(
            SqlRows.of(
                db(),
                "SELECT agent, session_id, kind, count FROM redactions"
                    + " WHERE source = 'retroactive' ORDER BY 1, 2, 3"))
        .containsExactly(
            "||aws_access_key|1", "claude|s1|aws_access_key|6", "claude|s1|private_key|1");
    assertThat(reports()).isEqualTo(before);
    var errors = flightlog("report", "errors", "--format", "csv").out();
    assertThat(errors).contains("[REDACTED:aws_access_key]").doesNotContain(AWS_KEY);
    assertThat(
            flightlog("report", "redactions", "--format", "csv")
                .out()
                .replaceAll("retroactive,(\\d+),(\\d+),[^,]+,[^,\n]+", "retroactive,$1,$2,NOW,NOW"))
        .isEqualTo(
            """
            kind,source,count,sessions,first_seen,last_seen
            aws_access_key,retroactive,7,1,NOW,NOW
            aws_access_key,transcript,3,1,2026-10-31T22:05:00Z,2026-11-01T02:00:00Z
            aws_access_key,http_hook,1,1,2026-11-01T02:00:00Z,2026-11-01T02:00:00Z
            aws_access_key,otlp,1,0,2026-11-02T08:30:00Z,2026-11-02T08:30:00Z
            private_key,retroactive,1,1,NOW,NOW
            private_key,transcript,1,1,2026-11-01T18:30:00Z,2026-11-01T18:30:00Z
            """);

    var again = flightlog("redact");
    assertThat(again.out()).contains(": 0 changed.");
    assertThat(SqlRows.of(db(), "SELECT SUM(count) FROM redactions WHERE source = 'retroactive'"))
        .containsExactly("8");
  }

  @Test
  void itRefusesWhileFlightlogServeRecordsIntoTheDatabase() throws Exception {
    plant();
    var daemon = ServeLock.exclusive(db(), "test");
    try (daemon) {
      var run = flightlog("redact");
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.err())
          .startsWith("flightlog: flightlog redact: flightlog serve (pid ")
          .contains("is already recording into " + db())
          .contains("stop flightlog serve first");
    }
    assertThat(filesContaining(AWS_KEY)).isNotEmpty();
  }

  @Test
  void aMissingDatabaseIsAnErrorNotANewOne() {
    var run = flightlog("redact");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("no database at " + db());
    assertThat(db()).doesNotExist();
  }

  private Map<String, String> reports() {
    var reports = new LinkedHashMap<String, String>();
    for (var name : UNCHANGED) {
      var run = flightlog("report", name, "--format", "json", "--tz", "UTC", "--limit", "0");
      assertThat(run.code()).as(run.err()).isZero();
      reports.put(name, run.out());
    }
    return reports;
  }

  /** The files of the database's directory whose bytes contain {@code secret}. */
  private List<String> filesContaining(String secret) throws IOException {
    var needle = secret.getBytes(StandardCharsets.UTF_8);
    var found = new ArrayList<String>();
    try (var files = Files.list(db().getParent())) {
      for (var file : files.toList()) {
        var bytes = Files.readAllBytes(file);
        if (indexOf(bytes, needle) >= 0) {
          found.add(file.getFileName().toString());
        }
      }
    }
    return found;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
