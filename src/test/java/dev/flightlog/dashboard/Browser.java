package dev.flightlog.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The machine's Chromium, driven through its chromedriver: headless, a fresh profile in a temporary
 * folder, the zone UTC, and never a download (no Selenium Manager: both paths are given).
 *
 * <p>Found at {@code FLIGHTLOG_CHROMIUM} and {@code FLIGHTLOG_CHROMEDRIVER}, else {@code
 * /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian's {@code chromium} and {@code
 * chromium-driver}). When they are absent the calling test is skipped with a message saying how to
 * install them, except under {@code CI=true}, where {@code .ci/run} installs them and a skip would
 * hide a broken set-up: there it fails.
 *
 * <p>The browser's console is read with the legacy log endpoint ({@code goog:loggingPrefs}
 * browser=ALL, {@code logs().get(LogType.BROWSER)}), which chromedriver 156 still serves: it
 * carries {@code console.error} calls, uncaught exceptions, failed loads and Content Security
 * Policy violations ("Refused to …"), each at level SEVERE — {@link #problems()} and its self-test
 * in {@code DashboardPagesTest} rely on that. No DevTools (CDP) version module is needed for it.
 */
public final class Browser implements AutoCloseable {

  /** The longest explicit wait; the UI answers in well under it on a small database. */
  static final Duration WAIT = Duration.ofSeconds(10);

  private final ChromeDriver driver;
  private final Path profile;
  private final List<String> seen = new ArrayList<>();

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Where the browser is, or null. */
  static @Nullable Path chromium() {
    return find("FLIGHTLOG_CHROMIUM", "/usr/bin/chromium");
  }

  static @Nullable Path chromedriver() {
    return find("FLIGHTLOG_CHROMEDRIVER", "/usr/bin/chromedriver");
  }

  private static @Nullable Path find(String variable, String fallback) {
    var configured = System.getenv(variable);
    var path = Path.of(configured != null && !configured.isBlank() ? configured : fallback);
    return Files.isExecutable(path) ? path : null;
  }

  /** Whether Chromium and chromedriver are both there. */
  public static boolean available() {
    return chromium() != null && chromedriver() != null;
  }

  /**
   * Skips the calling test (fails it under {@code CI=true}) unless Chromium and chromedriver are
   * installed. Call it from {@code @BeforeEach} (or the test), so that each test is reported as
   * skipped with the message; an abort in {@code @BeforeAll} shows as no test at all.
   */
  static void require() {
    var browser = chromium();
    var driver = chromedriver();
    if (browser != null && driver != null) {
      return;
    }
    var message =
        "the dashboard's browser tests need Chromium and chromedriver ("
            + (browser == null ? "no browser at $FLIGHTLOG_CHROMIUM or /usr/bin/chromium" : "")
            + (browser == null && driver == null ? "; " : "")
            + (driver == null
                ? "no driver at $FLIGHTLOG_CHROMEDRIVER or /usr/bin/chromedriver"
                : "")
            + "): apt-get install chromium chromium-driver";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(message + " — .ci/run installs them in CI, so this is a failure");
    }
    Assumptions.abort(message);
  }

  /**
   * Starts a new browser with a fresh profile; skips (or fails under CI) without Chromium. The
   * back/forward cache is off: a page kept in it keeps its event stream open, and with Chrome's six
   * connections per host a few full-page loads would then stall every request for about a minute —
   * {@code LiveDashboardTest} checks that case on its own, with {@link #launch(boolean)}.
   */
  public static Browser launch() {
    return launch(false);
  }

  static Browser launch(boolean backForwardCache) {
    require();
    var browser = java.util.Objects.requireNonNull(chromium());
    var driverBinary = java.util.Objects.requireNonNull(chromedriver());
    Path profile;
    try {
      profile = Files.createTempDirectory("flightlog-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var options = new ChromeOptions();
    options.setBinary(browser.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=1400,1000",
        "--force-prefers-reduced-motion",
        "--lang=en-US");
    if (!backForwardCache) {
      options.addArguments("--disable-features=BackForwardCache");
    }
    var logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(driverBinary.toString()))
            .usingAnyFreePort()
            .withEnvironment(Map.of("TZ", "UTC"))
            .build();
    var driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(WAIT);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Browser(driver, profile);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Loads a URL and waits until the page says its data is shown. */
  public void open(String url) {
    driver.get(url);
    awaitReady();
  }

  /** Waits for {@code body[data-ready=true]}. */
  void awaitReady() {
    awaitReady(WAIT);
  }

  void awaitReady(Duration within) {
    wait("body[data-ready=true] on " + driver.getCurrentUrl(), within)
        .until(d -> "true".equals(js("return document.body.dataset.ready || null")));
  }

  WebDriverWait wait(String what) {
    return wait(what, WAIT);
  }

  WebDriverWait wait(String what, Duration within) {
    var wait = new WebDriverWait(driver, within, Duration.ofMillis(20));
    wait.withMessage("waited " + within.toSeconds() + " s for " + what);
    return wait;
  }

  @Nullable Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  WebElement one(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /** The error banner's text when it is shown, else null. */
  @Nullable String errorBanner() {
    var banner = all("#error");
    if (banner.isEmpty()) {
      return "the page has no #error element";
    }
    var hidden = banner.getFirst().getDomAttribute("hidden");
    return hidden != null ? null : banner.getFirst().getText();
  }

  /**
   * Console errors, uncaught exceptions and CSP violations logged since the last call (level
   * SEVERE, or any message saying a policy refused something).
   */
  public List<String> problems() {
    var problems = new ArrayList<String>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      var message = entry.getMessage();
      seen.add(entry.getLevel() + " " + message);
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
          || message.contains("Content Security Policy")
          || message.contains("Refused to")) {
        problems.add(entry.getLevel() + " " + message);
      }
    }
    return problems;
  }

  /** Every console line read so far, for failure messages. */
  List<String> console() {
    return List.copyOf(seen);
  }

  /** Saves a PNG of the viewport's page to {@code target/dashboard-screenshots/NAME.png}. */
  Path screenshot(String name) {
    var folder = Path.of("target", "dashboard-screenshots");
    try {
      Files.createDirectories(folder);
      var file = folder.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files
            .sorted(java.util.Comparator.reverseOrder())
            .forEach(
                path -> {
                  try {
                    Files.deleteIfExists(path);
                  } catch (IOException e) {
                    // Chromium may still be writing into its profile; the folder is temporary.
                  }
                });
      } catch (IOException e) {
        // as above
      }
    }
  }
}
