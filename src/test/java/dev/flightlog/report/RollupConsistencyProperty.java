package dev.flightlog.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flightlog.Fact;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The rollup tables the reports read are exactly what the raw rows say, after any sequence of
 * inserts and merges: re-deliveries, streamed copies, outcomes replaced by better channels, times
 * and projects filled in late, agent costs and cost-state shares arriving later. Each level of each
 * rollup (quarter hours, hours of the day, hours per model, days, blocks of 32 days) is compared
 * with its recomputation from the raw rows (the queries below), floating point sums to a billionth;
 * rollup rows the triggers emptied (a record moved to another bucket) must be all zero.
 */
class RollupConsistencyProperty {

  /** A level of a rollup: its table, its time key columns and their definition from a time. */
  private record Level(String table, List<String> keys, List<String> fromTime) {}

  private static final List<Level> USAGE_LEVELS =
      List.of(
          new Level("usage_rollup", List.of("bucket"), List.of("{t} / 900000")),
          new Level(
              "usage_hour",
              List.of("hour", "day"),
              List.of("{t} / 3600000 % 24", "{t} / 86400000")),
          new Level("usage_day", List.of("day"), List.of("{t} / 86400000")),
          new Level("usage_block", List.of("block"), List.of("{t} / 2764800000")));

  private static final List<Level> TOOL_LEVELS =
      List.of(
          new Level("tool_rollup", List.of("bucket"), List.of("{t} / 900000")),
          new Level("tool_day", List.of("day"), List.of("{t} / 86400000")),
          new Level("tool_block", List.of("block"), List.of("{t} / 2764800000")));

  private static final String USAGE_FROM_RAW_ROWS =
      """
      SELECT {keys}, agent, project, model, COUNT(*),
             SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens),
             SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens),
             SUM(COALESCE(agent_cost_usd, 0)), COUNT(agent_cost_usd),
             SUM(CASE WHEN agent_cost_usd IS NULL THEN input_tokens ELSE 0 END),
             SUM(CASE WHEN agent_cost_usd IS NULL THEN output_tokens ELSE 0 END),
             SUM(CASE WHEN agent_cost_usd IS NULL THEN cache_read_tokens ELSE 0 END),
             SUM(CASE WHEN agent_cost_usd IS NULL THEN cache_write_5m_tokens ELSE 0 END),
             SUM(CASE WHEN agent_cost_usd IS NULL THEN cache_write_1h_tokens ELSE 0 END),
             SUM(CASE WHEN agent_cost_usd IS NULL THEN COALESCE(state_cost_usd, 0) ELSE 0 END),
             SUM(agent_cost_usd IS NULL AND state_cost_usd IS NOT NULL)
        FROM model_requests
       GROUP BY {keys}, agent, project, model
       ORDER BY {keys}, agent, project, model
      """;

  private static final String USAGE_ROLLUP =
      """
      SELECT {keys}, agent, project, model, requests, input_tokens, output_tokens,
             cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, agent_cost_usd,
             agent_cost_requests, rest_input_tokens, rest_output_tokens, rest_cache_read_tokens,
             rest_cache_write_5m_tokens, rest_cache_write_1h_tokens, rest_state_cost_usd,
             rest_state_cost_requests
        FROM {table}
       ORDER BY {keys}, agent, project, model
      """;

  private static final String TOOLS_FROM_RAW_ROWS =
      """
      SELECT {keys}, agent, project, COALESCE(tool, ''),
             COUNT(*), SUM(status = 'ok'), SUM(status = 'error'), SUM(status = 'denied'),
             SUM(status = 'interrupted')
        FROM tool_calls
       GROUP BY {keys}, agent, project, COALESCE(tool, '')
       ORDER BY {keys}, agent, project, COALESCE(tool, '')
      """;

  private static final String TOOL_ROLLUP =
      """
      SELECT {keys}, agent, project, tool, calls, ok, errors, denied, interrupted
        FROM {table}
       ORDER BY {keys}, agent, project, tool
      """;

  /**
   * The rollup query of a level, and its recomputation from raw rows whose time is {@code time}.
   */
  private static List<String> queries(Level level, String rollup, String raw, String time) {
    var keys = String.join(", ", level.keys());
    var fromTime = String.join(", ", level.fromTime()).replace("{t}", time);
    return List.of(
        rollup.replace("{keys}", keys).replace("{table}", level.table()),
        raw.replace("{keys}", fromTime));
  }

  /** A usage query with the project left out: every row's project is ''. */
  private static String withoutProject(String sql) {
    return sql.replaceFirst("agent, project, model", "agent, '' AS project, model")
        .replace("agent, project, model", "agent, model");
  }

  /** Facts of ten days, or of 200 days so that records also move between blocks of 32 days. */
  @Provide
  Arbitrary<List<List<Fact>>> deliveries() {
    return Arbitraries.oneOf(
        RandomFacts.deliveries(),
        RandomFacts.deliveries(RandomFacts.START, Duration.ofDays(200), 40, 8));
  }

  @Property(tries = 100)
  void rollupsEqualTheirRecomputationFromRawRows(@ForAll("deliveries") List<List<Fact>> deliveries)
      throws SQLException {
    var dir = RandomFacts.directory();
    try {
      var file = dir.resolve("p.db");
      try (var store = Fixture.open(file)) {
        RandomFacts.write(store, deliveries);
      }
      for (var level : USAGE_LEVELS) {
        var sql = queries(level, USAGE_ROLLUP, USAGE_FROM_RAW_ROWS, "COALESCE(at, 0)");
        same(
            level.table(),
            nonEmpty(rows(file, sql.get(0)), level.keys().size() + 3),
            rows(file, sql.get(1)));
      }
      // usage_hour_model (005-analytics-reads.sql): whole hours since the epoch, without project
      var hours = new Level("usage_hour_model", List.of("hour"), List.of("{t} / 3600000"));
      var hourSql = queries(hours, USAGE_ROLLUP, USAGE_FROM_RAW_ROWS, "COALESCE(at, 0)");
      same(
          hours.table(),
          nonEmpty(rows(file, withoutProject(hourSql.get(0))), 4),
          rows(file, withoutProject(hourSql.get(1))));
      for (var level : TOOL_LEVELS) {
        var sql =
            queries(level, TOOL_ROLLUP, TOOLS_FROM_RAW_ROWS, "COALESCE(started_at, ended_at, 0)");
        same(
            level.table(),
            nonEmpty(rows(file, sql.get(0)), level.keys().size() + 3),
            rows(file, sql.get(1)));
      }
    } finally {
      RandomFacts.delete(dir);
    }
  }

  /** The rows with a non-zero count; the others must be zero throughout. */
  private static List<List<Object>> nonEmpty(List<List<Object>> rows, int countColumn) {
    var kept = new ArrayList<List<Object>>();
    for (var row : rows) {
      if (((Number) row.get(countColumn)).longValue() == 0) {
        for (var value : row.subList(countColumn, row.size())) {
          assertThat(((Number) value).doubleValue())
              .as("emptied rollup row %s", row)
              .isCloseTo(0, within(1e-9));
        }
      } else {
        kept.add(row);
      }
    }
    return kept;
  }

  /** Equal rows: keys and counts exactly, floating point sums to a billionth. */
  private static void same(String table, List<List<Object>> rollup, List<List<Object>> recomputed) {
    assertThat(rollup).as("rows of %s", table).hasSameSizeAs(recomputed);
    for (int r = 0; r < rollup.size(); r++) {
      var a = rollup.get(r);
      var b = recomputed.get(r);
      for (int c = 0; c < a.size(); c++) {
        if (a.get(c) instanceof Double || b.get(c) instanceof Double) {
          assertThat(((Number) a.get(c)).doubleValue())
              .as("%s row %s column %d vs %s", table, a, c + 1, b)
              .isCloseTo(((Number) b.get(c)).doubleValue(), within(1e-9));
        } else {
          assertThat(String.valueOf(a.get(c)))
              .as("%s row %s column %d vs %s", table, a, c + 1, b)
              .isEqualTo(String.valueOf(b.get(c)));
        }
      }
    }
  }

  private static List<List<Object>> rows(Path file, String sql) throws SQLException {
    var rows = new ArrayList<List<Object>>();
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        var statement = connection.createStatement();
        var result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        var row = new ArrayList<Object>();
        for (int i = 1; i <= columns; i++) {
          var value = result.getObject(i);
          row.add(value == null ? "null" : value);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
