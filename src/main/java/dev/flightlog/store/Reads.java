package dev.flightlog.store;

import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The read-only queries the reports are computed from. Sums of tokens, costs and tool outcomes come
 * from the rollup tables (see {@link RollupReads}), so the rows read grow with the blocks, days and
 * edge quarter hours in range, not with the records. Tool durations (for percentiles), the activity
 * counts, the listed sessions and the export read raw rows, each through an index. Measured costs
 * at a million records are in docs/benchmarks.md.
 *
 * <p>The raw-row queries bind the same numbered parameters: {@code ?3}/{@code ?4} the filter's
 * range in epoch ms, widened to whole quarter hours like the rollups, {@code ?5}–{@code ?8} the
 * filter (see {@link FilterSql}), {@code ?9} a query-specific number. The {@code {name}} slots of
 * the SQL texts take only the constant fragments defined in this class, never input.
 */
public final class Reads {

  /** One session's raw tool calls. */
  private static final String SESSION_TOOL_ROWS =
      "(SELECT * FROM tool_calls WHERE agent IN ({agents}) AND session_id = ?8)"
          .replace("{agents}", FilterSql.AGENTS);

  private static final String PROJECT = FilterSql.PROJECT;

  /** One session's usage per model, from its raw rows; {@code ?6} is the session's agent. */
  private static final String SESSION_USAGE =
      """
      SELECT model, {sums}
        FROM {rows}
       WHERE agent = ?6 AND (?7 IS NULL OR model = ?7)
       GROUP BY model
      """
          .replace("{sums}", Rollup.USAGE.sums())
          .replace("{rows}", Rollup.USAGE.sessionRows());

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
  static final String SESSIONS_WHERE =
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

  private static final String FLOW_OF_SESSION =
      "SELECT SUM(wall_ms), SUM(idle_before_ms) FROM turns WHERE agent = ? AND session_id = ?";

  private static final String COST_STATE_OF_SESSION =
      "SELECT total_cost_usd FROM cost_states WHERE agent = ? AND session_id = ?";

  private final Store store;

  Reads(Store store) {
    this.store = store;
  }

  /**
   * Token usage and cost inputs per period and model, from the usage rollup (see {@link
   * RollupReads}).
   */
  public List<UsageRow> usage(Filter filter, Grouping grouping) {
    return store.read(
        connection ->
            RollupReads.read(
                connection,
                Rollup.USAGE,
                filter,
                grouping,
                (period, model, sums) -> new UsageRow(period, modelUsage(model, sums))));
  }

  /** Tool calls by outcome per period and tool, from the tool rollup (see {@link RollupReads}). */
  public List<ToolCounts> tools(Filter filter, Grouping grouping) {
    return store.read(
        connection ->
            RollupReads.read(
                connection,
                Rollup.TOOLS,
                filter,
                grouping,
                (period, tool, sums) ->
                    new ToolCounts(
                        period,
                        tool,
                        sums.count(0),
                        sums.count(1),
                        sums.count(2),
                        sums.count(3),
                        sums.count(4))));
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
    store.refreshDerived();
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
          try (var prompts = connection.prepareStatement(PROMPTS_OF_SESSION);
              var toolCalls = connection.prepareStatement(TOOL_CALLS_OF_SESSION);
              var usage = connection.prepareStatement(SESSION_USAGE);
              var costState = connection.prepareStatement(COST_STATE_OF_SESSION);
              var flow = connection.prepareStatement(FLOW_OF_SESSION)) {
            for (var key : keys) {
              for (var statement : List.of(prompts, toolCalls, costState, flow)) {
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
              usage.setString(6, key.agent());
              FilterSql.setText(usage, 7, filter.model());
              usage.setString(8, key.sessionId());
              var models = new ArrayList<ModelUsage>();
              try (var rows = usage.executeQuery()) {
                while (rows.next()) {
                  models.add(modelUsage(rows.getString(1), Tally.Sums.of(Rollup.USAGE, rows, 2)));
                }
              }
              models.sort(Comparator.comparing(ModelUsage::model));
              Double state = null;
              try (var rows = costState.executeQuery()) {
                if (rows.next()) {
                  state = rows.getDouble(1);
                }
              }
              Long active;
              Long idle;
              try (var rows = flow.executeQuery()) {
                rows.next();
                active = nullableLong(rows, 1);
                idle = nullableLong(rows, 2);
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
                      state,
                      active,
                      idle));
            }
          }
          return sessions;
        });
  }

  /**
   * When each channel last delivered, what is stored, and what was skipped (see {@link Health}).
   */
  public Health health() {
    return store.read(Health::read);
  }

  /** SQLite's quick integrity check: no problems is an empty list. Reads the whole file. */
  public List<String> integrityProblems() {
    return store.read(Health::check);
  }

  /**
   * For each session active in the range, newest first, which channels saw its tool calls and
   * whether its SessionEnd came (see {@link CoverageRow}).
   */
  public List<CoverageRow> coverage(Filter filter) {
    store.refreshDerived();
    return store.read(connection -> CoverageRow.read(connection, filter));
  }

  /**
   * The redaction counters raised in the range, by kind and source (see {@link RedactionRow});
   * never a secret value.
   */
  public List<RedactionRow> redactions(Filter filter) {
    return store.read(connection -> RedactionRow.read(connection, filter));
  }

  /**
   * The error catalog: failed calls in range grouped by signature, most frequent first, at most
   * {@code limit} groups (0 = all). See {@link DerivedReads}.
   */
  public List<ErrorGroup> errors(Filter filter, int limit) {
    requireLimit(limit);
    store.refreshDerived();
    return store.read(connection -> DerivedReads.errors(connection, filter, limit));
  }

  /** The recovery episodes whose first failure is in range. See {@link DerivedReads}. */
  public List<EpisodeRow> episodes(Filter filter) {
    store.refreshDerived();
    return store.read(connection -> DerivedReads.episodes(connection, filter));
  }

  /** The {@code limit} latest turns started in range (0 = all), latest first. */
  public List<TurnRow> turns(Filter filter, int limit) {
    requireLimit(limit);
    store.refreshDerived();
    return store.read(connection -> DerivedReads.turns(connection, filter, limit));
  }

  /** The sums of the flow of every turn started in range. */
  public FlowTotals flowTotals(Filter filter) {
    store.refreshDerived();
    return store.read(connection -> DerivedReads.flowTotals(connection, filter));
  }

  /** The overview's episodes, recovered episodes and active time in range. */
  public DerivedTotals derivedTotals(Filter filter) {
    store.refreshDerived();
    return store.read(connection -> DerivedReads.totals(connection, filter));
  }

  private static void requireLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("the limit cannot be negative: " + limit);
    }
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
                each.accept(toolCall(rows));
                count++;
              }
            }
          }
          return count;
        });
  }

  /** A row of the raw tool call queries (the columns of {@code TOOL_CALLS}, in order). */
  private static final String ONE_TOOL_CALL =
      """
      SELECT agent, tool_use_id, session_id, thread_id, prompt_id, tool, mcp_server, input,
             summary, status, error, output_excerpt, output_bytes, started_at, ended_at,
             {duration}, project, message_id, sources
        FROM tool_calls
       WHERE agent = ? AND tool_use_id = ?
      """
          .replace("{duration}", DURATION);

  /** The tool call of {@code agent} with the tool use id {@code toolUseId}, or null. */
  public @Nullable ToolCallRow toolCall(String agent, String toolUseId) {
    return store
        .read(
            connection -> {
              try (var statement = connection.prepareStatement(ONE_TOOL_CALL)) {
                statement.setString(1, agent);
                statement.setString(2, toolUseId);
                try (var rows = statement.executeQuery()) {
                  return rows.next() ? Optional.of(toolCall(rows)) : Optional.<ToolCallRow>empty();
                }
              }
            })
        .orElse(null);
  }

  static ToolCallRow toolCall(ResultSet rows) throws SQLException {
    return new ToolCallRow(
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
        rows.getInt(19));
  }

  /** Fills the raw tool call queries' slots. */
  private static String fill(String sql, String source) {
    return sql.replace("{duration}", DURATION)
        .replace("{source}", source)
        .replace("{time}", TOOL_CALL_TIME)
        .replace("{project}", PROJECT);
  }

  static void bind(
      PreparedStatement statement, Filter filter, long fromBucket, long toBucket, long extra)
      throws SQLException {
    int count = statement.getParameterMetaData().getParameterCount();
    for (int index = 1; index <= count; index++) {
      switch (index) {
        case 1 -> statement.setLong(1, fromBucket);
        case 2 -> statement.setLong(2, toBucket);
        case 3 -> statement.setLong(3, millis(fromBucket));
        case 4 -> statement.setLong(4, millis(toBucket));
        case 5, 6, 7, 8 -> FilterSql.bind(statement, index, filter);
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

  /** The usage of {@code model} summed in {@code sums}, in the order of {@link Rollup#USAGE}. */
  private static ModelUsage modelUsage(String model, Tally.Sums sums) {
    return new ModelUsage(
        model,
        sums.count(0),
        new Usage(sums.count(1), sums.count(2), sums.count(3), sums.count(4), sums.count(5)),
        sums.amount(6),
        sums.count(7),
        new Usage(sums.count(8), sums.count(9), sums.count(10), sums.count(11), sums.count(12)),
        sums.amount(13),
        sums.count(14));
  }

  private static long single(PreparedStatement statement) throws SQLException {
    try (var rows = statement.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  static @Nullable Instant instant(ResultSet rows, int column) throws SQLException {
    long millis = rows.getLong(column);
    return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  private static @Nullable Long nullableLong(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
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

  /**
   * The duration histograms of the finished tool calls in range, per tool ({@code ""} for an
   * unknown tool); see {@link DurationReads} for how they are read.
   */
  public Map<String, DurationHistogram> durationHistograms(Filter filter) {
    return store.read(connection -> DurationReads.read(connection, filter));
  }

  /**
   * The reads of the period, cost and session reports (blocks, projects, cost-states, one session).
   */
  public PeriodReads periods() {
    return new PeriodReads(store);
  }
}
