package dev.flightlog.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.Drift;
import dev.flightlog.Fact;
import dev.flightlog.HookEventFact;
import dev.flightlog.PromptFact;
import dev.flightlog.SessionFact;
import dev.flightlog.Skip;
import dev.flightlog.SkipReason;
import dev.flightlog.ThreadFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hook payloads as Claude Code 2.1.328 delivered them in the reference samples (scenarios basic,
 * denied, subagent, api_errors), each decoded to exactly its facts; and bytes that are no usable
 * payload, each kept and counted.
 */
class HookDecoderTest {

  static final Instant T = Instant.parse("2026-11-23T20:26:12.500Z");
  static final String WHERE = "spool/1795465571277-1.json";
  static final String SESSION = "b89ebd4c-3dd9-4391-80a8-b88ef37d6aa5";
  static final String PROMPT_ID = "63adbcf7-e3e4-4a7c-be3b-868a70026916";
  static final String PROJECT = "/home/dev/project";
  static final String TRANSCRIPT =
      "/home/dev/.claude/projects/-home-dev-project/b89ebd4c-3dd9-4391-80a8-b88ef37d6aa5.jsonl";
  static final String AGENT = "a64a344bd931b4f30";

  /** The fields every payload of the denied scenario's session starts with. */
  static final String HEAD =
      """
      {"session_id": "b89ebd4c-3dd9-4391-80a8-b88ef37d6aa5", \
      "transcript_path": "/home/dev/.claude/projects/-home-dev-project/\
      b89ebd4c-3dd9-4391-80a8-b88ef37d6aa5.jsonl", "cwd": "/home/dev/project", \
      "prompt_id": "63adbcf7-e3e4-4a7c-be3b-868a70026916", \
      """;

  static HookDecoder.Result decode(String payload) {
    return HookDecoder.decode(bytes(payload), Channel.HOOK, T, WHERE);
  }

  static byte[] bytes(String payload) {
    return payload.getBytes(StandardCharsets.UTF_8);
  }

  static HookEventFact hookEvent(byte[] payload, String session, @Nullable String event) {
    return new HookEventFact(
        Agent.CLAUDE,
        session,
        event,
        sha256(payload),
        new String(payload, StandardCharsets.UTF_8),
        payload.length,
        true,
        T,
        Channel.HOOK);
  }

  static HookEventFact hookEvent(String payload, @Nullable String event) {
    return hookEvent(bytes(payload), SESSION, event);
  }

  static SessionFact session() {
    return new SessionFact(Agent.CLAUDE, SESSION, PROJECT, null, null, T, null, null, Channel.HOOK);
  }

  static ThreadFact thread(String id, @Nullable String agentType) {
    return new ThreadFact(Agent.CLAUDE, SESSION, id, agentType, null, null, null, T, Channel.HOOK);
  }

  static PromptFact turnEnd() {
    return new PromptFact(Agent.CLAUDE, SESSION, PROMPT_ID, null, null, T, null, Channel.HOOK);
  }

  static ToolCallFact call(
      String id,
      String thread,
      String tool,
      String input,
      @Nullable String summary,
      @Nullable ToolStatus status,
      @Nullable String error,
      @Nullable String excerpt,
      @Nullable Long bytes,
      @Nullable Instant start,
      @Nullable Instant end,
      @Nullable Long durationMs) {
    return new ToolCallFact(
        Agent.CLAUDE,
        id,
        SESSION,
        thread,
        PROMPT_ID,
        tool,
        input,
        summary,
        status,
        error,
        excerpt,
        bytes,
        start,
        end,
        durationMs,
        PROJECT,
        null,
        Channel.HOOK);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static Path transcript() {
    return Path.of(TRANSCRIPT);
  }

  // --- session and prompt events ---

  @Test
  void sessionStartSeesTheSessionInItsProject() {
    var payload =
        """
        {"session_id": "b89ebd4c-3dd9-4391-80a8-b88ef37d6aa5", "transcript_path": \
        "/home/dev/.claude/projects/-home-dev-project/b89ebd4c-3dd9-4391-80a8-b88ef37d6aa5.jsonl",\
         "cwd": "/home/dev/project", "hook_event_name": "SessionStart", "source": "startup"}\
        """;

    var result = decode(payload);

    assertThat(result.facts()).containsExactly(hookEvent(payload, "SessionStart"), session());
    assertThat(result.drift()).isEmpty();
    assertThat(result.skip()).isNull();
    assertThat(result.transcripts()).containsExactly(transcript());
  }

  @Test
  void userPromptSubmitStartsTheTurnWithItsText() {
    var payload =
        HEAD
            + """
            "permission_mode": "default", "hook_event_name": "UserPromptSubmit", \
            "prompt": "DENIED: try things I may not do"}\
            """;

    assertThat(decode(payload).facts())
        .containsExactly(
            hookEvent(payload, "UserPromptSubmit"),
            session(),
            new PromptFact(
                Agent.CLAUDE,
                SESSION,
                PROMPT_ID,
                "DENIED: try things I may not do",
                T,
                null,
                PROJECT,
                Channel.HOOK));
  }

  @Test
  void stopStopFailureAndMessageDisplayExtendTheTurn() {
    var stop =
        HEAD
            + """
            "permission_mode": "default", "effort": {"level": "medium"}, \
            "hook_event_name": "Stop", "stop_hook_active": false, \
            "last_assistant_message": "Done.", "background_tasks": [], "session_crons": []}\
            """;
    var failure =
        HEAD
            + """
            "effort": {"level": "medium"}, "hook_event_name": "StopFailure", "error": "unknown", \
            "last_assistant_message": "API Error: 400 fake: prompt is invalid"}\
            """;
    var display =
        HEAD
            + """
            "hook_event_name": "MessageDisplay", "turn_id": "91995f70", "message_id": "fe6c8f33",\
             "index": 0, "final": true, "delta": "I'll start by saying hello."}\
            """;

    for (var payload : List.of(stop, failure, display)) {
      var result = decode(payload);
      assertThat(result.facts())
          .containsExactly(hookEvent(payload, result.event().event()), session(), turnEnd());
      assertThat(result.drift()).isEmpty();
      assertThat(result.skip()).isNull();
    }
  }

  @Test
  void sessionEndEndsTheSessionNotTheTurn() {
    var payload = HEAD + "\"hook_event_name\": \"SessionEnd\", \"reason\": \"other\"}";

    assertThat(decode(payload).facts())
        .containsExactly(
            hookEvent(payload, "SessionEnd"),
            new SessionFact(
                Agent.CLAUDE, SESSION, PROJECT, null, null, T, T, "other", Channel.HOOK));
  }

  // --- tool events ---

  static final String BASH_INPUT =
      "{\"command\":\"cat /home/dev/project/victim.txt\",\"description\":\"allowed read\"}";

  @Test
  void preToolUseStartsAPendingCall() {
    var payload =
        HEAD
            + """
            "permission_mode": "default", "effort": {"level": "medium"}, \
            "hook_event_name": "PreToolUse", "tool_name": "Bash", "tool_input": \
            {"command": "cat /home/dev/project/victim.txt", "description": "allowed read"}, \
            "tool_use_id": "toolu_019PH8zTOdTGOzmxQdzyu2BW"}\
            """;

    assertThat(decode(payload).facts())
        .containsExactly(
            hookEvent(payload, "PreToolUse"),
            session(),
            thread(ThreadFact.MAIN, null),
            call(
                "toolu_019PH8zTOdTGOzmxQdzyu2BW",
                ThreadFact.MAIN,
                "Bash",
                BASH_INPUT,
                "cat /home/dev/project/victim.txt",
                ToolStatus.PENDING,
                null,
                null,
                null,
                T,
                null,
                null),
            turnEnd());
  }

  @Test
  void aSubagentsCallIsInItsThreadAndDoesNotExtendTheTurn() {
    var payload =
        HEAD
            + """
            "permission_mode": "default", "agent_id": "a64a344bd931b4f30", \
            "agent_type": "general-purpose", "effort": {"level": "medium"}, \
            "hook_event_name": "PreToolUse", "tool_name": "Bash", "tool_input": \
            {"command": "echo from-subagent && pwd", "description": "subagent probe"}, \
            "tool_use_id": "toolu_01BlNsZnvdi9XIJjQy6GMhuu"}\
            """;

    assertThat(decode(payload).facts())
        .containsExactly(
            hookEvent(payload, "PreToolUse"),
            session(),
            thread(AGENT, "general-purpose"),
            call(
                "toolu_01BlNsZnvdi9XIJjQy6GMhuu",
                AGENT,
                "Bash",
                "{\"command\":\"echo from-subagent && pwd\",\"description\":\"subagent probe\"}",
                "echo from-subagent && pwd",
                ToolStatus.PENDING,
                null,
                null,
                null,
                T,
                null,
                null));
  }

  @Test
  void postToolUseEndsTheCallOkWithTheAgentsDuration() {
    var payload =
        HEAD
            + """
            "permission_mode": "default", "effort": {"level": "medium"}, \
            "hook_event_name": "PostToolUse", "tool_name": "Bash", "tool_input": \
            {"command": "cat /home/dev/project/victim.txt", "description": "allowed read"}, \
            "tool_response": {"stdout": "do not delete", "stderr": "", "interrupted": false, \
            "isImage": false, "noOutputExpected": false}, \
            "tool_use_id": "toolu_019PH8zTOdTGOzmxQdzyu2BW", "duration_ms": 30}\
            """;

    // The structured tool_response is not what the model got: no excerpt from it.
    assertThat(decode(payload).facts())
        .containsExactly(
            hookEvent(payload, "PostToolUse"),
            session(),
            thread(ThreadFact.MAIN, null),
            call(
                "toolu_019PH8zTOdTGOzmxQdzyu2BW",
                ThreadFact.MAIN,
                "Bash",
                BASH_INPUT,
                "cat /home/dev/project/victim.txt",
                ToolStatus.OK,
                null,
                null,
                null,
                null,
                T,
                30L),
            turnEnd());
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            "\"File does not exist. Note: your current working directory is /home/dev/project.\"",
            "false",
            ToolStatus.ERROR,
            "File does not exist. Note: your current working directory is /home/dev/project."),
        Arguments.of(
            "\"[Request interrupted by user for tool use]\"",
            "false",
            ToolStatus.INTERRUPTED,
            "[Request interrupted by user for tool use]"),
        Arguments.of("\"Exit code 130\"", "true", ToolStatus.INTERRUPTED, "Exit code 130"),
        Arguments.of(
            "\"The user doesn't want to proceed with this tool use.\"",
            "false",
            ToolStatus.DENIED,
            "The user doesn't want to proceed with this tool use."),
        Arguments.of("42", "false", ToolStatus.ERROR, null));
  }

  @ParameterizedTest(name = "{2}: {0}")
  @MethodSource("failures")
  void postToolUseFailureEndsTheCallWithItsError(
      String error, String interrupt, ToolStatus status, @Nullable String text) {
    var payload =
        HEAD
            + """
            "permission_mode": "default", "effort": {"level": "medium"}, \
            "hook_event_name": "PostToolUseFailure", "tool_name": "Read", \
            "tool_input": {"file_path": "/home/dev/project/does-not-exist.txt"}, \
            "tool_use_id": "toolu_01Pry8v1knbUo4SgoPuN5Yf5", "error": %s, \
            "is_interrupt": %s, "duration_ms": 7}\
            """
                .formatted(error, interrupt);

    assertThat(decode(payload).facts())
        .containsExactly(
            hookEvent(payload, "PostToolUseFailure"),
            session(),
            thread(ThreadFact.MAIN, null),
            call(
                "toolu_01Pry8v1knbUo4SgoPuN5Yf5",
                ThreadFact.MAIN,
                "Read",
                "{\"file_path\":\"/home/dev/project/does-not-exist.txt\"}",
                "/home/dev/project/does-not-exist.txt",
                status,
                text,
                null,
                null,
                null,
                T,
                7L),
            turnEnd());
  }

  @Test
  void permissionRequestNamesNoCallSoOnlyTheThreadAndTurnMove() {
    var payload =
        HEAD
            + """
            "permission_mode": "default", "effort": {"level": "medium"}, \
            "hook_event_name": "PermissionRequest", "tool_name": "Write", "tool_input": \
            {"file_path": "/home/dev/project/not-allowed.txt", "content": "should be denied\\n"}, \
            "permission_suggestions": [{"type": "setMode", "mode": "acceptEdits", \
            "destination": "session"}]}\
            """;

    var result = decode(payload);

    assertThat(result.facts())
        .containsExactly(
            hookEvent(payload, "PermissionRequest"),
            session(),
            thread(ThreadFact.MAIN, null),
            turnEnd());
    assertThat(result.skip()).isNull();
  }

  @Test
  void aPermissionRequestWithAToolUseIdIsAPendingCall() {
    var payload =
        HEAD
            + """
            "hook_event_name": "PermissionRequest", "tool_name": "Write", "tool_input": \
            {"file_path": "/home/dev/project/not-allowed.txt"}, "tool_use_id": "toolu_9"}\
            """;

    assertThat(decode(payload).facts())
        .contains(
            call(
                "toolu_9",
                ThreadFact.MAIN,
                "Write",
                "{\"file_path\":\"/home/dev/project/not-allowed.txt\"}",
                "/home/dev/project/not-allowed.txt",
                ToolStatus.PENDING,
                null,
                null,
                null,
                null,
                null,
                null));
  }

  static String batch(String tool, String input, String id, String response) {
    return HEAD
        + """
        "permission_mode": "default", "effort": {"level": "medium"}, \
        "hook_event_name": "PostToolBatch", "tool_calls": [{"tool_name": "%s", \
        "tool_input": %s, "tool_use_id": "%s", "tool_response": %s}]}\
        """
            .formatted(tool, input, id, response);
  }

  @Test
  void postToolBatchGivesACallThatRanItsOutputButNoOutcome() {
    var payload =
        batch(
            "Bash",
            "{\"command\": \"cat /home/dev/project/victim.txt\", \"description\": \"allowed read\"}",
            "toolu_019PH8zTOdTGOzmxQdzyu2BW",
            "\"do not delete\"");

    assertThat(decode(payload).facts())
        .containsExactly(
            hookEvent(payload, "PostToolBatch"),
            session(),
            thread(ThreadFact.MAIN, null),
            call(
                "toolu_019PH8zTOdTGOzmxQdzyu2BW",
                ThreadFact.MAIN,
                "Bash",
                BASH_INPUT,
                "cat /home/dev/project/victim.txt",
                null,
                null,
                "do not delete",
                13L,
                null,
                null,
                null),
            turnEnd());
  }

  @Test
  void postToolBatchCannotTellAFailureThatRanFromASuccess() {
    var payload =
        batch(
            "Bash",
            "{\"command\": \"echo to-stderr >&2; exit 3\"}",
            "toolu_01fSEizLgkWgmWz27sv4yRQb",
            "\"Exit code 3\\nto-stderr\"");

    var call =
        decode(payload).facts().stream()
            .filter(ToolCallFact.class::isInstance)
            .map(ToolCallFact.class::cast)
            .findFirst()
            .orElseThrow();

    assertThat(call.status()).isNull();
    assertThat(call.error()).isNull();
    assertThat(call.endedAt()).isNull();
    assertThat(call.outputExcerpt()).isEqualTo("Exit code 3\nto-stderr");
  }

  static final String INVALID =
      """
      InputValidationError: Read failed due to the following issues:
      The required parameter `file_path` is missing
      An unexpected parameter `path` was provided\
      """;

  /** The denied scenario's calls no per-call hook reports an outcome for, with the transcript's. */
  static Stream<Arguments> notRun() {
    return Stream.of(
        Arguments.of(
            "Write",
            "{\"file_path\": \"/home/dev/project/not-allowed.txt\", \"content\": \"x\"}",
            "toolu_01Y6equTxe9tDEfWH8GcKRaj",
            "Claude requested permissions to write to /home/dev/project/not-allowed.txt, but you"
                + " haven't granted it yet.",
            ToolStatus.DENIED,
            "Claude requested permissions to write to /home/dev/project/not-allowed.txt, but you"
                + " haven't granted it yet."),
        Arguments.of(
            "Bash",
            "{\"command\": \"rm /home/dev/project/victim.txt\", \"description\": \"delete file\"}",
            "toolu_01uaBmbAoFUr1XN9mHqt7SXQ",
            "Permission to use Bash with command rm /home/dev/project/victim.txt has been denied.",
            ToolStatus.DENIED,
            "Permission to use Bash with command rm /home/dev/project/victim.txt has been denied."),
        Arguments.of(
            "Edit",
            "{\"file_path\": \"/home/dev/project/victim.txt\", \"old_string\": \"do not\","
                + " \"new_string\": \"please\"}",
            "toolu_01mszuSYq5Q4lJw2mZS3dwKW",
            "<tool_use_error>Error: No such tool available: Edit. Edit is disabled for this"
                + " session, in subagents as well as here.</tool_use_error>",
            ToolStatus.DENIED,
            "Error: No such tool available: Edit. Edit is disabled for this session, in subagents"
                + " as well as here."),
        Arguments.of(
            "NoSuchTool",
            "{\"x\": 1}",
            "toolu_01nKO2h8seiovAlgEu2XepTe",
            "<tool_use_error>Error: No such tool available: NoSuchTool</tool_use_error>",
            ToolStatus.ERROR,
            "Error: No such tool available: NoSuchTool"),
        Arguments.of(
            "Read",
            "{\"path\": \"wrong-param-name\"}",
            "toolu_01BVzVLUnbx9sSJePp6vLF4Q",
            "<tool_use_error>" + INVALID + "</tool_use_error>",
            ToolStatus.ERROR,
            INVALID));
  }

  @ParameterizedTest(name = "{0}: {4}")
  @MethodSource("notRun")
  void postToolBatchGivesTheOutcomeOfACallThatDidNotRun(
      String tool, String input, String id, String response, ToolStatus status, String error) {
    var payload = batch(tool, input, id, quote(response));

    var facts = decode(payload).facts();

    var call =
        facts.stream()
            .filter(ToolCallFact.class::isInstance)
            .map(ToolCallFact.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(call.status()).isEqualTo(status);
    assertThat(call.error()).isEqualTo(error);
    assertThat(call.outputExcerpt()).isEqualTo(response);
    assertThat(call.outputBytes()).isEqualTo(response.getBytes(StandardCharsets.UTF_8).length);
    assertThat(call.startedAt()).isNull();
    assertThat(call.endedAt()).isEqualTo(T);
    assertThat(call.durationMs()).isNull();
    assertThat(call.tool()).isEqualTo(tool);
    assertThat(call.input()).isEqualTo(input.replace("\": ", "\":").replace(", \"", ",\""));
    assertThat(facts).endsWith(turnEnd());
  }

  @Test
  void postToolBatchReadsContentBlocksAsTheTranscriptDoes() {
    var payload =
        HEAD
            + """
            "hook_event_name": "PostToolBatch", "tool_calls": [{"tool_name": "Agent", \
            "tool_input": {"description": "Probe the workspace", "prompt": "SUBTASK-ALPHA"}, \
            "tool_use_id": "toolu_01WcF3feTfiUeQwOerTTd59i", "tool_response": \
            [{"type": "text", "text": "SUBAGENT REPORT"}, {"type": "image"}, \
            {"type": "text", "text": "done"}]}, {"tool_name": "Bash", "tool_use_id": "toolu_2"}]}\
            """;

    var calls =
        decode(payload).facts().stream()
            .filter(ToolCallFact.class::isInstance)
            .map(ToolCallFact.class::cast)
            .toList();

    assertThat(calls)
        .containsExactly(
            call(
                "toolu_01WcF3feTfiUeQwOerTTd59i",
                ThreadFact.MAIN,
                "Agent",
                "{\"description\":\"Probe the workspace\",\"prompt\":\"SUBTASK-ALPHA\"}",
                "Probe the workspace",
                null,
                null,
                "SUBAGENT REPORT\n[image]\ndone",
                28L,
                null,
                null,
                null),
            new ToolCallFact(
                Agent.CLAUDE,
                "toolu_2",
                SESSION,
                ThreadFact.MAIN,
                PROMPT_ID,
                "Bash",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                PROJECT,
                null,
                Channel.HOOK));
  }

  @Test
  void aLongBatchResultIsCutAndMeasuredLikeATranscriptResult() {
    var text = "é".repeat(10_000);
    var payload = batch("Read", "{\"file_path\": \"/x\"}", "toolu_1", quote(text));

    var call =
        decode(payload).facts().stream()
            .filter(ToolCallFact.class::isInstance)
            .map(ToolCallFact.class::cast)
            .findFirst()
            .orElseThrow();

    assertThat(call.outputExcerpt()).isEqualTo("é".repeat(ToolResult.EXCERPT_BYTES / 2));
    assertThat(call.outputBytes()).isEqualTo(20_000L);
  }

  // --- subagents ---

  @Test
  void subagentStartAndStopNameTheThreadAndItsTranscript() {
    var start =
        HEAD
            + """
            "agent_id": "a64a344bd931b4f30", "agent_type": "general-purpose", \
            "hook_event_name": "SubagentStart"}\
            """;
    var agentTranscript =
        "/home/dev/.claude/projects/-home-dev-project/b89ebd4c-3dd9-4391-80a8-b88ef37d6aa5/"
            + "subagents/agent-a64a344bd931b4f30.jsonl";
    var stop =
        HEAD
            + """
            "permission_mode": "default", "agent_id": "a64a344bd931b4f30", \
            "agent_type": "general-purpose", "effort": {"level": "medium"}, \
            "hook_event_name": "SubagentStop", "stop_hook_active": false, \
            "agent_transcript_path": "%s", \
            "last_assistant_message": "SUBAGENT REPORT: probe ran, file missing.", \
            "background_tasks": [], "session_crons": []}\
            """
                .formatted(agentTranscript);

    assertThat(decode(start).facts())
        .containsExactly(
            hookEvent(start, "SubagentStart"), session(), thread(AGENT, "general-purpose"));
    var stopped = decode(stop);
    assertThat(stopped.facts())
        .containsExactly(
            hookEvent(stop, "SubagentStop"), session(), thread(AGENT, "general-purpose"));
    assertThat(stopped.transcripts()).containsExactly(transcript(), Path.of(agentTranscript));
    assertThat(stopped.drift()).isEmpty();
  }

  @Test
  void onlyAbsolutePathsOfTranscriptsAreReported() {
    for (var path :
        List.of(
            "relative/s.jsonl",
            "/etc/passwd",
            "/home/dev/.claude/projects/-p/agent-a1.jsonl",
            "/home/dev/x\u0000.jsonl")) {
      var payload =
          "{\"session_id\": \"s\", \"hook_event_name\": \"Stop\", \"transcript_path\": \"%s\"}"
              .formatted(path.replace("\u0000", "\\u0000"));

      assertThat(decode(payload).transcripts()).as(path).isEmpty();
    }
  }

  // --- drift ---

  @Test
  void anUnknownEventIsKeptAndCountedAsDrift() {
    var payload = HEAD + "\"hook_event_name\": \"PreFlight\", \"tool_use_id\": \"toolu_1\"}";

    var result = decode(payload);

    assertThat(result.facts()).containsExactly(hookEvent(payload, "PreFlight"), session());
    assertThat(result.drift())
        .containsExactly(new Drift(Agent.CLAUDE, "unknown", "hook_event", "PreFlight"));
    assertThat(result.skip()).isNull();
  }

  @Test
  void aKnownEventThatNeverFiredIsNotDrift() {
    var payload = HEAD + "\"hook_event_name\": \"PreCompact\", \"trigger\": \"auto\"}";

    var result = decode(payload);

    assertThat(result.facts()).containsExactly(hookEvent(payload, "PreCompact"), session());
    assertThat(result.drift()).isEmpty();
  }

  @Test
  void unknownFieldsAreDrift() {
    var payload =
        HEAD
            + """
            "hook_event_name": "PostToolBatch", "batch_id": 1, "batch_id": 2, "tool_calls": \
            [{"tool_name": "Bash", "tool_use_id": "toolu_1", "tool_duration_ms": 3, \
            "tool_response": [{"type": "hologram"}]}]}\
            """;

    assertThat(decode(payload).drift())
        .containsExactly(
            new Drift(Agent.CLAUDE, "unknown", "hook_field", "PostToolBatch.batch_id"),
            new Drift(
                Agent.CLAUDE, "unknown", "hook_field", "PostToolBatch.tool_calls.tool_duration_ms"),
            new Drift(
                Agent.CLAUDE, "unknown", "content_block", "PostToolBatch.tool_result.hologram"));
  }

  // --- bad input: kept, counted, never thrown ---

  static Stream<Arguments> unusable() {
    return Stream.of(
        Arguments.of("", SkipReason.MALFORMED_JSON, "empty payload"),
        Arguments.of(" \n", SkipReason.MALFORMED_JSON, "empty payload"),
        Arguments.of(
            HEAD.substring(0, 40), SkipReason.MALFORMED_JSON, "unexpected end of input at byte 40"),
        Arguments.of(
            "{\"session_id\": \"s\",}",
            SkipReason.MALFORMED_JSON,
            "unexpected character ('}' (code 125)): was expecting double-quote to start field name"
                + " at byte 19"),
        Arguments.of(
            "{\"session_id\": \"s\"} {}",
            SkipReason.MALFORMED_JSON,
            "unexpected content after the payload at byte 20"),
        Arguments.of(
            "session_id=s",
            SkipReason.MALFORMED_JSON,
            "unrecognized token 'session_id': was expecting (JSON String, Number, Array, Object or"
                + " token 'null', 'true' or 'false') at byte 0"),
        Arguments.of(
            "[{\"session_id\": \"s\"}]",
            SkipReason.NOT_AN_ENTRY,
            "expected a JSON object, found an array"),
        Arguments.of("\"Stop\"", SkipReason.NOT_AN_ENTRY, "expected a JSON object, found a string"),
        Arguments.of("null", SkipReason.NOT_AN_ENTRY, "expected a JSON object, found null"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("unusable")
  void bytesThatAreNoJsonObjectAreKeptAndCounted(String payload, SkipReason reason, String detail) {
    var result = decode(payload);

    assertThat(result.facts())
        .containsExactly(
            new HookEventFact(
                Agent.CLAUDE,
                "",
                null,
                sha256(bytes(payload)),
                payload,
                bytes(payload).length,
                false,
                T,
                Channel.HOOK));
    assertThat(result.skip()).isEqualTo(new Skip(Channel.HOOK, reason, WHERE, detail));
    assertThat(result.drift()).isEmpty();
    assertThat(result.transcripts()).isEmpty();
  }

  @Test
  void binaryBytesAreKeptWithInvalidUtf8Replaced() {
    var payload = new byte[] {'{', '"', 's', (byte) 0xFF, '"', ':', '1', '}'};

    var result = HookDecoder.decode(payload, Channel.HTTP_HOOK, T, "POST /hook");

    assertThat(result.event().payload()).isEqualTo("{\"s\uFFFD\":1}");
    assertThat(result.event().payloadBytes()).isEqualTo(8);
    assertThat(result.event().json()).isFalse();
    assertThat(result.event().payloadSha256()).isEqualTo(sha256(payload));
    assertThat(result.skip())
        .isEqualTo(
            new Skip(
                Channel.HTTP_HOOK, SkipReason.BINARY, "POST /hook", "invalid UTF-8 at byte 3"));
  }

  @Test
  void aPayloadWithoutSessionOrEventIsKeptAndCounted() {
    var noSession = "{\"hook_event_name\": \"Stop\", \"cwd\": \"/p\"}";
    var noEvent = "{\"session_id\": \"s\", \"hook_event_name\": 7}";

    var first = decode(noSession);
    var second = decode(noEvent);

    assertThat(first.facts()).containsExactly(hookEvent(bytes(noSession), "", "Stop"));
    assertThat(first.skip())
        .isEqualTo(
            new Skip(
                Channel.HOOK, SkipReason.NOT_AN_ENTRY, WHERE, "hook payload without a session_id"));
    assertThat(second.facts()).containsExactly(hookEvent(bytes(noEvent), "s", null));
    assertThat(second.skip())
        .isEqualTo(
            new Skip(
                Channel.HOOK,
                SkipReason.NOT_AN_ENTRY,
                WHERE,
                "hook payload without a hook_event_name"));
  }

  @Test
  void aToolEventWithoutAToolUseIdKeepsTheSessionAndIsCounted() {
    var payload = HEAD + "\"hook_event_name\": \"PostToolUse\", \"tool_name\": \"Bash\"}";

    var result = decode(payload);

    assertThat(result.facts())
        .containsExactly(
            hookEvent(payload, "PostToolUse"), session(), thread(ThreadFact.MAIN, null), turnEnd());
    assertThat(result.skip())
        .isEqualTo(
            new Skip(
                Channel.HOOK,
                SkipReason.NOT_AN_ENTRY,
                WHERE,
                "PostToolUse payload without a tool_use_id"));
  }

  @Test
  void valuesOfTheWrongKindAreLeftOut() {
    var payload =
        HEAD
            + """
            "hook_event_name": "PostToolUse", "tool_name": ["Bash"], "tool_input": "ls", \
            "tool_use_id": "toolu_1", "duration_ms": -5, "agent_id": " "}\
            """;

    assertThat(decode(payload).facts())
        .as("not the tool name, a negative duration, or a blank agent id")
        .contains(
            new ToolCallFact(
                Agent.CLAUDE,
                "toolu_1",
                SESSION,
                ThreadFact.MAIN,
                PROMPT_ID,
                null,
                "\"ls\"",
                null,
                ToolStatus.OK,
                null,
                null,
                null,
                null,
                T,
                null,
                PROJECT,
                null,
                Channel.HOOK));
  }

  @Test
  void aHugeStringIsReadWhole() {
    var prompt = "x".repeat(8 << 20);
    var payload =
        HEAD + "\"hook_event_name\": \"UserPromptSubmit\", \"prompt\": \"" + prompt + "\"}";

    var result = decode(payload);

    assertThat(result.skip()).isNull();
    assertThat(result.facts())
        .filteredOn(PromptFact.class::isInstance)
        .singleElement()
        .satisfies(p -> assertThat(((PromptFact) p).text()).hasSize(8 << 20));
    assertThat(result.event().payloadBytes()).isEqualTo(bytes(payload).length);
  }

  @Test
  void theSameBytesGiveTheSameFactsWhicheverChannelDeliversThem() {
    var payload =
        bytes(
            batch(
                "Bash",
                "{\"command\": \"ls\"}",
                "toolu_1",
                "\"<tool_use_error>Error: No such tool available: Bash</tool_use_error>\""));

    var command = HookDecoder.decode(payload, Channel.HOOK, T, WHERE);
    var http = HookDecoder.decode(payload, Channel.HTTP_HOOK, T, "POST /hook");

    assertThat(HookDecoder.decode(payload, Channel.HOOK, T, WHERE)).isEqualTo(command);
    assertThat(http.event().payloadSha256()).isEqualTo(command.event().payloadSha256());
    assertThat(withoutChannel(http.facts())).isEqualTo(withoutChannel(command.facts()));
  }

  /** Facts as text with the channel left out. */
  private static List<String> withoutChannel(List<Fact> facts) {
    var texts = new ArrayList<String>();
    for (var fact : facts) {
      texts.add(fact.toString().replace("channel=HTTP_HOOK", "channel=HOOK"));
    }
    return texts;
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
