package dev.flightlog.dashboard;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.otlp.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser against a real daemon on a seeded database ({@link
 * SeededDaemon}): every page loads without an error, a console error or a policy violation; the
 * numbers shown are the API's; the filter bar drives the URL and the back button restores it;
 * hostile text is shown as text and never run; pages are photographed to {@code
 * target/dashboard-screenshots/}. Skipped without Chromium, failed without it under {@code CI=true}
 * (see {@link Browser}).
 */
class DashboardTest {

  static final String S1 = "11111111-1111-4111-8111-111111111111";

  /** Every page, by the name {@code body[data-page]} takes, and its path. */
  static final Map<String, String> PAGES =
      Map.ofEntries(
          Map.entry("overview", "/"),
          Map.entry("live", "/live"),
          Map.entry("sessions", "/sessions"),
          Map.entry("session", "/session/" + S1),
          Map.entry("tools", "/tools"),
          Map.entry("errors", "/errors"),
          Map.entry("recovery", "/recovery"),
          Map.entry("flow", "/flow"),
          Map.entry("cost", "/cost"),
          Map.entry("health", "/health"));

  static final List<String> ORDER =
      List.of(
          "overview",
          "live",
          "sessions",
          "session",
          "tools",
          "errors",
          "recovery",
          "flow",
          "cost",
          "health");

  @TempDir static Path dir;
  static @Nullable Stage stage;
  static Browser browser;
  static SeededDaemon daemon;

  @BeforeAll
  static void start() {
    stage = Stage.open(dir); // null: no browser here, each test skips in Browser.require()
    if (stage != null) {
      daemon = stage.daemon();
      browser = stage.browser();
    }
  }

  @AfterAll
  static void stop() {
    if (stage != null) {
      stage.close();
    }
  }

  @BeforeEach
  void lightTheme() {
    Browser.require();
    open("/", "range=all");
    theme("light");
    browser.problems();
  }

  @AfterEach
  void noConsoleProblemsLeft() {
    if (browser == null) {
      return; // skipped
    }
    assertThat(browser.problems()).as("console errors or policy violations").isEmpty();
  }

  // ---- helpers --------------------------------------------------------------------------

  static String url(String path, String query) {
    return daemon.base() + path + (query.isEmpty() ? "" : "?" + query);
  }

  /** Opens a page, waits for it to be ready and checks that it shows no error. */
  static void open(String path, String query) {
    browser.open(url(path, query));
    assertThat(browser.errorBanner()).as("#error on %s?%s", path, query).isNull();
  }

  /** Clicks {@code button#theme} until {@code html[data-theme]} is {@code theme}. */
  static void theme(String theme) {
    for (int i = 0; i < 3 && !theme.equals(htmlTheme()); i++) {
      browser.one("button#theme").click();
    }
    assertThat(htmlTheme()).isEqualTo(theme);
  }

  static @Nullable Object htmlTheme() {
    return browser.js("return document.documentElement.dataset.theme || null");
  }

  /** The zone the page resolves its days in (the browser runs with TZ=UTC). */
  static String zone() {
    return (String)
        Objects.requireNonNull(
            browser.js("return Intl.DateTimeFormat().resolvedOptions().timeZone"));
  }

  static Map<String, String> params(String... pairs) {
    var map = new LinkedHashMap<String, String>();
    map.put("tz", zone());
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /** The value of every {@code [data-kpi][data-value]} on the page, by name. */
  @SuppressWarnings("unchecked")
  static Map<String, String> kpis() {
    return (Map<String, String>)
        Objects.requireNonNull(
            browser.js(
                """
                const out = {};
                for (const el of document.querySelectorAll('[data-kpi][data-value]')) {
                  out[el.dataset.kpi] = el.dataset.value;
                }
                return out;"""));
  }

  /** A table's rows: each row's {@code data-key} and its cells' raw values by column. */
  record Row(String key, Map<String, String> cells) {}

  @SuppressWarnings("unchecked")
  static List<Row> table(String name) {
    var rows =
        (List<Map<String, Object>>)
            browser.js(
                """
                const table = document.querySelector('table[data-table="' + arguments[0] + '"]');
                if (!table) return null;
                return [...table.querySelectorAll('tbody tr[data-key]')].map(tr => {
                  const cells = {};
                  for (const td of tr.querySelectorAll('td[data-col]')) {
                    cells[td.dataset.col] = td.dataset.value === undefined ? null : td.dataset.value;
                  }
                  return {key: tr.dataset.key, cells};
                });""",
                name);
    assertThat(rows)
        .as("table[data-table=%s] on %s", name, browser.driver().getCurrentUrl())
        .isNotNull();
    var result = new ArrayList<Row>();
    for (var row : Objects.requireNonNull(rows)) {
      result.add(new Row(String.valueOf(row.get("key")), (Map<String, String>) row.get("cells")));
    }
    return result;
  }

  /**
   * Whether a {@code data-value} says the API's raw value: equal text, or equal numbers (the page
   * writes numbers with JavaScript's {@code String}, e.g. {@code 0.625}), or "" for null.
   */
  static boolean same(@Nullable String shown, @Nullable Object api) {
    if (api == null) {
      return shown == null || shown.isEmpty();
    }
    if (shown == null) {
      return false;
    }
    if (api instanceof Number number) {
      try {
        return new BigDecimal(shown).compareTo(new BigDecimal(number.toString())) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return shown.equals(String.valueOf(api));
  }

  static void assertSame(String what, @Nullable String shown, @Nullable Object api) {
    if (!same(shown, api)) {
      throw new AssertionError(what + ": the page shows " + shown + ", the API says " + api);
    }
  }

  /** Every KPI of the overview page equals the API's overview field of its name. */
  static void assertOverviewKpis(Map<String, Object> api) {
    var shown = kpis();
    assertThat(shown).as("KPIs on %s", browser.driver().getCurrentUrl()).containsKey("tool_calls");
    for (var entry : shown.entrySet()) {
      if (api.containsKey(entry.getKey())) {
        assertSame("KPI " + entry.getKey(), entry.getValue(), api.get(entry.getKey()));
      }
    }
  }

  /**
   * Waits until the page is ready and its KPIs show these values (a history traversal re-renders on
   * popstate, which may come a moment after the URL changed), then checks them.
   */
  static void awaitOverviewKpis(Map<String, Object> api) {
    try {
      browser
          .wait("the KPIs of " + api)
          .until(
              d -> {
                if (!"true".equals(browser.js("return document.body.dataset.ready || null"))) {
                  return false;
                }
                var shown = kpis();
                return shown.containsKey("tool_calls")
                    && shown.entrySet().stream()
                        .allMatch(
                            e ->
                                !api.containsKey(e.getKey())
                                    || same(e.getValue(), api.get(e.getKey())));
              });
    } catch (org.openqa.selenium.TimeoutException e) {
      // the check below says which KPI differs
    }
    assertOverviewKpis(api);
  }

  static Map<String, Object> overview(Map<String, String> params) {
    return Json.object(daemon.report("overview", params));
  }

  static List<Map<String, Object>> rows(String report, Map<String, String> params) {
    var rows = new ArrayList<Map<String, Object>>();
    for (var row : Json.list(daemon.report(report, params))) {
      rows.add(Json.object(row));
    }
    return rows;
  }

  /** The cell of a row that identifies it: {@code td[data-col=FIELD]}, else its key. */
  static String id(Row row, String field) {
    var cell = row.cells().get(field);
    return cell != null && !cell.isEmpty() ? cell : row.key();
  }

  static String currentQuery() {
    var query = URI.create(browser.driver().getCurrentUrl()).getRawQuery();
    return query == null ? "" : URLDecoder.decode(query, UTF_8);
  }

  // ---- tests ----------------------------------------------------------------------------

  @Test
  void everyPageLoadsWithoutAnErrorAndIsPhotographed() {
    for (var name : ORDER) {
      var path = Objects.requireNonNull(PAGES.get(name));
      open(path, "range=all");
      assertThat(browser.js("return document.body.dataset.page")).as(path).isEqualTo(name);
      assertThat(browser.problems()).as("console on %s: %s", path, browser.console()).isEmpty();
      // A value the page forgot to format shows as a bare word; the fixture has none of them.
      assertThat(String.valueOf(browser.js("return document.body.innerText")))
          .as("text of %s", path)
          .doesNotContainPattern("(?<![\\w.])(null|undefined|NaN|\\[object Object\\])(?![\\w.])");
      var current = name.equals("session") ? "sessions" : name;
      assertThat(browser.all("nav a[data-nav=" + current + "][aria-current=page]"))
          .as("nav link of %s marked current", path)
          .hasSize(1);
      browser.screenshot(name);
    }
    for (var name : List.of("overview", "session")) {
      open(Objects.requireNonNull(PAGES.get(name)), "range=all");
      theme("dark");
      browser.wait("dark colours").until(d -> "dark".equals(htmlTheme()));
      browser.screenshot(name + "-dark");
      theme("light");
    }
  }

  @Test
  void theHarnessSeesPolicyViolationsAndConsoleErrors() {
    // Without this, a clean console could mean the log is not read at all.
    open("/", "range=all");
    browser.js("document.body.setAttribute('style', 'outline: 1px solid red')");
    browser.js("console.error('flightlog-test: a deliberate console error')");
    var problems = browser.problems();
    assertThat(problems).anyMatch(p -> p.contains("Content Security Policy"));
    assertThat(problems).anyMatch(p -> p.contains("a deliberate console error"));
    browser.js("document.body.removeAttribute('style')");
  }

  @Test
  void overviewKpisAreTheApisNumbers() {
    open("/", "range=all");
    var api = overview(params());
    assertThat(api.get("tool_calls")).isEqualTo(20L); // 17 of the fixture, 3 hostile
    assertOverviewKpis(api);
  }

  @Test
  void toolsTableIsTheToolsReport() {
    open("/tools", "range=all");
    var shown = new LinkedHashMap<String, String>();
    for (var row : table("tools")) {
      shown.put(id(row, "tool"), row.cells().get("calls"));
    }
    var api = new LinkedHashMap<String, Object>();
    for (var row : rows("tools", params())) {
      api.put(String.valueOf(row.get("tool")), row.get("calls"));
    }
    assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(api.keySet());
    api.forEach((tool, calls) -> assertSame("calls of " + tool, shown.get(tool), calls));
  }

  @Test
  void errorsTableIsTheErrorsReport() {
    open("/errors", "range=all");
    var shown = table("errors");
    var api = rows("errors", params("limit", "0"));
    assertThat(shown).hasSameSizeAs(api);
    assertThat(shown.stream().map(r -> new BigDecimal(r.cells().get("count"))).toList())
        .containsExactlyInAnyOrderElementsOf(
            api.stream().map(r -> new BigDecimal(String.valueOf(r.get("count")))).toList());
  }

  @Test
  void sessionsTableIsTheSessionsReportAndLinksToEachTimeline() {
    open("/sessions", "range=all");
    var api = rows("sessions", params("limit", "0"));
    var links =
        browser.all("table[data-table=sessions] a[data-session-link]").stream()
            .map(a -> Objects.requireNonNull(a.getDomAttribute("href")))
            .map(href -> URLDecoder.decode(URI.create(href).getRawPath(), UTF_8))
            .toList();
    assertThat(table("sessions")).hasSameSizeAs(api);
    assertThat(links)
        .containsExactlyInAnyOrderElementsOf(
            api.stream().map(r -> "/session/" + r.get("session_id")).toList());
    assertThat(links).contains("/session/" + SeededDaemon.HOSTILE);
  }

  @Test
  void costDailyTableIsTheDailyReport() {
    open("/cost", "range=all");
    var shown = new LinkedHashMap<String, Row>();
    for (var row : table("daily")) {
      shown.put(id(row, "date"), row);
    }
    var api = rows("daily", params());
    assertThat(shown.keySet())
        .containsExactlyInAnyOrderElementsOf(
            api.stream().map(r -> String.valueOf(r.get("date"))).toList());
    for (var row : api) {
      var cells = Objects.requireNonNull(shown.get(String.valueOf(row.get("date")))).cells();
      for (var field : List.of("total_tokens", "cost_usd", "requests")) {
        if (cells.containsKey(field)) {
          assertSame(row.get("date") + " " + field, cells.get(field), row.get(field));
        }
      }
      assertThat(cells).as("daily row %s", row.get("date")).containsKey("total_tokens");
    }
  }

  @Test
  void theFilterBarDrivesTheUrlAndTheBackButtonRestoresIt() {
    open("/", "range=all");
    var all = overview(params());
    assertOverviewKpis(all);

    var project = browser.one("input#project");
    project.clear();
    project.sendKeys("shop", Keys.TAB);
    browser.wait("project=shop in the URL").until(d -> currentQuery().contains("project=shop"));
    var shop = overview(params("project", "shop"));
    assertThat(shop.get("tool_calls")).isEqualTo(15L);
    awaitOverviewKpis(shop);

    new Select(browser.one("select#range")).selectByValue("30d");
    browser.wait("range=30d in the URL").until(d -> currentQuery().contains("range=30d"));
    var since = Instant.now().minus(Duration.ofDays(30)).toString();
    var recent = overview(params("project", "shop", "since", since));
    assertThat(recent.get("tool_calls")).isEqualTo(0L); // the fixture is from March
    awaitOverviewKpis(recent);
    assertThat(currentQuery()).contains("project=shop");

    browser.driver().navigate().back();
    browser.wait("range=all again").until(d -> currentQuery().contains("range=all"));
    awaitOverviewKpis(shop);
    assertThat(currentQuery()).contains("project=shop");
    assertThat(browser.one("select#range").getDomProperty("value")).isEqualTo("all");

    browser.driver().navigate().back();
    browser.wait("no project").until(d -> !currentQuery().contains("project="));
    awaitOverviewKpis(all);
    assertThat(browser.one("input#project").getDomProperty("value")).isEmpty();
  }

  @Test
  void hostileTextIsShownAsTextAndNeverRun() {
    open("/session/" + SeededDaemon.HOSTILE, "range=all");
    for (var call :
        List.of(SeededDaemon.HOSTILE_OK, SeededDaemon.HOSTILE_ERROR, SeededDaemon.HOSTILE_HOOKED)) {
      var bar = "rect[data-call-id=" + call + "]";
      browser.wait(bar).until(d -> !browser.all(bar).isEmpty());
      // Into the middle of the viewport: the sticky header covers the top once the detail shows.
      browser.js("arguments[0].scrollIntoView({block: 'center'})", browser.one(bar));
      browser.one(bar).click();
      var input = "#call-detail pre[data-field=input]";
      browser
          .wait(input + " of " + call)
          .until(
              d ->
                  !browser.all(input).isEmpty()
                      && browser.one(input).getText().contains("<script>"));
      var shown = browser.one(input).getText();
      assertThat(shown)
          .contains(
              "<script>window.__pwned=1</script>", "onerror=", "javascript:", "<!-- comment -->")
          .doesNotContain("\u001b", "\u202E")
          .contains("202E"); // the override as a visible mark
      // ESC is visible: as its control picture, or as the JSON escape of the input's text
      assertThat(shown.contains("\u241B") || shown.toLowerCase(Locale.ROOT).contains("\\u001b"))
          .as(shown)
          .isTrue();
      var field = call.equals(SeededDaemon.HOSTILE_OK) ? "output_excerpt" : "error";
      var other = "#call-detail pre[data-field=" + field + "]";
      browser
          .wait(other + " of " + call)
          .until(
              d ->
                  !browser.all(other).isEmpty()
                      && browser.one(other).getText().contains("<img src=x"));
      assertThat(browser.one(other).getText())
          .doesNotContain("\u001b", "\u202E")
          .contains("\u241B[31mred\u241B[0m", "202E");
      assertNothingInjected();
    }
    browser.screenshot("session-hostile");
  }

  private static void assertNothingInjected() {
    assertThat(browser.js("return typeof window.__pwned")).isEqualTo("undefined");
    assertThat(browser.all("img[src=x]")).isEmpty();
    assertThat(browser.all("a[href^=javascript], a[href^=' javascript']")).isEmpty();
    assertThat(browser.all("[onerror], [onclick], [onload]")).isEmpty();
    assertThat(
            browser.js(
                """
                return [...document.scripts].map(s => s.getAttribute('src') || 'inline')
                    .filter(src => !src.startsWith('/ui/')).join(' ');"""))
        .as("scripts not from /ui/")
        .isEqualTo("");
    assertThat(
            browser.js(
                """
                const walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
                let n = 0;
                while (walker.nextNode()) if (walker.currentNode.data.includes('comment')) n++;
                return n;"""))
        .isEqualTo(0L);
  }

  /** How many elements match a selector on the current page. */
  static int count(String css) {
    return browser.all(css).size();
  }

  @Test
  void theContractsOtherHooksArePresent() {
    var missing = new ArrayList<String>();
    var checks = new LinkedHashMap<String, List<String>>();
    checks.put(
        "/",
        List.of(
            "nav a[data-nav=overview]",
            "select#range option[value=custom]",
            "input#since[type=date]",
            "input#until[type=date]",
            "input#agent",
            "input#model",
            "#conn[data-state]",
            "#tooltip",
            "[data-kpi=sessions][data-value]",
            "[data-kpi=success_rate][data-value]",
            "[data-kpi=cost_usd][data-value]",
            "[data-kpi-delta]",
            "table[data-table=top-tools] tbody tr[data-key] td[data-col][data-value]",
            "table[data-table=top-errors] tbody tr[data-key]",
            "figure[data-chart=calls-over-time] svg",
            "figure[data-chart=cost-by-model] svg",
            "figure[data-chart] svg [tabindex='0'][data-x][data-y] > title"));
    checks.put(
        "/live",
        List.of(
            "#f-agent",
            "#f-project",
            "#f-session",
            "#f-tool",
            "#f-outcome",
            "button#pause[aria-pressed]",
            "#paused-count",
            "#live-list"));
    checks.put("/sessions", List.of("input#q", "table[data-table=sessions] a[data-session-link]"));
    checks.put(
        "/session/" + S1,
        List.of(
            "svg[data-timeline] g[data-lane]",
            "rect[data-call-id][data-status][tabindex='0']",
            "[data-prompt-id]",
            "[data-request-id]",
            "[data-kpi=tool_calls][data-value]"));
    checks.put("/errors", List.of("table[data-table=errors] tbody tr[data-key]"));
    checks.put("/tools", List.of("figure[data-chart=tool-durations] svg"));
    checks.put(
        "/recovery",
        List.of(
            "table[data-table=recovery-tools] tbody tr",
            "table[data-table=recovery-signatures] tbody tr"));
    checks.put("/flow", List.of("table[data-table=flow] tbody tr[data-key]"));
    checks.put(
        "/cost",
        List.of(
            "table[data-table=daily]",
            "table[data-table=models] tbody tr",
            "table[data-table=projects] tbody tr",
            "table[data-table=blocks] tbody tr",
            "figure[data-chart] svg"));
    checks.put(
        "/health",
        List.of(
            "table[data-table=coverage] tbody tr",
            "table[data-table=skips]",
            "table[data-table=drift]",
            "table[data-table=channels]"));
    checks.forEach(
        (path, selectors) -> {
          open(path, "range=all");
          for (var css : selectors) {
            if (count(css) == 0) {
              missing.add(path + " " + css);
            }
          }
        });
    assertThat(missing).as("DOM hooks of UI-CONTRACT.md not found").isEmpty();
  }

  @Test
  void pagesCarryThePolicyAndTheHostCheckHolds() {
    var page = daemon.response("/tools?range=all");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none';"
                + " form-action 'self'; frame-ancestors 'none'");
    assertThat(page.body()).contains("/ui/app.js").doesNotContain("<script>");
    assertThat(rawStatus("/", "evil.example:" + port())).isEqualTo(403);
    assertThat(rawStatus("/", "127.0.0.1:" + port())).isEqualTo(200);
  }

  static int port() {
    return URI.create(daemon.base()).getPort();
  }

  /** The status of a GET with this exact Host header (the JDK's client will not send another). */
  static int rawStatus(String path, String host) {
    try (var socket = new Socket()) {
      socket.connect(
          new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port()),
          10_000);
      socket.setSoTimeout(10_000);
      var out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(UTF_8));
      out.flush();
      var status = new String(socket.getInputStream().readNBytes(12), UTF_8);
      return Integer.parseInt(status.substring(9, 12));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
