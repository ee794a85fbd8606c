package dev.flightlog.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The state of capture as the database records it, for {@code doctor} and the daemon's health
 * endpoint: when each channel last delivered something, how much has been stored, the inputs
 * skipped so far, and the schema drift per agent version (at most 500 rows).
 *
 * @param lastHookAt when the last hook payload was received
 * @param lastTranscriptReadAt when a transcript position last moved
 * @param lastActivityAt the latest time any session was active
 */
public record Health(
    @Nullable Instant lastHookAt,
    @Nullable Instant lastTranscriptReadAt,
    @Nullable Instant lastActivityAt,
    long sessions,
    long toolCalls,
    long hookEvents,
    long followedFiles,
    List<SkipCount> skips,
    List<Drift> drift) {

  public Health {
    skips = List.copyOf(skips);
    drift = List.copyOf(drift);
  }

  /**
   * What one agent version sent that its decoder did not know: {@code kind} (an entry type, a
   * field, a hook event, an OTLP event or metric …) and {@code name}, how often, first and last.
   */
  public record Drift(
      String agent,
      String agentVersion,
      String kind,
      String name,
      long count,
      Instant firstSeen,
      Instant lastSeen) {}

  private static final String DRIFT =
      """
      SELECT agent, agent_version, kind, name, count, first_seen, last_seen FROM schema_drift
       ORDER BY agent, agent_version DESC, count DESC, kind, name
       LIMIT 500
      """;

  /** How many inputs of one channel were skipped for one reason, and the last one's detail. */
  public record SkipCount(
      String channel, String reason, long count, String lastDetail, Instant lastSeen) {}

  private static final String TIMES =
      """
      SELECT (SELECT MAX(received_at) FROM hook_events),
             (SELECT MAX(updated_at) FROM file_positions),
             (SELECT MAX(last_seen) FROM sessions),
             (SELECT COUNT(*) FROM sessions),
             (SELECT COUNT(*) FROM tool_calls),
             (SELECT COUNT(*) FROM hook_events),
             (SELECT COUNT(*) FROM file_positions)
      """;

  private static final String SKIPS =
      """
      SELECT channel, reason, count, last_detail, last_seen FROM ingest_skips
       ORDER BY last_seen DESC, channel, reason
      """;

  static Health read(Connection connection) throws SQLException {
    var skips = new ArrayList<SkipCount>();
    try (var statement = connection.prepareStatement(SKIPS);
        var rows = statement.executeQuery()) {
      while (rows.next()) {
        skips.add(
            new SkipCount(
                rows.getString(1),
                rows.getString(2),
                rows.getLong(3),
                rows.getString(4),
                Instant.ofEpochMilli(rows.getLong(5))));
      }
    }
    var drift = new ArrayList<Drift>();
    try (var statement = connection.prepareStatement(DRIFT);
        var rows = statement.executeQuery()) {
      while (rows.next()) {
        drift.add(
            new Drift(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                rows.getLong(5),
                Instant.ofEpochMilli(rows.getLong(6)),
                Instant.ofEpochMilli(rows.getLong(7))));
      }
    }
    try (var statement = connection.prepareStatement(TIMES);
        var rows = statement.executeQuery()) {
      rows.next();
      return new Health(
          Reads.instant(rows, 1),
          Reads.instant(rows, 2),
          Reads.instant(rows, 3),
          rows.getLong(4),
          rows.getLong(5),
          rows.getLong(6),
          rows.getLong(7),
          skips,
          drift);
    }
  }

  /**
   * SQLite's {@code PRAGMA quick_check}: an empty list when the database is sound, else the
   * problems it found (at most 20).
   */
  static List<String> check(Connection connection) throws SQLException {
    var problems = new ArrayList<String>();
    try (var statement = connection.createStatement();
        var rows = statement.executeQuery("PRAGMA quick_check(20)")) {
      while (rows.next()) {
        var line = rows.getString(1);
        if (!"ok".equals(line)) {
          problems.add(line);
        }
      }
    }
    return problems;
  }
}
