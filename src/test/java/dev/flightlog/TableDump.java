package dev.flightlog;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every row of every table of a SQLite database as text, sorted, without the columns that record
 * when bookkeeping happened: two databases that hold the same records dump equal, and a duplicate
 * or missing row shows as a difference.
 */
public final class TableDump {
  private TableDump() {}

  /** Columns that record when something was written, not what. */
  private static final Map<String, Set<String>> BOOKKEEPING =
      Map.of(
          "file_positions", Set.of("updated_at"),
          "ingest_skips", Set.of("last_seen"),
          "schema_drift", Set.of("first_seen", "last_seen"));

  public static List<String> of(Path db) throws SQLException {
    var dump = new ArrayList<String>();
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      var tables = new ArrayList<String>();
      try (var statement = connection.createStatement();
          var result =
              statement.executeQuery(
                  "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
        while (result.next()) {
          tables.add(result.getString(1));
        }
      }
      for (var table : tables) {
        var skip = BOOKKEEPING.getOrDefault(table, Set.of());
        var rows = new ArrayList<String>();
        try (var statement = connection.createStatement();
            var result = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
          var meta = result.getMetaData();
          while (result.next()) {
            var row = new StringBuilder(table);
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              if (!skip.contains(meta.getColumnName(i))) {
                row.append('|')
                    .append(meta.getColumnName(i))
                    .append('=')
                    .append(
                        result.getObject(i) instanceof Double real
                            ? String.format(Locale.ROOT, "%.12g", real)
                            : result.getString(i));
              }
            }
            rows.add(row.toString());
          }
        }
        rows.sort(null);
        dump.add(table + ": " + rows.size() + " rows");
        dump.addAll(rows);
      }
    }
    return dump;
  }
}
