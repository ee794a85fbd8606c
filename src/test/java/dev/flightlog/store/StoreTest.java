package dev.flightlog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.CostStateFact;
import dev.flightlog.Fact;
import dev.flightlog.FilePosition;
import dev.flightlog.ModelRequestFact;
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

class StoreTest {

  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @TempDir Path dir;

  private Store open() {
    return Store.open(new Dsn.Sqlite(dir.resolve("f.db")), CLOCK);
  }

  private static Batch batch(Fact... facts) {
    return new Batch(List.of(facts), List.of(), List.of(), null);
  }

  private static ToolCallFact use(String id, Instant at) {
    return new ToolCallFact(
        Agent.CLAUDE,
        id,
        "s1",
        "main",
        null,
        "Bash",
        "{\"command\":\"ls\"}",
        "ls",
        ToolStatus.PENDING,
        null,
        null,
        null,
        at,
        null,
        null,
        "/p",
        "m1",
        Channel.TRANSCRIPT);
  }

  private static ToolCallFact result(
      String id, ToolStatus status, @Nullable String error, Instant at) {
    return new ToolCallFact(
        Agent.CLAUDE,
        id,
        "s1",
        "main",
        "p1",
        null,
        null,
        null,
        status,
        error,
        "out",
        3L,
        null,
        at,
        null,
        "/p",
        null,
        Channel.TRANSCRIPT);
  }

  private static ModelRequestFact request(String message, long output, String model) {
    return new ModelRequestFact(
        Agent.CLAUDE,
        message,
        "r-" + message,
        "s1",
        "main",
        "p1",
        model,
        new Usage(100, output, 1000, 10, 0),
        T0,
        "/p",
        null,
        Channel.TRANSCRIPT);
  }

  /** Rows of a query as strings, for exact comparisons. */
  private List<String> rows(String sql) throws SQLException {
    return dev.flightlog.SqlRows.of(dir.resolve("f.db"), sql);
  }

  @Test
  void aToolCallsUseAndResultBecomeOneRecordInEitherOrder() throws SQLException {
    try (var store = open()) {
      store.write(
          List.of(batch(use("a", T0), result("a", ToolStatus.ERROR, "boom", T0.plusMillis(250)))));
      store.write(List.of(batch(result("b", ToolStatus.OK, null, T0.plusMillis(90)))));
      store.write(List.of(batch(use("b", T0))));
    }
    assertThat(
            rows(
                "SELECT tool_use_id, tool, status, error, started_at, ended_at, prompt_id, sources FROM tool_calls ORDER BY 1"))
        .containsExactly(
            "a|Bash|error|boom|" + T0.toEpochMilli() + "|" + (T0.toEpochMilli() + 250) + "|p1|4",
            "b|Bash|ok|null|" + T0.toEpochMilli() + "|" + (T0.toEpochMilli() + 90) + "|p1|4");
    assertThat(rows("SELECT tool, calls, ok, errors FROM tool_rollup"))
        .containsExactly("Bash|2|1|1");
  }

  @Test
  void aFinalOutcomeIsNeverReplacedByPendingOrByALowerChannel() throws SQLException {
    var otlp =
        new ToolCallFact(
            Agent.CLAUDE,
            "a",
            "s1",
            null,
            null,
            "Bash",
            null,
            null,
            ToolStatus.OK,
            null,
            null,
            null,
            null,
            null,
            42L,
            "",
            null,
            Channel.OTLP);
    try (var store = open()) {
      store.write(List.of(batch(result("a", ToolStatus.DENIED, "no", T0), use("a", T0), otlp)));
    }
    assertThat(rows("SELECT status, error, measured_ms, sources FROM tool_calls"))
        .containsExactly("denied|no|42|12");
  }

  @Test
  void streamedCopiesOfAModelRequestCountOnceWithTheirLargestUsage() throws SQLException {
    try (var store = open()) {
      store.write(List.of(batch(request("m1", 5, "claude-x"), request("m1", 85, "claude-x"))));
      store.write(List.of(batch(request("m1", 85, "claude-x"))));
    }
    assertThat(rows("SELECT output_tokens, input_tokens FROM model_requests"))
        .containsExactly("85|100");
    assertThat(rows("SELECT requests, output_tokens, input_tokens FROM usage_rollup"))
        .containsExactly("1|85|100");
  }

  @Test
  void theCostStateIsApportionedToTheSessionsRequestsOfThatModel() throws SQLException {
    var state =
        new CostStateFact(
            Agent.CLAUDE,
            "s1",
            0.03,
            null,
            List.of(new CostStateFact.ModelCost("claude-x", Usage.ZERO, 0.03)),
            Channel.TRANSCRIPT);
    try (var store = open()) {
      store.write(List.of(batch(request("m1", 85, "claude-x"), request("m2", 85, "claude-x"))));
      store.write(List.of(batch(state)));
      store.write(List.of(batch(request("m3", 85, "claude-x"))));
    }
    assertThat(rows("SELECT message_id, round(state_cost_usd, 6) FROM model_requests ORDER BY 1"))
        .containsExactly("m1|0.01", "m2|0.01", "m3|0.01");
    assertThat(
            rows(
                "SELECT requests, round(rest_state_cost_usd, 6), rest_state_cost_requests FROM usage_rollup"))
        .containsExactly("3|0.03|3");
  }

  @Test
  void aLargerCostStateReplacesASmallerOneAndNeverTheOtherWayRound() throws SQLException {
    try (var store = open()) {
      for (double total : new double[] {0.018, 0.054, 0.036}) {
        store.write(
            List.of(
                batch(
                    new CostStateFact(
                        Agent.CLAUDE,
                        "s1",
                        total,
                        null,
                        List.of(new CostStateFact.ModelCost("claude-x", Usage.ZERO, total)),
                        Channel.TRANSCRIPT))));
      }
    }
    assertThat(rows("SELECT total_cost_usd FROM cost_states")).containsExactly("0.054");
    assertThat(rows("SELECT cost_usd FROM cost_state_models")).containsExactly("0.054");
  }

  @Test
  void positionsAreStoredWithTheBatchAndReadBack() {
    var position = new FilePosition("/t/a.jsonl", "1", "2", "ab", 2, 10, 12, 99, "state");
    try (var store = open()) {
      store.write(List.of(new Batch(List.of(use("a", T0)), List.of(), List.of(), position)));
      assertThat(store.positions()).containsEntry("/t/a.jsonl", position);
    }
  }

  @Test
  void aFailedBatchStoresNothingOfItsTransaction() throws SQLException {
    var position = new FilePosition("/t/a.jsonl", "1", "2", "ab", 2, 10, 12, 99, "state");
    try (var store = open()) {
      store.write(List.of(new Batch(List.of(use("a", T0)), List.of(), List.of(), position)));
      // Drop a table behind the store's back so the next write fails half-way.
      try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("f.db"));
          var statement = connection.createStatement()) {
        statement.execute("DROP TABLE ingest_skips");
      }
      var skip =
          new dev.flightlog.Skip(
              Channel.TRANSCRIPT, dev.flightlog.SkipReason.MALFORMED_JSON, "x", "y");
      var moved = new FilePosition("/t/a.jsonl", "1", "2", "ab", 2, 20, 22, 99, "state2");
      assertThatThrownBy(
              () ->
                  store.write(
                      List.of(new Batch(List.of(use("b", T0)), List.of(), List.of(skip), moved))))
          .hasMessageContaining("ingest_skips");
      assertThat(store.positions()).containsEntry("/t/a.jsonl", position);
    }
    assertThat(rows("SELECT tool_use_id FROM tool_calls")).containsExactly("a");
  }

  @Test
  void aDatabaseFromANewerFlightlogIsRefused() throws SQLException {
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("f.db"));
        var statement = connection.createStatement()) {
      statement.execute("PRAGMA user_version = 99");
    }
    assertThatThrownBy(this::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version 99 but this flightlog knows only up to 3");
  }

  @Test
  void postgresIsRefusedWithAClearMessageThatHidesThePassword() {
    assertThatThrownBy(() -> Store.open(Dsn.parse("postgres://bob:secret@db/x"), CLOCK))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "PostgreSQL (postgres://…@db/x) is not supported by this version of flightlog yet;"
                + " use a SQLite file");
  }

  @Test
  void migrationScriptsSplitIntoStatementsKeepingTriggersWhole() {
    var statements =
        Migrations.statements(
            """
            -- a comment
            CREATE TABLE t (a INTEGER);
            CREATE TRIGGER x AFTER INSERT ON t
            BEGIN
              INSERT INTO t VALUES (1);
              INSERT INTO t VALUES (2);
            END;
            CREATE INDEX i ON t (a);
            """);
    assertThat(statements).hasSize(3);
    assertThat(statements.get(1)).startsWith("CREATE TRIGGER").endsWith("END;\n");
  }

  @Test
  void dsnsParse() {
    assertThat(Dsn.parse("/x/f.db")).isEqualTo(new Dsn.Sqlite(Path.of("/x/f.db")));
    assertThat(Dsn.parse("sqlite:/x/f.db")).isEqualTo(new Dsn.Sqlite(Path.of("/x/f.db")));
    assertThat(Dsn.parse("postgres://h/db")).isEqualTo(new Dsn.Postgres("postgres://h/db"));
    assertThatThrownBy(() -> Dsn.parse("mysql://h/db"))
        .hasMessage(
            "unsupported database DSN 'mysql://h/db': use a file path, sqlite:PATH or postgres://…");
  }
}
