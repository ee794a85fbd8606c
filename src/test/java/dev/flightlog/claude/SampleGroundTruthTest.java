package dev.flightlog.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.flightlog.Decoded;
import dev.flightlog.Drift;
import dev.flightlog.Fact;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.SharedSamples;
import dev.flightlog.ThreadFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Decodes the transcripts real Claude Code 2.1.328 runs wrote (in the shared reference samples) and
 * checks them against what the scripted model is known to have asked for: every tool call, its
 * outcome, every model response and its usage.
 */
class SampleGroundTruthTest {

  /**
   * Where the samples are expected, present or not; for callers that decide themselves what their
   * absence means (the decoder benchmark, the decoder state properties).
   */
  static Path samplesDir() {
    return SharedSamples.claudeSamplesLocation();
  }

  /** Everything the transcripts of one scenario decode to. */
  record Decoding(List<Fact> facts, List<Drift> drift, List<String> skips) {}

  static Decoding decodeScenario(Path scenario) throws IOException {
    var facts = new ArrayList<Fact>();
    var drift = new ArrayList<Drift>();
    var skips = new ArrayList<String>();
    List<Path> paths;
    try (var walk = Files.walk(scenario.resolve("home"))) {
      paths = walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    for (var path : paths) {
      var file = TranscriptFile.of(path);
      if (file == null) {
        continue;
      }
      var decoder = new TranscriptDecoder(file, "");
      var bytes = Files.readAllBytes(path);
      int start = 0;
      int lineNumber = 1;
      for (int i = 0; i <= bytes.length; i++) {
        if (i == bytes.length || bytes[i] == '\n') {
          if (i > start) {
            collect(
                decoder.decode(bytes, start, i - start),
                path + ":" + lineNumber,
                facts,
                drift,
                skips);
          }
          start = i + 1;
          lineNumber++;
        }
      }
      var meta = file.metaPath();
      if (meta != null) {
        collect(
            TranscriptDecoder.subagentMeta(file, Files.readAllBytes(meta)),
            meta.toString(),
            facts,
            drift,
            skips);
      }
    }
    return new Decoding(facts, drift, skips);
  }

  static void collect(
      Decoded decoded, String where, List<Fact> facts, List<Drift> drift, List<String> skips) {
    switch (decoded) {
      case Decoded.Facts f -> {
        facts.addAll(f.facts());
        drift.addAll(f.drift());
      }
      case Decoded.Skipped s -> skips.add(where + ": " + s);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyScenarioMatchesItsGroundTruth() throws IOException {
    List<Path> scenarios;
    try (var list = Files.list(SharedSamples.claudeSamples())) {
      scenarios =
          list.filter(dir -> Files.isRegularFile(dir.resolve("ground_truth.json")))
              .sorted()
              .toList();
    }
    assertThat(scenarios).isNotEmpty();
    return scenarios.stream()
        .map(dir -> dynamicTest(dir.getFileName().toString(), () -> check(dir)));
  }

  static void check(Path scenario) throws IOException {
    var decoding = decodeScenario(scenario);
    var truth = asObject(readJson(Files.readAllBytes(scenario.resolve("ground_truth.json"))));

    assertThat(decoding.skips()).as("skipped lines").isEmpty();
    assertThat(decoding.drift()).as("drift").isEmpty();

    var calls = new LinkedHashMap<String, List<ToolCallFact>>();
    for (var fact : decoding.facts()) {
      if (fact instanceof ToolCallFact call) {
        calls.computeIfAbsent(call.toolUseId(), id -> new ArrayList<>()).add(call);
      }
    }
    var expectedIds = new ArrayList<String>();
    for (var call : objects(truth, "tool_calls")) {
      var id = text(call, "id");
      var name = text(call, "name");
      var isError = (Boolean) required(call, "is_error");
      var responseId = text(call, "response_id");
      expectedIds.add(id);
      var seen = calls.getOrDefault(id, List.of());
      assertThat(seen).as("facts of %s", id).isNotEmpty();
      var requested = seen.stream().filter(fact -> fact.status() == ToolStatus.PENDING).toList();
      assertThat(requested).as("request of %s", id).hasSize(1);
      assertThat(requested.getFirst().tool()).isEqualTo(name);
      assertThat(requested.getFirst().startedAt()).isNotNull();
      assertThat(requested.getFirst().messageId()).isEqualTo(responseId);
      var outcome = outcome(seen);
      assertThat(outcome).as("outcome of %s", id).isNotNull();
      assertThat(outcome != ToolStatus.OK)
          .as("%s %s is_error=%s but status %s", id, name, isError, outcome)
          .isEqualTo(isError);
    }
    assertThat(calls.keySet()).as("tool calls").containsExactlyInAnyOrderElementsOf(expectedIds);

    var requests = new LinkedHashMap<String, List<ModelRequestFact>>();
    for (var fact : decoding.facts()) {
      if (fact instanceof ModelRequestFact request) {
        requests.computeIfAbsent(request.messageId(), id -> new ArrayList<>()).add(request);
      }
    }
    var expectedMessages = new ArrayList<String>();
    for (var response : objects(truth, "model_responses")) {
      if (response.get("message_id") == null) {
        continue; // an HTTP error the model server returned instead of a response
      }
      var messageId = text(response, "message_id");
      var model = text(response, "model");
      expectedMessages.add(messageId);
      var usage = asObject(required(response, "usage"));
      var split = asObject(required(usage, "cache_creation"));
      var input = (Long) required(usage, "input_tokens");
      var output = (Long) required(usage, "output_tokens");
      var cacheRead = (Long) required(usage, "cache_read_input_tokens");
      var write5m = (Long) required(split, "ephemeral_5m_input_tokens");
      var write1h = (Long) required(split, "ephemeral_1h_input_tokens");
      var seen = requests.getOrDefault(messageId, List.of());
      assertThat(seen).as("requests of %s", messageId).isNotEmpty();
      assertThat(maximum(seen))
          .as("usage of %s", messageId)
          .isEqualTo(new Usage(input, output, cacheRead, write5m, write1h));
      assertThat(seen).extracting(ModelRequestFact::model).containsOnly(model);
      assertThat(seen).extracting(ModelRequestFact::requestId).doesNotContain("");
    }
    assertThat(requests.keySet())
        .as("model requests")
        .containsExactlyInAnyOrderElementsOf(expectedMessages);
  }

  /** A field of a ground-truth object, which must be there. */
  static Object required(Map<String, @Nullable Object> object, String field) {
    return Objects.requireNonNull(object.get(field), field);
  }

  static String text(Map<String, @Nullable Object> object, String field) {
    return (String) required(object, field);
  }

  @SuppressWarnings("unchecked")
  static Map<String, @Nullable Object> asObject(@Nullable Object value) {
    return (Map<String, @Nullable Object>) Objects.requireNonNull(value);
  }

  static List<Map<String, @Nullable Object>> objects(
      Map<String, @Nullable Object> object, String field) {
    var objects = new ArrayList<Map<String, @Nullable Object>>();
    for (var element : (List<?>) required(object, field)) {
      objects.add(asObject(element));
    }
    return objects;
  }

  /** What the store makes of several facts about one tool call: the last outcome seen. */
  static @Nullable ToolStatus outcome(List<ToolCallFact> facts) {
    ToolStatus outcome = null;
    for (var fact : facts) {
      if (fact.status() != null && fact.status() != ToolStatus.PENDING) {
        outcome = fact.status();
      }
    }
    return outcome;
  }

  /** What the store makes of the copies of one request: each counter's maximum. */
  static Usage maximum(List<ModelRequestFact> requests) {
    var max = Usage.ZERO;
    for (var request : requests) {
      var usage = Objects.requireNonNull(request.usage());
      max =
          new Usage(
              Math.max(max.inputTokens(), usage.inputTokens()),
              Math.max(max.outputTokens(), usage.outputTokens()),
              Math.max(max.cacheReadTokens(), usage.cacheReadTokens()),
              Math.max(max.cacheWrite5mTokens(), usage.cacheWrite5mTokens()),
              Math.max(max.cacheWrite1hTokens(), usage.cacheWrite1hTokens()));
    }
    return max;
  }

  @Test
  void deniedCallsAreDeniedAndInvalidOnesErrors() throws IOException {
    var scenario = SharedSamples.claudeSamples().resolve("denied");

    var outcomes = new LinkedHashMap<String, ToolStatus>();
    var calls = new LinkedHashMap<String, List<ToolCallFact>>();
    for (var fact : decodeScenario(scenario).facts()) {
      if (fact instanceof ToolCallFact call) {
        calls.computeIfAbsent(call.toolUseId(), id -> new ArrayList<>()).add(call);
      }
    }
    calls.forEach((id, facts) -> outcomes.put(id, outcome(facts)));

    assertThat(outcomes)
        .containsExactly(
            Map.entry("toolu_01Y6equTxe9tDEfWH8GcKRaj", ToolStatus.DENIED), // Write, not allowed
            Map.entry("toolu_01uaBmbAoFUr1XN9mHqt7SXQ", ToolStatus.DENIED), // rm, deny rule
            Map.entry("toolu_01mszuSYq5Q4lJw2mZS3dwKW", ToolStatus.DENIED), // Edit, disallowed
            Map.entry("toolu_01nKO2h8seiovAlgEu2XepTe", ToolStatus.ERROR), // NoSuchTool
            Map.entry("toolu_01BVzVLUnbx9sSJePp6vLF4Q", ToolStatus.ERROR), // Read, invalid input
            Map.entry("toolu_019PH8zTOdTGOzmxQdzyu2BW", ToolStatus.OK));
  }

  @Test
  void theSubagentsThreadIsLinkedToTheCallThatSpawnedIt() throws IOException {
    var scenario = SharedSamples.claudeSamples().resolve("subagent");

    var threads =
        decodeScenario(scenario).facts().stream()
            .filter(ThreadFact.class::isInstance)
            .map(ThreadFact.class::cast)
            .filter(thread -> thread.agentType() != null)
            .toList();

    assertThat(threads).hasSize(1);
    var thread = threads.getFirst();
    assertThat(thread.threadId()).isEqualTo("a64a344bd931b4f30");
    assertThat(thread.agentType()).isEqualTo("general-purpose");
    assertThat(thread.parentToolUseId()).isEqualTo("toolu_01WcF3feTfiUeQwOerTTd59i");
  }

  /** A JSON document as maps, lists, strings, longs, doubles, booleans and nulls. */
  static @Nullable Object readJson(byte[] json) throws IOException {
    try (var parser = LineParser.JSON.createParser(json)) {
      parser.nextToken();
      return value(parser);
    }
  }

  private static @Nullable Object value(JsonParser parser) throws IOException {
    var token = Objects.requireNonNull(parser.currentToken());
    return switch (token) {
      case START_OBJECT -> {
        var map = new LinkedHashMap<String, @Nullable Object>();
        String name;
        while ((name = parser.nextFieldName()) != null) {
          parser.nextToken();
          map.put(name, value(parser));
        }
        yield map;
      }
      case START_ARRAY -> {
        var list = new ArrayList<@Nullable Object>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(parser));
        }
        yield list;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      default -> null;
    };
  }
}
