package dev.flightlog.cli;

import dev.flightlog.daemon.ServeLock;
import dev.flightlog.redact.Redactor;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Scrub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "redact",
    description = {
      "Apply the current redaction rules to everything already stored (a retroactive",
      "scrub), then compact the database so that the replaced text is gone from the",
      "file: tool call inputs, summaries, errors and output excerpts, prompts, hook",
      "payloads, subagent descriptions, metric series and skip details. Each secret",
      "is replaced by its marker, e.g. [REDACTED:aws_access_key], and counted with",
      "source 'retroactive' ('flightlog report redactions').",
      "",
      "Refuses to run while 'flightlog serve' records into the database: stop it",
      "first. Copies made before (backups, file system snapshots) are not touched.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  flightlog redact --dry-run",
      "  flightlog redact",
      "",
      "Exit codes: 0 done (or nothing to replace); 1 failed (e.g. flightlog serve is",
      "running, no database); 2 bad command line."
    },
    mixinStandardHelpOptions = true)
final class RedactCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec CommandSpec spec;

  @Mixin StoreOption store;

  @Option(names = "--dry-run", description = "Report what would be replaced; change nothing.")
  boolean dryRun;

  @Option(names = "--quiet", description = "Print no progress bar.")
  boolean quiet;

  RedactCommand(Environment environment) {
    this.environment = environment;
  }

  /** The standard rules, as the store's scrub takes them. */
  static Scrub.Rewrite rewrite(String text) {
    var redaction = Redactor.standard().redact(text);
    var counts = new LinkedHashMap<String, Integer>();
    redaction.counts().forEach((kind, n) -> counts.put(kind.wireName(), n));
    return new Scrub.Rewrite(redaction.text(), counts);
  }

  @Override
  public Integer call() throws IOException {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    var file = sqliteFile(store, environment, "flightlog redact");
    var lock = ServeLock.exclusive(file, "flightlog redact");
    try (lock;
        var db = ReportCommand.openExisting(store, environment)) {
      var done = new AtomicLong();
      Scrub.Summary summary;
      if (!quiet && environment.interactive()) {
        try (var bar = ProgressBar.rows(err, done::get, db.scrubRows())) {
          summary = db.scrub(RedactCommand::rewrite, dryRun, done);
          bar.finish();
        }
      } else {
        summary = db.scrub(RedactCommand::rewrite, dryRun, done);
      }
      out.printf(
          Locale.ROOT,
          "%s %,d rows: %,d %s%s.%n",
          dryRun ? "Dry run: read" : "Read",
          summary.rows(),
          summary.changed(),
          dryRun ? "would change" : "changed",
          summary.secrets().isEmpty() ? "" : " (" + secrets(summary.secrets()) + ")");
      if (!dryRun) {
        long before = size(file);
        db.compact();
        out.printf(
            Locale.ROOT,
            "Compacted %s (%s, was %s with its write-ahead log): replaced text is gone from the"
                + " file.%n",
            file,
            Sizes.format(size(file)),
            Sizes.format(before));
      }
    }
    return Main.OK;
  }

  private static String secrets(Map<String, Long> secrets) {
    return secrets.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey()))
        .collect(Collectors.joining(", "));
  }

  /**
   * The SQLite file of the database, which must exist: the commands that rewrite it take the
   * daemon's lock on it first.
   */
  static Path sqliteFile(StoreOption store, Environment environment, String command) {
    if (!(store.dsn(environment) instanceof Dsn.Sqlite(var file))) {
      throw new IllegalStateException(command + " works on SQLite databases only");
    }
    ReportCommand.requireDatabase(file);
    return file.toAbsolutePath().normalize();
  }

  /** The database file and its write-ahead log, in bytes. */
  static long size(Path file) throws IOException {
    long size = Files.size(file);
    var wal = file.resolveSibling(file.getFileName() + "-wal");
    return size + (Files.exists(wal) ? Files.size(wal) : 0);
  }
}
