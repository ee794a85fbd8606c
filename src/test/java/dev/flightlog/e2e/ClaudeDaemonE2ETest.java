package dev.flightlog.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flightlog.SqlRows;
import dev.flightlog.cli.InProcess;
import dev.flightlog.e2e.Block.ToolUse;
import dev.flightlog.e2e.ClaudeCli.Invocation;
import dev.flightlog.e2e.ClaudeCli.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI, wired by {@code flightlog install}, with {@code flightlog serve} as a
 * real process: running the whole time, down during the session and started afterwards, with
 * durable (spooled) hooks, and killed with SIGKILL during a burst. Each time every tool call the
 * script asked for must end up stored exactly once, with its outcome, thread and duration.
 */
class ClaudeDaemonE2ETest {

  private static final Duration SETTLE = Duration.ofSeconds(45);

  private static ClaudeCli cli;

  @TempDir Path dir;

  @BeforeAll
  static void cli() {
    cli = ClaudeCli.require();
  }

  /** One session's world: the model server, the CLI's workspace, flightlog's home and database. */
  private final class World implements AutoCloseable {
    final ScriptedModelServer server;
    final Workspace workspace;
    final Path home;
    final Flightlog flightlog;
    final int port = DaemonProcess.freePort();
    final Path log;

    World(Script script) {
      server = ScriptedModelServer.start(script);
      workspace = Workspace.create(dir.resolve("claude"), server.baseUrl().toString(), true);
      home = dir.resolve("flightlog-home");
      flightlog = Flightlog.in(dir);
      log = dir.resolve("serve.log");
    }

    String addr() {
      return "127.0.0.1:" + port;
    }

    Map<String, String> environment() {
      var env = new LinkedHashMap<String, String>();
      env.put("PATH", Objects.requireNonNullElse(System.getenv("PATH"), "/usr/bin:/bin"));
      env.put("HOME", workspace.home().toString());
      env.put("FLIGHTLOG_HOME", home.toString());
      env.put("CLAUDE_CONFIG_DIR", Objects.requireNonNull(workspace.configDir()).toString());
      return env;
    }

    void install(String... more) {
      var args = new ArrayList<>(List.of("install", "--addr", addr()));
      args.addAll(List.of(more));
      var result = InProcess.run(environment(), workspace.home(), args.toArray(String[]::new));
      assertThat(result.code()).as(result.out() + result.err()).isZero();
    }

    DaemonProcess serve() {
      return DaemonProcess.start(environment(), flightlog.db(), port, log);
    }

    List<Map<String, Object>> toolCalls() {
      return flightlog.toolCalls();
    }

    /** Waits until {@code done} holds for the stored tool calls; fails with the last export. */
    List<Map<String, Object>> await(Predicate<List<Map<String, Object>>> done) {
      long deadline = System.nanoTime() + SETTLE.toNanos();
      List<Map<String, Object>> calls = List.of();
      while (System.nanoTime() < deadline) {
        if (Files.exists(flightlog.db())) {
          calls = toolCalls();
          if (done.test(calls)) {
            return calls;
          }
        }
        sleep(250);
      }
      throw new AssertionError("tool calls did not settle in " + SETTLE + ": " + calls);
    }

    List<String> rows(String sql) {
      try {
        return SqlRows.of(flightlog.db(), sql);
      } catch (SQLException e) {
        throw new AssertionError(e);
      }
    }

    long spooled() {
      var spool = home.resolve("spool");
      if (!Files.isDirectory(spool)) {
        return 0;
      }
      try (Stream<Path> files = Files.list(spool)) {
        return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      server.close();
    }
  }

  /** The project directory the workspace will have (the CLI's working directory). */
  private Path project() {
    try {
      return Files.createDirectories(dir.resolve("claude/project")).toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A session with two calls in one message, a failing call, a foreground subagent, a denial. */
  private record Mixed(
      Script script,
      ToolUse hello,
      ToolUse present,
      ToolUse exit3,
      ToolUse agent,
      ToolUse probe,
      ToolUse write) {

    static Mixed create(Path project) {
      var hello = ToolUse.of("Bash", Map.of("command", "echo hello-live", "description", "hi"));
      var present =
          ToolUse.of("Read", Map.of("file_path", project.resolve("present.txt").toString()));
      var exit3 =
          ToolUse.of("Bash", Map.of("command", "echo oops >&2; exit 3", "description", "fail"));
      var agent =
          ToolUse.of(
              "Agent",
              Map.of(
                  "description", "Probe",
                  "prompt", "E2E-LIVE-SUB: run a probe, then report.",
                  "subagent_type", "general-purpose",
                  "run_in_background", false));
      var probe = ToolUse.of("Bash", Map.of("command", "echo from-sub", "description", "probe"));
      var write =
          ToolUse.of(
              "Write", Map.of("file_path", project.resolve("no.txt").toString(), "content", "x"));
      var script =
          Script.of(
              Script.main(
                  "E2E-LIVE",
                  Turn.tools(hello, present),
                  Turn.tools(exit3),
                  Turn.tools(agent),
                  Turn.tools(write),
                  Turn.text("Done.")),
              Script.subagent("E2E-LIVE-SUB", Turn.tools(probe), Turn.text("Probe done.")));
      return new Mixed(script, hello, present, exit3, agent, probe, write);
    }

    Invocation invocation() {
      return Invocation.prompt("E2E-LIVE: do a few things").allow("Bash", "Read", "Agent");
    }

    List<Tuple> expected(String subagentThread) {
      return List.of(
          tuple(hello.id(), "Bash", "ok", "main"),
          tuple(present.id(), "Read", "ok", "main"),
          tuple(exit3.id(), "Bash", "error", "main"),
          tuple(agent.id(), "Agent", "ok", "main"),
          tuple(probe.id(), "Bash", "ok", subagentThread),
          tuple(write.id(), "Write", "denied", "main"));
    }

    List<String> ids() {
      return List.of(hello.id(), present.id(), exit3.id(), agent.id(), probe.id(), write.id());
    }
  }

  private static Predicate<List<Map<String, Object>>> settled(List<String> ids, String channel) {
    return calls ->
        calls.size() >= ids.size()
            && calls.stream()
                    .filter(c -> ids.contains(c.get("id")))
                    .filter(c -> !"pending".equals(c.get("status")))
                    .filter(c -> Json.list(c, "sources").contains("transcript"))
                    .filter(c -> Json.list(c, "sources").contains(channel))
                    .count()
                == ids.size();
  }

  /** Each expected call exactly once, with outcome, thread and (for calls that ran) a duration. */
  private static void assertExactlyOnce(List<Map<String, Object>> calls, List<Tuple> expected) {
    assertThat(calls)
        .extracting(
            c -> c.get("id"), c -> c.get("tool"), c -> c.get("status"), c -> c.get("thread_id"))
        .containsExactlyInAnyOrderElementsOf(expected);
    for (var call : calls) {
      assertThat(call.get("started_at")).as("start of %s", call).isNotNull();
      if (!"denied".equals(call.get("status"))) {
        assertThat((Long) call.get("duration_ms")).as("duration of %s", call).isNotNull();
      }
    }
  }

  @Test
  void aRunningDaemonStoresEveryCallOnceThroughTheHooksAndTheTranscript() {
    var mixed = Mixed.create(project());
    try (var world = new World(mixed.script())) {
      world.workspace.projectFile("present.txt", "one\ntwo\n");
      world.install("--otel");
      try (var daemon = world.serve()) {
        var run = cli.run(world.workspace, mixed.invocation());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        world.await(settled(mixed.ids(), "http_hook"));
        var ran =
            List.of(mixed.hello(), mixed.present(), mixed.exit3(), mixed.agent(), mixed.probe());
        var calls =
            world.await(
                c ->
                    c.stream()
                            .filter(
                                call -> ran.stream().anyMatch(u -> u.id().equals(call.get("id"))))
                            .filter(call -> Json.list(call, "sources").contains("otlp"))
                            .count()
                        == ran.size());
        var thread = Objects.requireNonNull(run.subagents().get(mixed.agent().id()));
        assertExactlyOnce(calls, mixed.expected(thread));
        // SessionStart reaches the daemon only through the spooler (HTTP cannot carry it).
        assertThat(world.rows("SELECT sources & 1, sources & 2, sources & 4 FROM sessions"))
            .containsExactly("1|2|4");
        assertThat(world.rows("SELECT COUNT(*) FROM hook_events WHERE event = 'SessionStart'"))
            .containsExactly("1");
        assertThat(world.rows("SELECT end_reason FROM sessions")).containsExactly("other");
        // OpenTelemetry's api_request merged into the transcript's requests: one row each, with
        // Claude Code's own cost.
        assertThat(
                world.rows(
                    "SELECT COUNT(*), SUM(sources & 8 <> 0), SUM(sources & 4 <> 0),"
                        + " SUM(agent_cost_usd IS NOT NULL) FROM model_requests"))
            .containsExactly(
                world.server.served().size()
                    + "|"
                    + world.server.served().size()
                    + "|"
                    + world.server.served().size()
                    + "|"
                    + world.server.served().size());
        assertThat(daemon.stop()).as(daemon.output(0)).isZero();
      }
      assertThat(world.spooled()).isZero();
      assertThat(world.rows("PRAGMA integrity_check")).containsExactly("ok");
    }
  }

  /**
   * PRODUCT.md §7 and issue 6's proof: a secret typed into a tool call (the prompt, the command,
   * the command's output, a file the agent reads) reaches flightlog by every channel — hooks, the
   * transcript, OTLP — and is found nowhere in its data directory afterwards, nor in its log.
   */
  @Test
  void aSecretTypedIntoAToolCallIsFoundNowhereInTheDataDirectory() throws IOException {
    var random = new java.security.SecureRandom();
    var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    var key = new StringBuilder("AKIA");
    for (int i = 0; i < 16; i++) {
      key.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    var secret = key.toString();
    var keyBody =
        java.util.Base64.getEncoder()
            .encodeToString(secret.repeat(3).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    var pem = "-----BEGIN PRIVATE KEY-----\n" + keyBody + "\n-----END PRIVATE KEY-----\n";
    var project = project();
    var echo = ToolUse.of("Bash", Map.of("command", "echo " + secret, "description", "leak"));
    var read = ToolUse.of("Read", Map.of("file_path", project.resolve("id.pem").toString()));
    var script =
        Script.of(Script.main("E2E-SECRET", Turn.tools(echo), Turn.tools(read), Turn.text("ok")));
    try (var world = new World(script)) {
      world.workspace.projectFile("id.pem", pem);
      world.install("--otel");
      try (var daemon = world.serve()) {
        var run =
            cli.run(
                world.workspace,
                Invocation.prompt("E2E-SECRET: my key is " + secret).allow("Bash", "Read"));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        world.await(settled(List.of(echo.id(), read.id()), "http_hook"));
        // The output reached the agent whole: the model server saw the key file in a tool result.
        assertThat(world.server.requests()).anyMatch(r -> r.body().contains(keyBody));
        assertThat(daemon.stop()).as(daemon.output(0)).isZero();
      }
      assertThat(
              world.rows(
                  "SELECT COUNT(*) FROM tool_calls WHERE input LIKE '%[REDACTED:aws_access_key]%'"
                      + " OR output_excerpt LIKE '%[REDACTED:%'"))
          .containsExactly("2");
      var needles = List.of(secret, keyBody.substring(0, 24));
      var files = new ArrayList<Path>();
      try (Stream<Path> walk = Files.walk(world.home)) {
        walk.filter(Files::isRegularFile).forEach(files::add);
      }
      // The database (FLIGHTLOG_DB, beside the data directory here) with its -wal, -shm and lock.
      var db = world.flightlog.db();
      try (Stream<Path> beside = Files.list(db.getParent())) {
        beside
            .filter(f -> f.getFileName().toString().startsWith(db.getFileName().toString()))
            .forEach(files::add);
      }
      files.add(world.log);
      assertThat(files).contains(db);
      for (var file : files) {
        var text = new String(readMaybeGzipped(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (var needle : needles) {
          assertThat(text.contains(needle)).as("%s holds the secret %s", file, needle).isFalse();
        }
      }
    }
  }

  private static byte[] readMaybeGzipped(Path file) throws IOException {
    var bytes = Files.readAllBytes(file);
    if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
        return in.readAllBytes();
      }
    }
    return bytes;
  }

  @Test
  void callsMadeWhileTheDaemonWasDownAreRepairedFromTheTranscript() {
    var mixed = Mixed.create(project());
    try (var world = new World(mixed.script())) {
      world.workspace.projectFile("present.txt", "one\ntwo\n");
      world.install();
      // No daemon: every HTTP hook fails; the spooler still keeps SessionStart.
      var run = cli.run(world.workspace, mixed.invocation());
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(world.spooled()).as("SessionStart waits in the spool").isEqualTo(1);
      try (var daemon = world.serve()) {
        var calls = world.await(settled(mixed.ids(), "transcript"));
        var thread = Objects.requireNonNull(run.subagents().get(mixed.agent().id()));
        assertExactlyOnce(calls, mixed.expected(thread));
        for (var call : calls) {
          assertThat(Json.list(call, "sources"))
              .as("sources of %s", call)
              .containsExactly("transcript");
        }
        assertThat(daemon.stop()).as(daemon.output(0)).isZero();
      }
      assertThat(world.spooled()).isZero();
      assertThat(world.rows("SELECT event, sources FROM hook_events"))
          .containsExactly("SessionStart|1");
    }
  }

  @Test
  void durableHooksWaitInTheSpoolUntilTheDaemonStarts() {
    var mixed = Mixed.create(project());
    try (var world = new World(mixed.script())) {
      world.workspace.projectFile("present.txt", "one\ntwo\n");
      world.install("--durable");
      var run = cli.run(world.workspace, mixed.invocation());
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(world.spooled()).as("every hook payload waits in the spool").isGreaterThan(15);
      try (var daemon = world.serve()) {
        var calls = world.await(settled(mixed.ids(), "hook"));
        var thread = Objects.requireNonNull(run.subagents().get(mixed.agent().id()));
        assertExactlyOnce(calls, mixed.expected(thread));
        assertThat(daemon.stop()).as(daemon.output(0)).isZero();
      }
      assertThat(world.spooled()).isZero();
      assertThat(world.rows("SELECT COUNT(*) FROM hook_events WHERE sources <> 1"))
          .containsExactly("0");
    }
  }

  @Test
  void aDaemonKilledDuringABurstLosesNothingOnceRestarted() {
    var uses = new ArrayList<ToolUse>();
    var turns = new ArrayList<Turn>();
    for (int message = 0; message < 6; message++) {
      var batch = new ArrayList<ToolUse>();
      for (int call = 0; call < 3; call++) {
        batch.add(
            ToolUse.of(
                "Bash",
                Map.of("command", "echo burst-" + message + "-" + call, "description", "burst")));
      }
      uses.addAll(batch);
      turns.add(Turn.tools(batch.toArray(ToolUse[]::new)));
    }
    turns.add(Turn.text("Burst over."));
    var script = Script.of(Script.main("E2E-BURST", turns.toArray(Turn[]::new)));
    var ids = uses.stream().map(ToolUse::id).toList();
    try (var world = new World(script)) {
      world.install();
      var daemon = world.serve();
      var running = cli.start(world.workspace, Invocation.prompt("E2E-BURST: go").allow("Bash"));
      // Kill the daemon with SIGKILL once it has taken part of the burst.
      world.await(calls -> calls.size() >= 4);
      daemon.kill();
      var run = running.await();
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(world.rows("PRAGMA integrity_check")).containsExactly("ok");
      try (var restarted = world.serve()) {
        var calls = world.await(settled(ids, "transcript"));
        assertThat(calls)
            .extracting(c -> c.get("id"), c -> c.get("status"), c -> c.get("thread_id"))
            .containsExactlyInAnyOrderElementsOf(
                ids.stream().map(id -> tuple(id, "ok", "main")).toList());
        assertThat(calls)
            .as("calls the daemon saw before it died kept their hook provenance")
            .anySatisfy(c -> assertThat(Json.list(c, "sources")).contains("http_hook"));
        assertThat(restarted.stop()).as(restarted.output(0)).isZero();
      }
      assertThat(world.rows("PRAGMA integrity_check")).containsExactly("ok");
    }
  }
}
