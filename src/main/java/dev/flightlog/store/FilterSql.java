package dev.flightlog.store;

import dev.flightlog.Agent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.jspecify.annotations.Nullable;

/**
 * The SQL form of a {@link Filter}'s project, agent and session, shared by every read. The queries
 * bind the same numbered parameters for them: {@code ?5} project, {@code ?6} agent, {@code ?7}
 * model, {@code ?8} session.
 */
final class FilterSql {
  private FilterSql() {}

  /** The agents' wire names as an SQL list, so (agent, session_id) indexes serve a session. */
  static final String AGENTS = agents();

  /** A record's project matches {@code ?5} (see {@link Filter}, "Project"). */
  static final String PROJECT =
      "(?5 IS NULL OR project = ?5 OR substr(project, -length(?5) - 1) = '/' || ?5)";

  private static String agents() {
    var list = new StringBuilder();
    for (var agent : Agent.values()) {
      list.append(list.isEmpty() ? "" : ", ").append('\'').append(agent.wireName()).append('\'');
    }
    return list.toString();
  }

  /** Binds parameter {@code index} (5 to 8) to the filter's project, agent, model or session. */
  static void bind(PreparedStatement statement, int index, Filter filter) throws SQLException {
    var value =
        switch (index) {
          case 5 -> filter.project();
          case 6 -> filter.agent();
          case 7 -> filter.model();
          case 8 -> filter.session();
          default -> throw new IllegalArgumentException("not a filter parameter: ?" + index);
        };
    setText(statement, index, value);
  }

  static void setText(PreparedStatement statement, int index, @Nullable String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }
}
