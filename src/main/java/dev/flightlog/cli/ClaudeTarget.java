package dev.flightlog.cli;

import dev.flightlog.install.Scope;
import dev.flightlog.install.Spooler;
import dev.flightlog.install.Wiring;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options install and uninstall share: which settings file, which daemon, dry run. */
final class ClaudeTarget {

  @Option(
      names = "--addr",
      paramLabel = "HOST:PORT",
      defaultValue = Wiring.DEFAULT_ADDR,
      description =
          "The daemon's address, as given to flightlog serve (default: ${DEFAULT-VALUE}).")
  String addr = Wiring.DEFAULT_ADDR;

  @Option(
      names = "--scope",
      paramLabel = "SCOPE",
      defaultValue = "user",
      description = {
        "Which Claude Code settings file: user ($CLAUDE_CONFIG_DIR/settings.json, else",
        "~/.claude/settings.json; the default), project (.claude/settings.json in the",
        "project) or local (.claude/settings.local.json in the project)."
      })
  Scope scope = Scope.USER;

  @Option(
      names = "--project-dir",
      paramLabel = "DIR",
      description = "The project for --scope project or local (default: the current directory).")
  @Nullable Path projectDir;

  @Option(
      names = "--dry-run",
      description = "Print what would change (a diff of the settings) and write nothing.")
  boolean dryRun;

  /** The address, checked. */
  String addr(CommandLine line) {
    try {
      Wiring.checkAddr(addr);
      return addr;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(line, "--addr: " + e.getMessage());
    }
  }

  Path settingsFile(Environment environment) {
    var project = projectDir != null ? projectDir : Path.of("");
    return scope.settingsFile(
        environment.claudeConfigDirs().getFirst().toAbsolutePath(), project.toAbsolutePath());
  }

  static Path home(Environment environment) {
    return environment.dataHome().toAbsolutePath().normalize();
  }

  /** The spooler script: {@code $FLIGHTLOG_HOME/bin/flightlog-spool}. */
  static Path spoolerScript(Environment environment) {
    return home(environment).resolve("bin").resolve("flightlog-spool");
  }

  /** The spool directory: {@code $FLIGHTLOG_HOME/spool}. */
  static Path spoolDir(Environment environment) {
    return home(environment).resolve("spool");
  }

  static String spoolerCommand(Environment environment) {
    return Spooler.command(spoolerScript(environment));
  }

  static String scopeName(Scope scope) {
    return scope.name().toLowerCase(java.util.Locale.ROOT);
  }
}
