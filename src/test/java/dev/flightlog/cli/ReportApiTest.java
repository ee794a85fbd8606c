package dev.flightlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.daemon.Daemon;
import dev.flightlog.ingest.TranscriptFollower;
import dev.flightlog.report.Fixture;
import dev.flightlog.report.ReportName;
import dev.flightlog.report.ReportRequest;
import dev.flightlog.store.Dsn;
import dev.flightlog.web.Server;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/report/NAME} on a real daemon answers exactly the bytes {@code flightlog report
 * NAME --format json|csv} prints with the same options, for every report and a spread of filters,
 * and refuses what the command line refuses with the same words.
 */
class ReportApiTest {

  @TempDir static Path dir;
  private static Path db;
  private static Path home;
  private static Daemon daemon;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * Filters as name and value pairs: {@code --NAME VALUE} on the command line, NAME=VALUE in a URL.
   */
  private static final List<List<String>> FILTERS =
      List.of(
          List.of(),
          List.of("tz", "UTC"),
          List.of("since", "2026-10-31", "until", "2026-10-31", "tz", "America/Los_Angeles"),
          List.of("since", "2026-11-01T10:00:00Z", "until", "2026-11-01T12:00:00+00:00"),
          List.of("project", "beta", "agent", "claude", "tz", "Asia/Kolkata"),
          List.of("model", "claude-haiku-4-5-20251001", "tz", "UTC"),
          List.of("limit", "1", "tz", "UTC"),
          List.of("session", "s1", "tz", "UTC"),
          List.of("breakdown", "true", "tz", "Europe/Berlin"),
          List.of("limit", "0", "project", "/home/me/src/alpha/", "tz", "+05:30"));

  @BeforeAll
  static void start() throws IOException {
    db = dir.resolve("world.db");
    Fixture.write(db);
    home = dir.resolve("home");
    Files.createDirectories(home);
    // A user price: the daemon must read the same price file as the command line.
    Files.writeString(
        home.resolve("prices.json"),
        "{\"models\": {\"claude-mystery-1\": {\"input\": 1000000, \"output\": 0}}}");
    var projects = dir.resolve("claude/projects");
    Files.createDirectories(projects);
    daemon =
        Daemon.start(
            new Daemon.Settings(
                new Dsn.Sqlite(db),
                null,
                Server.Config.of("127.0.0.1", 0),
                home,
                "flightlog test",
                new TranscriptFollower.Settings(
                    List.of(projects),
                    Duration.ofMillis(50),
                    Duration.ofMillis(2),
                    1 << 20,
                    1,
                    true)),
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    daemon.close();
  }

  private static HttpResponse<byte[]> get(String target) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://" + daemon.addr() + target))
            .timeout(Duration.ofSeconds(20))
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static InProcess.Result cli(String report, String format, List<String> filters) {
    var args = new ArrayList<>(List.of("report", report, "--format", format));
    for (int i = 0; i < filters.size(); i += 2) {
      args.add("--" + filters.get(i));
      args.add(filters.get(i + 1));
    }
    args.addAll(List.of("--db", db.toString()));
    return InProcess.run(
        Map.of("FLIGHTLOG_HOME", home.toString()), home, args.toArray(String[]::new));
  }

  private static String query(List<String> filters) {
    var pairs = new ArrayList<String>();
    for (int i = 0; i < filters.size(); i += 2) {
      pairs.add(
          filters.get(i) + "=" + URLEncoder.encode(filters.get(i + 1), StandardCharsets.UTF_8));
    }
    return pairs.stream().collect(Collectors.joining("&"));
  }

  @Test
  void everyReportInEveryServedFormatIsTheCommandLinesOutputByteForByte() throws Exception {
    int compared = 0;
    for (var report : ReportName.values()) {
      if (ReportRequest.takesSessionId(report)) {
        continue; // compared in everyReportThatTakesASessionIdTakesItInThePath
      }
      for (var format : List.of("json", "csv")) {
        for (var filters : FILTERS) {
          var printed = cli(report.wireName(), format, filters);
          assertThat(printed.code())
              .as("%s %s %s: %s", report, format, filters, printed.err())
              .isZero();
          var parameters = new ArrayList<>(filters);
          if (format.equals("csv")) {
            parameters.addAll(List.of("format", "csv"));
          }
          var q = query(parameters);
          var target = "/api/report/" + report.wireName() + (q.isEmpty() ? "" : "?" + q);
          var served = get(target);
          assertThat(served.statusCode()).as(target).isEqualTo(200);
          assertThat(new String(served.body(), StandardCharsets.UTF_8))
              .as(target)
              .isEqualTo(printed.out());
          assertThat(served.headers().firstValue("Content-Type"))
              .contains(
                  format.equals("json")
                      ? "application/json; charset=utf-8"
                      : "text/csv; charset=utf-8");
          assertThat(served.headers().firstValue("Cache-Control")).contains("no-store");
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThanOrEqualTo(5 * 2 * FILTERS.size());
    // The user's price is applied by the daemon as by the command line: 10 input tokens at
    // $1,000,000 per million are $10, plus the $1.96125 the built-in prices know.
    assertThat(new String(get("/api/report/overview").body(), StandardCharsets.UTF_8))
        .contains("\"cost_usd\": 11.96125,");
  }

  @Test
  void theSessionFilterSelectsOneSession() throws Exception {
    // s1 is the only session of project alpha (Fixture), so both filters select the same records
    // (FILTERS compares --session with the command line).
    for (var report : ReportName.values()) {
      if (ReportRequest.takesSessionId(report)) {
        continue;
      }
      for (var format : List.of("json", "csv")) {
        var session =
            get("/api/report/" + report.wireName() + "?session=s1&tz=UTC&format=" + format);
        var project =
            get("/api/report/" + report.wireName() + "?project=alpha&tz=UTC&format=" + format);
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(new String(session.body(), StandardCharsets.UTF_8))
            .as("%s %s", report, format)
            .isEqualTo(new String(project.body(), StandardCharsets.UTF_8));
      }
    }
    var none = get("/api/report/overview?session=nope&tz=UTC");
    assertThat(new String(none.body(), StandardCharsets.UTF_8)).contains("\"sessions\": 0,");
  }

  @Test
  void everyReportThatTakesASessionIdTakesItInThePath() throws Exception {
    for (var report : ReportName.values()) {
      var inPath = get("/api/report/" + report.wireName() + "/s1?tz=UTC");
      if (ReportRequest.takesSessionId(report)) {
        var asFilter = get("/api/report/" + report.wireName() + "?session=s1&tz=UTC");
        assertThat(inPath.statusCode()).isEqualTo(asFilter.statusCode()).isEqualTo(200);
        assertThat(inPath.body()).isEqualTo(asFilter.body());
      } else {
        assertThat(inPath.statusCode()).as(report.wireName()).isEqualTo(404);
        assertThat(new String(inPath.body(), StandardCharsets.UTF_8))
            .isEqualTo(
                "{\"error\":\"not found: /api/report/"
                    + report.wireName()
                    + "/s1 (only /api/report/session/ID takes an id; the report "
                    + report.wireName()
                    + " is /api/report/"
                    + report.wireName()
                    + ")\"}");
      }
    }
  }

  @Test
  void badParametersAreRefusedWithTheCommandLinesWords() throws Exception {
    // Each pair: the command line's error (after its "--"), the API's 400 body.
    var cases =
        List.of(
            List.of("since", "yesterday"),
            List.of("until", "2026-13-01"),
            List.of("tz", "Mars/Olympus"),
            List.of("agent", "cursor"),
            List.of("since", "2026-11-02", "until", "2026-11-01", "tz", "UTC"));
    for (var filters : cases) {
      var printed = cli("overview", "json", filters);
      assertThat(printed.code()).isEqualTo(2);
      var served = get("/api/report/overview?" + query(filters));
      assertThat(served.statusCode()).isEqualTo(400);
      var firstLine = printed.err().lines().findFirst().orElseThrow();
      var error = new String(served.body(), StandardCharsets.UTF_8);
      assertThat(error).isEqualTo("{\"error\":\"" + firstLine.replace("--", "") + "\"}");
    }
  }
}
