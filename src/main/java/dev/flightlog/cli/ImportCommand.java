package dev.flightlog.cli;

import dev.flightlog.ingest.Archive;
import dev.flightlog.ingest.ImportSummary;
import dev.flightlog.ingest.Ingest;
import dev.flightlog.ingest.TranscriptImport;
import dev.flightlog.live.Broker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "import",
    description = {
      "Import Claude Code transcripts into the database, without the daemon.",
      "Reads each file from where the last import stopped: unchanged files are not",
      "read again, appended lines are picked up, truncated or rewritten files are",
      "read again safely.",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 imported (skipped lines are counted in the summary); 1 failed;",
      "2 bad command line; 3 with --strict, some input was skipped."
    },
    mixinStandardHelpOptions = true)
final class ImportCommand implements Callable<Integer> {

  private static final int MAX_THREADS = 256;

  private final Environment environment;

  @Spec CommandSpec spec;

  @Mixin StoreOption store;

  @Mixin CaptureOption capture;

  @Mixin ArchiveOption archive;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description =
          "Transcript files, project folders or Claude Code config folders (default: every"
              + " Claude Code config folder: $CLAUDE_CONFIG_DIR, else ~/.claude and"
              + " ~/.config/claude); or an archive written with --archive (its folder, or one"
              + " .jsonl.gz file).")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--max-line-bytes",
      paramLabel = "SIZE",
      defaultValue = "32m",
      description =
          "Skip (and count) lines longer than this; e.g. 512k, 32m (default: ${DEFAULT-VALUE}).")
  String maxLineBytes;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Decoder threads, 1 to "
              + MAX_THREADS
              + " (default: one less than the processors, at least 1: the database writer"
              + " and the garbage collector need a core).")
  int threads = Math.clamp(Runtime.getRuntime().availableProcessors() - 1L, 1, MAX_THREADS);

  @Option(names = "--strict", description = "Exit with code 3 when any input was skipped.")
  boolean strict;

  @Option(names = "--quiet", description = "Print no progress bar and no summary.")
  boolean quiet;

  ImportCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws IOException {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    int cap;
    try {
      cap = Sizes.parse("--max-line-bytes", maxLineBytes);
    } catch (IllegalArgumentException e) {
      // A bad option value is a usage error (exit 2), like any other bad command line.
      throw new ParameterException(spec.commandLine(), String.valueOf(e.getMessage()), e);
    }
    if (threads < 1 || threads > MAX_THREADS) {
      throw new ParameterException(
          spec.commandLine(),
          "--threads must be between 1 and " + MAX_THREADS + ", was " + threads);
    }
    var gate = capture.gate(environment);
    var roots = paths.isEmpty() ? defaultRoots(err) : paths;
    if (roots.isEmpty()) {
      // Nothing to import, but the database is made, so that reports answer (with zeros).
      store.open(environment).close();
      return Main.OK;
    }
    Path restored = null;
    try (var db = store.open(environment);
        var ingest = new Ingest(db, gate, new Broker())) {
      if (roots.stream().anyMatch(Archive::isArchive)) {
        restored = Files.createTempDirectory("flightlog-restore");
        roots = restore(roots, restored);
      }
      var importer =
          new TranscriptImport(
              ingest,
              db.positions(),
              cap,
              threads,
              Clock.systemUTC(),
              archive.archive(environment));
      ImportSummary summary;
      if (!quiet && environment.interactive()) {
        try (var bar = new ProgressBar(err, importer.progress())) {
          summary = importer.run(roots);
          bar.finish();
        }
      } else {
        summary = importer.run(roots);
      }
      if (!quiet) {
        print(summary, out);
      }
      return strict && summary.skippedTotal() > 0 ? 3 : Main.OK;
    } finally {
      if (restored != null) {
        delete(restored);
      }
    }
  }

  /**
   * The roots with each archive replaced by the transcripts it holds, decompressed under {@code
   * into}.
   */
  private static List<Path> restore(List<Path> roots, Path into) throws IOException {
    var restored = new ArrayList<Path>();
    int n = 0;
    for (var root : roots) {
      if (Archive.isArchive(root)) {
        restored.addAll(Archive.restore(root, into.resolve(Integer.toString(n++))));
      } else {
        restored.add(root);
      }
    }
    return restored;
  }

  private static void delete(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (var path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /**
   * The Claude Code config folders that exist; when none does, says where it looked and what to do
   * (nothing to import is not a failure: Claude Code may simply not have run yet).
   */
  private List<Path> defaultRoots(PrintWriter err) {
    var dirs = environment.claudeConfigDirs();
    var existing = dirs.stream().filter(Files::isDirectory).toList();
    if (existing.isEmpty()) {
      var where = dirs.stream().map(Path::toString).collect(Collectors.joining(" or "));
      err.println(
          environment.get("CLAUDE_CONFIG_DIR") != null
              ? "flightlog: no Claude Code data found in "
                  + where
                  + " (from CLAUDE_CONFIG_DIR); nothing imported. Correct CLAUDE_CONFIG_DIR, or"
                  + " give the transcript folder as an argument."
              : "flightlog: no Claude Code data found in "
                  + where
                  + "; nothing imported. Give the transcript folder as an argument, or set"
                  + " CLAUDE_CONFIG_DIR to Claude Code's config folder.");
    }
    return existing;
  }

  static void print(ImportSummary s, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "Imported %,d file%s (%,d read, %,d unchanged) in %.1f s: %s, %,d lines, %,d records.%n",
        s.files(),
        s.files() == 1 ? "" : "s",
        s.filesRead(),
        s.filesUnchanged(),
        s.elapsed().toMillis() / 1000.0,
        Sizes.format(s.bytes()),
        s.lines(),
        s.records());
    if (!s.restarts().isEmpty()) {
      out.println("Read again from the start: " + counts(s.restarts()) + ".");
    }
    if (s.skippedTotal() > 0) {
      out.printf(Locale.ROOT, "Skipped %,d: %s.%n", s.skippedTotal(), counts(s.skipped()));
      for (var example : s.examples()) {
        out.println(
            "  " + example.where() + ": " + example.reason().wireName() + ": " + example.detail());
      }
    }
    if (!s.drift().isEmpty()) {
      out.println("Schema drift (unknown to this flightlog; counted, not fatal):");
      s.drift().entrySet().stream()
          .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Object::toString)))
          .forEach(
              e ->
                  out.printf(
                      Locale.ROOT,
                      "  %s %s: %s %s ×%,d%n",
                      e.getKey().agent().wireName(),
                      e.getKey().agentVersion(),
                      e.getKey().kind(),
                      e.getKey().name(),
                      e.getValue()));
    }
  }

  private static String counts(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey()))
        .collect(Collectors.joining(", "));
  }
}
