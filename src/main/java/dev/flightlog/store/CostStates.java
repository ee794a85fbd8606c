package dev.flightlog.store;

import dev.flightlog.CostStateFact;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Claude Code's own cost figures: the cumulative cost state of each session, per model, and each
 * request's share of it (see RATIONALE.md, "Cost"). Owned by the writer thread, inside the writer's
 * transaction.
 */
final class CostStates implements AutoCloseable {

  private static final String COST_STATE =
      """
      INSERT INTO cost_states (agent, session_id, total_cost_usd, at) VALUES (?, ?, ?, ?)
      ON CONFLICT (agent, session_id) DO UPDATE SET
        total_cost_usd = excluded.total_cost_usd,
        at = COALESCE(excluded.at, cost_states.at)
      WHERE excluded.total_cost_usd >= cost_states.total_cost_usd
      """;

  private static final String COST_STATE_MODEL =
      """
      INSERT INTO cost_state_models (agent, session_id, model, input_tokens, output_tokens,
                                     cache_read_tokens, cache_write_5m_tokens,
                                     cache_write_1h_tokens, cost_usd)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (agent, session_id, model) DO UPDATE SET
        input_tokens = excluded.input_tokens,
        output_tokens = excluded.output_tokens,
        cache_read_tokens = excluded.cache_read_tokens,
        cache_write_5m_tokens = excluded.cache_write_5m_tokens,
        cache_write_1h_tokens = excluded.cache_write_1h_tokens,
        cost_usd = excluded.cost_usd
      WHERE excluded.cost_usd >= cost_state_models.cost_usd
      """;

  /**
   * Gives each request of a session its share of the session's cost-state figure for its model,
   * weighted by list-price ratios common to every Claude model (input 1, output 5, cache read 0.1,
   * 5-minute cache write 1.25, 1-hour cache write 2). Only rows whose share changes are written, so
   * the rollup triggers see exactly the difference.
   */
  private static final String APPORTION =
      """
      UPDATE model_requests AS r
      SET state_cost_usd = c.cost_usd * CASE
            WHEN w.total > 0 THEN (r.input_tokens + 5.0 * r.output_tokens
                                   + 0.1 * r.cache_read_tokens
                                   + 1.25 * r.cache_write_5m_tokens
                                   + 2.0 * r.cache_write_1h_tokens) / w.total
            ELSE 1.0 / w.n END
      FROM cost_state_models AS c,
           (SELECT model, COUNT(*) AS n,
                   SUM(input_tokens + 5.0 * output_tokens + 0.1 * cache_read_tokens
                       + 1.25 * cache_write_5m_tokens + 2.0 * cache_write_1h_tokens) AS total
              FROM model_requests WHERE agent = ?1 AND session_id = ?2 GROUP BY model) AS w
      WHERE r.agent = ?1 AND r.session_id = ?2
        AND c.agent = r.agent AND c.session_id = r.session_id AND c.model = r.model
        AND w.model = r.model
      """;

  private final PreparedStatement costState;
  private final PreparedStatement costStateModel;
  private final PreparedStatement apportion;
  private final PreparedStatement hasState;

  CostStates(Connection connection) throws SQLException {
    costState = connection.prepareStatement(COST_STATE);
    costStateModel = connection.prepareStatement(COST_STATE_MODEL);
    apportion = connection.prepareStatement(APPORTION);
    hasState =
        connection.prepareStatement(
            "SELECT 1 FROM cost_state_models WHERE agent = ? AND session_id = ? LIMIT 1");
  }

  void add(CostStateFact c) throws SQLException {
    costState.setString(1, c.agent().wireName());
    costState.setString(2, c.sessionId());
    costState.setDouble(3, c.totalCostUsd());
    FactWriter.setTime(costState, 4, c.at());
    costState.addBatch();
    for (var model : c.models()) {
      var usage = model.usage();
      costStateModel.setString(1, c.agent().wireName());
      costStateModel.setString(2, c.sessionId());
      costStateModel.setString(3, model.model());
      costStateModel.setLong(4, usage.inputTokens());
      costStateModel.setLong(5, usage.outputTokens());
      costStateModel.setLong(6, usage.cacheReadTokens());
      costStateModel.setLong(7, usage.cacheWrite5mTokens());
      costStateModel.setLong(8, usage.cacheWrite1hTokens());
      costStateModel.setDouble(9, model.costUsd());
      costStateModel.addBatch();
    }
  }

  void executeBatch() throws SQLException {
    costState.executeBatch();
    costStateModel.executeBatch();
  }

  void clearBatch() throws SQLException {
    costState.clearBatch();
    costStateModel.clearBatch();
  }

  /**
   * Recomputes the requests' shares for the sessions (agent, session id) touched by a batch that
   * have a cost state.
   */
  void apportion(Set<List<String>> sessions) throws SQLException {
    var withState = new ArrayList<List<String>>();
    for (var key : sessions) {
      hasState.setString(1, key.get(0));
      hasState.setString(2, key.get(1));
      try (var rows = hasState.executeQuery()) {
        if (rows.next()) {
          withState.add(key);
        }
      }
    }
    for (var key : withState) {
      apportion.setString(1, key.get(0));
      apportion.setString(2, key.get(1));
      apportion.executeUpdate();
    }
  }

  @Override
  public void close() throws SQLException {
    for (var statement : List.of(costState, costStateModel, apportion, hasState)) {
      statement.close();
    }
  }
}
