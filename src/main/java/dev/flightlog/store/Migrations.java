package dev.flightlog.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded, numbered schema migrations of the SQLite dialect and their runner. The applied
 * version is SQLite's {@code user_version}, so an up-to-date database costs one pragma read at
 * start-up (a migration library's bookkeeping costs ~190 ms per process; see RATIONALE.md). Each
 * migration runs in its own transaction; a database newer than this program is refused.
 */
final class Migrations {

  /** The SQLite migrations in order; migration N is at index N-1. Never edit a released one. */
  static final List<String> SQLITE =
      List.of(
          "001-records.sql",
          "002-live-capture.sql",
          "003-analytics.sql",
          "004-durations.sql",
          "005-analytics-reads.sql",
          "006-coverage.sql",
          "007-redactions.sql");

  private Migrations() {}

  static void apply(Connection connection, String dialect, List<String> migrations)
      throws SQLException {
    int current;
    try (var statement = connection.createStatement();
        var rows = statement.executeQuery("PRAGMA user_version")) {
      current = rows.next() ? rows.getInt(1) : 0;
    }
    if (current > migrations.size()) {
      throw new StoreException(
          "the database is at schema version "
              + current
              + " but this flightlog knows only up to "
              + migrations.size()
              + ": upgrade flightlog, or point --db at another database");
    }
    for (int version = current + 1; version <= migrations.size(); version++) {
      var name = migrations.get(version - 1);
      var script = read(dialect + "/" + name);
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (var statement = connection.createStatement()) {
        for (var sql : statements(script)) {
          statement.execute(sql);
        }
        statement.execute("PRAGMA user_version = " + version);
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw new StoreException(
            "migration " + dialect + "/" + name + " failed: " + e.getMessage(), e);
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  private static String read(String resource) {
    try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new StoreException("migration resource missing from the jar: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot read migration " + resource + ": " + e.getMessage(), e);
    }
  }

  /**
   * Splits a script into statements at lines ending with ';', keeping trigger bodies (from {@code
   * CREATE TRIGGER} to {@code END;}) whole. Comment lines are dropped.
   */
  static List<String> statements(String script) {
    var statements = new ArrayList<String>();
    var current = new StringBuilder();
    boolean inTrigger = false;
    for (var line : script.split("\n", -1)) {
      var trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      if (current.isEmpty() && trimmed.regionMatches(true, 0, "CREATE TRIGGER", 0, 14)) {
        inTrigger = true;
      }
      current.append(line).append('\n');
      boolean ends = inTrigger ? trimmed.equalsIgnoreCase("END;") : trimmed.endsWith(";");
      if (ends) {
        statements.add(current.toString());
        current.setLength(0);
        inTrigger = false;
      }
    }
    if (!current.toString().isBlank()) {
      throw new StoreException(
          "migration script ends inside a statement: " + current.toString().strip());
    }
    return statements;
  }
}
