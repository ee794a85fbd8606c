package dev.flightlog.store;

import java.nio.file.Path;

/**
 * Which database to use: a SQLite file (a plain path or {@code sqlite:PATH}) or a PostgreSQL URL
 * ({@code postgres://…} or {@code postgresql://…}).
 */
public sealed interface Dsn {

  record Sqlite(Path file) implements Dsn {}

  record Postgres(String url) implements Dsn {}

  /** Parses a DSN as given by {@code --db} or {@code FLIGHTLOG_DB}. */
  static Dsn parse(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException(
          "empty database DSN: give a file path, sqlite:PATH or postgres://…");
    }
    if (text.startsWith("postgres://") || text.startsWith("postgresql://")) {
      return new Postgres(text);
    }
    if (text.startsWith("sqlite://")) {
      return new Sqlite(Path.of(text.substring("sqlite://".length())));
    }
    if (text.startsWith("sqlite:")) {
      return new Sqlite(Path.of(text.substring("sqlite:".length())));
    }
    if (text.contains("://")) {
      throw new IllegalArgumentException(
          "unsupported database DSN '" + text + "': use a file path, sqlite:PATH or postgres://…");
    }
    return new Sqlite(Path.of(text));
  }
}
