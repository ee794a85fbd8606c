package dev.flightlog.cli;

import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The {@code --db} option every command that reads or writes records takes. Precedence: the flag,
 * then {@code FLIGHTLOG_DB}, then {@code flightlog.db} in the data directory.
 */
final class StoreOption {

  @Option(
      names = "--db",
      paramLabel = "DSN",
      description =
          "Database: a SQLite file path or sqlite:PATH (default: $FLIGHTLOG_DB, else"
              + " flightlog.db in $FLIGHTLOG_HOME or the platform data directory).")
  @Nullable String db;

  Dsn dsn(Environment environment) {
    if (db != null) {
      return Dsn.parse(db);
    }
    var fromEnvironment = environment.get("FLIGHTLOG_DB");
    if (fromEnvironment != null) {
      return Dsn.parse(fromEnvironment);
    }
    return new Dsn.Sqlite(DataHome.prepare(environment.dataHome()).resolve("flightlog.db"));
  }

  Store open(Environment environment) {
    var dsn = dsn(environment);
    return Store.open(
        dsn, Clock.systemUTC(), DataHome.prepare(environment.dataHome()).resolve("native"));
  }
}
