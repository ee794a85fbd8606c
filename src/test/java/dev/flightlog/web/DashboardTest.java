package dev.flightlog.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.report.Fixture;
import dev.flightlog.report.PriceTable;
import dev.flightlog.report.Reports;
import dev.flightlog.store.Store;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's HTTP side on a real server: which paths are pages, how its files are served
 * (manifest only, gzip, ETag), the security headers of pages, and the two endpoints it reads
 * besides the reports: {@code /api/tool_call/ID} and the capture state of {@code /api/health}.
 * (What the pages show is the browser tests' job, in package dashboard.)
 */
class DashboardTest {

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

  private static RawHttp.Response get(Running running, String target, String... headers)
      throws Exception {
    var map = new HashMap<String, @Nullable String>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], headers[i + 1]);
    }
    try (var client = running.client()) {
      return client.exchange("GET", target, map, new byte[0]);
    }
  }

  @Test
  void everyPageIsTheShellWithAStrictPolicy() throws Exception {
    var shell = new String(Dashboard.resource(Dashboard.SHELL), StandardCharsets.UTF_8);
    try (var running = running()) {
      for (var page :
          new String[] {
            "/",
            "/live",
            "/sessions",
            "/session/s1",
            "/tools",
            "/errors",
            "/recovery",
            "/flow",
            "/cost",
            "/health",
            "/tools?range=all&project=alpha"
          }) {
        var response = get(running, page);
        assertThat(response.status()).as(page).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(response.text()).as(page).isEqualTo(shell);
        assertThat(response.header("Content-Security-Policy"))
            .isEqualTo(Router.CONTENT_SECURITY_POLICY)
            .contains("script-src 'self';", "style-src 'self';", "frame-ancestors 'none'")
            .doesNotContain("unsafe");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
      }
      assertThat(running.server.counts().received().get("page")).isEqualTo(11);
      // The shell loads nothing from another host and has no inline script or style.
      assertThat(shell)
          .doesNotContain("http://", "https://", "style=", "<style", " on")
          .containsPattern("<script type=\"module\" src=\"/ui/[a-z]+\\.js\"></script>");
    }
  }

  @Test
  void otherPathsAreNotPages() throws Exception {
    try (var running = running()) {
      for (var path :
          new String[] {
            "/index.html",
            "/session/",
            "/session/a/b",
            "/tools/",
            "/ui/",
            "/ui/index.html",
            "/ui/manifest.txt",
            "/ui/../report/prices.json",
            "/ui/nope.js",
            "/favicon.ico",
            "/dev/flightlog/web/ui/app.js"
          }) {
        var response = get(running, path);
        assertThat(response.status()).as(path).isEqualTo(404);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
      }
      var post = running.client().post("/", "text/plain", "x");
      assertThat(post.status()).isEqualTo(405);
      assertThat(post.header("Allow")).isEqualTo("GET");
    }
  }

  @Test
  void aFileIsGzippedWhenAcceptedAndRevalidatedByItsEtag() throws Exception {
    var dashboard = Dashboard.of(new Traffic());
    var name = dashboard.files().stream().filter(f -> f.endsWith(".css")).findFirst().orElseThrow();
    var plain = Dashboard.resource(name);
    try (var running = running()) {
      var identity = get(running, "/ui/" + name);
      assertThat(identity.status()).isEqualTo(200);
      assertThat(identity.header("Content-Type")).isEqualTo("text/css; charset=utf-8");
      assertThat(identity.header("Content-Encoding")).isNull();
      assertThat(identity.header("Cache-Control")).isEqualTo("no-cache");
      assertThat(identity.body()).isEqualTo(plain);
      var etag = String.valueOf(identity.header("ETag"));
      assertThat(etag).matches("\"[0-9a-f]{24}\"");

      var gzipped = get(running, "/ui/" + name, "Accept-Encoding", "br, gzip, deflate");
      assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(gzipped.header("Vary")).isEqualTo("Accept-Encoding");
      assertThat(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes())
          .isEqualTo(plain);
      assertThat(
              get(running, "/ui/" + name, "Accept-Encoding", "gzip;q=0").header("Content-Encoding"))
          .isNull();

      var revalidated = get(running, "/ui/" + name, "If-None-Match", etag);
      assertThat(revalidated.status()).isEqualTo(304);
      assertThat(revalidated.body()).isEmpty();
      assertThat(get(running, "/ui/" + name, "If-None-Match", "\"other\"").status()).isEqualTo(200);
    }
  }

  @Test
  void theManifestNamesTheShellAndOnlyFilesTheJarHas() {
    var dashboard = Dashboard.of(new Traffic());
    assertThat(dashboard.files()).contains(Dashboard.SHELL);
    for (var file : dashboard.files()) {
      assertThat(Dashboard.resource(file)).as(file).isNotEmpty();
      assertThat(file).doesNotContain("..").doesNotStartWith("/");
    }
  }

  @Test
  void aToolCallIsTheExportObjectWithItsInputAndOutput() throws Exception {
    try (var running = running()) {
      var call = get(running, "/api/tool_call/t2");
      assertThat(call.status()).isEqualTo(200);
      assertThat(call.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
      assertThat(call.text())
          .startsWith("{\"id\":\"t2\",\"agent\":\"claude\",\"session_id\":\"s1\",")
          .contains("\"tool\":\"Read\"", "\"status\":\"ok\"", "\"input\":", "\"output_excerpt\":")
          .endsWith("}\n");
      assertThat(get(running, "/api/tool_call/t2?agent=claude").text()).isEqualTo(call.text());

      var missing = get(running, "/api/tool_call/nope");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.text()).isEqualTo("{\"error\":\"no tool call 'nope' of agent claude\"}");
      assertThat(get(running, "/api/tool_call/t2?agent=codex").status()).isEqualTo(404);
      var badAgent = get(running, "/api/tool_call/t2?agent=robot");
      assertThat(badAgent.status()).isEqualTo(400);
      assertThat(badAgent.text()).contains("unknown agent 'robot'");
      assertThat(get(running, "/api/tool_call/t2?limit=1").status()).isEqualTo(400);
      assertThat(get(running, "/api/tool_call/").status()).isEqualTo(404);
      assertThat(get(running, "/api/tool_call/a/b").status()).isEqualTo(404);
    }
  }

  @Test
  void anUnknownSessionIsNotFoundAndAnAmbiguousOneABadRequest() throws Exception {
    try (var running = running()) {
      var unknown = get(running, "/api/report/session/nope");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.text())
          .isEqualTo(
              "{\"error\":\"no session 'nope' in the database:"
                  + " 'flightlog report sessions' lists them\"}");
      var ambiguous = get(running, "/api/report/session/s");
      assertThat(ambiguous.status()).isEqualTo(400);
      assertThat(ambiguous.text()).contains("'s' starts 4 session ids (");
      assertThat(get(running, "/api/report/session/s1").status()).isEqualTo(200);
    }
  }

  @Test
  void healthCarriesTheCaptureStateOfTheDatabase() throws Exception {
    try (var running = running()) {
      var health = get(running, "/api/health").text();
      var capture = health.substring(health.indexOf("\"capture\":"));
      var counts = store.reads().health();
      assertThat(capture)
          .startsWith("\"capture\":{\"last_hook_at\":")
          .contains(
              "\"sessions\":" + counts.sessions() + ",",
              "\"tool_calls\":" + counts.toolCalls() + ",",
              "\"skips\":[",
              "\"schema_drift\":[")
          .endsWith("]}}");
      assertThat(counts.toolCalls()).isPositive();
    }
  }

  @Test
  void pagePathsAreRecognisedExactly() {
    assertThat(Map.of("/", true, "/live", true, "/session/x", true))
        .allSatisfy((path, page) -> assertThat(Dashboard.isPage(path)).as(path).isEqualTo(page));
    for (var path : new String[] {"", "/live/", "/session", "/session/", "/session/x/y", "/x"}) {
      assertThat(Dashboard.isPage(path)).as(path).isFalse();
    }
  }
}
