package dev.flightlog.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.MetricPointFact;
import dev.flightlog.MetricPointFact.Temporality;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.SessionFact;
import dev.flightlog.SharedSamples;
import dev.flightlog.Skip;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OTLP bodies real Claude Code 2.1.328 runs exported (the shared samples' {@code otel/} files,
 * abridged: long lists keep their first entries and a {@code "<<truncated list: N items in
 * total>>"} marker), each decoded from JSON and from its protobuf encoding; and complete bodies
 * built from the same runs' transcripts.
 */
class SampleBodiesTest {

  private static final List<String> SCENARIOS =
      List.of("api_errors", "basic", "denied", "parallel", "resume", "subagent");

  /** One POST of the samples: which file and line, its signal and its JSON body. */
  record Post(String name, Signal signal, String json) {
    byte[] body() {
      return json.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The POSTs of one scenario's {@code otel/logs.jsonl} and {@code otel/metrics.jsonl}. */
  static List<Post> posts(String scenario) throws IOException {
    var posts = new ArrayList<Post>();
    for (var signal : Signal.values()) {
      var file =
          SharedSamples.claudeSamples()
              .resolve(scenario)
              .resolve("otel")
              .resolve(signal == Signal.LOGS ? "logs.jsonl" : "metrics.jsonl");
      int line = 0;
      for (var text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        line++;
        var post = Json.object(Json.parse(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(post.get("path")).isEqualTo(signal.path());
        var body = Json.write(Objects.requireNonNull(post.get("body")));
        posts.add(new Post(scenario + "/" + file.getFileName() + ":" + line, signal, body));
      }
    }
    assertThat(posts).isNotEmpty();
    return posts;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everySampleBodyMeansTheSameAsJsonAndAsProtobuf(String scenario) throws IOException {
    for (var post : posts(scenario)) {
      var json = OtlpDecoder.decode(post.signal(), Encoding.JSON, post.body());
      var protobuf =
          OtlpDecoder.decode(
              post.signal(),
              Encoding.PROTOBUF,
              post.signal() == Signal.LOGS
                  ? ProtoBodies.logs(post.body())
                  : ProtoBodies.metrics(post.body()));
      assertThat(protobuf.facts()).as(post.name()).isEqualTo(json.facts());
      assertThat(protobuf.drift()).as(post.name()).isEqualTo(json.drift());
      assertThat(json.drift())
          .as("%s: Claude Code's events and metrics are known", post.name())
          .isEmpty();
      assertThat(protobuf.accepted()).as(post.name()).isEqualTo(json.accepted());

      // Every item is counted once: read, or left out with a skip. The abridged lists' markers
      // exist only in JSON; protobuf has no such elements.
      var items = items(post);
      assertThat(json.accepted() + json.rejected())
          .as(post.name())
          .isEqualTo(items.objects() + items.markers());
      assertThat(json.rejected() - protobuf.rejected()).as(post.name()).isEqualTo(items.markers());
      assertThat(json.skips().stream().filter(s -> s.detail().endsWith("is not an object")))
          .as(post.name())
          .hasSize(items.markers());
    }
  }

  /** The records or points of a body, and the list markers standing where more of them were. */
  record Items(int objects, int markers) {}

  private static Items items(Post post) {
    var request = Json.object(Json.parse(post.body()));
    boolean logs = post.signal() == Signal.LOGS;
    int objects = 0;
    int markers = 0;
    for (var resource : list(request, logs ? "resourceLogs" : "resourceMetrics")) {
      if (!(resource instanceof Map<?, ?> r)) {
        markers++;
        continue;
      }
      for (var scope : list(Json.object(r), logs ? "scopeLogs" : "scopeMetrics")) {
        if (!(scope instanceof Map<?, ?> s)) {
          markers++;
          continue;
        }
        for (var item : list(Json.object(s), logs ? "logRecords" : "metrics")) {
          if (!(item instanceof Map<?, ?> m)) {
            markers++;
          } else if (logs) {
            objects++;
          } else {
            for (var data : Json.object(m).values()) {
              if (data instanceof Map<?, ?> d) {
                for (var point : list(Json.object(d), "dataPoints")) {
                  if (point instanceof Map<?, ?>) {
                    objects++;
                  } else {
                    markers++;
                  }
                }
              }
            }
          }
        }
      }
    }
    return new Items(objects, markers);
  }

  private static List<Object> list(Map<String, Object> object, String name) {
    return object.get(name) instanceof List<?> list ? Json.list(list) : List.of();
  }

  private static Export decode(String scenario, Signal signal) throws IOException {
    var file =
        SharedSamples.claudeSamples()
            .resolve(scenario)
            .resolve("otel")
            .resolve(signal == Signal.LOGS ? "logs.jsonl" : "metrics.jsonl");
    var facts = new ArrayList<dev.flightlog.Fact>();
    var skips = new ArrayList<Skip>();
    for (var text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      var body =
          Json.write(
                  Objects.requireNonNull(
                      Json.object(Json.parse(text.getBytes(StandardCharsets.UTF_8))).get("body")))
              .getBytes(StandardCharsets.UTF_8);
      var export = OtlpDecoder.decode(signal, Encoding.JSON, body);
      facts.addAll(export.facts());
      skips.addAll(export.skips());
    }
    return new Export(facts, List.of(), skips, 0, 0);
  }

  @Test
  void theBasicRunsPromptSessionAndCostPointAreDecodedExactly() throws IOException {
    var session = "72116e04-3143-4302-a3eb-b33a0e8101ef";
    var logs = decode("basic", Signal.LOGS);
    assertThat(logs.facts().stream().filter(PromptFact.class::isInstance))
        .containsExactly(
            new PromptFact(
                Agent.CLAUDE,
                session,
                "a5bf33fb-0025-4ff8-85b8-a250436a8bf3",
                null,
                Instant.parse("2026-11-23T20:26:01.170Z"),
                null,
                null,
                Channel.OTLP));
    assertThat(logs.facts().stream().filter(SessionFact.class::isInstance))
        .extracting(f -> ((SessionFact) f).seenAt())
        .as("per POST, the session's first and last record (settings resolved at start-up first)")
        .containsExactly(
            Instant.parse("2026-11-23T20:26:00.942Z"),
            Instant.parse("2026-11-23T20:26:01.842Z"),
            Instant.parse("2026-11-23T20:26:02.030Z"),
            Instant.parse("2026-11-23T20:26:02.705Z"));
    // The abridged records lost their tool_use_id and request_id: each is a counted skip (the
    // abridging also hid the first POST's fourth tool call and first request entirely).
    assertThat(logs.facts())
        .noneMatch(f -> f instanceof ToolCallFact || f instanceof ModelRequestFact);
    assertThat(logs.skips())
        .extracting(Skip::detail)
        .filteredOn(d -> d.contains("(tool_result)"))
        .hasSize(3)
        .allMatch(d -> d.endsWith(": no tool_use_id"));
    assertThat(logs.skips())
        .extracting(Skip::detail)
        .filteredOn(d -> d.contains("(api_request)"))
        .hasSize(3)
        .allMatch(d -> d.endsWith(": no request_id"));

    var metrics = decode("basic", Signal.METRICS);
    assertThat(metrics.facts())
        .filteredOn(f -> ((MetricPointFact) f).name().equals("claude_code.cost.usage"))
        .containsExactly(
            new MetricPointFact(
                Agent.CLAUDE,
                session,
                "claude_code.cost.usage",
                "{\"anthropic.custom_base_url\":true,\"anthropic.provider\":\"firstParty\","
                    + "\"effort\":\"medium\",\"model\":\"claude-opus-5-5\",\"query_source\":\"main\","
                    + "\"session.id\":\""
                    + session
                    + "\",\"terminal.type\":\"xterm\"}",
                "USD",
                Temporality.DELTA,
                Instant.parse("2026-11-23T20:26:01.406Z"),
                Instant.parse("2026-11-23T20:26:02.797Z"),
                0.045,
                Channel.OTLP));
    assertThat(metrics.skips()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void completeTelemetryOfEachRunNamesEveryCallAndRequest(String scenario) {
    var home = SharedSamples.claudeSamples().resolve(scenario).resolve("home/.claude");
    var transcripts = ClaudeTelemetry.read(home);
    var body = ClaudeTelemetry.of("2.1.328", transcripts).logsJson();
    var json = OtlpDecoder.decode(Signal.LOGS, Encoding.JSON, body);
    var protobuf = OtlpDecoder.decode(Signal.LOGS, Encoding.PROTOBUF, ProtoBodies.logs(body));
    OtlpDecoderTest.assertSameMeaning(protobuf, json);
    assertThat(json.rejected()).isZero();
    assertThat(json.skips()).isEmpty();
    assertThat(json.drift()).isEmpty();

    var results =
        json.facts().stream()
            .filter(f -> f instanceof ToolCallFact t && t.endedAt() != null)
            .map(f -> (ToolCallFact) f)
            .toList();
    assertThat(results)
        .extracting(ToolCallFact::toolUseId)
        .containsExactlyElementsOf(
            transcripts.calls().stream().map(ClaudeTelemetry.Call::id).toList());
    for (var call : transcripts.calls()) {
      var fact =
          results.stream().filter(r -> r.toolUseId().equals(call.id())).findFirst().orElseThrow();
      assertThat(fact.threadId()).isEqualTo(call.agentId().isEmpty() ? null : call.agentId());
      assertThat(fact.durationMs()).isEqualTo(call.durationMs());
      assertThat(fact.input()).isEqualTo(call.input());
      assertThat(fact.status())
          .isIn(
              call.success()
                  ? List.of(ToolStatus.OK)
                  : List.of(ToolStatus.ERROR, ToolStatus.DENIED));
    }
    var requests =
        json.facts().stream()
            .filter(ModelRequestFact.class::isInstance)
            .map(f -> (ModelRequestFact) f)
            .toList();
    assertThat(requests).hasSameSizeAs(transcripts.requests());
    for (var request : transcripts.requests()) {
      var fact =
          requests.stream()
              .filter(r -> r.requestId().equals(request.requestId()))
              .findFirst()
              .orElseThrow();
      var usage = request.usage();
      assertThat(fact.usage())
          .isEqualTo(
              new dev.flightlog.Usage(
                  usage.get(0), usage.get(1), usage.get(2), usage.get(3), usage.get(4)));
      assertThat(fact.agentCostUsd()).isEqualTo(request.costMicros() / 1e6);
    }
  }

  static List<String> scenarios() {
    return SCENARIOS;
  }
}
