package dev.flightlog.cli;

import dev.flightlog.daemon.ServeLock;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "prune",
    description = {
      "Delete the sessions whose last activity is older than a duration, with all",
      "their records (tool calls, prompts, model requests, hook payloads, subagents,",
      "cost states, redaction counts, derived rows), then compact the database.",
      "Reports over what remains stay exact. flightlog never deletes anything by",
      "itself; this is its retention, run when you choose (e.g. from cron).",
      "",
      "The age is --older-than, else \"retention\": {\"days\": N} in",
      "$FLIGHTLOG_HOME/config.json. Transcripts already read are not imported again.",
      "Refuses to run while 'flightlog serve' records into the database.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  flightlog prune --older-than 90d --dry-run",
      "  flightlog prune --older-than 26w",
      "",
      "Exit codes: 0 done (or nothing that old); 1 failed (e.g. flightlog serve is",
      "running, no database, malformed config.json); 2 bad command line (e.g. no age",
      "given and none configured)."
    },
    mixinStandardHelpOptions = true)
final class PruneCommand implements Callable<Integer> {

  private static final Pattern AGE = Pattern.compile("([1-9][0-9]{0,5})([hdw])");
  private static final long MAX_DAYS = ConfigFile.MAX_RETENTION_DAYS;

  private final Environment environment;

  @Spec CommandSpec spec;

  @Mixin StoreOption store;

  @Option(
      names = "--older-than",
      paramLabel = "AGE",
      description =
          "Delete sessions last active more than AGE ago: a number and h (hours), d (days)"
              + " or w (weeks), e.g. 90d (default: retention.days of config.json).")
  @Nullable String olderThan;

  @Option(names = "--dry-run", description = "Count what would be deleted; delete nothing.")
  boolean dryRun;

  PruneCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws IOException {
    var out = spec.commandLine().getOut();
    var age = age();
    var file = RedactCommand.sqliteFile(store, environment, "flightlog prune");
    var lock = ServeLock.exclusive(file, "flightlog prune");
    try (lock;
        var db = ReportCommand.openExisting(store, environment)) {
      var before = db.clock().instant().minus(age).truncatedTo(ChronoUnit.SECONDS);
      var summary = db.prune(before, dryRun);
      out.printf(
          Locale.ROOT,
          "%s before %s: %s.%n",
          dryRun
              ? "Dry run: would delete the sessions last active"
              : "Deleted the sessions last" + " active",
          before,
          summary.describe());
      if (!dryRun && summary.any()) {
        long was = RedactCommand.size(file);
        db.compact();
        out.printf(
            Locale.ROOT,
            "Compacted %s (%s, was %s with its write-ahead log).%n",
            file,
            Sizes.format(RedactCommand.size(file)),
            Sizes.format(was));
      }
    }
    return Main.OK;
  }

  private Duration age() {
    if (olderThan != null) {
      try {
        return parseAge(olderThan);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--older-than: " + e.getMessage());
      }
    }
    var days = ConfigFile.load(environment).retentionDays();
    if (days == null) {
      var config = environment.dataHome().resolve(ConfigFile.NAME);
      throw new ParameterException(
          spec.commandLine(),
          "give the age to prune, e.g. --older-than 90d, or set \"retention\": {\"days\": N} in "
              + config);
    }
    return Duration.ofDays(days);
  }

  /** An age such as {@code 36h}, {@code 90d} or {@code 26w}, at most 100 years. */
  static Duration parseAge(String text) {
    var matcher = AGE.matcher(text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "expected a number and h, d or w, e.g. 90d, was '" + text + "'");
    }
    long n = Long.parseLong(matcher.group(1));
    var age =
        switch (matcher.group(2)) {
          case "h" -> Duration.ofHours(n);
          case "w" -> Duration.ofDays(7 * n);
          default -> Duration.ofDays(n);
        };
    if (age.toDays() > MAX_DAYS) {
      throw new IllegalArgumentException("at most " + MAX_DAYS + " days, was '" + text + "'");
    }
    return age;
  }
}
