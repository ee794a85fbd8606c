package dev.flightlog.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flightlog.e2e.Block.ToolUse;
import dev.flightlog.e2e.ClaudeCli.Invocation;
import dev.flightlog.e2e.ClaudeCli.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI runs scripted sessions against {@link ScriptedModelServer}; then {@code
 * flightlog import} reads what it wrote, and the export must hold exactly the tool calls the script
 * asked for — each once, with its tool, outcome, thread and times — and exactly the scripted
 * tokens. Every run also records its hooks, pinning which hooks the CLI fires for each kind of
 * call: the facts the daemon's hook channel will be checked against.
 */
class ClaudeImportE2ETest {

  @TempDir Path dir;

  private ClaudeCli cli;

  /** Per test, so that where the CLI is absent each test shows as skipped with the reason. */
  @BeforeEach
  void cli() {
    cli = ClaudeCli.require();
  }

  /** Everything one scripted session produced. */
  record Session(
      ClaudeRun run,
      ScriptedModelServer server,
      HookRecorder hooks,
      Flightlog flightlog,
      List<Map<String, Object>> calls) {

    /** The hook deliveries of one event, in order. */
    List<HookRecorder.Delivery> hooks(String event) {
      return hooks.deliveries().stream().filter(d -> d.event().equals(event)).toList();
    }

    /** The tool use ids the deliveries of one event name, in order. */
    List<String> hookToolUseIds(String event) {
      return hooks(event).stream()
          .map(d -> Objects.requireNonNullElse(Json.string(d.payload(), "tool_use_id"), "(none)"))
          .toList();
    }

    /** The events that fired, without {@code MessageDisplay} (one per text shown). */
    List<String> events() {
      return hooks.events().stream().filter(e -> !e.equals("MessageDisplay")).toList();
    }
  }

  /**
   * How a session is set up: extra user settings beside the recording hooks, files to put into the
   * project, whether the CLI is expected to succeed, and whether it is pointed at a separate
   * configuration directory through {@code CLAUDE_CONFIG_DIR}.
   */
  record Setup(
      Map<String, Object> settings,
      Consumer<Workspace> prepare,
      boolean expectSuccess,
      boolean useConfigDir) {
    static final Setup DEFAULT = new Setup(Map.of(), workspace -> {}, true, false);

    Setup settings(Map<String, Object> more) {
      return new Setup(more, prepare, expectSuccess, useConfigDir);
    }

    Setup projectFile(String name, String content) {
      return new Setup(
          settings,
          prepare.andThen(w -> w.projectFile(name, content)),
          expectSuccess,
          useConfigDir);
    }

    Setup failing() {
      return new Setup(settings, prepare, false, useConfigDir);
    }

    Setup inConfigDir() {
      return new Setup(settings, prepare, expectSuccess, true);
    }
  }

  /**
   * Runs one session of {@code script} with every hook recorded, imports its transcripts into a
   * fresh database twice (the second import must change nothing) and exports the tool calls.
   */
  private Session session(Script script, Invocation invocation, Setup setup) {
    var server = ScriptedModelServer.start(script);
    try (server) {
      var workspace =
          Workspace.create(
              dir.resolve("claude"), server.baseUrl().toString(), setup.useConfigDir());
      workspace.writeSettings(Json.write(setup.settings()));
      var hooks = HookRecorder.in(dir.resolve("hooks"));
      hooks.addTo(workspace);
      setup.prepare().accept(workspace);

      var run = cli.run(workspace, invocation);
      System.out.printf(
          "e2e %s: claude ran %d ms, %d model requests%n",
          script.conversations().get(0).marker(),
          run.elapsed().toMillis(),
          server.requests().stream()
              .filter(ScriptedModelServer.RecordedRequest::isMessages)
              .count());
      assertThat(server.problems()).as(run.describe()).isEmpty();
      assertThat(run.exitCode()).as(run.describe()).isEqualTo(setup.expectSuccess() ? 0 : 1);
      assertThat(run.isError()).as(run.describe()).isEqualTo(!setup.expectSuccess());

      var flightlog = Flightlog.in(dir);
      long importStart = System.nanoTime();
      flightlog.importStrict(workspace.projectsDir());
      var calls = flightlog.toolCalls();
      System.out.printf(
          "e2e: import and export %d ms%n", (System.nanoTime() - importStart) / 1_000_000);
      flightlog.importStrict(workspace.projectsDir());
      assertThat(flightlog.toolCalls()).as("a second import changes nothing").isEqualTo(calls);
      return new Session(run, server, hooks, flightlog, calls);
    }
  }

  /**
   * The project directory (the CLI's working directory) of the workspace {@link #session} makes.
   */
  private Path project() {
    try {
      return dir.toRealPath().resolve("claude/project");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Tuple call(ToolUse use, String status, String thread) {
    return tuple(use.id(), use.name(), status, thread);
  }

  /**
   * The export holds exactly {@code expected} (id, tool, status, thread), each call once, in this
   * session, with a start time, seen in the transcript; calls that ran also have a duration.
   */
  private static void assertStored(Session session, Tuple... expected) {
    assertThat(session.calls())
        .extracting(
            c -> c.get("id"), c -> c.get("tool"), c -> c.get("status"), c -> c.get("thread_id"))
        .containsExactlyInAnyOrder(expected);
    for (var call : session.calls()) {
      assertThat(call.get("session_id"))
          .as("session of %s", call)
          .isEqualTo(session.run().sessionId());
      assertThat(call.get("started_at")).as("start of %s", call).isNotNull();
      assertThat(Json.list(call, "sources")).as("sources of %s", call).contains("transcript");
      if (!"denied".equals(call.get("status"))) {
        assertThat(call.get("ended_at")).as("end of %s", call).isNotNull();
        assertThat((Long) call.get("duration_ms"))
            .as("duration of %s", call)
            .isNotNull()
            .isNotNegative();
      }
    }
  }

  /** Every scripted turn was served once, and flightlog's token totals are the served usage. */
  private static void assertTokens(Session session) {
    var usage = session.server().servedUsage();
    var overview = session.flightlog().overview();
    assertThat(overview)
        .as("overview")
        .containsEntry("model_requests", (long) session.server().served().size())
        .containsEntry("input_tokens", usage.inputTokens())
        .containsEntry("output_tokens", usage.outputTokens())
        .containsEntry("cache_read_tokens", usage.cacheReadTokens())
        .containsEntry("cache_creation_tokens", usage.cacheCreationTokens());
    // The CLI's own result counts the main agent's requests only, not its subagents'.
    var main =
        session.server().served().stream()
            .filter(s -> !s.subagent())
            .map(s -> s.reply().usage())
            .reduce(TurnUsage.ZERO, TurnUsage::plus);
    var result = session.run().result();
    assertThat(Json.at(result, "usage", "input_tokens")).isEqualTo(main.inputTokens());
    assertThat(Json.at(result, "usage", "output_tokens")).isEqualTo(main.outputTokens());
  }

  /** Every conversation of the script was played to its end, each turn once. */
  private static void assertPlayedOut(Session session) {
    var expected = new ArrayList<Tuple>();
    for (var conversation : session.server().script().conversations()) {
      for (int turn = 0; turn < conversation.turns().size(); turn++) {
        if (conversation.turns().get(turn) instanceof Turn.Reply) {
          expected.add(tuple(conversation.marker(), turn));
        }
      }
    }
    assertThat(session.server().served())
        .extracting(ScriptedModelServer.Served::marker, ScriptedModelServer.Served::turn)
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(session.server().servedToolUses())
        .containsExactlyInAnyOrderElementsOf(session.server().script().toolUses());
  }

  @Test
  void successfulAndFailingCallsAreStoredOnceWithTheirOutcome() {
    var hello = ToolUse.of("Bash", Map.of("command", "echo hello-e2e", "description", "say hello"));
    var exit3 =
        ToolUse.of("Bash", Map.of("command", "echo to-stderr >&2; exit 3", "description", "fail"));
    var missing = ToolUse.of("Read", Map.of("file_path", "/nonexistent/e2e/missing.txt"));
    var script =
        Script.of(
            Script.main(
                "E2E-BASIC",
                Turn.tools(hello),
                Turn.tools(exit3),
                Turn.tools(missing),
                Turn.text("All done.")));

    var session =
        session(
            script,
            Invocation.prompt("E2E-BASIC: run and read").allow("Bash", "Read"),
            Setup.DEFAULT);

    assertPlayedOut(session);
    assertStored(
        session,
        call(hello, "ok", "main"),
        call(exit3, "error", "main"),
        call(missing, "error", "main"));
    assertTokens(session);
    assertThat(session.events())
        .containsExactly(
            "SessionStart",
            "UserPromptSubmit",
            "PreToolUse",
            "PostToolUse",
            "PostToolBatch",
            "PreToolUse",
            "PostToolUseFailure",
            "PostToolBatch",
            "PreToolUse",
            "PostToolUseFailure",
            "PostToolBatch",
            "Stop",
            "SessionEnd");
    assertThat(session.hookToolUseIds("PreToolUse"))
        .containsExactly(hello.id(), exit3.id(), missing.id());
    assertThat(session.hookToolUseIds("PostToolUse")).containsExactly(hello.id());
    assertThat(session.hookToolUseIds("PostToolUseFailure"))
        .containsExactly(exit3.id(), missing.id());
    for (var delivery : session.hooks.deliveries()) {
      assertThat(delivery.payload()).containsEntry("session_id", session.run().sessionId());
    }
  }

  @Test
  void severalCallsInOneAssistantMessageAreEachStoredOnce() {
    var one = ToolUse.of("Bash", Map.of("command", "echo parallel-one", "description", "first"));
    var present =
        ToolUse.of("Read", Map.of("file_path", project().resolve("present.txt").toString()));
    var absent = ToolUse.of("Read", Map.of("file_path", "/nonexistent/e2e/absent.txt"));
    var fails = ToolUse.of("Bash", Map.of("command", "echo fast; exit 1", "description", "fails"));
    var script =
        Script.of(
            Script.main(
                "E2E-PARALLEL",
                Turn.reply(
                    new Block.Thinking("Four things at once."),
                    new Block.Text("Running four calls."),
                    one,
                    present,
                    absent,
                    fails),
                Turn.text("Parallel work complete.")));

    var session =
        session(
            script,
            Invocation.prompt("E2E-PARALLEL: do several things at once").allow("Bash", "Read"),
            Setup.DEFAULT.projectFile("present.txt", "line one\nline two\n"));

    assertPlayedOut(session);
    assertStored(
        session,
        call(one, "ok", "main"),
        call(present, "ok", "main"),
        call(absent, "error", "main"),
        call(fails, "error", "main"));
    assertTokens(session);
    assertThat(session.hookToolUseIds("PreToolUse"))
        .containsExactlyInAnyOrder(one.id(), present.id(), absent.id(), fails.id());
    assertThat(session.hookToolUseIds("PostToolUse"))
        .containsExactlyInAnyOrder(one.id(), present.id());
    assertThat(session.hookToolUseIds("PostToolUseFailure"))
        .containsExactlyInAnyOrder(absent.id(), fails.id());
    // One batch hook for the one assistant message, after every call of it finished.
    var batches = session.hooks("PostToolBatch");
    assertThat(batches).hasSize(1);
    assertThat(Json.list(batches.get(0).payload(), "tool_calls"))
        .extracting(c -> Json.string(c, "tool_use_id"))
        .containsExactlyInAnyOrder(one.id(), present.id(), absent.id(), fails.id());
    var events = session.events();
    assertThat(events.indexOf("PostToolBatch"))
        .isGreaterThan(events.lastIndexOf("PostToolUse"))
        .isGreaterThan(events.lastIndexOf("PostToolUseFailure"));
  }

  @Test
  void aForegroundSubagentsCallsAreStoredInItsOwnThread() {
    var agent =
        ToolUse.of(
            "Agent",
            Map.of(
                "description",
                "Probe the workspace",
                "prompt",
                "E2E-SUBTASK: run a probe command, then report.",
                "subagent_type",
                "general-purpose",
                "run_in_background",
                false));
    var probe = ToolUse.of("Bash", Map.of("command", "echo from-subagent", "description", "probe"));
    var script =
        Script.of(
            Script.main("E2E-DELEGATE", Turn.tools(agent), Turn.text("The subagent finished.")),
            Script.subagent(
                "E2E-SUBTASK", Turn.tools(probe), Turn.text("Probe printed its line.")));

    var session =
        session(
            script,
            Invocation.prompt("E2E-DELEGATE: delegate a probe to a subagent")
                .allow("Bash", "Agent"),
            Setup.DEFAULT);

    assertPlayedOut(session);
    var subagents = session.run().subagents();
    assertThat(subagents).containsOnlyKeys(agent.id());
    var thread = Objects.requireNonNull(subagents.get(agent.id()));
    assertStored(session, call(agent, "ok", "main"), call(probe, "ok", thread));
    assertTokens(session);
    // The server told the subagent's requests apart by cc_is_subagent=true.
    assertThat(session.server().served())
        .extracting(ScriptedModelServer.Served::marker, ScriptedModelServer.Served::subagent)
        .containsExactly(
            tuple("E2E-DELEGATE", false),
            tuple("E2E-SUBTASK", true),
            tuple("E2E-SUBTASK", true),
            tuple("E2E-DELEGATE", false));
    assertThat(session.events())
        .containsExactly(
            "SessionStart",
            "UserPromptSubmit",
            "PreToolUse",
            "SubagentStart",
            "PreToolUse",
            "PostToolUse",
            "PostToolBatch",
            "SubagentStop",
            "PostToolUse",
            "PostToolBatch",
            "Stop",
            "SessionEnd");
    assertThat(session.hooks("SubagentStart"))
        .singleElement()
        .satisfies(d -> assertThat(d.payload()).containsEntry("agent_id", thread));
    assertThat(session.hooks("PreToolUse"))
        .extracting(d -> Json.string(d.payload(), "tool_use_id"), d -> d.payload().get("agent_id"))
        .containsExactly(tuple(agent.id(), null), tuple(probe.id(), thread));
  }

  @Test
  void deniedAndDisallowedCallsAreStoredAsDenied() {
    var write =
        ToolUse.of("Write", Map.of("file_path", "/nonexistent/e2e/denied.txt", "content", "no\n"));
    var rm = ToolUse.of("Bash", Map.of("command", "rm -f victim.txt", "description", "delete"));
    var edit =
        ToolUse.of(
            "Edit",
            Map.of("file_path", "/nonexistent/e2e/x.txt", "old_string", "a", "new_string", "b"));
    var allowed = ToolUse.of("Bash", Map.of("command", "echo still-allowed", "description", "ok"));
    var script =
        Script.of(
            Script.main(
                "E2E-DENIED",
                Turn.tools(write),
                Turn.tools(rm),
                Turn.tools(edit),
                Turn.tools(allowed),
                Turn.text("Some things were denied.")));

    var session =
        session(
            script,
            Invocation.prompt("E2E-DENIED: try forbidden things")
                .allow("Bash", "Read")
                .disallow("Edit"),
            Setup.DEFAULT
                .settings(Map.of("permissions", Map.of("deny", List.of("Bash(rm:*)"))))
                .projectFile("victim.txt", "do not delete\n"));

    assertPlayedOut(session);
    assertStored(
        session,
        call(write, "denied", "main"),
        call(rm, "denied", "main"),
        call(edit, "denied", "main"),
        call(allowed, "ok", "main"));
    assertTokens(session);
    assertThat(Json.list(session.run().result(), "permission_denials"))
        .extracting(d -> Json.string(d, "tool_use_id"))
        .containsExactly(write.id(), rm.id());
    // Denied by permission: PreToolUse (and a PermissionRequest when not allowed) but no Post*;
    // a disallowed tool fires no per-tool hook at all, only the batch hook sees it.
    assertThat(session.hookToolUseIds("PreToolUse"))
        .containsExactly(write.id(), rm.id(), allowed.id());
    assertThat(session.hooks("PermissionRequest"))
        .extracting(
            d -> d.payload().get("tool_name"),
            d -> Json.string(d.payload(), "tool_input", "file_path"))
        .containsExactly(tuple("Write", "/nonexistent/e2e/denied.txt"));
    assertThat(session.hookToolUseIds("PostToolUse")).containsExactly(allowed.id());
    assertThat(session.hooks("PostToolUseFailure")).isEmpty();
    assertThat(session.hooks("PostToolBatch"))
        .extracting(d -> Json.string(d.payload(), "tool_calls", 0, "tool_use_id"))
        .containsExactly(write.id(), rm.id(), edit.id(), allowed.id());
  }

  /** Also run with CLAUDE_CONFIG_DIR, where settings and transcripts then live instead of HOME. */
  @Test
  void aRetriedOverloadAndAFatalApiErrorCountOnlyTheServedResponses() {
    var before = ToolUse.of("Bash", Map.of("command", "echo before-error", "description", "ok"));
    var script =
        Script.of(
            Script.main(
                "E2E-APIERR",
                Turn.tools(before).afterFailures(Turn.Failure.overloaded()),
                Turn.Failure.badRequest("scripted: prompt is invalid")));

    var session =
        session(
            script,
            Invocation.prompt("E2E-APIERR: meet an overload, then a fatal error").allow("Bash"),
            Setup.DEFAULT.failing().inConfigDir());

    assertThat(session.server().served()).hasSize(1);
    // turn/status of each model request: the overload is retried, the 400 ends the session (the
    // CLI retries it a few times, dropping betas).
    var attempts =
        session.server().requests().stream()
            .filter(ScriptedModelServer.RecordedRequest::isMessages)
            .map(r -> r.turn() + "/" + r.status())
            .toList();
    assertThat(attempts).startsWith("0/529", "0/200", "1/400");
    assertThat(attempts.subList(2, attempts.size())).containsOnly("1/400");
    assertStored(session, call(before, "ok", "main"));
    assertTokens(session);
    assertThat(session.events()).contains("StopFailure").doesNotContain("Stop");
    var workspace = session.run().workspace();
    assertThat(workspace.configDir()).isNotNull();
    assertThat(session.run().transcript()).startsWith(workspace.configDir());
    assertThat(workspace.home().resolve(".claude/projects")).doesNotExist();
  }
}
