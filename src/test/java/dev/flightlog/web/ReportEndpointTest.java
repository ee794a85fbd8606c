package dev.flightlog.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.report.Fixture;
import dev.flightlog.report.PriceTable;
import dev.flightlog.report.ReportName;
import dev.flightlog.report.Reports;
import dev.flightlog.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/report/NAME} on a real server over a real SQLite file: statuses, headers and the
 * exact error bodies. (That the bodies equal the command line's output is ReportApiTest's, in cli.)
 */
class ReportEndpointTest {

  @TempDir static Path dir;
  private static Store store;

  @BeforeAll
  static void world() {
    var db = dir.resolve("world.db");
    Fixture.write(db);
    store = Fixture.open(db);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static Running running() {
    return Running.withReports(() -> new Reports(store.reads(), PriceTable.builtIn()));
  }

  private static RawHttp.Response get(Running running, String target) throws Exception {
    try (var client = running.client()) {
      return client.get(target);
    }
  }

  private static String error(String message) {
    return "{\"error\":\"" + message + "\"}";
  }

  @Test
  void aReportIsJsonByDefaultAndCsvOnRequestNeverCached() throws Exception {
    try (var running = running()) {
      var json = get(running, "/api/report/overview?tz=UTC");
      assertThat(json.status()).isEqualTo(200);
      assertThat(json.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
      assertThat(json.header("Cache-Control")).isEqualTo("no-store");
      // Fixture: 3 sessions, 8 tool calls.
      assertThat(json.text()).startsWith("{\n").contains("\"sessions\": 4,", "\"tool_calls\": 16,");
      var csv = get(running, "/api/report/tools?format=csv&tz=UTC");
      assertThat(csv.status()).isEqualTo(200);
      assertThat(csv.header("Content-Type")).isEqualTo("text/csv; charset=utf-8");
      assertThat(csv.text()).startsWith("tool,calls,ok,errors,denied,interrupted,pending,");
      // An empty value is a parameter left out, as HTML forms send unfilled fields.
      assertThat(get(running, "/api/report/overview?tz=UTC&since=&project=&limit=").text())
          .isEqualTo(json.text());
      assertThat(running.server.counts().received().get("report")).isEqualTo(3);
    }
  }

  @Test
  void unknownReportsAndPathsAreNotFound() throws Exception {
    try (var running = running()) {
      var unknown = get(running, "/api/report/nope");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.text())
          .isEqualTo(error("unknown report 'nope' (expected one of: " + ReportName.names() + ")"));
      for (var path : new String[] {"/api/report/", "/api/report/tools/", "/api/report/a/b/c"}) {
        var response = get(running, path);
        assertThat(response.status()).as(path).isEqualTo(404);
        assertThat(response.text())
            .isEqualTo(
                error(
                    "not found: "
                        + path
                        + " (use /api/report/NAME, NAME one of: "
                        + ReportName.names()
                        + ")"));
      }
      assertThat(get(running, "/api/report").text()).isEqualTo(error("not found: /api/report"));
      assertThat(running.rejected("report", "not_found")).isEqualTo(4);
    }
  }

  @Test
  void badParametersAreRefusedSayingWhich() throws Exception {
    var expected =
        Map.ofEntries(
            Map.entry(
                "?week=1",
                "unknown query parameter 'week' (expected since, until, project, agent, model,"
                    + " session, tz, limit, breakdown or format)"),
            Map.entry("?tz=UTC&tz=UTC", "the query parameter 'tz' is given twice"),
            Map.entry("?breakdown=yes", "breakdown: 'yes' is neither true nor false"),
            Map.entry(
                "?format=table",
                "format: 'table' is not served (expected json or csv; the table is for"
                    + " terminals: flightlog report)"),
            Map.entry(
                "?format=xml",
                "format: 'xml' is not served (expected json or csv; the table is for terminals:"
                    + " flightlog report)"),
            Map.entry("?limit=ten", "limit: 'ten' is not a whole number (0 for all)"),
            Map.entry("?limit=-1", "limit must be 0 (all) or more, was -1"),
            Map.entry(
                "?since=2026-11-01T10:00:00Z&until=2026-11-01T10:00:00Z",
                "since must be before until, but since 2026-11-01T10:00:00Z is"
                    + " 2026-11-01T10:00:00Z and until 2026-11-01T10:00:00Z is"
                    + " 2026-11-01T10:00:00Z (a date as until includes that day)"),
            Map.entry(
                "?tz=Nowhere",
                "tz: unknown time zone 'Nowhere' (use a region such as Europe/Berlin, an offset"
                    + " such as +05:30, or UTC)"),
            Map.entry("?project=%20", "the project filter must not be blank"));
    try (var running = running()) {
      for (var entry : expected.entrySet()) {
        var response = get(running, "/api/report/overview" + entry.getKey());
        assertThat(response.status()).as(entry.getKey()).isEqualTo(400);
        assertThat(response.text()).as(entry.getKey()).isEqualTo(error(entry.getValue()));
      }
      assertThat(running.rejected("report", "malformed")).isEqualTo(expected.size());
    }
  }

  @Test
  void onlyGetFromAnAllowedHostIsAnswered() throws Exception {
    try (var running = running();
        var client = running.client()) {
      for (var method : new String[] {"POST", "PUT", "DELETE", "HEAD"}) {
        var headers = new HashMap<String, @Nullable String>();
        if (method.equals("POST")) {
          headers.put("Content-Type", "application/json");
        }
        client.send(method, "/api/report/tools", headers, new byte[0]);
        var response = client.read();
        assertThat(response.status()).as(method).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET");
        assertThat(response.text())
            .isEqualTo(
                method.equals("HEAD")
                    ? "" // the answer to HEAD has no body
                    : error("method " + method + " not allowed on /api/report/tools (use GET)"));
      }
      var foreign = new HashMap<String, @Nullable String>();
      foreign.put("Host", "evil.example:" + running.port());
      try (var other = running.client()) {
        var refused = other.exchange("GET", "/api/report/tools", foreign, new byte[0]);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).startsWith("{\"error\":\"host not allowed: 'evil.example:");
      }
      assertThat(running.rejected("report", "method_not_allowed")).isEqualTo(4);
      assertThat(running.rejected("report", "host_not_allowed")).isEqualTo(1);
      assertThat(running.server.counts().received().get("report")).isZero();
    }
  }

  @Test
  void aMalformedPriceFileIsTheServersErrorAndSaysWhere() throws Exception {
    var prices = dir.resolve("prices.json");
    Files.writeString(prices, "{\"models\": {\"x\": {\"input\": 1}}}", StandardCharsets.UTF_8);
    try (var running =
        Running.withReports(() -> new Reports(store.reads(), PriceTable.load(prices)))) {
      var response = get(running, "/api/report/overview");
      assertThat(response.status()).isEqualTo(500);
      assertThat(response.text())
          .isEqualTo(
              error(
                  "malformed the price file "
                      + prices
                      + " at line 1, column 13 (byte 12): x needs both an \\\"input\\\" and an"
                      + " \\\"output\\\" price; fix it, or remove it to use the built-in prices"));
    }
  }
}
