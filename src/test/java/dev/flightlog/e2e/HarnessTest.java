package dev.flightlog.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness itself, without the CLI: the scripted server speaks the Messages API as the CLI needs
 * it and picks turns statelessly, the hook command saves payloads under {@code sh}, and runs get
 * only the environment they are given. These run everywhere, also where Claude Code is absent.
 */
class HarnessTest {

  @TempDir Path dir;

  private static final String MAIN_SYSTEM =
      "[{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cc_version=2.1.328.650;"
          + " cc_entrypoint=sdk-cli;\"}]";

  private static final String SUBAGENT_SYSTEM =
      "[{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cc_version=2.1.328.650;"
          + " cc_entrypoint=sdk-cli; cc_is_subagent=true;\"}]";

  record Response(int status, Map<String, List<String>> headers, String body) {}

  /**
   * One request over {@link HttpURLConnection} (not {@code java.net.http}: the Jazzer agent that
   * fuzz tests leave in this JVM cannot instrument its JDK 25 classes and logs every attempt).
   */
  private static Response send(
      ScriptedModelServer server, String method, String path, @Nullable String body)
      throws IOException {
    var connection = (HttpURLConnection) server.baseUrl().resolve(path).toURL().openConnection();
    try {
      connection.setRequestMethod(method);
      connection.setRequestProperty("x-claude-code-session-id", "session-1");
      if (body != null) {
        connection.setDoOutput(true);
        connection.setRequestProperty("content-type", "application/json");
        try (var out = connection.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }
      }
      int status = connection.getResponseCode();
      var stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      var text = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      var headers = new java.util.HashMap<String, List<String>>();
      connection
          .getHeaderFields()
          .forEach(
              (name, values) -> {
                if (name != null) {
                  headers.put(name.toLowerCase(java.util.Locale.ROOT), values);
                }
              });
      return new Response(status, headers, text);
    } finally {
      connection.disconnect();
    }
  }

  private static Response post(ScriptedModelServer server, String path, String body)
      throws IOException {
    return send(server, "POST", path, body);
  }

  /** A request body: the system blocks and messages as JSON text. */
  private static String body(String system, String... messages) {
    return "{\"model\":\"claude-test-1\",\"stream\":true,\"system\":"
        + system
        + ",\"messages\":["
        + String.join(",", messages)
        + "]}";
  }

  private static String user(String text) {
    return "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"<system-reminder>ctx"
        + "</system-reminder>\"},{\"type\":\"text\",\"text\":"
        + Json.write(text)
        + "}]}";
  }

  private static String assistant(String toolUseId) {
    return "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\""
        + toolUseId
        + "\",\"name\":\"Bash\",\"input\":{}}]}";
  }

  private static String toolResult(String toolUseId, String text) {
    return "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\""
        + toolUseId
        + "\",\"content\":"
        + Json.write(text)
        + "}]}";
  }

  /** The events of a server-sent event stream: (event name, data object). */
  private static List<Map.Entry<String, Map<String, Object>>> events(String stream) {
    var events = new ArrayList<Map.Entry<String, Map<String, Object>>>();
    for (var chunk : stream.split("\n\n", -1)) {
      if (chunk.isBlank()) {
        continue;
      }
      var lines = chunk.lines().toList();
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0)).startsWith("event: ");
      assertThat(lines.get(1)).startsWith("data: ");
      events.add(Map.entry(lines.get(0).substring(7), Json.object(lines.get(1).substring(6))));
    }
    return events;
  }

  @Test
  void aReplyIsStreamedAsTheMessagesApiStreamsIt() throws Exception {
    var call = Block.ToolUse.of("Bash", Map.of("command", "echo é ✓", "description", "x"));
    var reply =
        Turn.reply(new Block.Thinking("hmm"), new Block.Text("Calling."), call)
            .withUsage(new TurnUsage(10, 20, 30, 4, 5));
    var script = Script.of(Script.main("MARK", reply));
    try (var server = ScriptedModelServer.start(script)) {
      var response = post(server, "/v1/messages?beta=true", body(MAIN_SYSTEM, user("MARK go")));

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.headers().get("content-type"))
          .containsExactly("text/event-stream; charset=utf-8");
      var events = events(response.body());
      assertThat(events)
          .extracting(Map.Entry::getKey)
          .containsExactly(
              "message_start",
              "ping",
              "content_block_start",
              "content_block_delta",
              "content_block_delta",
              "content_block_delta",
              "content_block_stop",
              "content_block_start",
              "content_block_delta",
              "content_block_delta",
              "content_block_stop",
              "content_block_start",
              "content_block_delta",
              "content_block_delta",
              "content_block_stop",
              "message_delta",
              "message_stop");
      for (var event : events) {
        assertThat(event.getValue()).containsEntry("type", event.getKey());
      }
      var start = events.get(0).getValue();
      assertThat(Json.at(start, "message", "model")).isEqualTo("claude-test-1");
      assertThat(Json.at(start, "message", "usage", "input_tokens")).isEqualTo(10L);
      assertThat(Json.at(start, "message", "usage", "output_tokens")).isEqualTo(1L);
      var messageId = Json.string(start, "message", "id");
      assertThat(messageId).startsWith("msg_01").hasSize("msg_01wc9DtAgPt5Gi5c4yqE50TL".length());

      // The tool input arrives in pieces that join to exactly the scripted JSON.
      assertThat(Json.at(events.get(5).getValue(), "delta", "type")).isEqualTo("signature_delta");
      assertThat(Json.at(events.get(6).getValue(), "index")).isEqualTo(0L);
      assertThat(Json.at(events.get(11).getValue(), "content_block", "id")).isEqualTo(call.id());
      var input =
          Json.string(events.get(12).getValue(), "delta", "partial_json")
              + Json.string(events.get(13).getValue(), "delta", "partial_json");
      assertThat(input).isEqualTo(call.inputJson());
      assertThat(Json.at(events.get(14).getValue(), "index")).isEqualTo(2L);

      var delta = events.get(15).getValue();
      assertThat(Json.at(delta, "delta", "stop_reason")).isEqualTo("tool_use");
      assertThat(Json.at(delta, "usage"))
          .isEqualTo(
              Json.parse(
                  """
                  {"input_tokens":10,"cache_creation_input_tokens":9,"cache_read_input_tokens":30,
                   "cache_creation":{"ephemeral_5m_input_tokens":4,"ephemeral_1h_input_tokens":5},
                   "output_tokens":20,"service_tier":"standard"}
                  """));

      var requestId = response.headers().get("request-id");
      assertThat(server.served())
          .singleElement()
          .satisfies(
              served -> {
                assertThat(served.messageId()).isEqualTo(messageId);
                assertThat(List.of(served.requestId())).isEqualTo(requestId);
                assertThat(served.sessionHeader()).isEqualTo("session-1");
              });
      assertThat(server.servedUsage()).isEqualTo(new TurnUsage(10, 20, 30, 4, 5));
      assertThat(server.problems()).isEmpty();
    }
  }

  @Test
  void theTurnFollowsFromThePromptAndTheAssistantMessagesSinceIt() throws Exception {
    var first = Block.ToolUse.of("Bash", Map.of("command", "one"));
    var sub = Block.ToolUse.of("Bash", Map.of("command", "sub"));
    var script =
        Script.of(
            Script.main("MAIN-A", Turn.tools(first), Turn.text("main done")),
            Script.subagent("SUB-B", Turn.tools(sub), Turn.text("sub done")));
    try (var server = ScriptedModelServer.start(script)) {
      // Turn 0, then (after a tool result) turn 1; a retry of turn 0 answers turn 0 again.
      post(server, "/v1/messages", body(MAIN_SYSTEM, user("MAIN-A please")));
      post(
          server,
          "/v1/messages",
          body(
              MAIN_SYSTEM,
              user("MAIN-A please"),
              assistant(first.id()),
              toolResult(first.id(), "SUB-B text inside a tool result is no prompt")));
      // A subagent request is told apart by its system block, even with the same messages.
      post(server, "/v1/messages", body(SUBAGENT_SYSTEM, user("SUB-B task")));
      post(server, "/v1/messages", body(MAIN_SYSTEM, user("MAIN-A please")));

      assertThat(server.served())
          .extracting(
              ScriptedModelServer.Served::marker,
              ScriptedModelServer.Served::subagent,
              ScriptedModelServer.Served::turn)
          .containsExactly(
              tuple("MAIN-A", false, 0),
              tuple("MAIN-A", false, 1),
              tuple("SUB-B", true, 0),
              tuple("MAIN-A", false, 0));
      assertThat(server.servedToolUses()).containsExactly(first, sub);
      assertThat(server.problems()).isEmpty();
    }
  }

  @Test
  void failuresAreAnsweredWithTheApisErrorBodyAndUnscriptedRequestsAreListed() throws Exception {
    var script =
        Script.of(
            Script.main(
                "RETRY", Turn.text("after one overload").afterFailures(Turn.Failure.overloaded())),
            Script.main("FATAL", Turn.Failure.badRequest("scripted: no")));
    try (var server = ScriptedModelServer.start(script)) {
      var overloaded = post(server, "/v1/messages", body(MAIN_SYSTEM, user("RETRY")));
      assertThat(overloaded.status()).isEqualTo(529);
      assertThat(Json.parse(overloaded.body()))
          .isEqualTo(
              Json.parse(
                  """
                  {"type":"error","error":{"type":"overloaded_error","message":"Overloaded (scripted)"}}
                  """));
      assertThat(post(server, "/v1/messages", body(MAIN_SYSTEM, user("RETRY"))).status())
          .isEqualTo(200);
      for (int i = 0; i < 2; i++) {
        var fatal = post(server, "/v1/messages", body(MAIN_SYSTEM, user("FATAL")));
        assertThat(fatal.status()).isEqualTo(400);
        assertThat(Json.string(Json.parse(fatal.body()), "error", "type"))
            .isEqualTo("invalid_request_error");
      }
      assertThat(server.served())
          .extracting(ScriptedModelServer.Served::marker)
          .containsExactly("RETRY");
      assertThat(server.problems()).isEmpty();

      // Not in the script: answered harmlessly, and listed.
      assertThat(post(server, "/v1/messages", body(MAIN_SYSTEM, user("UNKNOWN"))).status())
          .isEqualTo(200);
      post(
          server,
          "/v1/messages",
          body(MAIN_SYSTEM, user("RETRY"), assistant("toolu_01x"), toolResult("toolu_01x", "")));
      assertThat(post(server, "/v1/other", "{}").status()).isEqualTo(404);
      assertThat(server.problems())
          .hasSize(3)
          .satisfies(
              p ->
                  assertThat(p.get(0)).startsWith("no conversation of the script claims this main"),
              p ->
                  assertThat(p.get(1))
                      .isEqualTo("conversation 'RETRY' has 1 turns but the CLI asked for turn 1"),
              p -> assertThat(p.get(2)).isEqualTo("unexpected request POST /v1/other"));
      assertThat(server.requests())
          .extracting(
              ScriptedModelServer.RecordedRequest::turn,
              ScriptedModelServer.RecordedRequest::status)
          .startsWith(tuple(0, 529), tuple(0, 200), tuple(0, 400), tuple(0, 400));
    }
  }

  @Test
  void countTokensModelsAndTheStartUpCheckAreAnswered() throws Exception {
    try (var server = ScriptedModelServer.start(Script.of(Script.main("M", Turn.text("x"))))) {
      var count = post(server, "/v1/messages/count_tokens?beta=true", "x".repeat(400));
      assertThat(Json.parse(count.body())).isEqualTo(Map.of("input_tokens", 100L));
      var models = send(server, "GET", "/v1/models", null);
      assertThat(Json.string(Json.parse(models.body()), "data", 0, "id"))
          .isEqualTo(ScriptedModelServer.MODEL);
      assertThat(send(server, "HEAD", "/api/hello", null).status()).isEqualTo(200);
      assertThat(server.problems()).isEmpty();
      assertThat(server.requests()).hasSize(3);
    }
  }

  @Test
  void scriptsRejectMarkersThatContainEachOther() {
    assertThatThrownBy(
            () -> Script.of(Script.main("A", Turn.text("x")), Script.main("AB", Turn.text("y"))))
        .hasMessage("ambiguous script: marker 'A' is part of 'AB'");
    // The same marker for a main agent and a subagent is fine: requests tell them apart.
    assertThat(
            Script.of(Script.main("A", Turn.text("x")), Script.subagent("A", Turn.text("y")))
                .conversations())
        .hasSize(2);
  }

  @Test
  void theHookCommandSavesEachPayloadUnderSh() throws Exception {
    var recorder = HookRecorder.in(dir.resolve("hooks with space"));
    for (var event : List.of("SessionStart", "PreToolUse")) {
      var process =
          new ProcessBuilder("/bin/sh", "-c", recorder.command())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try (var stdin = process.getOutputStream()) {
        stdin.write(
            ("{\"hook_event_name\":\"" + event + "\",\"session_id\":\"s\"}")
                .getBytes(StandardCharsets.UTF_8));
      }
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
    }
    assertThat(recorder.events()).containsExactly("SessionStart", "PreToolUse");
    assertThat(recorder.deliveries().get(1).payload()).containsEntry("session_id", "s");
    assertThat(Json.object(recorder.settingsJson()).get("hooks"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .hasSize(HookRecorder.EVENTS.size())
        .doesNotContainKeys("WorktreeCreate", "WorktreeRemove");

    Files.writeString(recorder.dir().resolve("9999999999999999-1.json"), "{\"hook_event_na");
    assertThatThrownBy(recorder::deliveries)
        .isInstanceOf(AssertionError.class)
        .hasMessageEndingWith(
            "9999999999999999-1.json is not one complete JSON object (was the hook killed?)");
  }

  @Test
  void recordingHooksJoinTheHooksAndSettingsAlreadyThere() {
    var workspace = ClaudeCli.Workspace.create(dir.resolve("w"), "http://127.0.0.1:9");
    workspace.writeSettings(
        """
        {"permissions": {"deny": ["Bash(rm:*)"]},
         "hooks": {"PreToolUse": [{"matcher": "*",
                   "hooks": [{"type": "http", "url": "http://127.0.0.1:1/hook"}]}]}}
        """);
    var recorder = HookRecorder.in(dir.resolve("hooks"));
    recorder.addTo(workspace);

    var settings = workspace.settings();
    assertThat(Json.list(settings, "permissions", "deny")).containsExactly("Bash(rm:*)");
    assertThat(Json.list(settings, "hooks", "PreToolUse"))
        .extracting(group -> Json.string(group, "hooks", 0, "type"))
        .containsExactly("http", "command");
    assertThat(Json.string(settings, "hooks", "SessionStart", 0, "hooks", 0, "command"))
        .isEqualTo(recorder.command());
    assertThat(workspace.settingsFile())
        .isEqualTo(workspace.home().resolve(".claude/settings.json"));
  }

  @Test
  void aRunGetsOnlyTheEnvironmentItIsGiven() {
    var workspace = ClaudeCli.Workspace.create(dir.resolve("w"), "http://127.0.0.1:9", true);
    var invocation = ClaudeCli.Invocation.prompt("hello").allow("Bash", "Read").env("EXTRA", "1");
    var environment = ClaudeCli.environment(workspace, invocation);
    assertThat(environment.keySet())
        .containsExactlyInAnyOrder(
            "PATH",
            "HOME",
            "TMPDIR",
            "LANG",
            "ANTHROPIC_BASE_URL",
            "ANTHROPIC_API_KEY",
            "DISABLE_TELEMETRY",
            "DISABLE_ERROR_REPORTING",
            "DISABLE_AUTOUPDATER",
            "CLAUDE_CONFIG_DIR",
            "EXTRA");
    assertThat(environment)
        .containsEntry("HOME", workspace.home().toString())
        .containsEntry("TMPDIR", workspace.tmp().toString())
        .containsEntry("CLAUDE_CONFIG_DIR", workspace.claudeDir().toString())
        .containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:9");
    assertThat(environment.get("ANTHROPIC_API_KEY")).startsWith("sk-ant-api03-fake");
    assertThat(workspace.settingsFile())
        .isEqualTo(workspace.root().resolve("claude-config/settings.json"));
    assertThat(ClaudeCli.pinnedVersion()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(URI.create(workspace.baseUrl()).getPort()).isEqualTo(9);
  }
}
