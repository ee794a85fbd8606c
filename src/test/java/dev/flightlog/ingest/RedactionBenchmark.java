package dev.flightlog.ingest;

import dev.flightlog.live.Broker;
import dev.flightlog.redact.Redactor;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What redaction costs. First the redactor alone over a corpus's transcript lines, as they are
 * (realistic text, few secrets) and with secrets planted in every tenth line, in MB/s; then {@code
 * import} of the same corpus into a fresh database with redaction on and off, alternately, in facts
 * per second.
 *
 * <p>Run: {@code mvn -q test-compile}, then {@code java -cp
 * target/test-classes:target/classes:<test class path> dev.flightlog.ingest.RedactionBenchmark
 * CORPUS_DIR [--passes N]} with a corpus from {@code bench/gen-corpus.sh}.
 */
public final class RedactionBenchmark {

  private RedactionBenchmark() {}

  private static final String SECRETS =
      " export API_KEY=abc123def456 GITHUB=ghp_1234567890abcdefghijABCDEFGHIJ123456"
          + " https://u:pa55word@db.internal Authorization: Bearer eyJhbGciOiJIUzI1NiJ9."
          + "eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

  public static void main(String[] args) throws IOException {
    var corpus = Path.of(args[0]);
    int passes = 3;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--passes")) {
        passes = Integer.parseInt(args[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    var lines = new ArrayList<String>();
    long bytes = 0;
    try (Stream<Path> files = Files.walk(corpus)) {
      for (var file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
        for (var line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          lines.add(line);
          bytes += line.length();
        }
      }
    }
    var planted = new ArrayList<String>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      planted.add(i % 10 == 0 ? lines.get(i) + SECRETS : lines.get(i));
    }
    System.out.printf(
        Locale.ROOT,
        "corpus: %,d lines, %,d chars (%d passes each)%n",
        lines.size(),
        bytes,
        passes);
    for (int pass = 0; pass < passes; pass++) {
      System.out.printf(
          Locale.ROOT,
          "redactor: %.1f MB/s as is (%d found), %.1f MB/s with secrets in every 10th line (%d"
              + " found)%n",
          throughput(lines),
          found(lines),
          throughput(planted),
          found(planted));
    }
    for (int pass = 0; pass < passes; pass++) {
      for (boolean redacts : new boolean[] {true, false}) {
        var dir = Files.createTempDirectory("flightlog-redaction-bench");
        var gate = new Gate(CapturePolicy.DEFAULT, Clock.systemUTC(), redacts);
        try (var store = Store.open(new Dsn.Sqlite(dir.resolve("bench.db")), Clock.systemUTC());
            var ingest = new Ingest(store, gate, new Broker())) {
          var summary =
              new TranscriptImport(ingest, store.positions(), 32 << 20, 1, Clock.systemUTC())
                  .run(List.of(corpus));
          double seconds = summary.elapsed().toNanos() / 1e9;
          System.out.printf(
              Locale.ROOT,
              "import, redaction %s: %,d records in %.2f s = %,.0f records/s (%.1f MB/s)%n",
              redacts ? "on " : "off",
              summary.records(),
              seconds,
              summary.records() / seconds,
              summary.bytes() / seconds / 1e6);
        }
        try (Stream<Path> files = Files.walk(dir)) {
          for (var f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(f);
          }
        }
      }
    }
  }

  private static double throughput(List<String> lines) {
    long chars = 0;
    long start = System.nanoTime();
    for (var line : lines) {
      chars += Redactor.standard().redact(line).text().length();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return chars / seconds / 1e6;
  }

  private static long found(List<String> lines) {
    long n = 0;
    for (var line : lines) {
      for (int count : Redactor.standard().redact(line).counts().values()) {
        n += count;
      }
    }
    return n;
  }
}
