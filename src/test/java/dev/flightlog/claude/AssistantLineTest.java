package dev.flightlog.claude;

import static dev.flightlog.claude.Lines.MAIN;
import static dev.flightlog.claude.Lines.PROJECT;
import static dev.flightlog.claude.Lines.PROMPT;
import static dev.flightlog.claude.Lines.REQUEST_ID;
import static dev.flightlog.claude.Lines.SESSION_AT_T2;
import static dev.flightlog.claude.Lines.T2;
import static dev.flightlog.claude.Lines.USAGE;
import static dev.flightlog.claude.Lines.assistant;
import static dev.flightlog.claude.Lines.decode;
import static dev.flightlog.claude.Lines.facts;
import static dev.flightlog.claude.Lines.onlyToolCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Assistant lines: model requests, usage and the tool calls asked for. */
class AssistantLineTest {

  @Test
  void anAssistantLineIsAModelRequestAndItsToolCalls() {
    var line =
        assistant(
            """
            {"type":"tool_use","id":"toolu_1","name":"Bash",\
            "input":{"command":"make test\\nmake lint","description":"build"}}\
            """,
            USAGE,
            REQUEST_ID + "\"requestRef\":\"r-1\",\"apiBlockIndex\":0,");

    assertThat(facts(decode(MAIN, PROMPT, line)))
        .containsExactly(
            SESSION_AT_T2,
            new ModelRequestFact(
                Agent.CLAUDE,
                "msg_1",
                "req_1",
                "s-1",
                "main",
                "p-1",
                "claude-opus-5-5",
                new Usage(1200, 85, 5000, 200, 100),
                T2,
                PROJECT,
                null,
                Channel.TRANSCRIPT),
            new ToolCallFact(
                Agent.CLAUDE,
                "toolu_1",
                "s-1",
                "main",
                "p-1",
                "Bash",
                "{\"command\":\"make test\\nmake lint\",\"description\":\"build\"}",
                "make test",
                ToolStatus.PENDING,
                null,
                null,
                null,
                T2,
                null,
                null,
                PROJECT,
                "msg_1",
                Channel.TRANSCRIPT),
            new PromptFact(Agent.CLAUDE, "s-1", "p-1", null, null, T2, null, Channel.TRANSCRIPT));
  }

  @Test
  void everyBlockOfAMessageRepeatsTheSameRequest() {
    var thinking =
        assistant(
            "{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"c2ln\"}",
            USAGE,
            REQUEST_ID);
    var text = assistant("{\"type\":\"text\",\"text\":\"Let me look.\"}", USAGE, REQUEST_ID);
    var read =
        assistant(
            "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"Read\","
                + "\"input\":{\"file_path\":\"/w/a.txt\"}}",
            USAGE,
            REQUEST_ID);

    var requests = new ArrayList<ModelRequestFact>();
    for (var line : List.of(thinking, text, read)) {
      requests.addAll(facts(decode(MAIN, PROMPT, line), ModelRequestFact.class));
    }

    assertThat(requests).hasSize(3).containsOnly(requests.getFirst());
    assertThat(onlyToolCall(decode(MAIN, PROMPT, read)).summary()).isEqualTo("/w/a.txt");
  }

  @Test
  void aMissingRequestIdIsEmpty() {
    var line = assistant("{\"type\":\"text\",\"text\":\"hi\"}", USAGE, "");

    assertThat(facts(decode(MAIN, PROMPT, line), ModelRequestFact.class))
        .extracting(ModelRequestFact::requestId)
        .containsExactly("");
  }

  static Stream<Arguments> usages() {
    return Stream.of(
        Arguments.of(
            "no breakdown: every cache write is a 5-minute write",
            "{\"input_tokens\":10,\"output_tokens\":2,\"cache_read_input_tokens\":7,"
                + "\"cache_creation_input_tokens\":300}",
            new Usage(10, 2, 7, 300, 0)),
        Arguments.of(
            "a breakdown splits them",
            "{\"input_tokens\":10,\"output_tokens\":2,\"cache_read_input_tokens\":7,"
                + "\"cache_creation_input_tokens\":300,\"cache_creation\":"
                + "{\"ephemeral_5m_input_tokens\":100,\"ephemeral_1h_input_tokens\":200}}",
            new Usage(10, 2, 7, 100, 200)),
        Arguments.of(
            "writes the breakdown misses count as 5-minute writes",
            "{\"input_tokens\":10,\"output_tokens\":2,\"cache_creation_input_tokens\":300,"
                + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,"
                + "\"ephemeral_1h_input_tokens\":0}}",
            new Usage(10, 2, 0, 300, 0)),
        Arguments.of(
            "nulls and unknown counters",
            "{\"input_tokens\":10,\"output_tokens\":null,\"server_tool_use\":"
                + "{\"web_search_requests\":1}}",
            new Usage(10, 0, 0, 0, 0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usages")
  void usage(String name, String usage, Usage expected) {
    var line = assistant("{\"type\":\"text\",\"text\":\"hi\"}", usage, REQUEST_ID);

    assertThat(facts(decode(MAIN, PROMPT, line), ModelRequestFact.class))
        .extracting(ModelRequestFact::usage)
        .containsExactly(expected);
  }

  @Test
  void aSyntheticErrorReplyIsNoModelRequest() {
    var line =
        """
        {"parentUuid":"u-1","isSidechain":false,"type":"assistant","uuid":"a-9",\
        "timestamp":"2026-11-23T20:26:12.051Z","message":{"diagnostics":null,\
        "id":"97042282-6829-4569-8d2c-07dd47ac3192","container":null,"model":"<synthetic>",\
        "role":"assistant","stop_reason":"stop_sequence","type":"message","usage":\
        {"input_tokens":0,"output_tokens":0,"cache_creation_input_tokens":0,\
        "cache_read_input_tokens":0},"content":[{"type":"text",\
        "text":"API Error: 400 fake: prompt is invalid"}],"context_management":null},\
        "requestId":"req_2","error":"unknown","isApiErrorMessage":true,"apiErrorStatus":400,\
        "apiErrorType":"invalid_request_error","perTurnEffort":"medium",\
        "failedResponseHadNoToolCall":true,"madeBy":"model","userType":"external",\
        "entrypoint":"sdk-cli","cwd":"/home/dev/project","sessionId":"s-1","version":"2.1.328",\
        "gitBranch":"main"}\
        """;

    assertThat(facts(decode(MAIN, PROMPT, line)))
        .containsExactly(
            SESSION_AT_T2,
            new PromptFact(Agent.CLAUDE, "s-1", "p-1", null, null, T2, null, Channel.TRANSCRIPT));
  }

  static Stream<Arguments> summaries() {
    return Stream.of(
        Arguments.of(
            "Bash", "{\"description\":\"d\",\"command\":\"  git status\\ngit log\"}", "git status"),
        Arguments.of("Read", "{\"file_path\":\"/w/a.txt\",\"limit\":10}", "/w/a.txt"),
        Arguments.of("Write", "{\"content\":\"x\",\"file_path\":\"/w/b.txt\"}", "/w/b.txt"),
        Arguments.of("Edit", "{\"file_path\":\"/w/c.txt\",\"old_string\":\"a\"}", "/w/c.txt"),
        Arguments.of("NotebookEdit", "{\"notebook_path\":\"/w/n.ipynb\"}", "/w/n.ipynb"),
        Arguments.of("NotebookEdit", "{\"file_path\":\"/w/m.ipynb\"}", "/w/m.ipynb"),
        Arguments.of("Grep", "{\"pattern\":\"TODO\",\"path\":\"/w\"}", "TODO"),
        Arguments.of("Glob", "{\"pattern\":\"**/*.java\"}", "**/*.java"),
        Arguments.of(
            "WebFetch",
            "{\"url\":\"https://example.com\",\"prompt\":\"p\"}",
            "https://example.com"),
        Arguments.of("WebSearch", "{\"query\":\"jackson streaming\"}", "jackson streaming"),
        Arguments.of("Agent", "{\"description\":\"Probe\",\"prompt\":\"long\"}", "Probe"),
        Arguments.of("Task", "{\"description\":\"Old probe\",\"prompt\":\"long\"}", "Old probe"),
        Arguments.of("Bash", "{\"command\":\"" + "a".repeat(300) + "\"}", "a".repeat(200)),
        Arguments.of("Bash", "{\"command\":42}", null),
        Arguments.of("mcp__github__get_issue", "{\"url\":\"https://example.com\"}", null),
        Arguments.of("Read", "\"not an object\"", null));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("summaries")
  void theSummaryOfACallIsTheFirstLineOfItsMainField(String tool, String input, String summary) {
    var line =
        assistant(
            "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"%s\",\"input\":%s}"
                .formatted(tool, input),
            USAGE,
            REQUEST_ID);

    var call = onlyToolCall(decode(MAIN, PROMPT, line));

    assertThat(call.summary()).isEqualTo(summary);
    assertThat(call.input()).isEqualTo(input);
  }

  @Test
  void theToolNameMayFollowTheInput() {
    var line =
        assistant(
            "{\"input\":{\"command\":\"ls\"},\"name\":\"Bash\",\"id\":\"toolu_1\",\"type\":\"tool_use\"}",
            USAGE,
            REQUEST_ID);

    var call = onlyToolCall(decode(MAIN, PROMPT, line));

    assertThat(call.tool()).isEqualTo("Bash");
    assertThat(call.summary()).isEqualTo("ls");
  }

  @Test
  void aLongInputKeepsA64KiBPrefixAndSaysHowMuchWasCut() {
    var content = "ü".repeat(40_000);
    var input = "{\"file_path\":\"/w/big.txt\",\"content\":\"" + content + "\"}";
    var line =
        assistant(
            "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Write\",\"input\":" + input + "}",
            USAGE,
            REQUEST_ID);

    var call = onlyToolCall(decode(MAIN, PROMPT, line));

    // The input is 80,039 bytes; 65,536 would be kept, but the last ü is cut in half and goes.
    int totalBytes = input.getBytes(StandardCharsets.UTF_8).length;
    var kept = input.substring(0, 37 + (65_536 - 37) / 2);
    assertThat(totalBytes).isEqualTo(80_039);
    assertThat(call.input())
        .isEqualTo(
            kept
                + "…[truncated "
                + (totalBytes - kept.getBytes(StandardCharsets.UTF_8).length)
                + " bytes]");
    assertThat(call.input()).endsWith("…[truncated 14504 bytes]");
    assertThat(call.summary()).isEqualTo("/w/big.txt");
  }
}
