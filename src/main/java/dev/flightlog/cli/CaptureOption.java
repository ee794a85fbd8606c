package dev.flightlog.cli;

import dev.flightlog.ingest.CaptureLevel;
import dev.flightlog.ingest.Gate;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --capture} option of the commands that store content ({@code serve}, {@code import}),
 * and the capture policy it resolves. The default level's precedence: the flag, then {@code
 * FLIGHTLOG_CAPTURE}, then {@code capture.level} in {@code config.json}, then {@code default}; the
 * file's per-agent and per-project levels apply whatever the default level is.
 */
final class CaptureOption {

  @Spec(Spec.Target.MIXEE)
  @Nullable CommandSpec command;

  @Option(
      names = "--capture",
      paramLabel = "LEVEL",
      description =
          "How much content is stored: full (whole texts, 1 MiB cap per field), default (bounded"
              + " excerpts) or metadata (no content at all); secrets are redacted at every level"
              + " (default: $FLIGHTLOG_CAPTURE, else capture.level in config.json, else default;"
              + " the file's per-agent and per-project levels still apply).")
  @Nullable String capture;

  /** The gate ingest passes content through, as the flag, environment and file configure it. */
  Gate gate(Environment environment) {
    return gate(environment, ConfigFile.load(environment));
  }

  Gate gate(Environment environment, ConfigFile file) {
    var policy = file.capture();
    if (capture != null) {
      try {
        policy = policy.withLevel(level("--capture", capture));
      } catch (IllegalArgumentException e) {
        if (command == null) {
          throw e;
        }
        // A bad option value is a usage error (exit 2), like any other bad command line.
        throw new ParameterException(command.commandLine(), String.valueOf(e.getMessage()), e);
      }
    } else {
      var fromEnvironment = environment.get("FLIGHTLOG_CAPTURE");
      if (fromEnvironment != null) {
        policy = policy.withLevel(level("FLIGHTLOG_CAPTURE", fromEnvironment));
      }
    }
    return new Gate(policy, Clock.systemUTC());
  }

  private static CaptureLevel level(String key, String value) {
    try {
      return CaptureLevel.fromWireName(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          key + " is \"" + value + "\" (allowed: full, default, metadata)", e);
    }
  }
}
