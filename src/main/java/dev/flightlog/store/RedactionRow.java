package dev.flightlog.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One counter of the {@code redactions} table: how many secrets of one kind the rules removed from
 * what one source delivered about one session, and when that counter was first and last raised. No
 * secret value is ever stored, only these counts.
 *
 * @param sessionId the session, or the empty string when the input named none
 * @param source the channel's wire name, or {@code retroactive} for {@code flightlog redact}
 * @param kind the secret's kind, its wire name
 */
public record RedactionRow(
    String agent,
    String sessionId,
    String source,
    String kind,
    long count,
    Instant firstSeen,
    Instant lastSeen) {

  /**
   * The counters raised in the range (their first to last time overlaps it), of the agent and
   * session of the filter; with a project filter, only those of sessions in that project.
   */
  private static final String SQL =
      """
      SELECT agent, session_id, source, kind, count, first_seen, last_seen
        FROM redactions r
       WHERE last_seen >= ?3 AND first_seen < ?4
         AND (?6 IS NULL OR agent = ?6)
         AND (?8 IS NULL OR session_id = ?8)
         AND (?5 IS NULL OR EXISTS (SELECT 1 FROM sessions
                                     WHERE sessions.agent = r.agent
                                       AND sessions.session_id = r.session_id
                                       AND {project}))
       ORDER BY kind, source, agent, session_id
      """
          .replace("{project}", FilterSql.PROJECT);

  static List<RedactionRow> read(Connection connection, Filter filter) throws SQLException {
    var rows = new ArrayList<RedactionRow>();
    try (var statement = connection.prepareStatement(SQL)) {
      Reads.bind(statement, filter, filter.sinceBucket(), filter.untilBucket(), 0);
      try (var result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(
              new RedactionRow(
                  result.getString(1),
                  result.getString(2),
                  result.getString(3),
                  result.getString(4),
                  result.getLong(5),
                  Instant.ofEpochMilli(result.getLong(6)),
                  Instant.ofEpochMilli(result.getLong(7))));
        }
      }
    }
    return rows;
  }
}
