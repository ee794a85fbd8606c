package dev.flightlog.dashboard;

import dev.flightlog.otlp.Json;
import dev.flightlog.store.Dsn;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How fast the dashboard shows each page on a given database, in the machine's Chromium: the daemon
 * is started on the database as {@code flightlog serve --no-backfill} starts it, and every page is
 * loaded RUNS times (after one warm-up load each, which also lets the daemon bring its derived
 * tables up to date).
 *
 * <p>Per page it prints the median and p95 of the first contentful paint (the shell and the page's
 * panels drawn, their data still loading) and of the first render with data: from the navigation's
 * start ({@code performance.now()} counts from it) to {@code body[data-ready=true]}, seen by a
 * MutationObserver that a script installed with CDP's {@code Page.addScriptToEvaluateOnNewDocument}
 * puts on the document before any of the page's own scripts run (app.js sets no {@code
 * performance.mark}). Per API request (the Resource Timing entries under {@code /api/}, the event
 * stream left out; {@code since}/{@code until} values blanked so that one panel is one line) it
 * prints the median and p95 of {@code responseEnd - startTime}. Last, the gzipped size of all the
 * dashboard's JS and CSS.
 *
 * <p>Run: {@code mvn -q test-compile}, then {@code java --enable-native-access=ALL-UNNAMED -cp
 * target/test-classes:target/classes:$(cat cp.txt) dev.flightlog.dashboard.DashboardBenchmark DB
 * [RUNS [RANGE]]} (RUNS default 10; RANGE the {@code range} of every page, default {@code all}).
 * The database is opened for writing (the daemon may bring derived tables up to date), so use a
 * copy when it matters.
 */
public final class DashboardBenchmark {
  private DashboardBenchmark() {}

  private static final Duration FIRST_LOAD = Duration.ofMinutes(5);
  private static final Duration LOAD = Duration.ofMinutes(1);

  /** Installed before every document: records when {@code body[data-ready]} becomes "true". */
  private static final String READY_OBSERVER =
      """
      window.__flightlogReadyAt = null;
      new MutationObserver((records, observer) => {
        if (document.body && document.body.dataset.ready === 'true') {
          window.__flightlogReadyAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-ready']});
      """;

  private static final String API_TIMINGS =
      """
      return performance.getEntriesByType('resource')
        .filter(e => e.name.includes('/api/') && !e.name.includes('/api/events'))
        .map(e => ({name: e.name, ms: e.responseEnd - e.startTime}));
      """;

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || !Files.exists(Path.of(args[0]))) {
      throw new IllegalArgumentException("usage: DashboardBenchmark DB [RUNS [RANGE]]");
    }
    var db = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    var range = args.length > 2 ? args[2] : "all";
    var scratch = Files.createTempDirectory("flightlog-dashboard-benchmark-");
    var home = Files.createDirectories(scratch.resolve("flightlog-home"));
    var claude = Files.createDirectories(scratch.resolve("claude-config/projects")).getParent();
    long started = System.nanoTime();
    try (var daemon = SeededDaemon.on(new Dsn.Sqlite(db), home, claude);
        var browser = Browser.launch()) {
      System.out.printf(
          "dashboard benchmark: %s, daemon started in %d ms, %d runs per page, range=%s%n",
          db, (System.nanoTime() - started) / 1_000_000, runs, range);
      var base = "http://" + daemon.addr();
      var pages = pages(base);
      browser.driver().executeCdpCommand("Page.enable", Map.of());
      browser
          .driver()
          .executeCdpCommand(
              "Page.addScriptToEvaluateOnNewDocument", Map.of("source", READY_OBSERVER));
      var renders = new LinkedHashMap<String, List<Double>>();
      var paints = new LinkedHashMap<String, List<Double>>();
      var requests = new TreeMap<String, List<Double>>();
      var failed = new java.util.HashSet<String>();
      for (int run = -1; run < runs; run++) {
        for (var page : pages.entrySet()) {
          if (failed.contains(page.getKey())) {
            continue;
          }
          var url =
              base
                  + page.getValue()
                  + (page.getValue().contains("?") ? "&" : "?")
                  + "range="
                  + range;
          browser.driver().get(url);
          browser.awaitReady(run < 0 ? FIRST_LOAD : LOAD);
          var error = browser.errorBanner();
          if (error != null) {
            System.out.printf(
                "%s shows an error, left out of the figures: %s%n", page.getKey(), error);
            failed.add(page.getKey());
            continue;
          }
          browser
              .wait("the ready time", LOAD)
              .until(d -> browser.js("return window.__flightlogReadyAt") != null);
          if (run < 0) {
            continue; // warm-up
          }
          var readyAt =
              (Number) Objects.requireNonNull(browser.js("return window.__flightlogReadyAt"));
          renders.computeIfAbsent(page.getKey(), k -> new ArrayList<>()).add(readyAt.doubleValue());
          var paint = (Number) browser.js(FIRST_PAINT);
          if (paint != null) {
            paints.computeIfAbsent(page.getKey(), k -> new ArrayList<>()).add(paint.doubleValue());
          }
          for (var entry : Json.list(Objects.requireNonNull(apiTimings(browser)))) {
            var timing = Json.object(entry);
            var name = page.getKey() + " " + panel(String.valueOf(timing.get("name")));
            requests
                .computeIfAbsent(name, k -> new ArrayList<>())
                .add(((Number) Objects.requireNonNull(timing.get("ms"))).doubleValue());
          }
        }
      }
      System.out.println();
      System.out.printf(
          "%-10s %12s %12s %12s %12s%n",
          "page", "paint p50", "paint p95", "ready p50", "ready p95");
      renders.forEach(
          (page, times) -> {
            var painted = paints.getOrDefault(page, List.of());
            System.out.printf(
                Locale.ROOT,
                "%-10s %9.0f ms %9.0f ms %9.0f ms %9.0f ms%n",
                page,
                painted.isEmpty() ? Double.NaN : median(painted),
                painted.isEmpty() ? Double.NaN : p95(painted),
                median(times),
                p95(times));
          });
      System.out.println();
      System.out.printf("%-80s %10s %10s %5s%n", "page and API request", "p50", "p95", "n");
      requests.forEach(
          (name, times) ->
              System.out.printf(
                  Locale.ROOT,
                  "%-80s %7.1f ms %7.1f ms %5d%n",
                  name,
                  median(times),
                  p95(times),
                  times.size()));
      System.out.println();
      liveLatency(browser, base, Math.max(runs * 10, 50));
      System.out.println();
      System.out.printf(
          "dashboard JS + CSS: %,d bytes gzipped (each file as the server gzips it)%n",
          DashboardFilesTest.scriptAndStyleBytes());
    }
  }

  /** Notes when each session first shows on the live page, by the browser's wall clock. */
  private static final String LIVE_OBSERVER =
      """
      window.__liveSeen = {};
      const list = document.getElementById('live-list');
      new MutationObserver(() => {
        const now = Date.now();
        for (const row of list.querySelectorAll('[data-session^="bench-live-"]')) {
          const id = row.dataset.session;
          if (!(id in window.__liveSeen)) window.__liveSeen[id] = now;
        }
      }).observe(list, {childList: true, subtree: true, attributes: true});
      """;

  /**
   * Hook to screen: with the live page open, POSTs {@code count} PreToolUse hooks (each of a new
   * session, 50 ms apart) and prints the median, p95 and max of the time from just before each POST
   * to the moment its row is in the page (both on the machine's wall clock, in ms).
   */
  private static void liveLatency(Browser browser, String base, int count) throws Exception {
    browser.driver().get(base + "/live");
    browser.awaitReady(LOAD);
    browser.js(LIVE_OBSERVER);
    var client = java.net.http.HttpClient.newHttpClient();
    var posted = new LinkedHashMap<String, Long>();
    for (int i = 0; i < count; i++) {
      var session = "bench-live-" + i;
      var body =
          "{\"session_id\":\""
              + session
              + "\",\"hook_event_name\":\"PreToolUse\",\"cwd\":\"/tmp/bench-live\","
              + "\"tool_name\":\"Bash\",\"tool_use_id\":\"toolu_"
              + session
              + "\",\"tool_input\":{\"command\":\"true\"}}";
      posted.put(session, System.currentTimeMillis());
      var response =
          client.send(
              java.net.http.HttpRequest.newBuilder(URI.create(base + "/hook"))
                  .header("Content-Type", "application/json")
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("POST /hook answered " + response.statusCode());
      }
      Thread.sleep(50);
    }
    browser
        .wait("every hook on the live page", LOAD)
        .until(
            d ->
                ((Number)
                            Objects.requireNonNull(
                                browser.js("return Object.keys(window.__liveSeen).length")))
                        .intValue()
                    >= count);
    var seen = Json.object(Objects.requireNonNull(browser.js("return window.__liveSeen")));
    var latencies = new ArrayList<Double>();
    for (var entry : posted.entrySet()) {
      var at = (Number) Objects.requireNonNull(seen.get(entry.getKey()));
      latencies.add((double) (at.longValue() - entry.getValue()));
    }
    System.out.printf(
        Locale.ROOT,
        "hook -> row on /live, %d hooks 50 ms apart: p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
        count,
        median(latencies),
        p95(latencies),
        latencies.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
  }

  /**
   * The first contentful paint of the page (the shell, its header and the page's panels with their
   * loading text), in ms from the navigation's start, or null when the browser has none.
   */
  private static final String FIRST_PAINT =
      "var p = performance.getEntriesByName('first-contentful-paint')[0];"
          + " return p ? p.startTime : null;";

  private static Object apiTimings(Browser browser) {
    return Objects.requireNonNull(browser.js(API_TIMINGS));
  }

  /** Every page; the session page shows the latest session. */
  private static Map<String, String> pages(String base) {
    var pages = new LinkedHashMap<String, String>();
    for (var name : DashboardTest.ORDER) {
      pages.put(name, Objects.requireNonNull(DashboardTest.PAGES.get(name)));
    }
    var latest =
        Json.list(
            Json.parse(
                get(base + "/api/report/sessions?limit=1&tz=UTC")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    if (latest.isEmpty()) {
      pages.remove("session");
    } else {
      pages.put("session", "/session/" + Json.object(latest.getFirst()).get("session_id"));
    }
    return pages;
  }

  private static String get(String url) {
    try {
      var client = java.net.http.HttpClient.newHttpClient();
      var response =
          client.send(
              java.net.http.HttpRequest.newBuilder(URI.create(url)).timeout(FIRST_LOAD).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An API request's path and query, with the values of since and until blanked. */
  static String panel(String url) {
    var uri = URI.create(url);
    var query = uri.getRawQuery();
    if (query == null) {
      return uri.getRawPath();
    }
    var parts = new ArrayList<String>();
    for (var pair : query.split("&", -1)) {
      var blank = pair.startsWith("since=") || pair.startsWith("until=");
      parts.add(blank ? pair.substring(0, pair.indexOf('=')) + "=…" : pair);
    }
    return uri.getRawPath() + "?" + String.join("&", parts);
  }

  static double median(List<Double> values) {
    return rank(values, 0.5);
  }

  static double p95(List<Double> values) {
    return rank(values, 0.95);
  }

  /** Nearest rank. */
  private static double rank(List<Double> values, double quantile) {
    var sorted = values.stream().sorted().toList();
    int index = (int) Math.ceil(quantile * sorted.size()) - 1;
    return sorted.get(Math.clamp(index, 0, sorted.size() - 1));
  }
}
