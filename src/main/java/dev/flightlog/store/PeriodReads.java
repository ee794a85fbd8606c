package dev.flightlog.store;

import static dev.flightlog.store.Rollup.BUCKETS_PER_DAY;
import static dev.flightlog.store.Rollup.BUCKETS_PER_HOUR;
import static dev.flightlog.store.Rollup.DAYS_PER_BLOCK;

import dev.flightlog.Usage;
import dev.flightlog.metrics.Blocks;
import dev.flightlog.store.Rollup.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The reads of the period, cost and session reports: 5-hour usage blocks, per-project totals, the
 * cost-state cross-check and one session's records. Sums come from the rollups like those of {@link
 * Reads} (see {@link RollupReads} for the levels); the cross-check and the session read raw rows
 * through the session indexes.
 *
 * <p>The queries bind numbered parameters: {@code ?1}–{@code ?4} query-specific values, {@code
 * ?5}–{@code ?8} the filter (see {@link FilterSql}). The {@code {name}} slots of the SQL texts take
 * only the constant fragments defined here and in {@link Rollup}, never input.
 */
public final class PeriodReads {

  private static final long HOUR_MS = Duration.ofHours(1).toMillis();

  /** The hours of the day, for one index range per hour of the hour-first hour table. */
  private static final String HOURS_OF_DAY = hoursOfDay();

  /**
   * The rows of the hour table of whole UTC hours {@code [?1, ?2)}, on UTC days {@code [?3, ?4]},
   * one key range per hour of the day, neither grouped nor ordered: the reader sums them per hour
   * and model and then per block, which costs less than SQLite's sorting for a {@code GROUP BY}
   * (see RATIONALE.md, "Reads at a million").
   */
  private static final String HOUR_ROWS =
      """
      SELECT day * 24 + hour AS h, model, {columns}
        FROM usage_hour
       WHERE hour IN ({hours}) AND day >= ?3 AND day <= ?4
         AND day * 24 + hour >= ?1 AND day * 24 + hour < ?2
         AND {filter}
      """
          .replace("{hours}", HOURS_OF_DAY)
          .replace("{columns}", Rollup.USAGE.columns())
          .replace("{filter}", Rollup.USAGE.filter());

  /**
   * As {@link #HOUR_ROWS} without a project in the filter, from the table of hours since the epoch
   * per model and agent (005-analytics-reads.sql): a third of the rows, in time order.
   */
  private static final String HOUR_MODEL_ROWS =
      """
      SELECT hour, model, {columns}
        FROM usage_hour_model
       WHERE hour >= ?1 AND hour < ?2 AND (?6 IS NULL OR agent = ?6) AND (?7 IS NULL OR model = ?7)
      """
          .replace("{columns}", Rollup.USAGE.columns());

  /** Rows of a rollup level with time {@code [?1, ?2)}, summed per project and key. */
  private static final String BY_PROJECT =
      """
      SELECT project, {key}, {sums}
        FROM {source}
       WHERE {time} >= ?1 AND {time} < ?2
         AND {filter}
       GROUP BY project, {key}
      """;

  /** 15-minute rows of buckets {@code [?1, ?2)} summed per hour (bucket / 4) and model. */
  private static final String QUARTERS_BY_HOUR =
      """
      SELECT bucket / 4 AS period, model, {sums}
        FROM {source}
       WHERE bucket >= ?1 AND bucket < ?2
         AND {filter}
       GROUP BY period, model
      """;

  private static final String SESSIONS_BY_PROJECT =
      "SELECT COALESCE(project, ''), COUNT(*) FROM sessions\n"
          + Reads.SESSIONS_WHERE
          + " GROUP BY 1";

  /**
   * As {@link #PROMPTS_BY_PROJECT} for a range unbounded on the left and no session: read from the
   * covering {@code prompts_project} index (005-analytics-reads.sql) in project order, so neither
   * the prompt rows are read nor the counts sorted.
   */
  private static final String ALL_PROMPTS_BY_PROJECT =
      """
      SELECT project, COUNT(*) FROM prompts INDEXED BY prompts_project
       WHERE ((started_at >= ?3 AND started_at < ?4)
              OR (started_at IS NULL AND 0 >= ?3 AND 0 < ?4))
         AND {project}
         AND (?6 IS NULL OR agent = ?6)
       GROUP BY project
      """
          .replace("{project}", FilterSql.PROJECT);

  private static final String PROMPTS_BY_PROJECT =
      """
      SELECT project, COUNT(*) FROM prompts
       WHERE ((started_at >= ?3 AND started_at < ?4)
              OR (started_at IS NULL AND 0 >= ?3 AND 0 < ?4))
         AND {project}
         AND (?6 IS NULL OR agent = ?6)
         AND (?8 IS NULL OR session_id = ?8)
       GROUP BY project
      """
          .replace("{project}", FilterSql.PROJECT);

  /**
   * Per session active in the range and model of its cost-state, Claude Code's figure and the usage
   * of the session's requests of that model. The session index is named: left to itself, SQLite
   * builds an automatic index over every request instead.
   */
  private static final String COST_STATES =
      """
      SELECT c.agent, c.session_id, c.cost_usd, c.model,
             COUNT(r.message_id), SUM(r.input_tokens), SUM(r.output_tokens),
             SUM(r.cache_read_tokens), SUM(r.cache_write_5m_tokens), SUM(r.cache_write_1h_tokens),
             COALESCE(SUM(r.agent_cost_usd), 0), COUNT(r.agent_cost_usd),
             SUM(CASE WHEN r.agent_cost_usd IS NULL THEN r.input_tokens ELSE 0 END),
             SUM(CASE WHEN r.agent_cost_usd IS NULL THEN r.output_tokens ELSE 0 END),
             SUM(CASE WHEN r.agent_cost_usd IS NULL THEN r.cache_read_tokens ELSE 0 END),
             SUM(CASE WHEN r.agent_cost_usd IS NULL THEN r.cache_write_5m_tokens ELSE 0 END),
             SUM(CASE WHEN r.agent_cost_usd IS NULL THEN r.cache_write_1h_tokens ELSE 0 END),
             COALESCE(SUM(CASE WHEN r.agent_cost_usd IS NULL THEN r.state_cost_usd END), 0),
             COALESCE(SUM(r.agent_cost_usd IS NULL AND r.state_cost_usd IS NOT NULL), 0)
        FROM (SELECT agent, session_id FROM sessions
              {where}) AS s
        JOIN cost_state_models AS c ON c.agent = s.agent AND c.session_id = s.session_id
        LEFT JOIN model_requests AS r INDEXED BY model_requests_session
          ON r.agent = c.agent AND r.session_id = c.session_id AND r.model = c.model
       WHERE (?7 IS NULL OR c.model = ?7)
       GROUP BY c.agent, c.session_id, c.model
      """
          .replace("{where}", Reads.SESSIONS_WHERE);

  private static final String FIND_SESSION =
      """
      SELECT agent, session_id FROM sessions
       WHERE agent IN ({agents}) AND (?6 IS NULL OR agent = ?6)
         AND (session_id = ?1 OR (?2 AND substr(session_id, 1, length(?1)) = ?1))
       ORDER BY session_id, agent
       LIMIT 11
      """
          .replace("{agents}", FilterSql.AGENTS);

  private static final String SESSION =
      """
      SELECT agent, session_id, project, git_branch, agent_version, first_seen, last_seen,
             ended_at, end_reason
        FROM sessions WHERE agent = ?1 AND session_id = ?2
      """;

  private static final String SUBAGENTS =
      """
      SELECT thread_id, agent_type, description, parent_tool_use_id, model, first_seen, last_seen
        FROM threads WHERE agent = ?1 AND session_id = ?2 AND thread_id <> 'main'
       ORDER BY first_seen IS NULL, first_seen, thread_id
      """;

  private static final String PROMPTS =
      """
      SELECT prompt_id, text, started_at, ended_at
        FROM prompts WHERE agent = ?1 AND session_id = ?2
       ORDER BY started_at IS NULL, started_at, prompt_id
      """;

  private static final String TOOL_CALLS =
      """
      SELECT agent, tool_use_id, session_id, thread_id, prompt_id, tool, mcp_server, input,
             summary, status, error, output_excerpt, output_bytes, started_at, ended_at,
             COALESCE(measured_ms,
                      CASE WHEN ended_at >= started_at THEN ended_at - started_at END),
             project, message_id, sources
        FROM tool_calls WHERE agent = ?1 AND session_id = ?2
       ORDER BY COALESCE(started_at, ended_at) IS NULL, COALESCE(started_at, ended_at), tool_use_id
      """;

  private static final String REQUESTS =
      """
      SELECT message_id, thread_id, prompt_id, model, input_tokens, output_tokens,
             cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, at,
             agent_cost_usd, state_cost_usd
        FROM model_requests WHERE agent = ?1 AND session_id = ?2
       ORDER BY at IS NULL, at, message_id
      """;

  private final Store store;

  PeriodReads(Store store) {
    this.store = store;
  }

  /**
   * The 5-hour blocks of the model requests in range (see {@link Blocks#of}) with each block's
   * usage per model, oldest first. Blocks start at whole UTC hours, so whole hours are read from
   * the hour rollup; the parts of hours the range cuts at its ends, the first UTC day (whose rollup
   * rows share day 0 with unknown times) and a session's rows are read from 15-minute rows.
   * Requests whose time is unknown are in no block.
   */
  public List<UsageBlock> blocks(Filter filter) {
    return store.read(connection -> blocks(connection, filter));
  }

  private static List<UsageBlock> blocks(Connection connection, Filter filter) throws SQLException {
    long from = Math.max(filter.sinceBucket(), 1);
    long to = filter.untilBucket();
    boolean levels = filter.session() == null;
    // whole hours from the hour rollup, from the second UTC day on
    long firstHour = Math.ceilDiv(Math.max(from, BUCKETS_PER_DAY), BUCKETS_PER_HOUR);
    long endHour = Math.floorDiv(to, BUCKETS_PER_HOUR);
    boolean hours = levels && firstHour < endHour;
    var quarters = new Quarters();
    if (hours) {
      quarters.read(connection, filter, from, firstHour * BUCKETS_PER_HOUR);
      quarters.read(connection, filter, endHour * BUCKETS_PER_HOUR, to);
    } else {
      quarters.read(connection, filter, from, to);
    }
    var active = new TreeSet<Long>(quarters.hours());
    var wholeHours = new ArrayList<HourRow>();
    if (hours) {
      var sql = filter.project() == null ? HOUR_MODEL_ROWS : HOUR_ROWS;
      try (var statement = connection.prepareStatement(sql)) {
        bind(
            statement,
            filter,
            firstHour,
            endHour,
            Math.floorDiv(firstHour, 24),
            Math.floorDiv(endHour, 24));
        try (var rows = statement.executeQuery()) {
          HourRow last = null;
          while (rows.next()) {
            long hour = rows.getLong(1);
            var model = rows.getString(2);
            var row = Tally.Sums.of(Rollup.USAGE, rows, 3);
            // rows of one hour and model (several agents or projects) usually come together
            if (last != null && last.hour() == hour && last.model().equals(model)) {
              last.sums().add(row, 1);
            } else {
              if (last == null || last.hour() != hour) {
                active.add(hour);
              }
              last = new HourRow(hour, model, row);
              wholeHours.add(last);
            }
          }
        }
      }
    }
    var blocks =
        Blocks.of(active.stream().map(hour -> Instant.ofEpochMilli(hour * HOUR_MS)).toList());
    var starts = new long[blocks.size()];
    var perBlock = new ArrayList<Map<String, Tally.Sums>>(blocks.size());
    for (int i = 0; i < starts.length; i++) {
      starts[i] = blocks.get(i).start().toEpochMilli() / HOUR_MS;
      perBlock.add(new HashMap<>());
    }
    for (var row : wholeHours) {
      var models = perBlock.get(blockOf(starts, row.hour()));
      var sums = models.get(row.model());
      if (sums == null) {
        models.put(row.model(), row.sums());
      } else {
        sums.add(row.sums(), 1);
      }
    }
    var quarterSums = new HashMap<Integer, Map<String, ModelUsage>>();
    quarters.forEach(
        (hour, usage) ->
            quarterSums
                .computeIfAbsent(blockOf(starts, hour), block -> new HashMap<>())
                .merge(usage.model(), usage, ModelUsage::plus));
    var result = new ArrayList<UsageBlock>(blocks.size());
    for (int i = 0; i < starts.length; i++) {
      var models = new HashMap<String, ModelUsage>(quarterSums.getOrDefault(i, Map.of()));
      perBlock
          .get(i)
          .forEach((model, sums) -> models.merge(model, usage(model, sums), ModelUsage::plus));
      result.add(new UsageBlock(blocks.get(i), sorted(models)));
    }
    return result;
  }

  /** The sums of one model in one whole UTC hour (hours since the epoch). */
  private record HourRow(long hour, String model, Tally.Sums sums) {}

  /**
   * The index of the block (by its start hour, ascending) that contains the active {@code hour}.
   */
  private static int blockOf(long[] starts, long hour) {
    int found = Arrays.binarySearch(starts, hour);
    int index = found >= 0 ? found : -found - 2;
    if (index < 0) {
      throw new IllegalStateException("an active hour outside every block");
    }
    return index;
  }

  /** The usage read from 15-minute rows, per whole UTC hour and model. */
  private static final class Quarters {
    private final Map<Long, Map<String, ModelUsage>> hours = new TreeMap<>();

    void read(Connection connection, Filter filter, long from, long to) throws SQLException {
      if (from >= to) {
        return;
      }
      var source =
          filter.session() == null ? Rollup.USAGE.table(Level.QUARTER) : Rollup.USAGE.sessionRows();
      var sql =
          QUARTERS_BY_HOUR
              .replace("{source}", source)
              .replace("{sums}", Rollup.USAGE.sums())
              .replace("{filter}", Rollup.USAGE.filter());
      try (var statement = connection.prepareStatement(sql)) {
        bind(statement, filter, from, to);
        try (var rows = statement.executeQuery()) {
          while (rows.next()) {
            var usage = usage(rows.getString(2), Tally.Sums.of(Rollup.USAGE, rows, 3));
            hours
                .computeIfAbsent(rows.getLong(1), hour -> new HashMap<>())
                .merge(usage.model(), usage, ModelUsage::plus);
          }
        }
      }
    }

    List<Long> hours() {
      return List.copyOf(hours.keySet());
    }

    void forEach(java.util.function.BiConsumer<Long, ModelUsage> each) {
      hours.forEach((hour, models) -> models.values().forEach(usage -> each.accept(hour, usage)));
    }
  }

  private static List<ModelUsage> sorted(Map<String, ModelUsage> models) {
    var list = new ArrayList<>(models.values());
    list.sort(Comparator.comparing(ModelUsage::model));
    return list;
  }

  /**
   * Per project, most tokens first: the sessions active in the range, the prompts started in it,
   * and the tool calls and model requests whose time falls in it. A range's sums are read like
   * {@link Reads#usage} reads a total: whole 32-day blocks, whole UTC days, quarter hours at the
   * edges; with a session in the filter, from its raw rows.
   */
  public List<ProjectRow> projects(Filter filter) {
    return store.read(
        connection -> {
          var models = new HashMap<String, Map<String, ModelUsage>>();
          total(
              connection,
              Rollup.USAGE,
              filter,
              (project, model, sums) ->
                  models
                      .computeIfAbsent(project, p -> new HashMap<>())
                      .merge(model, usage(model, sums), ModelUsage::plus));
          var tools = new HashMap<String, ToolCounts>();
          total(
              connection,
              Rollup.TOOLS,
              filter,
              (project, tool, sums) ->
                  tools.merge(
                      project,
                      new ToolCounts(
                          0,
                          "",
                          sums.count(0),
                          sums.count(1),
                          sums.count(2),
                          sums.count(3),
                          sums.count(4)),
                      ToolCounts::plus));
          var sessions = counts(connection, SESSIONS_BY_PROJECT, filter);
          var prompts =
              counts(
                  connection,
                  filter.since() == null && filter.session() == null
                      ? ALL_PROMPTS_BY_PROJECT
                      : PROMPTS_BY_PROJECT,
                  filter);
          var projects = new TreeSet<String>();
          projects.addAll(models.keySet());
          projects.addAll(tools.keySet());
          projects.addAll(sessions.keySet());
          projects.addAll(prompts.keySet());
          var rows = new ArrayList<ProjectRow>();
          for (var project : projects) {
            rows.add(
                new ProjectRow(
                    project,
                    sessions.getOrDefault(project, 0L),
                    prompts.getOrDefault(project, 0L),
                    tools.getOrDefault(project, new ToolCounts(0, "", 0, 0, 0, 0, 0)),
                    sorted(models.getOrDefault(project, Map.of()))));
          }
          return rows;
        });
  }

  @FunctionalInterface
  private interface ProjectSink {
    void accept(String project, String key, Tally.Sums sums);
  }

  /** The rows of {@code rollup} in the filter's range per project and key, level by level. */
  private static void total(Connection connection, Rollup rollup, Filter filter, ProjectSink sink)
      throws SQLException {
    long from = filter.sinceBucket();
    long to = filter.untilBucket();
    long firstDay = Math.max(1, Math.ceilDiv(from, BUCKETS_PER_DAY));
    long endDay = Math.floorDiv(to, BUCKETS_PER_DAY);
    if (filter.session() != null || firstDay >= endDay) {
      byProject(connection, rollup, filter, Level.QUARTER, from, to, sink);
      return;
    }
    byProject(connection, rollup, filter, Level.QUARTER, from, firstDay * BUCKETS_PER_DAY, sink);
    byProject(connection, rollup, filter, Level.QUARTER, endDay * BUCKETS_PER_DAY, to, sink);
    long firstBlock = Math.ceilDiv(firstDay, DAYS_PER_BLOCK);
    long endBlock = Math.floorDiv(endDay, DAYS_PER_BLOCK);
    if (firstBlock >= endBlock) {
      byProject(connection, rollup, filter, Level.DAY, firstDay, endDay, sink);
      return;
    }
    byProject(connection, rollup, filter, Level.DAY, firstDay, firstBlock * DAYS_PER_BLOCK, sink);
    byProject(connection, rollup, filter, Level.BLOCK, firstBlock, endBlock, sink);
    byProject(connection, rollup, filter, Level.DAY, endBlock * DAYS_PER_BLOCK, endDay, sink);
  }

  private static void byProject(
      Connection connection,
      Rollup rollup,
      Filter filter,
      Level level,
      long from,
      long to,
      ProjectSink sink)
      throws SQLException {
    if (from >= to) {
      return;
    }
    var source =
        filter.session() != null && level == Level.QUARTER
            ? rollup.sessionRows()
            : rollup.table(level);
    var time =
        switch (level) {
          case QUARTER -> "bucket";
          case DAY -> "day";
          case BLOCK -> "block";
          case HOUR -> throw new IllegalArgumentException("projects are not read per hour");
        };
    var sql =
        BY_PROJECT
            .replace("{source}", source)
            .replace("{time}", time)
            .replace("{key}", rollup.key())
            .replace("{sums}", rollup.sums())
            .replace("{filter}", rollup.filter());
    try (var statement = connection.prepareStatement(sql)) {
      bind(statement, filter, from, to);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          sink.accept(rows.getString(1), rows.getString(2), Tally.Sums.of(rollup, rows, 3));
        }
      }
    }
  }

  /** A count per project of a query that binds like {@link Reads}' raw-row queries. */
  private static Map<String, Long> counts(Connection connection, String sql, Filter filter)
      throws SQLException {
    var counts = new HashMap<String, Long>();
    try (var statement = connection.prepareStatement(sql)) {
      Reads.bind(statement, filter, filter.sinceBucket(), filter.untilBucket(), 0);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          counts.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    return counts;
  }

  /**
   * For each session active in the range (see {@code Reads.sessions}) that has a cost-state, and
   * each model in it (narrowed by the filter's model), Claude Code's figure beside the usage of the
   * session's requests of that model, whatever their time.
   */
  public List<CostStateCheck> costStates(Filter filter) {
    return store.read(
        connection -> {
          var checks = new ArrayList<CostStateCheck>();
          try (var statement = connection.prepareStatement(COST_STATES)) {
            Reads.bind(statement, filter, filter.sinceBucket(), filter.untilBucket(), 0);
            try (var rows = statement.executeQuery()) {
              while (rows.next()) {
                checks.add(
                    new CostStateCheck(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getDouble(3),
                        new ModelUsage(
                            rows.getString(4),
                            rows.getLong(5),
                            new Usage(
                                rows.getLong(6),
                                rows.getLong(7),
                                rows.getLong(8),
                                rows.getLong(9),
                                rows.getLong(10)),
                            rows.getDouble(11),
                            rows.getLong(12),
                            new Usage(
                                rows.getLong(13),
                                rows.getLong(14),
                                rows.getLong(15),
                                rows.getLong(16),
                                rows.getLong(17)),
                            rows.getDouble(18),
                            rows.getLong(19))));
              }
            }
          }
          return checks;
        });
  }

  /** A session's key. */
  public record SessionKey(String agent, String sessionId) {}

  /**
   * The sessions whose id is {@code id}, of {@code agent} if given; when there is none, those whose
   * id starts with {@code id} (as the table shows ids cut to 8 characters). At most 11, by id.
   */
  public List<SessionKey> findSessions(String id, @Nullable String agent) {
    return store.read(
        connection -> {
          var keys = find(connection, id, agent, false);
          return keys.isEmpty() ? find(connection, id, agent, true) : keys;
        });
  }

  private static List<SessionKey> find(
      Connection connection, String id, @Nullable String agent, boolean prefix)
      throws SQLException {
    var keys = new ArrayList<SessionKey>();
    try (var statement = connection.prepareStatement(FIND_SESSION)) {
      bind(statement, new Filter(null, null, null, agent, null, null), id, prefix);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          keys.add(new SessionKey(rows.getString(1), rows.getString(2)));
        }
      }
    }
    return keys;
  }

  /** Every record of a session, or null when there is no such session. */
  public @Nullable SessionRecords session(SessionKey key) {
    var found = store.read(connection -> session(connection, key));
    return found.isEmpty() ? null : found.getFirst();
  }

  /** The records of the session, as a list of one, or an empty list when there is none. */
  private static List<SessionRecords> session(Connection connection, SessionKey key)
      throws SQLException {
    {
      {
        SessionRecords.Session session = null;
        try (var statement = sessionStatement(connection, SESSION, key);
            var rows = statement.executeQuery()) {
          if (rows.next()) {
            session =
                new SessionRecords.Session(
                    rows.getString(1),
                    rows.getString(2),
                    rows.getString(3),
                    rows.getString(4),
                    rows.getString(5),
                    Reads.instant(rows, 6),
                    Reads.instant(rows, 7),
                    Reads.instant(rows, 8),
                    rows.getString(9));
          }
        }
        if (session == null) {
          return List.of();
        }
        var subagents = new ArrayList<SessionRecords.Subagent>();
        try (var statement = sessionStatement(connection, SUBAGENTS, key);
            var rows = statement.executeQuery()) {
          while (rows.next()) {
            subagents.add(
                new SessionRecords.Subagent(
                    rows.getString(1),
                    rows.getString(2),
                    rows.getString(3),
                    rows.getString(4),
                    rows.getString(5),
                    Reads.instant(rows, 6),
                    Reads.instant(rows, 7)));
          }
        }
        var prompts = new ArrayList<SessionRecords.Prompt>();
        try (var statement = sessionStatement(connection, PROMPTS, key);
            var rows = statement.executeQuery()) {
          while (rows.next()) {
            prompts.add(
                new SessionRecords.Prompt(
                    rows.getString(1),
                    rows.getString(2),
                    Reads.instant(rows, 3),
                    Reads.instant(rows, 4)));
          }
        }
        var calls = new ArrayList<ToolCallRow>();
        try (var statement = sessionStatement(connection, TOOL_CALLS, key);
            var rows = statement.executeQuery()) {
          while (rows.next()) {
            calls.add(Reads.toolCall(rows));
          }
        }
        var requests = new ArrayList<SessionRecords.Request>();
        try (var statement = sessionStatement(connection, REQUESTS, key);
            var rows = statement.executeQuery()) {
          while (rows.next()) {
            requests.add(
                new SessionRecords.Request(
                    rows.getString(1),
                    rows.getString(2),
                    rows.getString(3),
                    rows.getString(4),
                    new Usage(
                        rows.getLong(5),
                        rows.getLong(6),
                        rows.getLong(7),
                        rows.getLong(8),
                        rows.getLong(9)),
                    Reads.instant(rows, 10),
                    nullableDouble(rows, 11),
                    nullableDouble(rows, 12)));
          }
        }
        return List.of(new SessionRecords(session, subagents, prompts, calls, requests));
      }
    }
  }

  private static PreparedStatement sessionStatement(
      Connection connection, String sql, SessionKey key) throws SQLException {
    var statement = connection.prepareStatement(sql);
    statement.setString(1, key.agent());
    statement.setString(2, key.sessionId());
    return statement;
  }

  /** Binds {@code ?1}… to {@code values} (longs, strings, booleans) and ?5–?8 to the filter. */
  private static void bind(PreparedStatement statement, Filter filter, Object... values)
      throws SQLException {
    int count = statement.getParameterMetaData().getParameterCount();
    for (int index = 1; index <= count; index++) {
      if (index >= 5 && index <= 8) {
        FilterSql.bind(statement, index, filter);
      } else if (index > values.length) {
        statement.setNull(index, java.sql.Types.NULL);
      } else {
        switch (values[index - 1]) {
          case Long value -> statement.setLong(index, value);
          case String value -> statement.setString(index, value);
          case Boolean value -> statement.setBoolean(index, value);
          default -> throw new IllegalArgumentException("cannot bind " + values[index - 1]);
        }
      }
    }
  }

  /** The usage of {@code model} summed in {@code sums}, in the order of {@link Rollup#USAGE}. */
  private static ModelUsage usage(String model, Tally.Sums sums) {
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

  private static @Nullable Double nullableDouble(ResultSet rows, int column) throws SQLException {
    double value = rows.getDouble(column);
    return rows.wasNull() ? null : value;
  }

  private static String hoursOfDay() {
    var hours = new StringBuilder();
    for (int hour = 0; hour < 24; hour++) {
      hours.append(hour == 0 ? "" : ", ").append(hour);
    }
    return hours.toString();
  }
}
