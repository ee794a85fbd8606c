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

  /**
   * Recomputes one session's row of {@code session_coverage} ({@code ?1} the agent, {@code ?2} the
   * session), run by {@link Derive} for every dirty session after deleting the old row.
   */
  static final String DERIVE =
      """
      INSERT INTO session_coverage
      SELECT ?1, ?2, COUNT(*),
             COALESCE(SUM((sources & {hooks}) <> 0), 0),
             COALESCE(SUM((sources & {transcript}) <> 0), 0),
             COALESCE(SUM((sources & {otlp}) <> 0), 0),
             COALESCE(SUM((sources & {transcript}) <> 0 AND (sources & {hooks}) = 0), 0),
             COALESCE(SUM((sources & {hooks}) <> 0 AND (sources & {transcript}) = 0), 0),
             (SELECT COUNT(*) FROM hook_events WHERE agent = ?1 AND session_id = ?2)
        FROM tool_calls
       WHERE agent = ?1 AND session_id = ?2
      """
          .replace("{hooks}", Integer.toString(HOOKS))
          .replace("{transcript}", Integer.toString(TRANSCRIPT))
          .replace("{otlp}", Integer.toString(OTLP));

  /** The sessions in range with their derived counts (a session never derived has none yet). */
  private static final String SQL =
      """
      SELECT s.agent, s.session_id, s.project, s.last_seen, s.ended_at, s.sources,
             COALESCE(c.tool_calls, 0), COALESCE(c.by_hooks, 0), COALESCE(c.by_transcript, 0),
             COALESCE(c.by_otlp, 0), COALESCE(c.transcript_only, 0), COALESCE(c.hooks_only, 0),
             COALESCE(c.hook_events, 0)
        FROM (SELECT agent, session_id, project, last_seen, ended_at, sources FROM sessions
              {where}) s
        LEFT JOIN session_coverage c ON c.agent = s.agent AND c.session_id = s.session_id
       ORDER BY s.last_seen DESC, s.agent, s.session_id
      """
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
