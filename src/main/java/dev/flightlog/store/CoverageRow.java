package dev.flightlog.store;

import dev.flightlog.Channel;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which channels saw one session's tool calls: how many calls each channel saw, how many only the
 * transcript saw (the hooks missed them), how many only the hooks saw (no transcript record yet),
 * how many hook payloads arrived, and when SessionEnd came (null: it never did).
 *
 * @param sources the channels that saw the session at all, as a provenance bit set
 */
public record CoverageRow(
    String agent,
    String sessionId,
    @Nullable String project,
    @Nullable Instant lastSeen,
    @Nullable Instant endedAt,
    int sources,
    long toolCalls,
    long byHooks,
    long byTranscript,
    long byOtlp,
    long transcriptOnly,
    long hooksOnly,
    long hookEvents) {

  private static final int HOOKS = Channel.HOOK.bit() | Channel.HTTP_HOOK.bit();
  private static final int TRANSCRIPT = Channel.TRANSCRIPT.bit();
  private static final int OTLP = Channel.OTLP.bit();

  private static final String SQL =
      """
      SELECT s.agent, s.session_id, s.project, s.last_seen, s.ended_at, s.sources,
             COUNT(t.tool_use_id),
             COALESCE(SUM((t.sources & {hooks}) <> 0), 0),
             COALESCE(SUM((t.sources & {transcript}) <> 0), 0),
             COALESCE(SUM((t.sources & {otlp}) <> 0), 0),
             COALESCE(SUM((t.sources & {transcript}) <> 0 AND (t.sources & {hooks}) = 0), 0),
             COALESCE(SUM((t.sources & {hooks}) <> 0 AND (t.sources & {transcript}) = 0), 0),
             (SELECT COUNT(*) FROM hook_events h
               WHERE h.agent = s.agent AND h.session_id = s.session_id)
        FROM (SELECT agent, session_id, project, last_seen, ended_at, sources FROM sessions
              {where}) s
        LEFT JOIN tool_calls t ON t.agent = s.agent AND t.session_id = s.session_id
       GROUP BY s.agent, s.session_id
       ORDER BY s.last_seen DESC, s.agent, s.session_id
      """
          .replace("{hooks}", Integer.toString(HOOKS))
          .replace("{transcript}", Integer.toString(TRANSCRIPT))
          .replace("{otlp}", Integer.toString(OTLP))
          .replace("{where}", Reads.SESSIONS_WHERE);

  static List<CoverageRow> read(Connection connection, Filter filter) throws SQLException {
    var rows = new ArrayList<CoverageRow>();
    try (var statement = connection.prepareStatement(SQL)) {
      Reads.bind(statement, filter, filter.sinceBucket(), filter.untilBucket(), 0);
      try (var result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(
              new CoverageRow(
                  result.getString(1),
                  result.getString(2),
                  result.getString(3),
                  Reads.instant(result, 4),
                  Reads.instant(result, 5),
                  result.getInt(6),
                  result.getLong(7),
                  result.getLong(8),
                  result.getLong(9),
                  result.getLong(10),
                  result.getLong(11),
                  result.getLong(12),
                  result.getLong(13)));
        }
      }
    }
    return rows;
  }
}
