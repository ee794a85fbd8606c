package dev.flightlog.e2e;

import dev.flightlog.cli.InProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * flightlog's own commands, run in-process on one database, as a user would type them: {@code
 * import}, {@code export --kind tool_calls}, {@code report overview}. Each method fails the test
 * with the command's output when it does not exit as expected.
 */
public final class Flightlog {
  private final Path home;
  private final Path db;

  private Flightlog(Path home, Path db) {
    this.home = home;
    this.db = db;
  }

  /** A fresh data directory {@code dir/flightlog-home} and database {@code dir/flightlog.db}. */
  public static Flightlog in(Path dir) {
    try {
      var home = Files.createDirectories(dir.resolve("flightlog-home"));
      return new Flightlog(home, dir.resolve("flightlog.db"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path db() {
    return db;
  }

  /** Runs {@code flightlog args… --db DB} with only {@code FLIGHTLOG_HOME} in the environment. */
  public InProcess.Result run(String... args) {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db", db.toString()));
    return InProcess.run(
        Map.of("FLIGHTLOG_HOME", home.toString()), home, all.toArray(String[]::new));
  }

  private InProcess.Result succeed(String... args) {
    var result = run(args);
    if (result.code() != 0) {
      throw new AssertionError(
          "flightlog "
              + String.join(" ", args)
              + " exited with "
              + result.code()
              + "\nstdout: "
              + result.out()
              + "\nstderr: "
              + result.err());
    }
    return result;
  }

  /** {@code flightlog import --strict PATH…}: fails the test when anything was skipped. */
  public InProcess.Result importStrict(Path... paths) {
    var args = new ArrayList<>(List.of("import", "--strict", "--quiet"));
    for (var path : paths) {
      args.add(path.toString());
    }
    return succeed(args.toArray(String[]::new));
  }

  /** {@code flightlog export --kind tool_calls --format jsonl}, one object per call. */
  public List<Map<String, Object>> toolCalls() {
    return Json.lines(succeed("export", "--kind", "tool_calls", "--format", "jsonl").out());
  }

  /** {@code flightlog report overview --format json}. */
  public Map<String, Object> overview() {
    return Json.object(succeed("report", "overview", "--format", "json").out());
  }
}
