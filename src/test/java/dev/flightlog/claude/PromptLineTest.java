package dev.flightlog.claude;

import static dev.flightlog.claude.Lines.MAIN;
import static dev.flightlog.claude.Lines.PROJECT;
import static dev.flightlog.claude.Lines.PROMPT;
import static dev.flightlog.claude.Lines.REQUEST_ID;
import static dev.flightlog.claude.Lines.SESSION_AT_T1;
import static dev.flightlog.claude.Lines.SESSION_AT_T2;
import static dev.flightlog.claude.Lines.SUBAGENT;
import static dev.flightlog.claude.Lines.T1;
import static dev.flightlog.claude.Lines.T2;
import static dev.flightlog.claude.Lines.USAGE;
import static dev.flightlog.claude.Lines.assistant;
import static dev.flightlog.claude.Lines.decode;
import static dev.flightlog.claude.Lines.facts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.ThreadFact;
import dev.flightlog.Usage;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Prompts, turns and threads: what user text decodes to. */
class PromptLineTest {

  @Test
  void aPromptStartsATurnAndItsThreadAndSeesTheSession() {
    assertThat(facts(decode(MAIN, PROMPT)))
        .containsExactly(
            SESSION_AT_T1,
            new ThreadFact(
                Agent.CLAUDE, "s-1", "main", null, null, null, null, T1, Channel.TRANSCRIPT),
            new PromptFact(
                Agent.CLAUDE,
                "s-1",
                "p-1",
                "fix the build",
                T1,
                null,
                PROJECT,
                Channel.TRANSCRIPT));
  }

  @Test
  void theThreadIsReportedOncePerFile() {
    var second = PROMPT.replace("\"p-1\"", "\"p-2\"").replace("fix the build", "and test it");

    assertThat(facts(decode(MAIN, PROMPT, second)))
        .containsExactly(
            SESSION_AT_T1,
            new PromptFact(
                Agent.CLAUDE, "s-1", "p-2", "and test it", T1, null, PROJECT, Channel.TRANSCRIPT));
  }

  @Test
  void fieldOrderDoesNotMatter() {
    var reordered =
        """
        {"message":{"content":"fix the build","role":"user"},"gitBranch":"main",\
        "version":"2.1.328","cwd":"/home/dev/project","timestamp":"2026-11-23T20:26:11.623Z",\
        "promptId":"p-1","uuid":"u-1","type":"user"}\
        """;

    assertThat(facts(decode(MAIN, reordered))).isEqualTo(facts(decode(MAIN, PROMPT)));
  }

  static Stream<Arguments> userTexts() {
    return Stream.of(
        Arguments.of("plain text", "\"fix the build\"", "", "fix the build"),
        Arguments.of(
            "a task notification is a new turn",
            "\"<task-notification>\\n<task-id>a1</task-id>\"",
            "\"origin\":{\"kind\":\"task-notification\"},",
            "<task-notification>\n<task-id>a1</task-id>"),
        Arguments.of(
            "a slash command",
            "\"<command-name>/review</command-name>\"",
            "",
            "<command-name>/review</command-name>"),
        Arguments.of(
            "text and image blocks",
            "[{\"type\":\"text\",\"text\":\"what is this?\"},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"data\":\"iVBOR\"}}]",
            "",
            "what is this?\n[image]"),
        Arguments.of(
            "a meta line", "\"Continue from where you left off.\"", "\"isMeta\":true,", null),
        Arguments.of(
            "a compaction summary",
            "\"This session is being continued from a previous conversation\"",
            "\"isCompactSummary\":true,\"isVisibleInTranscriptOnly\":true,",
            null),
        Arguments.of(
            "local command output",
            "\"<local-command-stdout>done</local-command-stdout>\"",
            "",
            null),
        Arguments.of(
            "the interrupt marker",
            "[{\"type\":\"text\",\"text\":\"[Request interrupted by user]\"}]",
            "",
            null),
        Arguments.of("blank text", "\"  \"", "", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("userTexts")
  void userTextIsAPromptUnlessClaudeCodeInjectedIt(
      String name, String content, String extra, String expectedText) {
    var line =
        ("{\"type\":\"user\",%s\"promptId\":\"p-9\",\"message\":{\"role\":\"user\",\"content\":%s},"
                + "\"timestamp\":\"2026-11-23T20:26:11.623Z\",\"cwd\":\"/home/dev/project\"}")
            .formatted(extra, content);

    var prompts = facts(decode(MAIN, PROMPT, line), PromptFact.class);

    if (expectedText == null) {
      assertThat(prompts).isEmpty();
    } else {
      assertThat(prompts)
          .containsExactly(
              new PromptFact(
                  Agent.CLAUDE, "s-1", "p-9", expectedText, T1, null, PROJECT, Channel.TRANSCRIPT));
    }
    // Either way the line's prompt id is the turn of the lines after it.
    var next = assistant("{\"type\":\"text\",\"text\":\"ok\"}", USAGE, REQUEST_ID);
    assertThat(facts(decode(MAIN, PROMPT, line, next), ModelRequestFact.class))
        .extracting(ModelRequestFact::promptId)
        .containsExactly("p-9");
  }

  @Test
  void aPromptWithoutAPromptIdIsKeyedByItsUuid() {
    var old = PROMPT.replace("\"promptId\":\"p-1\",", "");

    assertThat(facts(decode(MAIN, old), PromptFact.class))
        .extracting(PromptFact::promptId)
        .containsExactly("u-1");
  }

  @Test
  void aSubagentsTaskSetsTheTurnWithoutReplacingTheParentsPrompt() {
    var task =
        """
        {"parentUuid":null,"isSidechain":true,"promptId":"p-1","agentId":"a7","type":"user",\
        "message":{"role":"user","content":"SUBTASK: probe"},"uuid":"u-9",\
        "timestamp":"2026-11-23T20:26:11.623Z","userType":"external","entrypoint":"sdk-cli",\
        "cwd":"/home/dev/project","sessionId":"s-1","version":"2.1.328","gitBranch":"main"}\
        """;
    var reply =
        assistant("{\"type\":\"text\",\"text\":\"done\"}", USAGE, REQUEST_ID)
            .replace("\"isSidechain\":false,", "\"isSidechain\":true,\"agentId\":\"a7\",");

    assertThat(facts(decode(SUBAGENT, task)))
        .containsExactly(
            SESSION_AT_T1,
            new ThreadFact(
                Agent.CLAUDE, "s-1", "a7", null, null, null, null, T1, Channel.TRANSCRIPT));
    // A subagent's lines do not extend the parent's turn: no PromptFact at all.
    assertThat(facts(decode(SUBAGENT, task, reply)))
        .containsExactly(
            SESSION_AT_T2,
            new ModelRequestFact(
                Agent.CLAUDE,
                "msg_1",
                "req_1",
                "s-1",
                "a7",
                "p-1",
                "claude-opus-5-5",
                new Usage(1200, 85, 5000, 200, 100),
                T2,
                PROJECT,
                null,
                Channel.TRANSCRIPT));
  }
}
