package dev.flightlog.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flightlog.Fact;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The rollup tables the reports read are exactly what the raw rows say, after any sequence of
 * inserts and merges: re-deliveries, streamed copies, outcomes replaced by better channels, times
 * and projects filled in late, agent costs and cost-state shares arriving later. Each rollup is
 * compared with its recomputation from the raw rows (the queries below), floating point sums to a
 * billionth; rollup rows the triggers emptied (a record moved to another bucket) must be all zero.
 */
class RollupConsistencyProperty {

  private static final String USAGE_FROM_RAW_ROWS =
      """
      SELECT COALESCE(at, 0) / 900000, agent, project, model, COUNT(*),
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
       GROUP BY 1, 2, 3, 4
       ORDER BY 1, 2, 3, 4
      """;

  private static final String USAGE_ROLLUP =
      """
      SELECT bucket, agent, project, model, requests, input_tokens, output_tokens,
             cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, agent_cost_usd,
             agent_cost_requests, rest_input_tokens, rest_output_tokens, rest_cache_read_tokens,
             rest_cache_write_5m_tokens, rest_cache_write_1h_tokens, rest_state_cost_usd,
             rest_state_cost_requests
        FROM usage_rollup
       ORDER BY 1, 2, 3, 4
      """;

  private static final String TOOLS_FROM_RAW_ROWS =
      """
      SELECT COALESCE(started_at, ended_at, 0) / 900000, agent, project, COALESCE(tool, ''),
             COUNT(*), SUM(status = 'ok'), SUM(status = 'error'), SUM(status = 'denied'),
             SUM(status = 'interrupted')
        FROM tool_calls
       GROUP BY 1, 2, 3, 4
       ORDER BY 1, 2, 3, 4
      """;

  private static final String TOOL_ROLLUP =
      """
      SELECT bucket, agent, project, tool, calls, ok, errors, denied, interrupted
        FROM tool_rollup
       ORDER BY 1, 2, 3, 4
      """;

  @Provide
  Arbitrary<List<List<Fact>>> deliveries() {
    return RandomFacts.deliveries();
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
      same(nonEmpty(rows(file, USAGE_ROLLUP), 4), rows(file, USAGE_FROM_RAW_ROWS));
      same(nonEmpty(rows(file, TOOL_ROLLUP), 4), rows(file, TOOLS_FROM_RAW_ROWS));
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
  private static void same(List<List<Object>> rollup, List<List<Object>> recomputed) {
    assertThat(rollup).as("rollup rows").hasSameSizeAs(recomputed);
    for (int r = 0; r < rollup.size(); r++) {
      var a = rollup.get(r);
      var b = recomputed.get(r);
      for (int c = 0; c < a.size(); c++) {
        if (a.get(c) instanceof Double || b.get(c) instanceof Double) {
          assertThat(((Number) a.get(c)).doubleValue())
              .as("row %s column %d vs %s", a, c + 1, b)
              .isCloseTo(((Number) b.get(c)).doubleValue(), within(1e-9));
        } else {
          assertThat(String.valueOf(a.get(c)))
              .as("row %s column %d vs %s", a, c + 1, b)
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
