package dev.flightlog.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.otlp.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page and the session timeline follow hooks as they arrive, over the daemon's event
 * stream, without a reload: a hook POSTed to the daemon shows in {@code #live-list} (the time from
 * POST to row is printed), pausing holds new rows back and counts them, and a session's timeline
 * gains a new call by itself.
 */
class LiveDashboardTest {

  static final String SESSION = "77777777-7777-4777-8777-777777777777";
  static final String PROJECT = "/home/dev/live";

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
  void requireBrowser() {
    Browser.require();
  }

  static String hook(String event, String toolUseId) {
    var payload = new LinkedHashMap<String, Object>();
    payload.put("session_id", SESSION);
    payload.put("cwd", PROJECT);
    payload.put("permission_mode", "default");
    payload.put("prompt_id", "p7777777-0000-4000-8000-000000000001");
    payload.put("hook_event_name", event);
    payload.put("tool_name", "Bash");
    payload.put("tool_use_id", toolUseId);
    payload.put("tool_input", Map.of("command", "echo " + toolUseId));
    if (event.equals("PostToolUse")) {
      payload.put("tool_response", Map.of("stdout", toolUseId, "stderr", "", "interrupted", false));
      payload.put("duration_ms", 12L);
    }
    return Json.write(payload);
  }

  static final String OURS = "#live-list [data-event-id][data-session='" + SESSION + "']";

  static long liveRows() {
    return browser.all("#live-list [data-event-id]").size();
  }

  @Test
  void hooksAppearLiveThePauseHoldsThemAndTheTimelineFollows() {
    browser.open(daemon.base() + "/live?range=all");
    browser
        .wait("#conn[data-state=open]")
        .until(d -> !browser.all("#conn[data-state=open]").isEmpty());
    assertThat(browser.errorBanner()).isNull();

    // A new call in a new session: the row is there within the wait.
    long posted = System.nanoTime();
    daemon.hook(hook("PreToolUse", "toolu_live_1"));
    var ours = OURS + "[data-kind=tool_call]";
    browser.wait("a tool_call row of " + SESSION).until(d -> !browser.all(ours).isEmpty());
    long shownMs = (System.nanoTime() - posted) / 1_000_000;
    System.out.printf("dashboard live: PreToolUse POST → row in #live-list in %d ms%n", shownMs);
    assertThat(browser.all(ours).getFirst().getDomAttribute("data-tool")).isEqualTo("Bash");

    posted = System.nanoTime();
    daemon.hook(hook("PostToolUse", "toolu_live_1"));
    var ok = ours + "[data-status=ok]";
    browser.wait("the call's ok row").until(d -> !browser.all(ok).isEmpty());
    System.out.printf(
        "dashboard live: PostToolUse POST → ok row in %d ms%n",
        (System.nanoTime() - posted) / 1_000_000);

    // Paused: new events are counted, not shown; resumed, they are shown.
    var pause = browser.one("button#pause");
    pause.click();
    browser
        .wait("button#pause[aria-pressed=true]")
        .until(d -> "true".equals(browser.one("button#pause").getDomAttribute("aria-pressed")));
    long before = liveRows();
    var paused = browser.one("#paused-count").getText();
    daemon.hook(hook("PreToolUse", "toolu_live_2"));
    browser
        .wait("#paused-count to count the held events")
        .until(
            d ->
                !browser.one("#paused-count").getText().equals(paused)
                    && browser.one("#paused-count").getText().matches(".*[1-9].*"));
    assertThat(liveRows()).as("rows while paused").isEqualTo(before);
    browser.one("button#pause").click();
    browser.wait("held rows shown after resuming").until(d -> liveRows() > before);
    assertThat(browser.problems()).as("console").isEmpty();

    // The session's timeline has the call, and gains a new one without a reload.
    browser.open(daemon.base() + "/session/" + SESSION + "?range=all");
    assertThat(browser.errorBanner()).isNull();
    browser
        .wait("rect[data-call-id=toolu_live_1]")
        .until(d -> !browser.all("rect[data-call-id=toolu_live_1]").isEmpty());
    browser.js("window.__sameDocument = true");
    posted = System.nanoTime();
    daemon.hook(hook("PreToolUse", "toolu_live_3"));
    browser
        .wait("rect[data-call-id=toolu_live_3] without a reload")
        .until(d -> !browser.all("rect[data-call-id=toolu_live_3]").isEmpty());
    System.out.printf(
        "dashboard live: PreToolUse POST → new bar on the session timeline in %d ms%n",
        (System.nanoTime() - posted) / 1_000_000);
    assertThat(browser.js("return window.__sameDocument === true")).isEqualTo(true);
    assertThat(browser.problems()).as("console").isEmpty();
    browser.screenshot("session-live");
  }

  /**
   * Chrome keeps pages left by a full-page load in its back/forward cache, and a cached page's open
   * EventSource keeps its connection; HTTP/1.1 allows six per host, so unless the app closes its
   * stream when the page is hidden, the seventh page's requests wait until the cache lets go (about
   * a minute, measured on 2026-11-24).
   */
  @Test
  void fullPageLoadsDoNotStarveTheBrowsersConnectionsToTheDaemon() {
    try (var cached = Browser.launch(true)) {
      var paths = List.of("/", "/tools", "/errors", "/flow", "/cost", "/health", "/recovery", "/");
      for (var path : paths) {
        long started = System.nanoTime();
        cached.driver().get(daemon.base() + path + "?range=all");
        try {
          cached.awaitReady();
        } catch (org.openqa.selenium.TimeoutException e) {
          throw new AssertionError(
              path
                  + " was not ready in "
                  + Browser.WAIT.toSeconds()
                  + " s after "
                  + paths.indexOf(path)
                  + " full-page loads: pages kept in the back/forward cache hold their"
                  + " /api/events connections (6 per host); close the LiveStream on pagehide and"
                  + " reopen it on pageshow",
              e);
        }
        System.out.printf(
            "dashboard: %s ready in %d ms (back/forward cache on)%n",
            path, (System.nanoTime() - started) / 1_000_000);
      }
    }
  }
}
