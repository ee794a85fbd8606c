package dev.flightlog.soak;

import dev.flightlog.SqlRows;
import dev.flightlog.dashboard.Browser;
import dev.flightlog.e2e.DaemonProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.WindowType;

/**
 * Load and soak: {@code flightlog serve} as a real process with the launcher's JVM flags ({@code
 * -Xmx128m}, serial GC, C1), loopback only, and {@link Workload} agents firing hooks and writing
 * transcripts for a set time, with the dashboard's overview and live page open in headless Chromium
 * (when installed) and an {@code /api/events} subscriber timing each call from its PreToolUse to
 * its event. Every sample interval it records the daemon's RSS, hook latency percentiles, the calls
 * written and stored; every sixth sample also the live heap after a forced full collection ({@code
 * jcmd GC.run}). At the end it waits until every call is stored and checks that none is missing or
 * doubled and that the database is whole.
 *
 * <p>{@code java -cp target/test-classes:target/classes:$(cat cp.txt) dev.flightlog.soak.Soak
 * [--agents 20] [--duration 600] [--sample 10] [--tool-ms 100] [--no-browser] [--dir DIR]}
 * (seconds). {@code SoakSmokeTest} runs it for 20 s in the default test run.
 */
public final class Soak {

  /**
   * How a soak runs.
   *
   * @param agents simulated agents at once
   * @param duration how long they work
   * @param sample how often memory and latency are sampled
   * @param toolTime each tool's run time (and the pause after it): sets the rate
   * @param browser whether to open the dashboard in Chromium (when installed)
   * @param dir where the daemon's data and the transcripts go
   */
  public record Options(
      int agents,
      Duration duration,
      Duration sample,
      Duration toolTime,
      boolean browser,
      Path dir) {}

  /** One sample: seconds since the start, memory, and what happened since the last sample. */
  public record Sample(
      long second,
      long rssKb,
      long liveHeapKb,
      long written,
      long stored,
      long hooks,
      double p50,
      double p95,
      double p99,
      double max) {}

  /** Latency percentiles in milliseconds. */
  public record Percentiles(double p50, double p95, double p99, double p999, double max) {}

  /** What the soak measured. */
  public record Result(
      List<Sample> samples,
      long written,
      long stored,
      long missing,
      long duplicates,
      String integrity,
      long transcriptLines,
      long transcriptBytes,
      long httpHooks,
      long httpFailed,
      long spooled,
      Percentiles hookMs,
      Percentiles endToEndMs,
      long endToEndSeen,
      long catchUpMs,
      int exitCode,
      boolean browser,
      List<String> browserProblems,
      double seconds) {

    /** p50, p95, p99, p99.9 and max of times in nanoseconds, in milliseconds. */
    static Percentiles percentiles(long[] nanos) {
      if (nanos.length == 0) {
        return new Percentiles(0, 0, 0, 0, 0);
      }
      var sorted = nanos.clone();
      Arrays.sort(sorted);
      return new Percentiles(
          at(sorted, 0.50),
          at(sorted, 0.95),
          at(sorted, 0.99),
          at(sorted, 0.999),
          ms(sorted[sorted.length - 1]));
    }

    private static double at(long[] sorted, double q) {
      return ms(sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
    }

    private static double ms(long nanos) {
      return nanos / 1e6;
    }

    /** A Markdown report: the summary, then memory and latency over time. */
    public String report() {
      var out = new StringBuilder();
      out.append(
          String.format(
              Locale.ROOT,
              "| measure | value |%n|---|---|%n"
                  + "| run | %.0f s, daemon exit %d |%n"
                  + "| tool calls written / stored / missing / doubled | %d / %d / %d / %d |%n"
                  + "| throughput | %.1f tool calls/s, %.1f hooks/s over HTTP (%d failed), %d spooled, %.1f transcript lines/s (%.2f MB/s) |%n"
                  + "| HTTP hook latency p50 / p95 / p99 / p99.9 / max | %.2f / %.2f / %.2f / %.2f / %.2f ms |%n"
                  + "| hook → /api/events p50 / p95 / p99 / p99.9 / max | %.1f / %.1f / %.1f / %.1f / %.1f ms (%d calls) |%n"
                  + "| caught up after the agents stopped | %d ms |%n"
                  + "| integrity_check | %s |%n"
                  + "| dashboard (/ and /live in Chromium) | %s |%n",
              seconds,
              exitCode,
              written,
              stored,
              missing,
              duplicates,
              written / seconds,
              httpHooks / seconds,
              httpFailed,
              spooled,
              transcriptLines / seconds,
              transcriptBytes / seconds / 1e6,
              hookMs.p50(),
              hookMs.p95(),
              hookMs.p99(),
              hookMs.p999(),
              hookMs.max(),
              endToEndMs.p50(),
              endToEndMs.p95(),
              endToEndMs.p99(),
              endToEndMs.p999(),
              endToEndMs.max(),
              endToEndSeen,
              catchUpMs,
              integrity,
              !browser
                  ? "not open"
                  : browserProblems.isEmpty()
                      ? "open, no console errors"
                      : browserProblems.toString()));
      out.append(
          "\n| s | RSS MB | live heap MB | calls written | stored | hooks | p50 ms | p95 ms | p99 ms | max ms |\n");
      out.append("|---|---|---|---|---|---|---|---|---|---|\n");
      for (var s : samples) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %d | %.1f | %s | %d | %d | %d | %.2f | %.2f | %.2f | %.2f |%n",
                s.second(),
                s.rssKb() / 1024.0,
                s.liveHeapKb() < 0
                    ? ""
                    : String.format(Locale.ROOT, "%.1f", s.liveHeapKb() / 1024.0),
                s.written(),
                s.stored(),
                s.hooks(),
                s.p50(),
                s.p95(),
                s.p99(),
                s.max()));
      }
      return out.toString();
    }
  }

  private static final Pattern TOOL_USE_ID = Pattern.compile("\"tool_use_id\":\"([^\"]+)\"");

  private Soak() {}

  public static void main(String[] args) throws Exception {
    int agents = 20;
    long duration = 600;
    long sample = 10;
    long toolMs = 100;
    boolean browser = true;
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--agents" -> agents = Integer.parseInt(args[++i]);
        case "--duration" -> duration = Long.parseLong(args[++i]);
        case "--sample" -> sample = Long.parseLong(args[++i]);
        case "--tool-ms" -> toolMs = Long.parseLong(args[++i]);
        case "--no-browser" -> browser = false;
        case "--dir" -> dir = Path.of(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "usage: Soak [--agents N] [--duration S] [--sample S] [--tool-ms MS]"
                    + " [--no-browser] [--dir DIR]");
      }
    }
    if (dir == null) {
      dir = Files.createTempDirectory("flightlog-soak-");
    }
    var result =
        run(
            new Options(
                agents,
                Duration.ofSeconds(duration),
                Duration.ofSeconds(sample),
                Duration.ofMillis(toolMs),
                browser,
                dir));
    System.out.println(result.report());
    System.exit(
        result.missing() == 0 && result.duplicates() == 0 && "ok".equals(result.integrity())
            ? 0
            : 1);
  }

  public static Result run(Options options) throws IOException, InterruptedException {
    var home = Files.createDirectories(options.dir().resolve("flightlog-home"));
    var claude = options.dir().resolve("claude-config");
    var projects = Files.createDirectories(claude.resolve("projects"));
    var db = home.resolve("flightlog.db");
    var env = new LinkedHashMap<String, String>();
    env.put("PATH", Objects.requireNonNullElse(System.getenv("PATH"), "/usr/bin:/bin"));
    env.put("HOME", options.dir().toString());
    env.put("FLIGHTLOG_HOME", home.toString());
    env.put("CLAUDE_CONFIG_DIR", claude.toString());
    int port = DaemonProcess.freePort();
    var daemon =
        DaemonProcess.start(
            List.of(),
            List.of("-XX:+UseSerialGC", "-Xss1m", "-Xmx128m"),
            env,
            db,
            port,
            options.dir().resolve("serve.log"));
    Browser browser = null;
    var events = new Events(port);
    try {
      if (options.browser() && Browser.available()) {
        browser = Browser.launch();
        browser.open("http://127.0.0.1:" + port + "/");
        browser.driver().switchTo().newWindow(WindowType.TAB);
        browser.open("http://127.0.0.1:" + port + "/live");
      }
      events.start();
      var samples = new ArrayList<Sample>();
      var allHooks = new ArrayList<long[]>();
      long start = System.nanoTime();
      Workload.Truth truth;
      try (var workload =
          Workload.start(
              new Workload.Options(options.agents(), 5, 4, options.toolTime(), 4, 400),
              projects,
              home.resolve("spool"),
              port,
              start)) {
        truth = workload.truth();
        long end = start + options.duration().toNanos();
        int n = 0;
        while (System.nanoTime() < end) {
          long next = start + (n + 1) * options.sample().toNanos();
          Thread.sleep(Math.max(0, (Math.min(next, end) - System.nanoTime()) / 1_000_000));
          n++;
          var hooks = truth.latencies(true);
          allHooks.add(hooks);
          var p = Result.percentiles(hooks);
          long live = n % 6 == 0 ? Memory.liveHeapKb(daemon.pid()) : -1;
          samples.add(
              new Sample(
                  (System.nanoTime() - start) / 1_000_000_000,
                  Memory.rssKb(daemon.pid()),
                  live,
                  truth.toolCalls.size(),
                  count(db, "SELECT COUNT(*) FROM tool_calls"),
                  hooks.length,
                  p.p50(),
                  p.p95(),
                  p.p99(),
                  p.max()));
        }
        workload.stop();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long stopped = System.nanoTime();
      var expected = truth.toolCalls;
      long deadline = stopped + Duration.ofMinutes(2).toNanos();
      Set<String> stored = Set.of();
      while (System.nanoTime() < deadline) {
        stored = new HashSet<>(rows(db, "SELECT tool_use_id FROM tool_calls WHERE status = 'ok'"));
        if (stored.containsAll(expected) && backlog(home.resolve("spool")) == 0) {
          break;
        }
        Thread.sleep(200);
      }
      long catchUpMs = (System.nanoTime() - stopped) / 1_000_000;
      var missing = new HashSet<>(expected);
      missing.removeAll(stored);
      var all = rows(db, "SELECT tool_use_id FROM tool_calls");
      long duplicates = (long) all.size() - new HashSet<>(all).size();
      List<String> problems = List.of();
      if (browser != null) {
        problems = browser.problems();
      }
      events.close();
      int exit = daemon.stop();
      var integrity = String.join(",", rows(db, "PRAGMA integrity_check"));
      var hookNanos = allHooks.stream().flatMapToLong(Arrays::stream).toArray();
      return new Result(
          samples,
          expected.size(),
          stored.size(),
          missing.size(),
          duplicates,
          integrity,
          truth.transcriptLines.get(),
          truth.transcriptBytes.get(),
          truth.httpSent.get(),
          truth.httpFailed.get(),
          truth.spooled.size(),
          Result.percentiles(hookNanos),
          Result.percentiles(events.latencies(truth.preSentAt)),
          events.seen.size(),
          catchUpMs,
          exit,
          browser != null,
          problems,
          seconds);
    } finally {
      events.close();
      if (browser != null) {
        browser.close();
      }
      daemon.close();
    }
  }

  /** Reads {@code /api/events?kind=tool_call} and notes when each call was first seen. */
  private static final class Events implements AutoCloseable {
    final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final URI uri;
    private final HttpClient http = HttpClient.newHttpClient();
    private @Nullable Thread thread;
    private volatile boolean closed;

    Events(int port) {
      this.uri = URI.create("http://127.0.0.1:" + port + "/api/events?kind=tool_call");
    }

    void start() {
      thread =
          Thread.ofPlatform()
              .name("soak-events")
              .daemon()
              .start(
                  () -> {
                    try {
                      var response =
                          http.send(
                              HttpRequest.newBuilder(uri).build(),
                              HttpResponse.BodyHandlers.ofLines());
                      try (Stream<String> lines = response.body()) {
                        lines.forEach(
                            line -> {
                              if (closed) {
                                throw new IllegalStateException("closed");
                              }
                              if (line.startsWith("data:")) {
                                var m = TOOL_USE_ID.matcher(line);
                                if (m.find()) {
                                  seen.putIfAbsent(m.group(1), System.nanoTime());
                                }
                              }
                            });
                      }
                    } catch (IOException | RuntimeException e) {
                      // the stream ends with the daemon
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
    }

    long[] latencies(Map<String, Long> sentAt) {
      var out = new ArrayList<Long>();
      seen.forEach(
          (id, at) -> {
            var sent = sentAt.get(id);
            if (sent != null && at >= sent) {
              out.add(at - sent);
            }
          });
      return out.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public void close() {
      closed = true;
      var t = thread;
      if (t != null) {
        t.interrupt();
      }
    }
  }

  private static List<String> rows(Path db, String sql) {
    try {
      return SqlRows.of(db, sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static long count(Path db, String sql) {
    try {
      return Long.parseLong(rows(db, sql).getFirst());
    } catch (RuntimeException e) {
      return -1; // the database is busy; the sample shows it
    }
  }

  /** How many ready files wait in a spool directory. */
  public static long backlog(Path spool) {
    if (!Files.isDirectory(spool)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(spool)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
