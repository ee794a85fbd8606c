package dev.flightlog.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes the sessions whose last activity is before a time, with every record of theirs (the
 * retention of {@code flightlog prune}): tool calls, prompts, model requests, subagent threads,
 * hook payloads, metric points, cost states, redaction counts and their derived rows. Hook
 * payloads, metric points and redaction counts that name no session are deleted by their own time.
 * The rollups stay exact: their triggers subtract every deleted tool call and model request. File
 * positions are kept, so a transcript that is still on disk is not imported again.
 */
final class Prune {

  /** The sessions to delete: last seen (else first seen) before {@code ?1}. */
  private static final String CHOOSE =
      """
      INSERT INTO temp.pruned_sessions
      SELECT agent, session_id FROM sessions WHERE COALESCE(last_seen, first_seen) < ?1
      """;

  private static final String OF_PRUNED =
      "(agent, session_id) IN (SELECT agent, session_id FROM temp.pruned_sessions)";

  /** What is deleted, by table, in this order: raw rows, then the derived rows and marks. */
  private static final List<Map.Entry<String, String>> DELETES =
      List.of(
          Map.entry("tool_calls", OF_PRUNED),
          Map.entry("prompts", OF_PRUNED),
          Map.entry("model_requests", OF_PRUNED),
          Map.entry("threads", OF_PRUNED),
          Map.entry("hook_events", OF_PRUNED + " OR (session_id IS NULL AND received_at < ?1)"),
          Map.entry("metric_points", OF_PRUNED + " OR (session_id IS NULL AND at < ?1)"),
          Map.entry("cost_states", OF_PRUNED),
          Map.entry("cost_state_models", OF_PRUNED),
          Map.entry("redactions", OF_PRUNED + " OR (session_id = '' AND last_seen < ?1)"),
          Map.entry("tool_errors", OF_PRUNED),
          Map.entry("error_sessions", OF_PRUNED),
          Map.entry("episodes", OF_PRUNED),
          Map.entry("turns", OF_PRUNED),
          Map.entry("session_coverage", OF_PRUNED),
          Map.entry("derive_dirty", OF_PRUNED),
          Map.entry("sessions", OF_PRUNED));

  /** The tables {@link Summary} reports, by the name it gives them. */
  private static final Map<String, String> REPORTED =
      Map.of(
          "sessions", "sessions",
          "tool_calls", "tool calls",
          "prompts", "prompts",
          "model_requests", "model requests",
          "hook_events", "hook payloads",
          "metric_points", "metric points");

  /**
   * What a prune deleted (or, in a dry run, would delete).
   *
   * @param deleted the rows deleted per table, by table name, in deletion order
   */
  public record Summary(Instant before, Map<String, Long> deleted) {
    public Summary {
      deleted = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deleted));
    }

    /** The sessions deleted. */
    public long sessions() {
      return deleted.getOrDefault("sessions", 0L);
    }

    /** Whether anything was deleted. */
    public boolean any() {
      return deleted.values().stream().anyMatch(n -> n > 0);
    }

    /** The counts of the records people know, e.g. {@code 12 sessions, 3,400 tool calls}. */
    public String describe() {
      var parts = new java.util.ArrayList<String>();
      for (var entry : deleted.entrySet()) {
        var name = REPORTED.get(entry.getKey());
        if (name != null) {
          parts.add(String.format(java.util.Locale.ROOT, "%,d %s", entry.getValue(), name));
        }
      }
      return String.join(", ", parts);
    }
  }

  private Prune() {}

  /** Deletes, in one transaction; a dry run counts the same rows and rolls back. */
  static Summary run(Connection connection, Instant before, boolean dryRun) throws SQLException {
    var deleted = new LinkedHashMap<String, Long>();
    try (var statement = connection.createStatement()) {
      statement.execute(
          "CREATE TEMP TABLE IF NOT EXISTS pruned_sessions (agent TEXT, session_id TEXT,"
              + " PRIMARY KEY (agent, session_id))");
      statement.execute("DELETE FROM temp.pruned_sessions");
      try (var choose = connection.prepareStatement(CHOOSE)) {
        choose.setLong(1, before.toEpochMilli());
        choose.executeUpdate();
      }
      for (var delete : DELETES) {
        try (var sql =
            connection.prepareStatement(
                "DELETE FROM " + delete.getKey() + " WHERE " + delete.getValue())) {
          if (delete.getValue().contains("?1")) {
            sql.setLong(1, before.toEpochMilli());
          }
          deleted.put(delete.getKey(), (long) sql.executeUpdate());
        }
      }
      statement.execute("DELETE FROM temp.pruned_sessions");
      if (dryRun) {
        connection.rollback();
      } else {
        connection.commit();
      }
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
    return new Summary(before, deleted);
  }
}
