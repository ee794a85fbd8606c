package dev.flightlog.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flightlog.store.Filter;
import dev.flightlog.store.Grouping;
import dev.flightlog.store.ToolCounts;
import dev.flightlog.store.UsageRow;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The sums of store.Reads computed the slow way, record by record from the raw rows of a database
 * file, by the definitions of the rollup triggers (a record's bucket is its time / 900,000, unknown
 * times in bucket 0), of {@link Filter} and of {@link Grouping} (a bucket counts on the local date
 * its start falls on), to check the rollup reads against.
 */
final class BruteForce {
  private BruteForce() {}

  /** One result row: period, then key, then the sums in the order of the rollup's columns. */
  private static final String KEY = "%d|%s";

  /** Usage per period and model, as {@code Reads.usage} would give it. */
  static Map<String, double[]> usage(Path file, Filter filter, Grouping grouping)
      throws SQLException {
    var sums = new TreeMap<String, double[]>();
    read(
        file,
        """
        SELECT at, agent, project, model, input_tokens, output_tokens, cache_read_tokens,
               cache_write_5m_tokens, cache_write_1h_tokens, agent_cost_usd, state_cost_usd
          FROM model_requests
        """,
        rows -> {
          var model = rows.getString(4);
          var wantedModel = filter.model();
          if (wantedModel != null && !wantedModel.equals(model)) {
            return;
          }
          var period =
              period(time(rows, 1), filter, grouping, rows.getString(2), rows.getString(3));
          if (period == null) {
            return;
          }
          var row = sums.computeIfAbsent(KEY.formatted(period, model), k -> new double[15]);
          double agentCost = rows.getDouble(10);
          boolean hasAgentCost = !rows.wasNull();
          double stateCost = rows.getDouble(11);
          boolean hasStateCost = !rows.wasNull();
          row[0]++;
          for (int i = 0; i < 5; i++) {
            long tokens = rows.getLong(5 + i);
            row[1 + i] += tokens;
            if (!hasAgentCost) {
              row[8 + i] += tokens;
            }
          }
          if (hasAgentCost) {
            row[6] += agentCost;
            row[7]++;
          } else if (hasStateCost) {
            row[13] += stateCost;
            row[14]++;
          }
        });
    return sums;
  }

  /** Tool calls per period and tool, as {@code Reads.tools} would give them. */
  static Map<String, double[]> tools(Path file, Filter filter, Grouping grouping)
      throws SQLException {
    var sums = new TreeMap<String, double[]>();
    read(
        file,
        """
        SELECT COALESCE(started_at, ended_at), agent, project, COALESCE(tool, ''), status
          FROM tool_calls
        """,
        rows -> {
          var period =
              period(time(rows, 1), filter, grouping, rows.getString(2), rows.getString(3));
          if (period == null) {
            return;
          }
          var row =
              sums.computeIfAbsent(KEY.formatted(period, rows.getString(4)), k -> new double[5]);
          row[0]++;
          switch (rows.getString(5)) {
            case "ok" -> row[1]++;
            case "error" -> row[2]++;
            case "denied" -> row[3]++;
            case "interrupted" -> row[4]++;
            default -> {}
          }
        });
    return sums;
  }

  /** The rows of {@code Reads.usage} in the shape of {@link #usage}. */
  static Map<String, double[]> of(List<UsageRow> rows) {
    var sums = new TreeMap<String, double[]>();
    for (var row : rows) {
      var u = row.usage();
      sums.put(
          KEY.formatted(row.period(), u.model()),
          new double[] {
            u.requests(),
            u.usage().inputTokens(),
            u.usage().outputTokens(),
            u.usage().cacheReadTokens(),
            u.usage().cacheWrite5mTokens(),
            u.usage().cacheWrite1hTokens(),
            u.agentCostUsd(),
            u.agentCostRequests(),
            u.rest().inputTokens(),
            u.rest().outputTokens(),
            u.rest().cacheReadTokens(),
            u.rest().cacheWrite5mTokens(),
            u.rest().cacheWrite1hTokens(),
            u.restStateCostUsd(),
            u.restStateCostRequests()
          });
    }
    return sums;
  }

  /** The rows of {@code Reads.tools} in the shape of {@link #tools}. */
  static Map<String, double[]> ofTools(List<ToolCounts> rows) {
    var sums = new TreeMap<String, double[]>();
    for (var row : rows) {
      sums.put(
          KEY.formatted(row.period(), row.tool()),
          new double[] {row.calls(), row.ok(), row.errors(), row.denied(), row.interrupted()});
    }
    return sums;
  }

  /** Equal keys, counts exactly and amounts to a billionth. */
  static void same(Map<String, double[]> actual, Map<String, double[]> expected, String what) {
    assertThat(actual.keySet()).as("periods and keys of %s", what).isEqualTo(expected.keySet());
    expected.forEach(
        (key, sums) -> {
          var got = Objects.requireNonNull(actual.get(key));
          for (int i = 0; i < sums.length; i++) {
            assertThat(got[i]).as("%s %s column %d", what, key, i).isCloseTo(sums[i], within(1e-9));
          }
        });
  }

  @FunctionalInterface
  private interface RowReader {
    void read(ResultSet rows) throws SQLException;
  }

  private static void read(Path file, String sql, RowReader reader) throws SQLException {
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        var statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        reader.read(rows);
      }
    }
  }

  private static long time(ResultSet rows, int column) throws SQLException {
    long time = rows.getLong(column);
    return rows.wasNull() ? 0 : time;
  }

  /** The period a record counts in, or null when the filter leaves it out. */
  private static @Nullable Long period(
      long time, Filter filter, Grouping grouping, String agent, String project) {
    var wantedAgent = filter.agent();
    if (wantedAgent != null && !wantedAgent.equals(agent)) {
      return null;
    }
    var wanted = filter.project();
    if (wanted != null && !project.equals(wanted) && !project.endsWith("/" + wanted)) {
      return null;
    }
    long bucket = time / Filter.BUCKET_MS;
    if (bucket < filter.sinceBucket() || bucket >= filter.untilBucket()) {
      return null;
    }
    return switch (grouping) {
      case Grouping.Total() -> 0L;
      case Grouping.Buckets() -> bucket == 0 ? Grouping.UNKNOWN_TIME : bucket;
      case Grouping.Days(var zone) ->
          bucket == 0
              ? Long.valueOf(Grouping.UNKNOWN_TIME)
              : bucket < 0
                  ? null
                  : Long.valueOf(
                      LocalDate.ofInstant(Instant.ofEpochMilli(bucket * Filter.BUCKET_MS), zone)
                          .toEpochDay());
    };
  }
}
