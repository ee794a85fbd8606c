package dev.flightlog.claude;

import static dev.flightlog.claude.Lines.MAIN;
import static dev.flightlog.claude.Lines.PROMPT;
import static dev.flightlog.claude.Lines.REQUEST_ID;
import static dev.flightlog.claude.Lines.SUBAGENT;
import static dev.flightlog.claude.Lines.USAGE;
import static dev.flightlog.claude.Lines.VERSION;
import static dev.flightlog.claude.Lines.assistant;
import static dev.flightlog.claude.Lines.decode;
import static dev.flightlog.claude.Lines.facts;
import static dev.flightlog.claude.Lines.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.CostStateFact;
import dev.flightlog.Decoded;
import dev.flightlog.Drift;
import dev.flightlog.ThreadFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.Usage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cost states, entries with nothing to store, drift and subagent meta files. */
class OtherEntryTest {

  @Test
  void aCostStateIsTheSessionsRunningTotal() {
    var line =
        """
        {"type":"cost-state","sessionId":"s-1","totalCostUSD":0.063,"totalAPIDuration":199,\
        "totalAPIDurationWithoutRetries":189,"totalToolDuration":30,"totalLinesAdded":0,\
        "totalLinesRemoved":0,"totalDuration":1888,"startTime":1795465571051,"modelUsage":\
        {"claude-opus-5-5":{"inputTokens":8400,"outputTokens":595,"thinkingTokens":0,\
        "cacheReadInputTokens":35000,"cacheCreationInputTokens":2100,\
        "cacheCreationEphemeral5mInputTokens":1600,"cacheCreationEphemeral1hInputTokens":500,\
        "webSearchRequests":0,"costUSD":0.06},"claude-haiku-4-5":{"inputTokens":10,\
        "outputTokens":1,"cacheCreationInputTokens":7,"costUSD":0.003}},\
        "hasUnknownModelCost":false}\
        """;

    assertThat(facts(decode(MAIN, line)))
        .containsExactly(
            new CostStateFact(
                Agent.CLAUDE,
                "s-1",
                0.063,
                null,
                List.of(
                    new CostStateFact.ModelCost(
                        "claude-opus-5-5", new Usage(8400, 595, 35000, 1600, 500), 0.06),
                    new CostStateFact.ModelCost(
                        "claude-haiku-4-5", new Usage(10, 1, 0, 7, 0), 0.003)),
                Channel.TRANSCRIPT));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"queue-operation\",\"operation\":\"enqueue\",\"content\":\"x\"}",
        "{\"parentUuid\":\"u\",\"attachment\":{\"type\":\"date\",\"date\":\"x\"},\"type\":\"attachment\"}",
        "{\"type\":\"api-request\",\"params\":{\"model\":\"m\"},\"tail\":[\"h\"]}",
        "{\"type\":\"api-request-shape\",\"shape\":{\"system\":[],\"tools\":[]}}",
        "{\"type\":\"api-request-blob\",\"hash\":\"h\",\"message\":{\"role\":\"user\",\"content\":"
            + "[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":\"x\"}]}}",
        "{\"type\":\"tools-used\",\"tools\":[\"Bash\"]}",
        "{\"type\":\"last-prompt\",\"lastPrompt\":\"x\",\"leafUuid\":\"u\"}",
        "{\"type\":\"atis-latch\",\"atis\":\"\"}",
        "{\"type\":\"system\",\"subtype\":\"api_error\",\"error\":{\"status\":529}}",
        "{\"type\":\"mode\",\"mode\":\"normal\"}",
        "{\"type\":\"summary\",\"summary\":\"Fixing the build\",\"leafUuid\":\"u\"}",
        "{\"type\":\"file-history-snapshot\",\"messageId\":\"m\",\"snapshot\":{}}"
      })
  void knownEntriesWithNothingToStoreGiveNoFacts(String line) {
    assertThat(decode(MAIN, line)).isEqualTo(new Decoded.Facts(List.of(), List.of()));
  }

  @Test
  void anUnknownEntryTypeIsDriftUnderTheLastVersionSeen() {
    var line = "{\"type\":\"brand-new\",\"payload\":{}}";

    assertThat(decode(MAIN, line))
        .isEqualTo(
            new Decoded.Facts(
                List.of(), List.of(new Drift(Agent.CLAUDE, "unknown", "entry_type", "brand-new"))));
    assertThat(decode(MAIN, PROMPT, line))
        .isEqualTo(
            new Decoded.Facts(
                List.of(), List.of(new Drift(Agent.CLAUDE, VERSION, "entry_type", "brand-new"))));
    assertThat(decode(MAIN, "{\"type\":\"brand-new\",\"version\":\"3.0.0\"}"))
        .isEqualTo(
            new Decoded.Facts(
                List.of(), List.of(new Drift(Agent.CLAUDE, "3.0.0", "entry_type", "brand-new"))));
  }

  @Test
  void unknownFieldsAndBlocksOfConversationLinesAreDrift() {
    var prompt = PROMPT.replace("\"uuid\":", "\"someNewField\":[1,2],\"uuid\":");
    var reply =
        assistant(
            "{\"type\":\"fancy_block\",\"x\":1},{\"type\":\"fancy_block\"},{\"type\":\"text\",\"text\":\"ok\"}",
            USAGE,
            REQUEST_ID + "\"shinyFlag\":true,");

    var promptDecoded = (Decoded.Facts) decode(MAIN, prompt);
    var replyDecoded = (Decoded.Facts) decode(MAIN, PROMPT, reply);

    assertThat(promptDecoded.drift())
        .containsExactly(new Drift(Agent.CLAUDE, VERSION, "field", "user.someNewField"));
    assertThat(promptDecoded.facts()).hasSize(3);
    assertThat(replyDecoded.drift())
        .containsExactly(
            new Drift(Agent.CLAUDE, VERSION, "field", "assistant.shinyFlag"),
            new Drift(Agent.CLAUDE, VERSION, "content_block", "assistant.fancy_block"));
    assertThat(replyDecoded.facts()).hasSize(3);
  }

  @Test
  void unknownPartsOfAToolResultAreDriftAndPlaceholders() {
    var block =
        "{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":[{\"type\":\"hologram\"}]}";

    var decoded = (Decoded.Facts) decode(MAIN, PROMPT, result(block, ""));

    assertThat(decoded.drift())
        .containsExactly(
            new Drift(Agent.CLAUDE, VERSION, "content_block", "user.tool_result.hologram"));
    assertThat(decoded.facts())
        .filteredOn(ToolCallFact.class::isInstance)
        .extracting(fact -> ((ToolCallFact) fact).outputExcerpt())
        .containsExactly("[hologram]");
  }

  @Test
  void aSubagentsMetaNamesItsTypeAndTheCallThatSpawnedIt() {
    var json =
        """
        {
         "agentType": "general-purpose",
         "isBuiltIn": true,
         "description": "Probe the workspace",
         "toolUseId": "toolu_01WcF3feTfiUeQwOerTTd59i",
         "spawnDepth": 1,
         "requestShape": "foreground",
         "requestNonInteractive": true,
         "model": "claude-opus-5-5",
         "pickedEffortModel": "claude-opus-5-5",
         "finished": true
        }
        """;

    assertThat(TranscriptDecoder.subagentMeta(SUBAGENT, json.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(
            new Decoded.Facts(
                List.of(
                    new ThreadFact(
                        Agent.CLAUDE,
                        "s-1",
                        "a7",
                        "general-purpose",
                        "Probe the workspace",
                        "toolu_01WcF3feTfiUeQwOerTTd59i",
                        "claude-opus-5-5",
                        null,
                        Channel.TRANSCRIPT)),
                List.of()));
  }

  @Test
  void aMetaWithNewFieldsIsDrift() {
    var json = "{\"agentType\":\"Explore\",\"teamName\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(((Decoded.Facts) TranscriptDecoder.subagentMeta(SUBAGENT, json)).drift())
        .containsExactly(new Drift(Agent.CLAUDE, "unknown", "field", "meta.teamName"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "{\"agentType\":", "{} {}"})
  void aBrokenMetaIsSkipped(String json) {
    assertThat(TranscriptDecoder.subagentMeta(SUBAGENT, json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Decoded.Skipped.class);
  }

  @Test
  void aMainTranscriptHasNoMeta() {
    assertThat(TranscriptDecoder.subagentMeta(MAIN, "{}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(
            new Decoded.Skipped(
                dev.flightlog.SkipReason.NOT_AN_ENTRY,
                "not a subagent transcript: /h/.claude/projects/-p/s-1.jsonl"));
  }
}
