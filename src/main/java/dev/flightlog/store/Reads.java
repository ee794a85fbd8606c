package dev.flightlog.store;

import dev.flightlog.Agent;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * The read-only queries the reports are computed from. Sums come from the rollup tables, whose
 * primary key starts with the bucket, so a time range is one index range and the rows read grow
 * with the active (quarter hour, agent, project, model or tool) combinations in range, not with the
 * records. Tool durations (for percentiles), the listed sessions and the export read raw rows, each
 * through an index. Measured costs at a million records are in docs/benchmarks.md.
 *
 * <p>All queries bind the same numbered parameters: {@code ?1}/{@code ?2} the bucket range, {@code
 * ?3}/{@code ?4} the same range in epoch ms, {@code ?5} project, {@code ?6} agent, {@code ?7}
 * model, {@code ?8} session, {@code ?9} a query-specific number. The {@code {name}} slots of the
 * SQL texts take only the constant fragments defined in this class, never input. With a session in
 * the filter, the rollup-shaped rows of that session are computed from its raw rows (through the
 * session indexes) by the same definitions as the rollup triggers.
 */
public final class Reads {

  /** The agents' wire names as an SQL list, so (agent, session_id) indexes serve a session. */
  private static final String AGENTS = agents();

  /** Rollup-shaped rows of one session's model requests; the triggers' definition, per row. */
  private static final String SESSION_REQUESTS =
      """
      (SELECT COALESCE(at, 0) / 900000 AS bucket, agent, project, model, 1 AS requests,
              input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens,
              cache_write_1h_tokens,
              COALESCE(agent_cost_usd, 0) AS agent_cost_usd,
              (agent_cost_usd IS NOT NULL) AS agent_cost_requests,
              CASE WHEN agent_cost_usd IS NULL THEN input_tokens ELSE 0 END AS rest_input_tokens,
              CASE WHEN agent_cost_usd IS NULL THEN output_tokens ELSE 0 END AS rest_output_tokens,
              CASE WHEN agent_cost_usd IS NULL THEN cache_read_tokens ELSE 0 END
                AS rest_cache_read_tokens,
              CASE WHEN agent_cost_usd IS NULL THEN cache_write_5m_tokens ELSE 0 END
                AS rest_cache_write_5m_tokens,
              CASE WHEN agent_cost_usd IS NULL THEN cache_write_1h_tokens ELSE 0 END
                AS rest_cache_write_1h_tokens,
              CASE WHEN agent_cost_usd IS NULL THEN COALESCE(state_cost_usd, 0) ELSE 0 END
                AS rest_state_cost_usd,
              (agent_cost_usd IS NULL AND state_cost_usd IS NOT NULL) AS rest_state_cost_requests
         FROM model_requests
        WHERE agent IN ({agents}) AND session_id = ?8)
      """
          .replace("{agents}", AGENTS);

  /** Rollup-shaped rows of one session's tool calls; the triggers' definition, per row. */
  private static final String SESSION_TOOL_CALLS =
      """
      (SELECT COALESCE(started_at, ended_at, 0) / 900000 AS bucket, agent, project,
              COALESCE(tool, '') AS tool, 1 AS calls, (status = 'ok') AS ok,
              (status = 'error') AS errors, (status = 'denied') AS denied,
              (status = 'interrupted') AS interrupted
         FROM tool_calls
        WHERE agent IN ({agents}) AND session_id = ?8)
      """
          .replace("{agents}", AGENTS);

  /** One session's raw tool calls. */
  private static final String SESSION_TOOL_ROWS =
      "(SELECT * FROM tool_calls WHERE agent IN ({agents}) AND session_id = ?8)"
          .replace("{agents}", AGENTS);

  private static final String PROJECT =
      "(?5 IS NULL OR project = ?5 OR substr(project, -length(?5) - 1) = '/' || ?5)";

  /** Period expressions of the groupings; {@code ?9} shifts buckets to local days. */
  private static final String TOTAL_PERIOD = "0";

  private static final String BUCKET_PERIOD = "bucket";
  private static final String DAY_PERIOD = "(bucket + ?9) / 96";

  /**
   * Local days are computed as {@code (bucket + offset buckets + 96 × SHIFT_DAYS) / 96 -
   * SHIFT_DAYS}, so that SQLite's truncating division never sees a negative number.
   */
  private static final long SHIFT_DAYS = 1_000;

  private static final long BUCKETS_PER_DAY = 96;

  private static final String USAGE =
      """
      SELECT {period} AS period, model, SUM(requests), SUM(input_tokens), SUM(output_tokens),
             SUM(cache_read_tokens), SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens),
             SUM(agent_cost_usd), SUM(agent_cost_requests), SUM(rest_input_tokens),
             SUM(rest_output_tokens), SUM(rest_cache_read_tokens),
             SUM(rest_cache_write_5m_tokens), SUM(rest_cache_write_1h_tokens),
             SUM(rest_state_cost_usd), SUM(rest_state_cost_requests)
        FROM {source}
       WHERE bucket >= ?1 AND bucket < ?2
         AND {project}
         AND (?6 IS NULL OR agent = ?6)
         AND (?7 IS NULL OR model = ?7)
       GROUP BY period, model
      HAVING SUM(requests) <> 0
      """;

  private static final String TOOLS =
      """
      SELECT {period} AS period, tool, SUM(calls), SUM(ok), SUM(errors), SUM(denied),
             SUM(interrupted)
        FROM {source}
       WHERE bucket >= ?1 AND bucket < ?2
         AND {project}
         AND (?6 IS NULL OR agent = ?6)
       GROUP BY period, tool
      HAVING SUM(calls) <> 0
      """;

  private static final String BUCKET_BOUNDS =
      "SELECT MIN(bucket), MAX(bucket) FROM {source} WHERE bucket > 0";

  /**
   * A tool call's time is its start, else its end, else unknown (0), as in the rollup; written so
   * that the {@code tool_calls_started} index serves it.
   */
  private static final String TOOL_CALL_TIME =
      """
      ((started_at >= ?3 AND started_at < ?4)
        OR (started_at IS NULL AND COALESCE(ended_at, 0) >= ?3 AND COALESCE(ended_at, 0) < ?4))\
      """;

  /** A tool call's duration: measured by the agent, else end minus start when both are known. */
  private static final String DURATION =
      "COALESCE(measured_ms, CASE WHEN ended_at >= started_at THEN ended_at - started_at END)";

  private static final String DURATIONS =
      """
      SELECT COALESCE(tool, ''), {duration}
        FROM {source}
       WHERE {time}
         AND status <> 'pending'
         AND {duration} IS NOT NULL
         AND {project}
         AND (?6 IS NULL OR agent = ?6)
      """;

  private static final String TOOL_CALLS =
      """
      SELECT agent, tool_use_id, session_id, thread_id, prompt_id, tool, mcp_server, input,
             summary, status, error, output_excerpt, output_bytes, started_at, ended_at,
             {duration}, project, message_id, sources
        FROM {source}
       WHERE {time}
         AND {project}
         AND (?6 IS NULL OR agent = ?6)
       ORDER BY started_at, agent, tool_use_id
      """;

  /** Sessions active in the range; unknown times count as 0, like the rollups' bucket 0. */
  private static final String SESSIONS_WHERE =
      """
       WHERE COALESCE(last_seen, 0) >= ?3 AND COALESCE(first_seen, 0) < ?4
         AND {project}
         AND (?6 IS NULL OR agent = ?6)
         AND (?8 IS NULL OR session_id = ?8)
      """
          .replace("{project}", PROJECT);

  private static final String SESSION_COUNT = "SELECT COUNT(*) FROM sessions\n" + SESSIONS_WHERE;

  private static final String SESSION_LIST =
      "SELECT agent, session_id, project, first_seen, last_seen FROM sessions\n"
          + SESSIONS_WHERE
          + """
           ORDER BY last_seen DESC, agent, session_id
           LIMIT ?9
          """;

  private static final String PROMPT_COUNT =
      """
      SELECT COUNT(*) FROM prompts
       WHERE ((started_at >= ?3 AND started_at < ?4)
              OR (started_at IS NULL AND 0 >= ?3 AND 0 < ?4))
         AND {project}
         AND (?6 IS NULL OR agent = ?6)
         AND (?8 IS NULL OR session_id = ?8)
      """
          .replace("{project}", PROJECT);

  private static final String PROMPTS_OF_SESSION =
      "SELECT COUNT(*) FROM prompts WHERE agent = ? AND session_id = ?";

  private static final String TOOL_CALLS_OF_SESSION =
      """
      SELECT COUNT(*), COALESCE(SUM(status = 'error'), 0) FROM tool_calls
       WHERE agent = ? AND session_id = ?
      """;

  private static final String COST_STATE_OF_SESSION =
      "SELECT total_cost_usd FROM cost_states WHERE agent = ? AND session_id = ?";

  private final Store store;

  private static String agents() {
    var list = new StringBuilder();
    for (var agent : Agent.values()) {
      list.append(list.isEmpty() ? "" : ", ").append('\'').append(agent.wireName()).append('\'');
    }
    return list.toString();
  }

  Reads(Store store) {
    this.store = store;
  }

  /** Token usage and cost inputs per period and model, from {@code usage_rollup}. */
  public List<UsageRow> usage(Filter filter, Grouping grouping) {
    var source = filter.session() == null ? "usage_rollup" : SESSION_REQUESTS;
    var sql = USAGE.replace("{source}", source).replace("{project}", PROJECT);
    return store.read(
        connection ->
            grouped(
                connection,
                filter,
                grouping,
                sql,
                "usage_rollup",
                (period, rows) -> new UsageRow(period, modelUsage(rows, 2)),
                (a, b) -> new UsageRow(a.period(), a.usage().plus(b.usage())),
                UsageRow::period,
                row -> row.usage().model()));
  }

  /** Tool calls by outcome per period and tool, from {@code tool_rollup}. */
  public List<ToolCounts> tools(Filter filter, Grouping grouping) {
    var source = filter.session() == null ? "tool_rollup" : SESSION_TOOL_CALLS;
    var sql = TOOLS.replace("{source}", source).replace("{project}", PROJECT);
    return store.read(
        connection ->
            grouped(
                connection,
                filter,
                grouping,
                sql,
                "tool_rollup",
                (period, rows) ->
                    new ToolCounts(
                        period,
                        rows.getString(2),
                        rows.getLong(3),
                        rows.getLong(4),
                        rows.getLong(5),
                        rows.getLong(6),
                        rows.getLong(7)),
                ToolCounts::plus,
                ToolCounts::period,
                ToolCounts::tool));
  }

  /** The sessions active in the range and the prompts started in it. */
  public Activity activity(Filter filter) {
    return store.read(
        connection -> {
          long sessions;
          try (var statement = connection.prepareStatement(SESSION_COUNT)) {
            bind(statement, filter, filter.sinceBucket(), filter.untilBucket(), 0);
            sessions = single(statement);
          }
          long prompts;
          try (var statement = connection.prepareStatement(PROMPT_COUNT)) {
            bind(statement, filter, filter.sinceBucket(), filter.untilBucket(), 0);
            prompts = single(statement);
          }
          return new Activity(sessions, prompts);
        });
  }

  /**
   * The durations in ms of the finished tool calls in range that have one, per tool, each array
   * sorted ascending. Reads one row per such call (see the class comment of {@code
   * report.Percentiles} for the cost).
   */
  public Map<String, long[]> durations(Filter filter) {
    var source = filter.session() == null ? "tool_calls" : SESSION_TOOL_ROWS;
    var sql = fill(DURATIONS, source);
    return store.read(
        connection -> {
          var growing = new HashMap<String, LongList>();
          try (var statement = connection.prepareStatement(sql)) {
            bind(statement, filter, filter.sinceBucket(), filter.untilBucket(), 0);
            try (var rows = statement.executeQuery()) {
              while (rows.next()) {
                growing
                    .computeIfAbsent(rows.getString(1), tool -> new LongList())
                    .add(rows.getLong(2));
              }
            }
          }
          var sorted = new TreeMap<String, long[]>();
          growing.forEach(
              (tool, list) -> {
                var values = list.toArray();
                Arrays.sort(values);
                sorted.put(tool, values);
              });
          return sorted;
        });
  }

  /**
   * The {@code limit} most recently active sessions (0 = all) matching the filter, newest first,
   * with their whole-session totals; the filter's model narrows the per-model usage.
   */
  public List<SessionRow> sessions(Filter filter, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("the session limit cannot be negative: " + limit);
    }
    return store.read(
        connection -> {
          record Key(
              String agent,
              String sessionId,
              @Nullable String project,
              @Nullable Instant first,
              @Nullable Instant last) {}
          var keys = new ArrayList<Key>();
          try (var statement = connection.prepareStatement(SESSION_LIST)) {
            bind(
                statement,
                filter,
                filter.sinceBucket(),
                filter.untilBucket(),
                limit == 0 ? -1 : limit);
            try (var rows = statement.executeQuery()) {
              while (rows.next()) {
                keys.add(
                    new Key(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getString(3),
                        instant(rows, 4),
                        instant(rows, 5)));
              }
            }
          }
          var sessions = new ArrayList<SessionRow>(keys.size());
          var usageSql =
              USAGE
                  .replace("{period}", TOTAL_PERIOD)
                  .replace("{source}", SESSION_REQUESTS)
                  .replace("{project}", PROJECT);
          try (var prompts = connection.prepareStatement(PROMPTS_OF_SESSION);
              var toolCalls = connection.prepareStatement(TOOL_CALLS_OF_SESSION);
              var usage = connection.prepareStatement(usageSql);
              var costState = connection.prepareStatement(COST_STATE_OF_SESSION)) {
            for (var key : keys) {
              for (var statement : List.of(prompts, toolCalls, costState)) {
                statement.setString(1, key.agent());
                statement.setString(2, key.sessionId());
              }
              long promptCount = single(prompts);
              long calls;
              long errors;
              try (var rows = toolCalls.executeQuery()) {
                rows.next();
                calls = rows.getLong(1);
                errors = rows.getLong(2);
              }
              var whole =
                  new Filter(null, null, null, key.agent(), filter.model(), key.sessionId());
              bind(usage, whole, Long.MIN_VALUE, Long.MAX_VALUE, 0);
              var models = new ArrayList<ModelUsage>();
              try (var rows = usage.executeQuery()) {
                while (rows.next()) {
                  models.add(modelUsage(rows, 2));
                }
              }
              models.sort(Comparator.comparing(ModelUsage::model));
              Double state = null;
              try (var rows = costState.executeQuery()) {
                if (rows.next()) {
                  state = rows.getDouble(1);
                }
              }
              sessions.add(
                  new SessionRow(
                      key.agent(),
                      key.sessionId(),
                      key.project(),
                      key.first(),
                      key.last(),
                      promptCount,
                      calls,
                      errors,
                      models,
                      state));
            }
          }
          return sessions;
        });
  }

  /**
   * Streams every tool call matching the filter to {@code each}, ordered by start time (unknown
   * first), then agent and tool use id, without holding them in memory. {@code each} runs on a
   * store thread while the query is open; an exception it throws ends the export and is rethrown.
   *
   * @return how many tool calls were passed to {@code each}
   */
  public long toolCalls(Filter filter, Consumer<ToolCallRow> each) {
    var source = filter.session() == null ? "tool_calls" : SESSION_TOOL_ROWS;
    var sql = fill(TOOL_CALLS, source);
    return store.read(
        connection -> {
          long count = 0;
          try (var statement = connection.prepareStatement(sql)) {
            bind(statement, filter, filter.sinceBucket(), filter.untilBucket(), 0);
            statement.setFetchSize(1_000);
            try (var rows = statement.executeQuery()) {
              while (rows.next()) {
                each.accept(
                    new ToolCallRow(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getString(5),
                        rows.getString(6),
                        rows.getString(7),
                        rows.getString(8),
                        rows.getString(9),
                        ToolStatus.fromWireName(rows.getString(10)),
                        rows.getString(11),
                        rows.getString(12),
                        nullableLong(rows, 13),
                        instant(rows, 14),
                        instant(rows, 15),
                        nullableLong(rows, 16),
                        rows.getString(17),
                        rows.getString(18),
                        rows.getInt(19)));
                count++;
              }
            }
          }
          return count;
        });
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(long period, ResultSet rows) throws SQLException;
  }

  /**
   * Runs a rollup query under a grouping. Totals and buckets are one query each; days are one query
   * per stretch of constant UTC offset (a zone without transitions in range is one query), merged
   * where a local day spans a transition. Rows whose time is unknown (bucket 0) are read separately
   * under days.
   */
  private static <T> List<T> grouped(
      Connection connection,
      Filter filter,
      Grouping grouping,
      String sql,
      String rollup,
      RowMapper<T> mapper,
      BinaryOperator<T> merge,
      ToLongFunction<T> periodOf,
      Function<T, String> keyOf)
      throws SQLException {
    long from = filter.sinceBucket();
    long to = filter.untilBucket();
    return switch (grouping) {
      case Grouping.Total() ->
          query(
              connection,
              sql.replace("{period}", TOTAL_PERIOD),
              filter,
              from,
              to,
              0,
              p -> 0,
              mapper);
      case Grouping.Buckets() ->
          query(
              connection,
              sql.replace("{period}", BUCKET_PERIOD),
              filter,
              from,
              to,
              0,
              p -> p == 0 ? Grouping.UNKNOWN_TIME : p,
              mapper);
      case Grouping.Days(var zone) -> {
        var merged = new LinkedHashMap<List<Object>, T>();
        var rows = new ArrayList<T>();
        if (from <= 0 && to > 0) {
          rows.addAll(
              query(
                  connection,
                  sql.replace("{period}", TOTAL_PERIOD),
                  filter,
                  0,
                  1,
                  0,
                  p -> Grouping.UNKNOWN_TIME,
                  mapper));
        }
        long[] bounds = bounds(connection, rollup);
        if (bounds.length == 2) {
          long lo = Math.max(Math.max(from, 1), bounds[0]);
          long hi = Math.min(to, bounds[1] + 1);
          var daySql = sql.replace("{period}", DAY_PERIOD);
          for (var stretch : stretches(zone, lo, hi)) {
            long shift = stretch.offsetBuckets() + BUCKETS_PER_DAY * SHIFT_DAYS;
            rows.addAll(
                query(
                    connection,
                    daySql,
                    filter,
                    stretch.from(),
                    stretch.to(),
                    shift,
                    p -> p - SHIFT_DAYS,
                    mapper));
          }
        }
        for (var row : rows) {
          merged.merge(List.of(periodOf.applyAsLong(row), keyOf.apply(row)), row, merge);
        }
        yield new ArrayList<>(merged.values());
      }
    };
  }

  @FunctionalInterface
  private interface PeriodMap {
    long map(long period);
  }

  /** Fills the raw tool call queries' slots. */
  private static String fill(String sql, String source) {
    return sql.replace("{duration}", DURATION)
        .replace("{source}", source)
        .replace("{time}", TOOL_CALL_TIME)
        .replace("{project}", PROJECT);
  }

  private static <T> List<T> query(
      Connection connection,
      String sql,
      Filter filter,
      long from,
      long to,
      long extra,
      PeriodMap period,
      RowMapper<T> mapper)
      throws SQLException {
    var result = new ArrayList<T>();
    try (var statement = connection.prepareStatement(sql)) {
      bind(statement, filter, from, to, extra);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          result.add(mapper.map(period.map(rows.getLong(1)), rows));
        }
      }
    }
    return result;
  }

  /** The first and last non-zero bucket of a rollup table, or an empty array when it has none. */
  private static long[] bounds(Connection connection, String rollup) throws SQLException {
    try (var statement = connection.createStatement();
        var rows = statement.executeQuery(BUCKET_BOUNDS.replace("{source}", rollup))) {
      if (rows.next()) {
        long min = rows.getLong(1);
        if (!rows.wasNull()) {
          return new long[] {min, rows.getLong(2)};
        }
      }
      return new long[0];
    }
  }

  /** A range of buckets {@code [from, to)} over which a zone's UTC offset is constant. */
  record Stretch(long from, long to, long offsetBuckets) {}

  /**
   * Splits {@code [from, to)} into stretches of constant offset in {@code zone}. A bucket belongs
   * to the stretch of the offset in force at its start.
   */
  static List<Stretch> stretches(ZoneId zone, long from, long to) {
    var stretches = new ArrayList<Stretch>();
    var rules = zone.getRules();
    long start = from;
    while (start < to) {
      var instant = Instant.ofEpochMilli(start * Filter.BUCKET_MS);
      long offsetBuckets =
          Math.floorDiv(rules.getOffset(instant).getTotalSeconds() * 1000L, Filter.BUCKET_MS);
      var next = rules.nextTransition(instant);
      long end =
          next == null
              ? to
              : Math.min(to, Math.ceilDiv(next.toEpochSecond() * 1000, Filter.BUCKET_MS));
      if (end <= start) {
        end = start + 1;
      }
      stretches.add(new Stretch(start, end, offsetBuckets));
      start = end;
    }
    return stretches;
  }

  private static void bind(
      PreparedStatement statement, Filter filter, long fromBucket, long toBucket, long extra)
      throws SQLException {
    int count = statement.getParameterMetaData().getParameterCount();
    for (int index = 1; index <= count; index++) {
      switch (index) {
        case 1 -> statement.setLong(1, fromBucket);
        case 2 -> statement.setLong(2, toBucket);
        case 3 -> statement.setLong(3, millis(fromBucket));
        case 4 -> statement.setLong(4, millis(toBucket));
        case 5 -> setText(statement, 5, filter.project());
        case 6 -> setText(statement, 6, filter.agent());
        case 7 -> setText(statement, 7, filter.model());
        case 8 -> setText(statement, 8, filter.session());
        case 9 -> statement.setLong(9, extra);
        default -> throw new IllegalStateException("unexpected parameter ?" + index);
      }
    }
  }

  /** A bucket's start in ms, saturating at the ends of the range of longs. */
  private static long millis(long bucket) {
    if (bucket <= Long.MIN_VALUE / Filter.BUCKET_MS) {
      return Long.MIN_VALUE;
    }
    if (bucket >= Long.MAX_VALUE / Filter.BUCKET_MS) {
      return Long.MAX_VALUE;
    }
    return bucket * Filter.BUCKET_MS;
  }

  private static ModelUsage modelUsage(ResultSet rows, int first) throws SQLException {
    int c = first;
    return new ModelUsage(
        rows.getString(c),
        rows.getLong(c + 1),
        new Usage(
            rows.getLong(c + 2),
            rows.getLong(c + 3),
            rows.getLong(c + 4),
            rows.getLong(c + 5),
            rows.getLong(c + 6)),
        rows.getDouble(c + 7),
        rows.getLong(c + 8),
        new Usage(
            rows.getLong(c + 9),
            rows.getLong(c + 10),
            rows.getLong(c + 11),
            rows.getLong(c + 12),
            rows.getLong(c + 13)),
        rows.getDouble(c + 14),
        rows.getLong(c + 15));
  }

  private static long single(PreparedStatement statement) throws SQLException {
    try (var rows = statement.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  private static @Nullable Instant instant(ResultSet rows, int column) throws SQLException {
    long millis = rows.getLong(column);
    return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  private static @Nullable Long nullableLong(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }

  private static void setText(PreparedStatement statement, int index, @Nullable String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  /** A growable array of longs, to collect a million durations without boxing. */
  private static final class LongList {
    private long[] values = new long[16];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
