package dev.flightlog.claude;

import static dev.flightlog.claude.Lines.MAIN;
import static dev.flightlog.claude.Lines.PROJECT;
import static dev.flightlog.claude.Lines.PROMPT;
import static dev.flightlog.claude.Lines.SESSION_AT_T2;
import static dev.flightlog.claude.Lines.T2;
import static dev.flightlog.claude.Lines.decode;
import static dev.flightlog.claude.Lines.facts;
import static dev.flightlog.claude.Lines.onlyToolCall;
import static dev.flightlog.claude.Lines.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.PromptFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tool results: outcomes, errors, output excerpts and sizes. */
class ToolResultLineTest {

  @Test
  void aToolResultEndsTheCallAndExtendsTheTurn() {
    var line =
        result(
            "{\"tool_use_id\":\"toolu_1\",\"type\":\"tool_result\",\"content\":\"hello\","
                + "\"is_error\":false}",
            "\"toolUseResult\":{\"stdout\":\"hello\",\"stderr\":\"\",\"interrupted\":false},");

    assertThat(facts(decode(MAIN, PROMPT, line)))
        .containsExactly(
            SESSION_AT_T2,
            new ToolCallFact(
                Agent.CLAUDE,
                "toolu_1",
                "s-1",
                "main",
                "p-1",
                null,
                null,
                null,
                ToolStatus.OK,
                null,
                "hello",
                5L,
                null,
                T2,
                null,
                PROJECT,
                null,
                Channel.TRANSCRIPT),
            new PromptFact(Agent.CLAUDE, "s-1", "p-1", null, null, T2, null, Channel.TRANSCRIPT));
  }

  static Stream<Arguments> outcomes() {
    return Stream.of(
        Arguments.of("ok", "\"hello\"", "false", "", ToolStatus.OK, null),
        Arguments.of("is_error absent", "\"hello\"", null, "", ToolStatus.OK, null),
        Arguments.of(
            "the tool failed",
            "\"Exit code 3\\nto-stderr\"",
            "true",
            "\"toolUseResult\":\"Error: Exit code 3\\nto-stderr\",",
            ToolStatus.ERROR,
            "Exit code 3\nto-stderr"),
        Arguments.of(
            "not in --allowedTools",
            "\"Claude requested permissions to write to /x, but you haven't granted it yet.\"",
            "true",
            "\"toolDenialKind\":\"user-rejected\",",
            ToolStatus.DENIED,
            "Claude requested permissions to write to /x, but you haven't granted it yet."),
        Arguments.of(
            "a deny rule",
            "\"Permission to use Bash with command rm /w/v.txt has been denied.\"",
            "true",
            "\"toolDenialKind\":\"permission-rule\",",
            ToolStatus.DENIED,
            "Permission to use Bash with command rm /w/v.txt has been denied."),
        Arguments.of(
            "--disallowedTools",
            "\"<tool_use_error>Error: No such tool available: Edit. Edit is disabled for this"
                + " session, in subagents as well as here.</tool_use_error>\"",
            "true",
            "",
            ToolStatus.DENIED,
            "Error: No such tool available: Edit. Edit is disabled for this session, in subagents"
                + " as well as here."),
        Arguments.of(
            "an unknown tool",
            "\"<tool_use_error>Error: No such tool available: NoSuchTool</tool_use_error>\"",
            "true",
            "",
            ToolStatus.ERROR,
            "Error: No such tool available: NoSuchTool"),
        Arguments.of(
            "invalid input",
            "\"<tool_use_error>InputValidationError: Read failed due to the following issues:\\n"
                + "The required parameter `file_path` is missing</tool_use_error>\"",
            "true",
            "",
            ToolStatus.ERROR,
            "InputValidationError: Read failed due to the following issues:\n"
                + "The required parameter `file_path` is missing"),
        Arguments.of(
            "interrupted while running",
            "\"[Request interrupted by user for tool use]\"",
            "true",
            "",
            ToolStatus.INTERRUPTED,
            "[Request interrupted by user for tool use]"),
        Arguments.of(
            "Bash interrupted",
            "\"partial output\"",
            "false",
            "\"toolUseResult\":{\"stdout\":\"partial output\",\"interrupted\":true},",
            ToolStatus.INTERRUPTED,
            "partial output"),
        Arguments.of(
            "denial kind interrupted",
            "\"stopped\"",
            "true",
            "\"toolDenialKind\":\"interrupted\",",
            ToolStatus.INTERRUPTED,
            "stopped"),
        Arguments.of(
            "cancelled at the permission prompt",
            "\"The user doesn't want to take this action right now. STOP what you are doing.\"",
            "true",
            "",
            ToolStatus.INTERRUPTED,
            "The user doesn't want to take this action right now. STOP what you are doing."),
        Arguments.of(
            "rejected at the permission prompt",
            "\"The user doesn't want to proceed with this tool use. The tool use was rejected.\"",
            "true",
            "",
            ToolStatus.DENIED,
            "The user doesn't want to proceed with this tool use. The tool use was rejected."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void toolResultOutcomes(
      String name, String content, String isError, String extra, ToolStatus status, String error) {
    var block =
        "{\"type\":\"tool_result\",\"content\":%s,%s\"tool_use_id\":\"toolu_1\"}"
            .formatted(content, isError == null ? "" : "\"is_error\":" + isError + ",");

    var call = onlyToolCall(decode(MAIN, PROMPT, result(block, extra)));

    assertThat(call.status()).isEqualTo(status);
    assertThat(call.error()).isEqualTo(error);
  }

  @Test
  void arrayContentIsItsTextsJoinedWithImagesAsPlaceholders() {
    var block =
        """
        {"tool_use_id":"toolu_1","type":"tool_result","content":[\
        {"type":"text","text":"first"},\
        {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}},\
        {"text":"thïrd","type":"text"}]}\
        """;

    var call = onlyToolCall(decode(MAIN, PROMPT, result(block, "")));

    assertThat(call.outputExcerpt()).isEqualTo("first\n[image]\nthïrd");
    assertThat(call.outputBytes()).isEqualTo(20L);
    assertThat(call.status()).isEqualTo(ToolStatus.OK);
  }

  @Test
  void aResultWithoutContentHasNoOutput() {
    var call =
        onlyToolCall(
            decode(MAIN, PROMPT, result("{\"type\":\"tool_result\",\"tool_use_id\":\"t\"}", "")));

    assertThat(call.outputExcerpt()).isNull();
    assertThat(call.outputBytes()).isNull();
  }

  @Test
  void aHugeResultKeepsA2KiBExcerptAndItsExactSize() {
    // 10 MB of output: one- and two-byte characters, and a four-byte one at the cut.
    var text = "x".repeat(2046) + "😀" + "é".repeat(5_000_000);
    var line =
        result("{\"type\":\"tool_result\",\"content\":\"" + text + "\",\"tool_use_id\":\"t\"}", "");

    var call = onlyToolCall(decode(MAIN, PROMPT, line));

    assertThat(line.length()).isGreaterThan(5_000_000);
    assertThat(call.outputExcerpt()).isEqualTo("x".repeat(2046));
    assertThat(call.outputBytes()).isEqualTo(2046L + 4 + 10_000_000);
  }

  @Test
  void aHugeErrorKeepsItsFirst4KiB() {
    var text = "<tool_use_error>" + "e".repeat(10_000) + "</tool_use_error>";
    var line =
        result(
            "{\"type\":\"tool_result\",\"content\":\""
                + text
                + "\",\"is_error\":true,"
                + "\"tool_use_id\":\"t\"}",
            "");

    var call = onlyToolCall(decode(MAIN, PROMPT, line));

    assertThat(call.error()).isEqualTo("e".repeat(4096));
    assertThat(call.outputExcerpt())
        .isEqualTo(("<tool_use_error>" + "e".repeat(10_000)).substring(0, 2048));
    assertThat(call.outputBytes()).isEqualTo(text.length());
  }
}
