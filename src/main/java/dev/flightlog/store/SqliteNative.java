package dev.flightlog.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Keeps sqlite-jdbc's native library extracted in a cache directory, so it is not extracted and
 * compared again on every start (100–200 ms per process; see JAVA-NOTES.md). Without a usable
 * cache, sqlite-jdbc falls back to its own extraction.
 */
final class SqliteNative {

  private static final System.Logger LOG = System.getLogger(SqliteNative.class.getName());

  private SqliteNative() {}

  /** Points sqlite-jdbc at a cached copy of its native library, extracting it once if needed. */
  static void useCache(Path cacheDir) {
    if (System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    try {
      var name = System.mapLibraryName("sqlitejdbc");
      // Keyed by the JVM's own os.name and os.arch: sqlite-jdbc's OSInfo starts a process to
      // tell Linux flavours apart, which is asked only when the library is not cached yet.
      var dir =
          cacheDir.resolve(
              "sqlite-jdbc-"
                  + SQLiteJDBCLoader.getVersion()
                  + "/"
                  + System.getProperty("os.name").replace(' ', '_')
                  + "-"
                  + System.getProperty("os.arch"));
      var file = dir.resolve(name);
      if (!Files.isRegularFile(file)) {
        var resource =
            "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
          if (in == null) {
            return;
          }
          OwnerOnly.createDirectories(dir);
          var temporary = Files.createTempFile(dir, name, ".tmp");
          Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
          Files.move(
              temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      System.setProperty("org.sqlite.lib.path", dir.toString());
      System.setProperty("org.sqlite.lib.name", name);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "not caching the SQLite native library", e);
    }
  }
}
