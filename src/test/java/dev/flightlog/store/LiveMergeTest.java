package dev.flightlog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.Fact;
import dev.flightlog.HookEventFact;
import dev.flightlog.MetricPointFact;
import dev.flightlog.MetricPointFact.Temporality;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.SessionFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merge rules live capture relies on: several channels, any order, one record. */
class LiveMergeTest {

  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @TempDir Path dir;

  private Store open(String name) {
    return Store.open(new Dsn.Sqlite(dir.resolve(name)), CLOCK);
  }

  private List<String> rows(String name, String sql) throws SQLException {
    return dev.flightlog.SqlRows.of(dir.resolve(name), sql);
  }

  private static ToolCallFact call(
      Channel channel,
      @Nullable ToolStatus status,
      @Nullable Instant start,
      @Nullable Instant end,
      @Nullable Long durationMs) {
    return new ToolCallFact(
        Agent.CLAUDE,
        "toolu_1",
        "s1",
        "main",
        "p1",
        "Bash",
        "{\"command\":\"false\"}",
        "false",
        status,
        status == ToolStatus.ERROR ? "Exit code 1" : null,
        null,
        null,
        start,
        end,
        durationMs,
        "/p",
        null,
        channel);
  }

  private static ModelRequestFact request(
      Channel channel, String messageId, long output, @Nullable Double cost) {
    return new ModelRequestFact(
        Agent.CLAUDE,
        messageId,
        "req_1",
        "s1",
        "main",
        "p1",
        "claude-sonnet-4-5",
        new Usage(100, output, 1000, 10, 0),
        T0,
        "/p",
        cost,
        channel);
  }

  /** Every permutation-like shuffle of the facts gives the same stored rows. */
  private void assertOrderIndependent(List<Fact> facts, String sql, String... expected)
      throws SQLException {
    var random = new Random(7);
    for (int round = 0; round < 12; round++) {
      var shuffled = new ArrayList<>(facts);
      Collections.shuffle(shuffled, random);
      var name = "order-" + round + ".db";
      try (var store = open(name)) {
        for (var fact : shuffled) {
          store.write(List.of(new Batch(List.of(fact), List.of(), List.of(), null)));
        }
      }
      assertThat(rows(name, sql)).as("order %s", shuffled).containsExactly(expected);
    }
  }

  @Test
  void aToolCallTakesItsStartFromPreToolUseAndItsDurationFromTheHook() throws SQLException {
    var transcriptUse = call(Channel.TRANSCRIPT, ToolStatus.PENDING, T0, null, null);
    var transcriptResult =
        call(Channel.TRANSCRIPT, ToolStatus.ERROR, null, T0.plusMillis(900), null);
    var preToolUse = call(Channel.HTTP_HOOK, ToolStatus.PENDING, T0.plusMillis(40), null, null);
    var postFailure = call(Channel.HTTP_HOOK, ToolStatus.ERROR, null, T0.plusMillis(880), 812L);
    var otlp = call(Channel.OTLP, ToolStatus.ERROR, null, T0.plusMillis(885), 815L);
    assertOrderIndependent(
        List.of(transcriptUse, transcriptResult, preToolUse, postFailure, otlp),
        "SELECT status, started_at - "
            + T0.toEpochMilli()
            + ", ended_at - "
            + T0.toEpochMilli()
            + ", measured_ms, sources FROM tool_calls",
        "error|40|880|812|14");
  }

  @Test
  void withoutHooksTheTranscriptTimesAndTheOtlpDurationAreKept() throws SQLException {
    assertOrderIndependent(
        List.of(
            call(Channel.TRANSCRIPT, ToolStatus.PENDING, T0, null, null),
            call(Channel.TRANSCRIPT, ToolStatus.ERROR, null, T0.plusMillis(900), null),
            call(Channel.OTLP, ToolStatus.ERROR, null, T0.plusMillis(885), 815L)),
        "SELECT started_at - "
            + T0.toEpochMilli()
            + ", ended_at - "
            + T0.toEpochMilli()
            + ", measured_ms FROM tool_calls",
        "0|885|815");
  }

  @Test
  void anOtlpRequestAndItsTranscriptCopiesAreOneRequestWithTheOtlpUsageAndCost()
      throws SQLException {
    var otlp = request(Channel.OTLP, "", 80, 0.0125);
    assertOrderIndependent(
        List.of(
            request(Channel.TRANSCRIPT, "msg_1", 5, null),
            request(Channel.TRANSCRIPT, "msg_1", 85, null),
            otlp),
        "SELECT message_id, request_id, output_tokens, agent_cost_usd, sources FROM"
            + " model_requests",
        "msg_1|req_1|80|0.0125|12");
  }

  @Test
  void theRollupsFollowTheMergedRequest() throws SQLException {
    try (var store = open("r.db")) {
      store.write(
          List.of(
              new Batch(
                  List.of(request(Channel.TRANSCRIPT, "msg_1", 85, null)),
                  List.of(),
                  List.of(),
                  null)));
      store.write(
          List.of(
              new Batch(
                  List.of(request(Channel.OTLP, "", 80, 0.0125)), List.of(), List.of(), null)));
    }
    assertThat(rows("r.db", "SELECT requests, output_tokens FROM usage_rollup"))
        .containsExactly("1|80");
    assertThat(rows("r.db", "SELECT sum(requests), sum(output_tokens) FROM usage_day"))
        .containsExactly("1|80");
  }

  @Test
  void aHookPayloadReceivedTwiceIsStoredOnceWithBothChannels() throws SQLException {
    var sha = "a".repeat(64);
    var http =
        new HookEventFact(
            Agent.CLAUDE, "s1", "Stop", sha, "{}", 2, true, T0.plusSeconds(1), Channel.HTTP_HOOK);
    var spooled =
        new HookEventFact(Agent.CLAUDE, "s1", "Stop", sha, "{}", 2, true, T0, Channel.HOOK);
    assertOrderIndependent(
        List.of(http, spooled),
        "SELECT event, received_at - " + T0.toEpochMilli() + ", sources FROM hook_events",
        "Stop|0|3");
  }

  @Test
  void aSessionEndIsKept() throws SQLException {
    assertOrderIndependent(
        List.of(
            new SessionFact(
                Agent.CLAUDE, "s1", "/p", null, null, T0, null, null, Channel.TRANSCRIPT),
            new SessionFact(
                Agent.CLAUDE,
                "s1",
                "/p",
                null,
                null,
                T0.plusSeconds(60),
                T0.plusSeconds(60),
                "other",
                Channel.HTTP_HOOK)),
        "SELECT ended_at - first_seen, end_reason, sources FROM sessions",
        "60000|other|6");
  }

  private static MetricPointFact point(
      Temporality temporality, Instant start, Instant at, double value) {
    return new MetricPointFact(
        Agent.CLAUDE,
        "s1",
        "claude_code.cost.usage",
        "{\"model\":\"m\"}",
        "USD",
        temporality,
        start,
        at,
        value,
        Channel.OTLP);
  }

  @Test
  void cumulativePointsBecomeIncrementsWithCounterResetsDetected() throws SQLException {
    var start = T0;
    var restart = T0.plusSeconds(25);
    try (var store = open("m.db")) {
      var facts =
          List.<Fact>of(
              point(Temporality.CUMULATIVE, start, T0.plusSeconds(10), 1.0),
              point(Temporality.CUMULATIVE, start, T0.plusSeconds(20), 1.5),
              point(Temporality.CUMULATIVE, start, T0.plusSeconds(20), 1.5),
              point(Temporality.CUMULATIVE, restart, T0.plusSeconds(30), 0.25),
              point(Temporality.CUMULATIVE, restart, T0.plusSeconds(40), 0.75),
              point(Temporality.CUMULATIVE, restart, T0.plusSeconds(50), 0.5));
      store.write(List.of(new Batch(facts, List.of(), List.of(), null)));
    }
    assertThat(rows("m.db", "SELECT increment FROM metric_increments ORDER BY at"))
        .containsExactly("1.0", "0.5", "0.25", "0.5", "0.5");
  }

  @Test
  void deltaPointsAreTheirOwnIncrements() throws SQLException {
    try (var store = open("d.db")) {
      var facts =
          List.<Fact>of(
              point(Temporality.DELTA, T0, T0.plusSeconds(10), 1.0),
              point(Temporality.DELTA, T0.plusSeconds(10), T0.plusSeconds(20), 0.5));
      store.write(List.of(new Batch(facts, List.of(), List.of(), null)));
    }
    assertThat(rows("d.db", "SELECT sum(increment) FROM metric_increments")).containsExactly("1.5");
  }

  @Test
  void healthSaysWhenEachChannelLastDeliveredAndWhatWasSkipped() throws SQLException {
    var sha = "b".repeat(64);
    try (var store = open("h.db")) {
      assertThat(store.reads().health().lastHookAt()).isNull();
      store.write(
          List.of(
              new Batch(
                  List.of(
                      new HookEventFact(
                          Agent.CLAUDE, "s1", "Stop", sha, "{}", 2, true, T0, Channel.HTTP_HOOK),
                      call(Channel.HTTP_HOOK, ToolStatus.PENDING, T0, null, null)),
                  List.of(),
                  List.of(
                      new dev.flightlog.Skip(
                          Channel.HTTP_HOOK,
                          dev.flightlog.SkipReason.MALFORMED_JSON,
                          "POST /hook",
                          "unexpected end of input at byte 3")),
                  null)));
      var health = store.reads().health();
      assertThat(health.lastHookAt()).isEqualTo(T0);
      assertThat(health.toolCalls()).isEqualTo(1);
      assertThat(health.hookEvents()).isEqualTo(1);
      assertThat(health.skips())
          .extracting(s -> s.channel() + " " + s.reason() + " " + s.count() + " " + s.lastDetail())
          .containsExactly(
              "http_hook malformed_json 1 POST /hook: unexpected end of input at byte 3");
      assertThat(store.reads().integrityProblems()).isEmpty();
    }
  }
}
