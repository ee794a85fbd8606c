package dev.flightlog;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a SQLite database with plain JDBC, for tests that check what was stored. */
public final class SqlRows {
  private SqlRows() {}

  /** The rows of a query, each as its column values joined with '|' (null as "null"). */
  public static List<String> of(Path db, String sql) throws SQLException {
    var rows = new ArrayList<String>();
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        var statement = connection.createStatement();
        var result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        var row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(result.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
