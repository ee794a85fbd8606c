package dev.flightlog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.CostStateFact;
import dev.flightlog.Fact;
import dev.flightlog.HookEventFact;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.SqlRows;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dirty marks of migration 003 and {@link Store#refreshDerived()}. */
class DeriveTest {

  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @TempDir Path dir;

  private Path db() {
    return dir.resolve("f.db");
  }

  private Store open() {
    return Store.open(new Dsn.Sqlite(db()), CLOCK);
  }

  private List<String> rows(String sql) throws SQLException {
    return SqlRows.of(db(), sql);
  }

  private static Batch batch(Fact... facts) {
    return new Batch(List.of(facts), List.of(), List.of(), null);
  }

  private static ToolCallFact call(
      String session, String id, ToolStatus status, @Nullable String error, Channel channel) {
    return new ToolCallFact(
        Agent.CLAUDE,
        id,
        session,
        "main",
        "p1",
        "Bash",
        null,
        "ls",
        status,
        error,
        null,
        null,
        T0,
        T0.plusSeconds(1),
        null,
        "/p",
        null,
        channel);
  }

  private static ModelRequestFact request(String session, String id, String model) {
    return new ModelRequestFact(
        Agent.CLAUDE,
        id,
        "r-" + id,
        session,
        "main",
        "p1",
        model,
        new Usage(10, 10, 0, 0, 0),
        T0,
        "/p",
        null,
        Channel.TRANSCRIPT);
  }

  private static HookEventFact hook(String session, String event, String sha) {
    return new HookEventFact(
        Agent.CLAUDE,
        session,
        event,
        sha.repeat(64),
        "{\"session_id\":\"" + session + "\",\"hook_event_name\":\"" + event + "\"}",
        10,
        true,
        T0,
        Channel.HTTP_HOOK);
  }

  private List<String> dirty() throws SQLException {
    return rows("SELECT agent || ':' || session_id FROM derive_dirty ORDER BY 1");
  }

  @Test
  void writesMarkTheirSessionsDirtyAndARefreshRecomputesAndClearsThem() throws SQLException {
    try (var store = open()) {
      store.write(
          List.of(
              batch(
                  call("s1", "a", ToolStatus.ERROR, "boom", Channel.TRANSCRIPT),
                  new PromptFact(
                      Agent.CLAUDE, "s2", "p2", "hi", T0, null, "/p", Channel.TRANSCRIPT),
                  request("s3", "m1", "claude-opus-5-5"),
                  hook("s4", "PermissionRequest", "a"),
                  hook("s5", "PreToolUse", "b"))));
      // s5's only record is a hook event: flow does not read it, coverage counts it
      assertThat(dirty())
          .containsExactly("claude:s1", "claude:s2", "claude:s3", "claude:s4", "claude:s5");
      assertThat(store.refreshDerived()).isEqualTo(5);
      assertThat(rows("SELECT session_id, tool_calls, hook_events FROM session_coverage"))
          .containsExactly("s1|1|0", "s2|0|0", "s3|0|0", "s4|0|1", "s5|0|1");
      assertThat(dirty()).isEmpty();
      assertThat(store.refreshDerived()).isZero();
    }
  }

  @Test
  void onlyChangesOfWhatTheDefinitionsReadMarkASession() throws SQLException {
    try (var store = open()) {
      store.write(
          List.of(
              batch(
                  call("s1", "a", ToolStatus.ERROR, "boom", Channel.TRANSCRIPT),
                  request("s1", "m1", "claude-opus-5-5"))));
      store.refreshDerived();
      // the same facts again, a lower-ranked outcome of the same channel, and a cost-state
      // apportioned to m1
      store.write(
          List.of(
              batch(
                  call("s1", "a", ToolStatus.ERROR, "boom", Channel.TRANSCRIPT),
                  call("s1", "a", ToolStatus.OK, null, Channel.TRANSCRIPT),
                  request("s1", "m1", "claude-opus-5-5"),
                  new CostStateFact(
                      Agent.CLAUDE,
                      "s1",
                      1.0,
                      T0,
                      List.of(new CostStateFact.ModelCost("claude-opus-5-5", Usage.ZERO, 1.0)),
                      Channel.TRANSCRIPT))));
      assertThat(rows("SELECT status, state_cost_usd FROM tool_calls, model_requests"))
          .containsExactly("error|1.0");
      assertThat(dirty()).isEmpty();
      // another channel seeing the call changes its coverage (its outcome stays the
      // transcript's)
      store.write(List.of(batch(call("s1", "a", ToolStatus.INTERRUPTED, null, Channel.HOOK))));
      assertThat(dirty()).containsExactly("claude:s1");
      store.refreshDerived();
      assertThat(rows("SELECT by_hooks, by_transcript, transcript_only FROM session_coverage"))
          .containsExactly("1|1|0");
      store.write(
          List.of(
              batch(
                  new PromptFact(
                      Agent.CLAUDE,
                      "s1",
                      "p1",
                      null,
                      null,
                      T0.plusSeconds(5),
                      null,
                      Channel.HOOK))));
      assertThat(dirty()).containsExactly("claude:s1");
    }
  }

  @Test
  void anUpdateThatMovesARecordMarksBothSessions() throws SQLException {
    try (var store = open()) {
      store.write(List.of(batch(call("s1", "a", ToolStatus.ERROR, "boom", Channel.TRANSCRIPT))));
      store.refreshDerived();
    }
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db());
        var statement = connection.createStatement()) {
      statement.execute("UPDATE tool_calls SET session_id = 's9' WHERE tool_use_id = 'a'");
    }
    assertThat(dirty()).containsExactly("claude:s1", "claude:s9");
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db());
        var statement = connection.createStatement()) {
      statement.execute("DELETE FROM derive_dirty");
      statement.execute("DELETE FROM tool_calls");
    }
    assertThat(dirty()).containsExactly("claude:s9");
  }

  @Test
  void theMigrationFromVersion2MarksEveryStoredSessionDirty() throws SQLException {
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db())) {
      Migrations.apply(connection, "sqlite", Migrations.SQLITE.subList(0, 2));
      try (var statement = connection.createStatement()) {
        statement.execute(
            "INSERT INTO sessions (agent, session_id, sources) VALUES ('claude', 'only-session', 4)");
        statement.execute(
            """
            INSERT INTO tool_calls (agent, tool_use_id, session_id, status, status_rank, sources)
            VALUES ('claude', 't1', 'calls-only', 'error', 14, 4)
            """);
        statement.execute(
            """
            INSERT INTO hook_events (sha256, agent, session_id, event, received_at, payload,
                                     payload_bytes, json, sources)
            VALUES ('x', 'claude', 'asked', 'PermissionRequest', 0, '{}', 2, 1, 2),
                   ('y', 'claude', 'quiet', 'PreToolUse', 0, '{}', 2, 1, 2)
            """);
      }
    }
    try (var store = open()) {
      assertThat(rows("PRAGMA user_version"))
          .containsExactly(Integer.toString(Migrations.SQLITE.size()));
      assertThat(dirty())
          .containsExactly("claude:asked", "claude:calls-only", "claude:only-session");
      assertThat(store.refreshDerived()).isEqualTo(3);
      assertThat(dirty()).isEmpty();
    }
  }

  @Test
  void anExampleIsTheErrorsFirstMeaningfulLineBounded() {
    assertThat(Derive.example(null)).isNull();
    assertThat(Derive.example("  \n")).isNull();
    assertThat(Derive.example("<tool_use_error>File does not exist.</tool_use_error>"))
        .isEqualTo("File does not exist.");
    assertThat(Derive.example("Exit code 2\nls: cannot access 'x': No such file"))
        .isEqualTo("ls: cannot access 'x': No such file");
    assertThat(Derive.example("Exit code 1\n")).isEqualTo("Exit code 1");
    assertThat(Derive.example("x".repeat(500))).isEqualTo("x".repeat(199) + "…");
  }

  @Test
  void otherTimeIsWhatWallTimeLeavesAndUnknownWhenAPartIs() {
    assertThat(Derive.otherMs(10_000L, 4_000L, 3_000L, 1_000L)).isEqualTo(2_000L);
    assertThat(Derive.otherMs(10_000L, null, 3_000L, 1_000L)).isNull();
    assertThat(Derive.otherMs(null, 0L, 0L, 0L)).isNull();
  }
}
