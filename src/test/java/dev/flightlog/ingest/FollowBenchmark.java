package dev.flightlog.ingest;

import dev.flightlog.live.Broker;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Tailing latency: from appending a line to a followed transcript to the commit of its record, as a
 * subscriber of the live broker sees it (changes are published after the commit). Each append is
 * followed by {@link TranscriptFollower#wake}, as the hook intake does with a payload's {@code
 * transcript_path}; the scan runs every 2 s as in the daemon, so a figure far below that is the
 * wake-up's. Prints p50, p95, p99 and the maximum in milliseconds.
 *
 * <p>Run: {@code mvn -q test-compile}, then {@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
 * -cp target/test-classes:target/classes:<test class path> dev.flightlog.ingest.FollowBenchmark
 * [--appends N] [--pause-ms MS] [--backfill CORPUS_DIR]}. With {@code --backfill} the corpus's
 * {@code projects} folder is followed too, so the appends are measured while it is backfilled (the
 * question: does a big backfill starve live reads?).
 */
public final class FollowBenchmark {

  private FollowBenchmark() {}

  public static void main(String[] args) throws Exception {
    int appends = 200;
    long pauseMs = 20;
    Path backfill = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--appends" -> appends = Integer.parseInt(args[++i]);
        case "--pause-ms" -> pauseMs = Long.parseLong(args[++i]);
        case "--backfill" -> backfill = Path.of(args[++i]).resolve("projects");
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    var dir = Files.createTempDirectory("flightlog-follow-bench");
    var transcript = dir.resolve("projects/-bench/" + Lines.SESSION + ".jsonl");
    Files.createDirectories(transcript.getParent());
    Files.writeString(
        transcript,
        Lines.prompt("p1", "bench", "2026-11-01T10:00:00.000Z") + "\n",
        StandardCharsets.UTF_8);
    var roots = new ArrayList<>(List.of(dir.resolve("projects")));
    if (backfill != null) {
      roots.add(backfill);
    }
    var broker = new Broker();
    var latencies = new long[appends];
    try (var store = Store.open(new Dsn.Sqlite(dir.resolve("bench.db")), Clock.systemUTC());
        var ingest = new Ingest(store, Gate.DEFAULT, broker);
        var changes = broker.subscribe(1 << 16);
        var follower =
            TranscriptFollower.start(
                ingest,
                store.positions(),
                new TranscriptFollower.Settings(
                    roots,
                    Duration.ofMillis(2000),
                    Duration.ofMillis(5),
                    32 << 20,
                    Math.clamp(Runtime.getRuntime().availableProcessors() - 1L, 1, 4),
                    true),
                Clock.systemUTC(),
                e -> {
                  throw e;
                })) {
      while (follower.status().scans() < 1) {
        Thread.sleep(5);
      }
      for (int i = 0; i < appends; i++) {
        var id = "toolu_bench_" + i;
        var line =
            Lines.toolUse("msg_b" + i, id, "ls", "2026-11-01T10:00:01.000Z").replace("\n", "")
                + "\n";
        long started = System.nanoTime();
        Files.writeString(transcript, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        follower.wake(transcript);
        var wanted = "claude:" + id;
        while (true) {
          var change = changes.next(60, TimeUnit.SECONDS);
          if (change == null) {
            throw new IllegalStateException("no change for " + id + " within 60 s");
          }
          if (change.change().kind().equals("tool_call") && change.change().id().equals(wanted)) {
            break;
          }
        }
        latencies[i] = System.nanoTime() - started;
        Thread.sleep(pauseMs);
      }
      var status = follower.status();
      System.out.printf(
          Locale.ROOT,
          "follower: %d files, %.1f MB read, %d records, backlog left %.1f MB%n",
          status.files(),
          status.bytes() / 1e6,
          status.records(),
          status.backlogBytes() / 1e6);
    }
    java.util.Arrays.sort(latencies);
    System.out.printf(
        Locale.ROOT,
        "append → committed, %d appends with wake(): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms,"
            + " max %.1f ms%n",
        appends,
        percentile(latencies, 0.50),
        percentile(latencies, 0.95),
        percentile(latencies, 0.99),
        latencies[latencies.length - 1] / 1e6);
    delete(dir);
  }

  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.clamp(index, 0, sorted.length - 1)] / 1e6;
  }

  private static void delete(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (var file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
