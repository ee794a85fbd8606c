package dev.flightlog.dashboard;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.flightlog.Channel;
import dev.flightlog.daemon.Daemon;
import dev.flightlog.ingest.Gate;
import dev.flightlog.ingest.HookIntake;
import dev.flightlog.ingest.Ingest;
import dev.flightlog.ingest.TranscriptFollower;
import dev.flightlog.ingest.TranscriptImport;
import dev.flightlog.live.Broker;
import dev.flightlog.otlp.Json;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import dev.flightlog.web.Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The daemon the browser tests look at: the real {@link Daemon}, wired as {@code flightlog serve
 * --addr 127.0.0.1:0 --no-backfill} wires it (data home and Claude's config folder in a temporary
 * folder), on a database seeded through the real intake paths:
 *
 * <ul>
 *   <li>the hand-counted fixture ({@code src/test/resources/dev/flightlog/handcount}): its
 *       transcripts imported and its hooks taken at their recorded times, as {@code
 *       HandCountedTest} does — four sessions of 2026-02/03, so pages are opened with {@code
 *       range=all};
 *   <li>a hostile session {@link #HOSTILE}, an hour old: a transcript (imported) whose calls carry
 *       markup, ANSI escapes, a right-to-left override and a 1 MB line in their input, output and
 *       error, then a third call delivered over HTTP as PreToolUse and PostToolUseFailure hooks.
 * </ul>
 */
final class SeededDaemon implements AutoCloseable {

  static final Path FIXTURE = Path.of("src/test/resources/dev/flightlog/handcount");

  static final String HOSTILE = "66666666-6666-4666-8666-666666666666";
  static final String HOSTILE_PROJECT = "/home/dev/hostile";

  /** Calls of the hostile session: an ok call with hostile output, a failing one, a hooked one. */
  static final String HOSTILE_OK = "toolu_hostile_ok";

  static final String HOSTILE_ERROR = "toolu_hostile_error";
  static final String HOSTILE_HOOKED = "toolu_hostile_hooked";

  /** Markup that would run script if the page ever parsed it, and characters that mislead. */
  static final String MARKUP =
      "<script>window.__pwned=1</script> <img src=x onerror=\"window.__pwned=2\"> "
          + "<a href=\"javascript:window.__pwned=3\">click</a> <!-- comment --> "
          + "\u001b[31mred\u001b[0m \u202Eevil\u202C";

  /** One line of a million characters. */
  static final String LONG_LINE = "L".repeat(1 << 20);

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Daemon daemon;
  private final Path home;

  private SeededDaemon(Daemon daemon, Path home) {
    this.daemon = daemon;
    this.home = home;
  }

  /** Seeds a database under {@code dir} and starts the daemon on it. */
  static SeededDaemon start(Path dir) {
    try {
      var home = Files.createDirectories(dir.resolve("flightlog-home"));
      var claude = Files.createDirectories(dir.resolve("claude-config"));
      Files.createDirectories(claude.resolve("projects"));
      var db = home.resolve("flightlog.db");
      seed(db, dir);
      var daemon = on(new Dsn.Sqlite(db), home, claude);
      var seeded = new SeededDaemon(daemon, home);
      seeded.hostileHooks();
      return seeded;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The daemon as {@code flightlog serve --addr 127.0.0.1:0 --no-backfill} starts it on {@code db},
   * with {@code FLIGHTLOG_HOME=home} and {@code CLAUDE_CONFIG_DIR=claude}.
   */
  static Daemon on(Dsn db, Path home, Path claude) {
    return Daemon.start(
        new Daemon.Settings(
            db,
            home.resolve("native"),
            Server.Config.of("127.0.0.1", 0),
            home.toAbsolutePath().normalize(),
            "flightlog dashboard test",
            new TranscriptFollower.Settings(
                List.of(claude.resolve("projects")),
                Duration.ofMillis(2000),
                Duration.ofMillis(5),
                32 << 20,
                1,
                false)),
        Clock.systemUTC());
  }

  private static void seed(Path db, Path dir) throws IOException {
    var hostile = dir.resolve("hostile");
    var transcript = hostile.resolve("projects/-home-dev-hostile/" + HOSTILE + ".jsonl");
    Files.createDirectories(transcript.getParent());
    Files.writeString(transcript, hostileTranscript(Instant.now().minus(1, ChronoUnit.HOURS)));
    var clock = Clock.systemUTC();
    try (var store = Store.open(new Dsn.Sqlite(db), clock);
        var ingest = new Ingest(store, Gate.DEFAULT, new Broker())) {
      var summary =
          new TranscriptImport(ingest, store.positions(), 32 << 20, 1, clock)
              .run(List.of(FIXTURE.resolve("claude"), hostile));
      if (!summary.skipped().isEmpty()) {
        throw new AssertionError("the seed's transcripts were not all read: " + summary.skipped());
      }
      var intake = new HookIntake(ingest, clock, path -> {});
      for (var line : Files.readAllLines(FIXTURE.resolve("hooks.jsonl"))) {
        var hook = Json.object(Json.parse(line.getBytes(UTF_8)));
        var payload = Json.write(Objects.requireNonNull(hook.get("payload"))).getBytes(UTF_8);
        var at = Instant.parse((String) Objects.requireNonNull(hook.get("at")));
        if (!intake.accept(payload, Channel.HTTP_HOOK, at)) {
          throw new AssertionError("the fixture's hook was refused: " + line);
        }
      }
      ingest.flush();
    }
  }

  /**
   * A prompt, an ok Bash call with hostile output, a failing one with a hostile error, an answer.
   */
  private static String hostileTranscript(Instant start) {
    var lines = new ArrayList<Map<String, Object>>();
    var prompt = "p6666666-0000-4000-8000-000000000001";
    lines.add(
        entry("user", 0, start, prompt, Map.of("role", "user", "content", "look at " + MARKUP)));
    lines.add(assistant(1, start.plusSeconds(2), "msg_h1", toolUse(HOSTILE_OK, MARKUP)));
    lines.add(
        result(2, start.plusSeconds(4), prompt, HOSTILE_OK, MARKUP + "\n" + LONG_LINE, false));
    lines.add(assistant(3, start.plusSeconds(6), "msg_h2", toolUse(HOSTILE_ERROR, MARKUP)));
    lines.add(
        result(4, start.plusSeconds(8), prompt, HOSTILE_ERROR, "Exit code 1\n" + MARKUP, true));
    lines.add(
        assistant(
            5, start.plusSeconds(10), "msg_h3", Map.of("type", "text", "text", "Done " + MARKUP)));
    return lines.stream().map(Json::write).collect(Collectors.joining("\n", "", "\n"));
  }

  private static Map<String, Object> toolUse(String id, String text) {
    return Map.of(
        "type",
        "tool_use",
        "id",
        id,
        "name",
        "Bash",
        "input",
        Map.of("command", "echo '" + text + "'", "description", text));
  }

  private static Map<String, Object> entry(
      String type, int n, Instant at, String prompt, Map<String, Object> message) {
    var entry = new LinkedHashMap<String, Object>();
    if (n > 0) {
      entry.put("parentUuid", uuid(n - 1));
    }
    entry.put("isSidechain", false);
    if (!prompt.isEmpty()) {
      entry.put("promptId", prompt);
    }
    entry.put("type", type);
    entry.put("uuid", uuid(n));
    entry.put("timestamp", at.toString());
    entry.put("userType", "external");
    entry.put("entrypoint", "cli");
    entry.put("cwd", HOSTILE_PROJECT);
    entry.put("sessionId", HOSTILE);
    entry.put("version", "2.1.328");
    entry.put("gitBranch", "main");
    entry.put("message", message);
    return entry;
  }

  private static String uuid(int n) {
    return "66666666-0000-4000-8000-%012d".formatted(n);
  }

  private static Map<String, Object> assistant(
      int n, Instant at, String id, Map<String, Object> block) {
    var message = new LinkedHashMap<String, Object>();
    message.put("id", id);
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", "claude-sonnet-4-5-20250929");
    message.put("content", List.of(block));
    message.put("stop_reason", "text".equals(block.get("type")) ? "end_turn" : "tool_use");
    message.put(
        "usage",
        Map.of(
            "input_tokens", 10L,
            "cache_creation_input_tokens", 50L,
            "cache_read_input_tokens", 100L,
            "output_tokens", 20L,
            "service_tier", "standard"));
    var entry = entry("assistant", n, at, "", message);
    entry.put("requestId", "req_" + id);
    return entry;
  }

  private static Map<String, Object> result(
      int n, Instant at, String prompt, String id, String text, boolean error) {
    var block = new LinkedHashMap<String, Object>();
    block.put("tool_use_id", id);
    block.put("type", "tool_result");
    block.put("content", text);
    block.put("is_error", error);
    var entry = entry("user", n, at, prompt, Map.of("role", "user", "content", List.of(block)));
    entry.put(
        "toolUseResult",
        error ? "Error: " + text : Map.of("stdout", text, "stderr", "", "interrupted", false));
    return entry;
  }

  /** The third hostile call, as Claude Code's HTTP hooks deliver it: started, then failed. */
  private void hostileHooks() {
    var base = new LinkedHashMap<String, Object>();
    base.put("session_id", HOSTILE);
    base.put("cwd", HOSTILE_PROJECT);
    base.put("permission_mode", "default");
    base.put("prompt_id", "p6666666-0000-4000-8000-000000000001");
    base.put("tool_name", "Bash");
    base.put("tool_use_id", HOSTILE_HOOKED);
    base.put("tool_input", Map.of("command", MARKUP + "\n" + LONG_LINE, "description", MARKUP));
    var pre = new LinkedHashMap<>(base);
    pre.put("hook_event_name", "PreToolUse");
    hook(Json.write(pre));
    var failure = new LinkedHashMap<>(base);
    failure.put("hook_event_name", "PostToolUseFailure");
    failure.put("error", "Exit code 2\n" + MARKUP + "\n" + LONG_LINE);
    failure.put("is_interrupt", false);
    hook(Json.write(failure));
  }

  /** {@code http://127.0.0.1:PORT} */
  String base() {
    return "http://" + daemon.addr();
  }

  Daemon daemon() {
    return daemon;
  }

  Path home() {
    return home;
  }

  /** POSTs one hook payload to {@code /hook}, as Claude Code's HTTP hook does. */
  void hook(String json) {
    var response =
        send(
            HttpRequest.newBuilder(URI.create(base() + "/hook"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, UTF_8)));
    if (response.statusCode() != 200) {
      throw new AssertionError("POST /hook answered " + response.statusCode() + ": " + response);
    }
  }

  /** GETs a path; fails the test unless it answers 200. */
  String get(String path) {
    var response = response(path);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  HttpResponse<String> response(String path) {
    return send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
  }

  /** The parsed JSON of {@code /api/report/NAME} with these parameters. */
  Object report(String name, Map<String, String> parameters) {
    var query =
        parameters.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), UTF_8))
            .collect(Collectors.joining("&"));
    return Json.parse(
        get("/api/report/" + name + (query.isEmpty() ? "" : "?" + query)).getBytes(UTF_8));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString(UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    daemon.close();
  }
}
