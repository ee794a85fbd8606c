package dev.flightlog.e2e;

import dev.flightlog.cli.InProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * flightlog's own commands, run in-process on one database as a user would type them ({@code
 * import}, {@code export}, {@code report}, and any later command such as {@code install}). The
 * environment holds only {@code FLIGHTLOG_HOME}, {@code FLIGHTLOG_DB} and what is added; the
 * helpers fail the test with the command's output when it does not exit with 0.
 */
public final class Flightlog {
  private final Path db;
  private final Path userHome;
  private final Map<String, String> environment;

  private Flightlog(Path db, Path userHome, Map<String, String> environment) {
    this.db = db;
    this.userHome = userHome;
    this.environment = Map.copyOf(environment);
  }

  /**
   * A fresh data directory {@code dir/flightlog-home} (also the user's home) and database {@code
   * dir/flightlog.db}.
   */
  public static Flightlog in(Path dir) {
    try {
      var home = Files.createDirectories(dir.resolve("flightlog-home"));
      var db = dir.resolve("flightlog.db");
      return new Flightlog(
          db, home, Map.of("FLIGHTLOG_HOME", home.toString(), "FLIGHTLOG_DB", db.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The same database, run as the user of this workspace: its home directory, and its {@code
   * CLAUDE_CONFIG_DIR} when it has one — so that {@code flightlog install} writes the settings the
   * CLI will read and {@code flightlog import} without paths finds its transcripts.
   */
  public Flightlog asUserOf(ClaudeCli.Workspace workspace) {
    var variables = new LinkedHashMap<>(environment);
    var configDir = workspace.configDir();
    if (configDir != null) {
      variables.put("CLAUDE_CONFIG_DIR", configDir.toString());
    }
    return new Flightlog(db, workspace.home(), variables);
  }

  /** The same, with one more environment variable. */
  public Flightlog env(String name, String value) {
    var variables = new LinkedHashMap<>(environment);
    variables.put(name, value);
    return new Flightlog(db, userHome, variables);
  }

  public Path db() {
    return db;
  }

  /** Runs {@code flightlog args…} and returns whatever happened. */
  public InProcess.Result run(String... args) {
    return InProcess.run(environment, userHome, args);
  }

  /** Runs {@code flightlog args…}; fails the test unless it exits with 0. */
  public InProcess.Result succeed(String... args) {
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

  /** {@code flightlog import --strict --quiet PATH…}: fails the test when anything was skipped. */
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
