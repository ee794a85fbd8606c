package dev.flightlog.store;

import dev.flightlog.metrics.ErrorCategory;
import dev.flightlog.metrics.ErrorSignature;
import dev.flightlog.metrics.Outcome;
import dev.flightlog.metrics.TurnFlow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The reads of the derived tables (see {@link Derive}): the error catalog, the recovery episodes
 * and the flow of turns. Each first brings the tables up to date ({@link Store#refreshDerived()}),
 * so it is exact. The filter applies as everywhere (see {@link Filter}): a failed call's time is
 * its start, else its end; an episode's is its first failure's; a turn's is its prompt's start;
 * unknown times count only when the range is unbounded on the left. The project is the failed
 * call's, the first failure's and the prompt's. Parameters as in {@link Reads}.
 */
final class DerivedReads {
  private DerivedReads() {}

  /**
   * The tables are keyed by time first, {@code at}, 0 when unknown (see migration 003). The {@code
   * {project}} slot is filled per query by {@link #sql}.
   */
  private static final String FILTER =
      """
       WHERE at >= ?3 AND at < ?4
         AND {project}
         AND (?6 IS NULL OR agent = ?6)
         AND (?8 IS NULL OR session_id = ?8)
      """;

  private static final String ERRORS_FILTER = FILTER;
  private static final String EPISODES_FILTER = FILTER;
  private static final String TURNS_FILTER = FILTER;

  /**
   * A query for the filter: without a project, the project condition is true; with one, it is the
   * list of the project paths of {@code table} that match (see {@link Filter}), found once, first,
   * and written into the query as quoted literals, so that the index by project and time serves the
   * rest instead of a scan of every row (a subquery would run again for every statement, and the
   * error catalog runs one per signature).
   */
  private static String sql(Connection connection, String query, String table, Filter filter)
      throws SQLException {
    if (filter.project() == null) {
      return query.replace("{project}", "?5 IS NULL");
    }
    var paths = new StringBuilder();
    try (var statement =
        connection.prepareStatement(
            "SELECT DISTINCT project FROM " + table + " WHERE " + FilterSql.PROJECT)) {
      FilterSql.bind(statement, 5, filter);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          paths.append(paths.isEmpty() ? "" : ", ");
          paths.append('\'').append(rows.getString(1).replace("'", "''")).append('\'');
        }
      }
    }
    return query.replace(
        "{project}", paths.isEmpty() ? "(?5 IS NULL)" : "project IN (" + paths + ")");
  }

  /** Failed calls per signature; their sessions are counted by {@link #ERROR_SESSIONS}. */
  private static final String ERROR_GROUPS =
      """
      SELECT signature_id, COUNT(*), MIN(NULLIF(at, 0)), MAX(NULLIF(at, 0))
        FROM tool_errors
      """
          + ERRORS_FILTER
          + " GROUP BY signature_id";

  /**
   * The sessions with a failure of each signature in range, from {@code error_sessions} (one row
   * per signature and session): a pair of one project whose first and last failure are both in
   * range counts, one with both outside does not; only a pair that straddles an end of the range or
   * spans projects looks at its failures. In the order of the key, so no sorting.
   */
  private static final String ERROR_SESSIONS =
      """
      SELECT signature_id,
             SUM(CASE
               WHEN mixed = 0 AND NOT {project} THEN 0
               WHEN mixed = 0 AND first_at >= ?3 AND last_at < ?4 THEN 1
               WHEN mixed = 0 AND (last_at < ?3 OR first_at >= ?4) THEN 0
               ELSE EXISTS (SELECT 1 FROM tool_errors e
                             WHERE e.signature_id = s.signature_id AND e.agent = s.agent
                               AND e.session_id = s.session_id
                               AND e.at >= ?3 AND e.at < ?4 AND {project}) END)
        FROM error_sessions s
       WHERE (?6 IS NULL OR agent = ?6)
         AND (?8 IS NULL OR session_id = ?8)
       GROUP BY signature_id
      """
          .replace("{project}", FilterSql.PROJECT);

  /** The latest failure of signature {@code ?9} with an example, else the latest. */
  private static final String ERROR_EXAMPLE =
      """
      SELECT example, session_id FROM tool_errors
      """
          + ERRORS_FILTER
          + """
             AND signature_id = ?9 AND example IS NOT NULL
           ORDER BY at DESC, agent, tool_use_id
           LIMIT 1
          """;

  private static final String ERROR_LATEST =
      """
      SELECT example, session_id FROM tool_errors
      """
          + ERRORS_FILTER
          + """
             AND signature_id = ?9
           ORDER BY at DESC, agent, tool_use_id
           LIMIT 1
          """;

  private static final String SIGNATURES =
      "SELECT id, tool, category, signature FROM error_signatures";

  private static final String EPISODES =
      """
      SELECT signature_id,
             CASE outcome WHEN 'recovered' THEN 0 WHEN 'unrecovered' THEN 1
                          WHEN 'interrupted' THEN 2 ELSE 3 END,
             attempts, recovery_ms
        FROM episodes
      """
          + EPISODES_FILTER;

  private static final String TURNS =
      """
      SELECT agent, session_id, prompt_id, project, NULLIF(at, 0), ended_at, wall_ms, tool_ms,
             model_ms, waiting_ms, other_ms, calls, longest_streak, idle_before_ms
        FROM turns
      """
          + TURNS_FILTER
          + """
           ORDER BY at DESC, agent DESC, session_id DESC, seq DESC
           LIMIT ?9
          """;

  private static final String FLOW_TOTALS =
      """
      SELECT COUNT(*), SUM(wall_ms), SUM(tool_ms), SUM(model_ms), SUM(waiting_ms), SUM(other_ms),
             COALESCE(SUM(calls), 0), COALESCE(SUM(CASE WHEN wall_ms IS NOT NULL THEN calls END), 0),
             COALESCE(MAX(longest_streak), 0), SUM(idle_before_ms)
        FROM turns
      """
          + TURNS_FILTER;

  private static final String EPISODE_TOTALS =
      """
      SELECT COALESCE(SUM(outcome <> 'open'), 0), COALESCE(SUM(outcome = 'recovered'), 0)
        FROM episodes
      """
          + EPISODES_FILTER;

  private static final String ACTIVE = "SELECT SUM(wall_ms) FROM turns\n" + TURNS_FILTER;

  /** The error catalog, most frequent first (then by tool, category and signature). */
  static List<ErrorGroup> errors(Connection connection, Filter filter, int limit)
      throws SQLException {
    var signatures = signatures(connection);
    record Group(
        long id,
        ErrorSignature signature,
        long count,
        long sessions,
        @Nullable Instant first,
        @Nullable Instant last) {}
    var sessions = new HashMap<Long, Long>();
    try (var statement = connection.prepareStatement(ERROR_SESSIONS)) {
      bind(statement, filter, 0);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          sessions.put(rows.getLong(1), rows.getLong(2));
        }
      }
    }
    var groups = new ArrayList<Group>();
    try (var statement =
        connection.prepareStatement(sql(connection, ERROR_GROUPS, "tool_errors", filter))) {
      bind(statement, filter, 0);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          long id = rows.getLong(1);
          groups.add(
              new Group(
                  id,
                  signature(signatures, id),
                  rows.getLong(2),
                  sessions.getOrDefault(id, 0L),
                  Reads.instant(rows, 3),
                  Reads.instant(rows, 4)));
        }
      }
    }
    groups.sort(
        Comparator.comparingLong(Group::count)
            .reversed()
            .thenComparing(g -> g.signature().tool())
            .thenComparing(g -> g.signature().category().wireName())
            .thenComparing(g -> g.signature().firstLine()));
    var shown = limit == 0 ? groups : groups.subList(0, Math.min(limit, groups.size()));
    var catalog = new ArrayList<ErrorGroup>(shown.size());
    try (var example =
            connection.prepareStatement(sql(connection, ERROR_EXAMPLE, "tool_errors", filter));
        var latest =
            connection.prepareStatement(sql(connection, ERROR_LATEST, "tool_errors", filter))) {
      for (var group : shown) {
        String text = null;
        String session = null;
        for (var statement : List.of(example, latest)) {
          bind(statement, filter, group.id());
          try (var rows = statement.executeQuery()) {
            if (rows.next()) {
              text = rows.getString(1);
              session = rows.getString(2);
            }
          }
          if (session != null) {
            break;
          }
        }
        if (session == null) {
          throw new StoreException("an error group has no rows: signature " + group.id());
        }
        catalog.add(
            new ErrorGroup(
                group.signature(),
                group.count(),
                group.sessions(),
                group.first(),
                group.last(),
                text,
                session));
      }
    }
    return catalog;
  }

  /** The episodes that started in range, in no particular order. */
  static List<EpisodeRow> episodes(Connection connection, Filter filter) throws SQLException {
    var signatures = signatures(connection);
    var episodes = new ArrayList<EpisodeRow>();
    try (var statement =
        connection.prepareStatement(sql(connection, EPISODES, "episodes", filter))) {
      bind(statement, filter, 0);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          episodes.add(
              new EpisodeRow(
                  signature(signatures, rows.getLong(1)),
                  outcome(rows.getInt(2)),
                  rows.getInt(3),
                  nullableLong(rows, 4)));
        }
      }
    }
    return episodes;
  }

  /** The {@code limit} latest turns started in range (0 = all), latest first. */
  static List<TurnRow> turns(Connection connection, Filter filter, int limit) throws SQLException {
    var turns = new ArrayList<TurnRow>();
    try (var statement = connection.prepareStatement(sql(connection, TURNS, "turns", filter))) {
      bind(statement, filter, limit == 0 ? -1 : limit);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          var flow =
              new TurnFlow(
                  rows.getString(3),
                  Reads.instant(rows, 5),
                  Reads.instant(rows, 6),
                  nullableLong(rows, 7),
                  nullableLong(rows, 8),
                  nullableLong(rows, 9),
                  nullableLong(rows, 10),
                  rows.getInt(12),
                  rows.getInt(13),
                  nullableLong(rows, 14));
          turns.add(
              new TurnRow(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(4),
                  flow,
                  nullableLong(rows, 11)));
        }
      }
    }
    return turns;
  }

  /** The sums over every turn started in range. */
  static FlowTotals flowTotals(Connection connection, Filter filter) throws SQLException {
    try (var statement =
        connection.prepareStatement(sql(connection, FLOW_TOTALS, "turns", filter))) {
      bind(statement, filter, 0);
      try (var rows = statement.executeQuery()) {
        rows.next();
        return new FlowTotals(
            rows.getLong(1),
            nullableLong(rows, 2),
            nullableLong(rows, 3),
            nullableLong(rows, 4),
            nullableLong(rows, 5),
            nullableLong(rows, 6),
            rows.getLong(7),
            rows.getLong(8),
            rows.getLong(9),
            nullableLong(rows, 10));
      }
    }
  }

  /** Episodes, recovered episodes and active time in range, for the overview. */
  static DerivedTotals totals(Connection connection, Filter filter) throws SQLException {
    long episodes;
    long recovered;
    try (var statement =
        connection.prepareStatement(sql(connection, EPISODE_TOTALS, "episodes", filter))) {
      bind(statement, filter, 0);
      try (var rows = statement.executeQuery()) {
        rows.next();
        episodes = rows.getLong(1);
        recovered = rows.getLong(2);
      }
    }
    Long active;
    try (var statement = connection.prepareStatement(sql(connection, ACTIVE, "turns", filter))) {
      bind(statement, filter, 0);
      try (var rows = statement.executeQuery()) {
        rows.next();
        active = nullableLong(rows, 1);
      }
    }
    return new DerivedTotals(episodes, recovered, active);
  }

  /** The outcome of the code {@link #EPISODES} selects. */
  private static Outcome outcome(int code) {
    return switch (code) {
      case 0 -> Outcome.RECOVERED;
      case 1 -> Outcome.UNRECOVERED;
      case 2 -> Outcome.INTERRUPTED;
      default -> Outcome.OPEN;
    };
  }

  private static void bind(PreparedStatement statement, Filter filter, long extra)
      throws SQLException {
    Reads.bind(statement, filter, filter.sinceBucket(), filter.untilBucket(), extra);
  }

  /** Every stored signature by id. */
  private static Map<Long, ErrorSignature> signatures(Connection connection) throws SQLException {
    var categories = new HashMap<String, ErrorCategory>();
    for (var category : ErrorCategory.values()) {
      categories.put(category.wireName(), category);
    }
    var signatures = new HashMap<Long, ErrorSignature>();
    try (var statement = connection.createStatement();
        var rows = statement.executeQuery(SIGNATURES)) {
      while (rows.next()) {
        var category = categories.get(rows.getString(3));
        if (category == null) {
          throw new StoreException(
              "unknown error category '"
                  + rows.getString(3)
                  + "' in error_signatures: the database was written by a newer flightlog");
        }
        signatures.put(
            rows.getLong(1), new ErrorSignature(rows.getString(2), category, rows.getString(4)));
      }
    }
    return signatures;
  }

  private static ErrorSignature signature(Map<Long, ErrorSignature> signatures, long id) {
    var signature = signatures.get(id);
    if (signature == null) {
      throw new StoreException("a derived row names the unknown error signature " + id);
    }
    return signature;
  }

  private static @Nullable Long nullableLong(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }
}
