package dev.flightlog.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flightlog.Channel;
import dev.flightlog.SqlRows;
import dev.flightlog.live.Broker;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hook payloads through the intake into a real SQLite file. */
class HookIntakeTest {

  private static final Instant T0 = Instant.parse("2026-11-23T20:26:12Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  private static final String PRE_TOOL_USE =
      """
      {"session_id": "s-1", "transcript_path": "/home/dev/.claude/projects/-p/s-1.jsonl", \
      "cwd": "/home/dev/project", "prompt_id": "p-1", "hook_event_name": "PreToolUse", \
      "tool_name": "Bash", "tool_input": {"command": "ls"}, "tool_use_id": "toolu_1"}\
      """;

  @TempDir Path dir;

  private Path db() {
    return dir.resolve("f.db");
  }

  /** Runs {@code deliveries} against an intake over a fresh store; returns the paths reported. */
  private List<Path> run(Consumer<HookIntake> deliveries) {
    var seen = new ArrayList<Path>();
    try (var store = Store.open(new Dsn.Sqlite(db()), CLOCK);
        var ingest = new Ingest(store, Gate.DEFAULT, new Broker())) {
      deliveries.accept(new HookIntake(ingest, CLOCK, seen::add));
      ingest.flush();
    }
    return seen;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aPayloadDeliveredTwiceIsOneEventAndOneCall() throws Exception {
    var payload = bytes(PRE_TOOL_USE);

    var seen =
        run(
            intake -> {
              assertThat(intake.accept(payload, Channel.HOOK, T0.plusMillis(40))).isTrue();
              assertThat(intake.accept(payload, Channel.HTTP_HOOK, T0)).isTrue();
              assertThat(intake.accept(payload, Channel.HOOK, T0.plusMillis(90))).isTrue();
            });

    assertThat(SqlRows.of(db(), "SELECT session_id, event, received_at, sources FROM hook_events"))
        .containsExactly("s-1|PreToolUse|" + T0.toEpochMilli() + "|3");
    assertThat(
            SqlRows.of(
                db(),
                "SELECT tool_use_id, thread_id, tool, input, summary, status, started_at, sources"
                    + " FROM tool_calls"))
        .containsExactly(
            "toolu_1|main|Bash|{\"command\":\"ls\"}|ls|pending|" + T0.toEpochMilli() + "|3");
    assertThat(SqlRows.of(db(), "SELECT COUNT(*) FROM sessions")).containsExactly("1");
    assertThat(seen).containsOnly(Path.of("/home/dev/.claude/projects/-p/s-1.jsonl")).hasSize(3);
  }

  @Test
  void aPayloadThatIsNotJsonIsKeptAndCounted() throws Exception {
    var seen =
        run(
            intake -> {
              assertThat(intake.accept(bytes("{\"session_id\": \"s-1\", "), Channel.HTTP_HOOK, T0))
                  .isFalse();
              assertThat(intake.accept(bytes("[]"), Channel.HOOK, T0, "1795465571277-28359-7.json"))
                  .isFalse();
            });

    assertThat(
            SqlRows.of(db(), "SELECT session_id, event, payload, json FROM hook_events ORDER BY 3"))
        .containsExactly("null|null|[]|0", "null|null|{\"session_id\": \"s-1\", |0");
    assertThat(
            SqlRows.of(
                db(), "SELECT channel, reason, count, last_detail FROM ingest_skips ORDER BY 1"))
        .containsExactly(
            "hook|not_an_entry|1|1795465571277-28359-7.json: expected a JSON object, found an array",
            "http_hook|malformed_json|1|POST /hook: unexpected end-of-input within/between Object"
                + " entries at byte 22");
    assertThat(SqlRows.of(db(), "SELECT COUNT(*) FROM sessions")).containsExactly("0");
    assertThat(seen).isEmpty();
  }

  @Test
  void aPayloadWithoutAReceiptTimeIsReceivedNow() throws Exception {
    run(intake -> intake.accept(bytes(PRE_TOOL_USE), Channel.HTTP_HOOK));

    assertThat(SqlRows.of(db(), "SELECT received_at FROM hook_events"))
        .containsExactly(String.valueOf(T0.toEpochMilli()));
  }

  @Test
  void aClosedIngestIsNotBadInput() {
    try (var store = Store.open(new Dsn.Sqlite(db()), CLOCK)) {
      var ingest = new Ingest(store, Gate.DEFAULT, new Broker());
      var intake = new HookIntake(ingest, CLOCK, path -> {});
      ingest.close();

      assertThatThrownBy(() -> intake.accept(bytes(PRE_TOOL_USE), Channel.HOOK, T0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("ingest is closed");
    }
  }
}
