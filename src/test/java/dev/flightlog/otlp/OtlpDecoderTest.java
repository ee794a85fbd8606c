package dev.flightlog.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.Drift;
import dev.flightlog.Fact;
import dev.flightlog.MetricPointFact;
import dev.flightlog.MetricPointFact.Temporality;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.SessionFact;
import dev.flightlog.Skip;
import dev.flightlog.SkipReason;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-written OTLP requests: each Claude Code event and metric kind to its exact facts, the proto3
 * JSON mapping's variants, and every way a body can be malformed to its exact message.
 */
class OtlpDecoderTest {

  private static final String SESSION = "72116e04-3143-4302-a3eb-b33a0e8101ef";
  private static final Instant AT = Instant.parse("2026-11-23T20:26:02.120Z");

  /** A logs request from Claude Code 2.1.328 with one record of the given attributes. */
  private static byte[] logs(String event, String attributes) {
    return logs("claude-code", event, attributes);
  }

  private static byte[] logs(String service, String event, String attributes) {
    return """
        {"resourceLogs":[{"resource":{"attributes":[
          {"key":"service.name","value":{"stringValue":"%s"}},
          {"key":"service.version","value":{"stringValue":"2.1.328"}}]},
         "scopeLogs":[{"scope":{"name":"%s","version":"2.1.328"},
          "logRecords":[{"timeUnixNano":"1795465562120000000",
           "body":{"stringValue":"claude_code.%s"},
           "attributes":[
            {"key":"user.id","value":{"stringValue":"62ec"}},
            {"key":"session.id","value":{"stringValue":"%s"}},
            {"key":"event.name","value":{"stringValue":"%s"}},
            {"key":"event.timestamp","value":{"stringValue":"2026-11-23T20:26:02.120Z"}},
            {"key":"prompt.id","value":{"stringValue":"p-1"}}%s]}]}]}]}
        """
        .formatted(
            service,
            service.equals("claude-code") ? "com.anthropic.claude_code.events" : service,
            event,
            SESSION,
            event,
            attributes.isEmpty() ? "" : "," + attributes)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String text(String key, String value) {
    var escaped = value.replace("\\", "\\\\").replace("\"", "\\\"");
    return "{\"key\":\"" + key + "\",\"value\":{\"stringValue\":\"" + escaped + "\"}}";
  }

  private static String integer(String key, long value) {
    return "{\"key\":\"" + key + "\",\"value\":{\"intValue\":\"" + value + "\"}}";
  }

  private static Export decodeLogs(byte[] body) {
    var json = OtlpDecoder.decode(Signal.LOGS, Encoding.JSON, body);
    var protobuf = OtlpDecoder.decode(Signal.LOGS, Encoding.PROTOBUF, ProtoBodies.logs(body));
    assertSameMeaning(protobuf, json);
    return json;
  }

  private static Export decodeMetrics(byte[] body) {
    var json = OtlpDecoder.decode(Signal.METRICS, Encoding.JSON, body);
    var protobuf = OtlpDecoder.decode(Signal.METRICS, Encoding.PROTOBUF, ProtoBodies.metrics(body));
    assertSameMeaning(protobuf, json);
    return json;
  }

  /** The same request as protobuf: the same facts, drift and counts (skips name other bytes). */
  static void assertSameMeaning(Export protobuf, Export json) {
    assertThat(protobuf.facts()).as("facts from protobuf").isEqualTo(json.facts());
    assertThat(protobuf.drift()).as("drift from protobuf").isEqualTo(json.drift());
    assertThat(protobuf.accepted()).as("accepted from protobuf").isEqualTo(json.accepted());
    assertThat(protobuf.rejected()).as("rejected from protobuf").isEqualTo(json.rejected());
    assertThat(protobuf.skips()).as("skips from protobuf").hasSameSizeAs(json.skips());
  }

  private static SessionFact session() {
    return new SessionFact(
        Agent.CLAUDE, SESSION, null, null, "2.1.328", AT, null, null, Channel.OTLP);
  }

  // --- log events ---

  @Test
  void aToolResultIsAToolCallWithItsOutcomeEndAndDuration() {
    var export =
        decodeLogs(
            logs(
                "tool_result",
                String.join(
                    ",",
                    text("tool_name", "Bash"),
                    text("success", "false"),
                    text("error", "Exit code 1"),
                    text("error_type", "ShellError"),
                    integer("duration_ms", 812),
                    text("tool_use_id", "toolu_1"),
                    text("tool_input", "{ \"command\": \"false\",\"description\":\"fail\" }"),
                    text("request_id", "req_1"),
                    text("agent_id", "a64a"))));
    assertThat(export.facts())
        .containsExactly(
            new ToolCallFact(
                Agent.CLAUDE,
                "toolu_1",
                SESSION,
                "a64a",
                "p-1",
                "Bash",
                "{\"command\":\"false\",\"description\":\"fail\"}",
                null,
                ToolStatus.ERROR,
                "Exit code 1",
                null,
                null,
                null,
                AT,
                812L,
                null,
                null,
                Channel.OTLP),
            session());
    assertThat(export.drift()).isEmpty();
    assertThat(export.skips()).isEmpty();
    assertThat(export.accepted()).isEqualTo(1);
    assertThat(export.rejected()).isZero();
  }

  @Test
  void aSuccessfulMainThreadCallHasNoThreadAndNoError() {
    var export =
        decodeLogs(
            logs(
                "tool_result",
                String.join(
                    ",",
                    text("tool_name", "Read"),
                    "{\"key\":\"success\",\"value\":{\"boolValue\":true}}",
                    text("duration_ms", "29"),
                    text("tool_use_id", "toolu_2"))));
    var call = (ToolCallFact) export.facts().getFirst();
    assertThat(call.threadId()).as("no agent_id: the thread is not guessed").isNull();
    assertThat(call.status()).isEqualTo(ToolStatus.OK);
    assertThat(call.error()).isNull();
    assertThat(call.durationMs()).isEqualTo(29L);
    assertThat(call.input()).isNull();
  }

  @Test
  void refusalsAndInterruptionsAreNotErrors() {
    var rejected =
        decodeLogs(
            logs(
                "tool_result",
                String.join(
                    ",",
                    text("success", "false"),
                    text("decision", "reject"),
                    text("tool_use_id", "toolu_3"))));
    assertThat(((ToolCallFact) rejected.facts().getFirst()).status()).isEqualTo(ToolStatus.DENIED);
    var interrupted =
        decodeLogs(
            logs(
                "tool_result",
                String.join(
                    ",",
                    text("success", "false"),
                    text("error", "Error: [Request interrupted by user for tool use]"),
                    text("tool_use_id", "toolu_4"))));
    assertThat(((ToolCallFact) interrupted.facts().getFirst()).status())
        .isEqualTo(ToolStatus.INTERRUPTED);
  }

  @Test
  void aRejectingDecisionDeniesTheCallAndAnAcceptingOneOnlyNamesIt() {
    var reject =
        decodeLogs(
            logs(
                "tool_decision",
                String.join(
                    ",",
                    text("tool_name", "Write"),
                    text("decision", "reject"),
                    text("source", "config"),
                    text("tool_use_id", "toolu_5"))));
    assertThat(reject.facts().getFirst())
        .isEqualTo(
            new ToolCallFact(
                Agent.CLAUDE,
                "toolu_5",
                SESSION,
                null,
                "p-1",
                "Write",
                null,
                null,
                ToolStatus.DENIED,
                null,
                null,
                null,
                null,
                AT,
                null,
                null,
                null,
                Channel.OTLP));
    var accept =
        decodeLogs(
            logs(
                "tool_decision",
                String.join(
                    ",",
                    text("tool_name", "Bash"),
                    text("decision", "accept"),
                    text("tool_use_id", "toolu_6"))));
    assertThat(accept.facts().getFirst())
        .isEqualTo(
            new ToolCallFact(
                Agent.CLAUDE,
                "toolu_6",
                SESSION,
                null,
                "p-1",
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
                null,
                null,
                Channel.OTLP));
  }

  @Test
  void anApiRequestIsAModelRequestWithClaudeCodesUsageAndCost() {
    var export =
        decodeLogs(
            logs(
                "api_request",
                String.join(
                    ",",
                    text("model", "claude-opus-5-5"),
                    integer("input_tokens", 1200),
                    integer("output_tokens", 85),
                    integer("cache_read_tokens", 5000),
                    integer("cache_creation_tokens", 360),
                    integer("cache_creation_5m_tokens", 300),
                    integer("cache_creation_1h_tokens", 60),
                    "{\"key\":\"cost_usd\",\"value\":{\"doubleValue\":0.0090000001}}",
                    integer("cost_usd_micros", 9000),
                    text("request_id", "req_1"))));
    assertThat(export.facts())
        .containsExactly(
            new ModelRequestFact(
                Agent.CLAUDE,
                "",
                "req_1",
                SESSION,
                null,
                "p-1",
                "claude-opus-5-5",
                new Usage(1200, 85, 5000, 300, 60),
                AT,
                null,
                0.009,
                Channel.OTLP),
            session());
  }

  @Test
  void withoutTheSplitAllCacheWritesAreFiveMinuteOnesAndCostUsdIsTheFallback() {
    var export =
        decodeLogs(
            logs(
                "api_request",
                String.join(
                    ",",
                    integer("input_tokens", 10),
                    text("output_tokens", "20"),
                    integer("cache_creation_tokens", 7),
                    "{\"key\":\"cost_usd\",\"value\":{\"doubleValue\":0.5}}",
                    text("request_id", "req_2"))));
    var request = (ModelRequestFact) export.facts().getFirst();
    assertThat(request.usage()).isEqualTo(new Usage(10, 20, 0, 7, 0));
    assertThat(request.agentCostUsd()).isEqualTo(0.5);
  }

  @Test
  void aUserPromptIsAPromptWhoseRedactedTextIsNotKept() {
    var shown = decodeLogs(logs("user_prompt", text("prompt", "say hello")));
    assertThat(shown.facts().getFirst())
        .isEqualTo(
            new PromptFact(
                Agent.CLAUDE, SESSION, "p-1", "say hello", AT, null, null, Channel.OTLP));
    var redacted = decodeLogs(logs("user_prompt", text("prompt", "<REDACTED>")));
    assertThat(((PromptFact) redacted.facts().getFirst()).text()).isNull();
  }

  @Test
  void recordsWithoutTheirIdAreRejectedAndCountedButTheSessionIsSeen() {
    var export =
        decodeLogs(logs("tool_result", text("tool_name", "Bash") + "," + text("success", "true")));
    assertThat(export.facts()).containsExactly(session());
    assertThat(export.accepted()).isZero();
    assertThat(export.rejected()).isEqualTo(1);
    assertThat(export.skips())
        .containsExactly(
            new Skip(
                Channel.OTLP,
                SkipReason.NOT_AN_ENTRY,
                "/v1/logs",
                "log record at byte " + recordOffset() + " (tool_result): no tool_use_id"));
    assertThat(decodeLogs(logs("api_request", text("model", "m"))).skips().getFirst().detail())
        .endsWith("(api_request): no request_id");
    assertThat(decodeLogs(logs("api_request", text("request_id", "r"))).skips().getFirst().detail())
        .endsWith("(api_request): no usable input_tokens and output_tokens");
  }

  /** Where the one log record of {@link #logs} starts, in its JSON body. */
  private static int recordOffset() {
    return new String(logs("tool_result", ""), StandardCharsets.UTF_8).indexOf("{\"timeUnixNano\"");
  }

  @Test
  void knownEventsWithoutRecordsAreAcceptedAndUnknownOnesAreDrift() {
    var known = decodeLogs(logs("hook_registered", text("hook_event", "PreToolUse")));
    assertThat(known.facts()).containsExactly(session());
    assertThat(known.drift()).isEmpty();
    assertThat(known.accepted()).isEqualTo(1);
    var unknown = decodeLogs(logs("teleport_started", ""));
    assertThat(unknown.facts()).containsExactly(session());
    assertThat(unknown.drift())
        .containsExactly(new Drift(Agent.CLAUDE, "2.1.328", "otlp_event", "teleport_started"));
    assertThat(unknown.accepted()).isEqualTo(1);
  }

  @Test
  void otherAgentsAreNeverTakenForClaudeCode() {
    var codex = decodeLogs(logs("codex_cli_rs", "codex.tool_result", text("call_id", "c1")));
    assertThat(codex.facts()).isEmpty();
    assertThat(codex.drift())
        .containsExactly(new Drift(Agent.CODEX, "2.1.328", "otlp_service", "codex_cli_rs"));
    assertThat(codex.rejected()).isEqualTo(1);
    assertThat(codex.skips().getFirst().detail())
        .isEqualTo(
            "1 log record(s) of service.name 'codex_cli_rs' (scope 'codex_cli_rs') left out:"
                + " flightlog decodes only Claude Code's telemetry");
    var unknown = decodeLogs(logs("my-app", "tool_result", text("tool_use_id", "t")));
    assertThat(unknown.facts()).isEmpty();
    assertThat(unknown.drift()).isEmpty();
    assertThat(unknown.rejected()).isEqualTo(1);
  }

  // --- metrics ---

  private static byte[] metrics(String metric) {
    return """
        {"resourceMetrics":[{"resource":{"attributes":[
          {"key":"service.name","value":{"stringValue":"claude-code"}},
          {"key":"service.version","value":{"stringValue":"2.1.328"}}]},
         "scopeMetrics":[{"scope":{"name":"com.anthropic.claude_code","version":"2.1.328"},
          "metrics":[%s]}]}]}
        """
        .formatted(metric)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static final String POINT_ATTRIBUTES =
      """
      "attributes":[{"key":"user.id","value":{"stringValue":"62ec"}},
        {"key":"session.id","value":{"stringValue":"%s"}},
        {"key":"type","value":{"stringValue":"input"}},
        {"key":"model","value":{"stringValue":"claude-opus-5-5"}},
        {"key":"anthropic.custom_base_url","value":{"boolValue":true}}]
      """
          .formatted(SESSION);

  private static final String SERIES =
      "{\"anthropic.custom_base_url\":true,\"model\":\"claude-opus-5-5\",\"session.id\":\""
          + SESSION
          + "\",\"type\":\"input\"}";

  @Test
  void sumPointsKeepTheirTemporalityAndSeriesWithoutTheUserId() {
    var export =
        decodeMetrics(
            metrics(
                """
                {"name":"claude_code.token.usage","unit":"tokens","sum":{
                  "aggregationTemporality":1,"isMonotonic":true,"dataPoints":[{%s,
                  "startTimeUnixNano":"1795465560998000000","timeUnixNano":"1795465562797000000",
                  "asDouble":1200}]}},
                {"name":"claude_code.cost.usage","unit":"USD","sum":{
                  "aggregationTemporality":"AGGREGATION_TEMPORALITY_CUMULATIVE","isMonotonic":true,
                  "dataPoints":[{"timeUnixNano":1795465562797000000,"asDouble":0.045}]}},
                {"name":"claude_code.level","gauge":{"dataPoints":[{%s,
                  "timeUnixNano":"1795465562797000000","asInt":"7"}]}}
                """
                    .formatted(POINT_ATTRIBUTES, POINT_ATTRIBUTES)));
    var start = Instant.parse("2026-11-23T20:26:00.998Z");
    var at = Instant.parse("2026-11-23T20:26:02.797Z");
    assertThat(export.facts())
        .containsExactly(
            new MetricPointFact(
                Agent.CLAUDE,
                SESSION,
                "claude_code.token.usage",
                SERIES,
                "tokens",
                Temporality.DELTA,
                start,
                at,
                1200,
                Channel.OTLP),
            new MetricPointFact(
                Agent.CLAUDE,
                "",
                "claude_code.cost.usage",
                "{}",
                "USD",
                Temporality.CUMULATIVE,
                null,
                at,
                0.045,
                Channel.OTLP),
            new MetricPointFact(
                Agent.CLAUDE,
                SESSION,
                "claude_code.level",
                SERIES,
                null,
                Temporality.GAUGE,
                null,
                at,
                7,
                Channel.OTLP));
    assertThat(export.drift())
        .containsExactly(new Drift(Agent.CLAUDE, "2.1.328", "otlp_metric", "claude_code.level"));
    assertThat(export.accepted()).isEqualTo(3);
  }

  @Test
  void anUpDownCounterIsALevelAndUnusablePointsAreRejected() {
    var export =
        decodeMetrics(
            metrics(
                """
                {"name":"claude_code.session.count","sum":{"aggregationTemporality":2,
                  "dataPoints":[{"timeUnixNano":"1795465562797000000","asInt":"3"},
                                {"timeUnixNano":"1795465562797000001"},
                                {"asDouble":1},
                                {"timeUnixNano":"1795465562797000002","flags":1}]}},
                {"name":"claude_code.active_time.total","sum":{"dataPoints":[
                  {"timeUnixNano":"1795465562797000000","asDouble":1}]}}
                """));
    assertThat(export.facts())
        .extracting(f -> ((MetricPointFact) f).temporality())
        .containsExactly(Temporality.GAUGE);
    assertThat(export.accepted()).as("the point and the no-value marker").isEqualTo(2);
    assertThat(export.rejected()).isEqualTo(3);
    assertThat(export.skips())
        .extracting(Skip::detail)
        .allSatisfy(detail -> assertThat(detail).startsWith("data point at byte "))
        .extracting(detail -> detail.substring(detail.indexOf(" of ") + 4))
        .containsExactly(
            "claude_code.session.count: no value",
            "claude_code.session.count: no time",
            "claude_code.active_time.total: aggregation temporality 0 is neither delta nor"
                + " cumulative");
  }

  @Test
  void histogramsAreDriftAndTheirPointsAreRejected() {
    var export =
        decodeMetrics(
            metrics(
                """
                {"name":"claude_code.tool.duration","histogram":{"aggregationTemporality":2,
                  "dataPoints":[{"timeUnixNano":"1795465562797000000","count":"2"},
                                {"timeUnixNano":"1795465562797000001","count":"1"}]}}
                """));
    assertThat(export.facts()).isEmpty();
    assertThat(export.drift())
        .containsExactly(
            new Drift(
                Agent.CLAUDE,
                "2.1.328",
                "otlp_metric_kind",
                "histogram claude_code.tool.duration"));
    assertThat(export.rejected()).isEqualTo(2);
  }

  // --- the proto3 JSON mapping ---

  @Test
  void protoFieldNamesNumbersAsTextAndNullsMeanTheSame() {
    var camel =
        """
        {"resourceLogs":[{"resource":{"attributes":[
          {"key":"service.name","value":{"stringValue":"claude-code"}}]},
         "scopeLogs":[{"scope":{"name":"s"},"logRecords":[{"timeUnixNano":"1795465562120000000",
          "attributes":[{"key":"event.name","value":{"stringValue":"user_prompt"}},
           {"key":"session.id","value":{"stringValue":"s1"}},
           {"key":"prompt.id","value":{"stringValue":"p1"}},
           {"key":"n","value":{"intValue":"5"}}]}]}]}]}
        """;
    var snake =
        """
        {"resource_logs":[{"resource":{"attributes":[
          {"key":"service.name","value":{"string_value":"claude-code"}}]},"schema_url":null,
         "scope_logs":[{"scope":{"name":"s"},"log_records":[{"time_unix_nano":1795465562120000000,
          "severity_number":"SEVERITY_NUMBER_INFO","body":null,
          "attributes":[{"key":"event.name","value":{"string_value":"user_prompt"}},
           {"key":"session.id","value":{"string_value":"s1"}},
           {"key":"prompt.id","value":{"string_value":"p1"}},
           {"key":"n","value":{"int_value":5}}]}]}]}],"unknownField":{"a":[1,2]}}
        """;
    var a = OtlpDecoder.decode(Signal.LOGS, Encoding.JSON, camel.getBytes(StandardCharsets.UTF_8));
    var b = OtlpDecoder.decode(Signal.LOGS, Encoding.JSON, snake.getBytes(StandardCharsets.UTF_8));
    assertThat(b).isEqualTo(a);
    assertThat(a.facts())
        .containsExactly(
            new PromptFact(
                Agent.CLAUDE,
                "s1",
                "p1",
                null,
                Instant.parse("2026-11-23T20:26:02.120Z"),
                null,
                null,
                Channel.OTLP),
            new SessionFact(
                Agent.CLAUDE,
                "s1",
                null,
                null,
                "unknown",
                Instant.parse("2026-11-23T20:26:02.120Z"),
                null,
                null,
                Channel.OTLP));
  }

  @Test
  void elementsThatAreNotObjectsAreLeftOutAndCounted() {
    var body =
        """
        {"resourceLogs":[{"resource":{"attributes":[
          {"key":"service.name","value":{"stringValue":"claude-code"}},"<<truncated>>"]},
         "scopeLogs":[{"logRecords":["<<truncated list: 9 items in total>>",
          {"attributes":[{"key":"event.name","value":{"stringValue":"api_error"}},
            42, {"key":"session.id","value":{"stringValue":"s1"}}]}]}]}, "x"]}
        """;
    var export =
        OtlpDecoder.decode(Signal.LOGS, Encoding.JSON, body.getBytes(StandardCharsets.UTF_8));
    assertThat(export.facts())
        .containsExactly(
            new SessionFact(
                Agent.CLAUDE, "s1", null, null, "unknown", null, null, null, Channel.OTLP));
    assertThat(export.accepted()).isEqualTo(1);
    assertThat(export.rejected()).isEqualTo(2);
    assertThat(export.skips())
        .extracting(Skip::detail)
        .containsExactly(
            "logRecords element at byte "
                + body.indexOf("\"<<truncated list")
                + " is not an object",
            "resourceLogs element at byte " + body.indexOf("\"x\"") + " is not an object",
            "2 list element(s) that are not objects left out, the first at attributes element at"
                + " byte "
                + body.indexOf("\"<<truncated>>\""));
  }

  // --- malformed bodies ---

  private static void assertMalformedJson(String body, String message) {
    assertThatThrownBy(
            () ->
                OtlpDecoder.decode(
                    Signal.LOGS, Encoding.JSON, body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(OtlpException.class)
        .hasMessage(message);
  }

  @Test
  void malformedJsonSaysWhereAndWhat() {
    assertMalformedJson("[]", "malformed OTLP JSON at byte 0: the body is not a JSON object");
    assertMalformedJson(
        "{\"resourceLogs\":{}}", "malformed OTLP JSON at byte 16: resourceLogs must be an array");
    assertMalformedJson(
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"soon\"}]}]}]}",
        "malformed OTLP JSON at byte 62: timeUnixNano must be an integer, not 'soon'");
    assertMalformedJson(
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":-1}]}]}]}",
        "malformed OTLP JSON at byte 62: timeUnixNano is out of range for an unsigned 64-bit"
            + " integer: -1");
    // An exponent is refused before it is expanded (this took a minute: found by fuzzing).
    assertMalformedJson(
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"1E38000000\"}]}]}]}",
        "malformed OTLP JSON at byte 62: timeUnixNano is out of range for a 64-bit integer:"
            + " '1E38000000'");
    assertMalformedJson(
        "{} {}", "malformed OTLP JSON at byte 3: unexpected content after the" + " request object");
    assertThatThrownBy(
            () ->
                OtlpDecoder.decode(
                    Signal.LOGS,
                    Encoding.JSON,
                    "{\"resourceLogs\":[{\"scopeLogs\":[".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(OtlpException.class)
        .hasMessageStartingWith("malformed OTLP JSON at byte 31: Unexpected end-of-input");
    assertThatThrownBy(
            () ->
                OtlpDecoder.decode(
                    Signal.METRICS,
                    Encoding.JSON,
                    ("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"sum\":{"
                            + "\"aggregationTemporality\":\"SOMETIMES\"}}]}]}]}")
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessage(
            "malformed OTLP JSON at byte 82: aggregationTemporality has an unknown value"
                + " 'SOMETIMES'");
  }

  @Test
  void deeplyNestedValuesAreMalformed() {
    var value = new StringBuilder("{\"stringValue\":\"x\"}");
    for (int i = 0; i < 70; i++) {
      value.insert(0, "{\"arrayValue\":{\"values\":[").append("]}}");
    }
    var body = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":" + value + "}]}]}]}";
    assertThatThrownBy(
            () ->
                OtlpDecoder.decode(
                    Signal.LOGS, Encoding.JSON, body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(OtlpException.class)
        .hasMessageContaining("values nested deeper than 64 levels");
    assertThatThrownBy(
            () ->
                OtlpDecoder.decode(
                    Signal.LOGS,
                    Encoding.PROTOBUF,
                    ProtoBodies.logs(body.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(OtlpException.class)
        .hasMessageStartingWith("malformed protobuf at byte ")
        .hasMessageEndingWith(": values nested deeper than 64 levels");
  }

  private static void assertMalformedProtobuf(int[] bytes, String message) {
    var body = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      body[i] = (byte) bytes[i];
    }
    assertThatThrownBy(() -> OtlpDecoder.decode(Signal.LOGS, Encoding.PROTOBUF, body))
        .isInstanceOf(OtlpException.class)
        .hasMessage(message);
  }

  @Test
  void malformedProtobufSaysWhereAndWhat() {
    assertMalformedProtobuf(
        new int[] {0x0A, 0x05, 0x0A},
        "malformed protobuf at byte 1: length 5 exceeds the 1 bytes left in its message");
    assertMalformedProtobuf(
        new int[] {0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F},
        "malformed protobuf at byte 1: length 4294967295 exceeds the 0 bytes left in its message");
    assertMalformedProtobuf(
        new int[] {0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01},
        "malformed protobuf at byte 1: length 18446744073709551615 exceeds the 0 bytes left in"
            + " its message");
    assertMalformedProtobuf(
        new int[] {0x08, 0x01},
        "malformed protobuf at byte 0: field resource_logs (1) of ExportLogsServiceRequest has"
            + " wire type 0, expected 2");
    assertMalformedProtobuf(
        new int[] {0x0F},
        "malformed protobuf at byte 0: field 1 has wire type 7 (not a protobuf" + " wire type)");
    assertMalformedProtobuf(
        new int[] {0x13},
        "malformed protobuf at byte 0: field 2 has wire type 3 (groups are not used by OTLP)");
    assertMalformedProtobuf(new int[] {0x00}, "malformed protobuf at byte 0: field number 0");
    assertMalformedProtobuf(
        new int[] {0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02},
        "malformed protobuf at byte 1: varint longer than 64 bits");
    assertMalformedProtobuf(
        new int[] {0x10, 0x80},
        "malformed protobuf at byte 1: varint cut off at the end of its" + " message");
    assertMalformedProtobuf(
        new int[] {0x19, 1, 2, 3},
        "malformed protobuf at byte 1: 8 bytes needed but only 3 left in the message");
    // A log record whose time is a varint instead of fixed64, inside resource and scope.
    assertMalformedProtobuf(
        new int[] {0x0A, 0x06, 0x12, 0x04, 0x12, 0x02, 0x08, 0x01},
        "malformed protobuf at byte 6: field time_unix_nano (1) of LogRecord has wire type 0,"
            + " expected 1");
  }

  @Test
  void aCutOffProtobufBodyIsMalformedWhereverItIsCut() {
    var json =
        logs(
            "tool_result",
            String.join(",", text("tool_use_id", "toolu_1"), integer("duration_ms", 5)));
    var whole = ProtoBodies.logs(json);
    assertThat(OtlpDecoder.decode(Signal.LOGS, Encoding.PROTOBUF, whole).facts()).hasSize(2);
    for (int length = 1; length < whole.length; length++) {
      var cut = java.util.Arrays.copyOf(whole, length);
      // The request holds one resource, so every cut inside it breaks a length or a value.
      assertThatThrownBy(() -> OtlpDecoder.decode(Signal.LOGS, Encoding.PROTOBUF, cut))
          .as("cut at %d of %d", length, whole.length)
          .isInstanceOf(OtlpException.class)
          .hasMessageStartingWith("malformed protobuf at byte ");
    }
  }

  @Test
  void emptyBodiesAreEmptyRequestsInProtobufAndMalformedInJson() {
    assertThat(OtlpDecoder.decode(Signal.METRICS, Encoding.PROTOBUF, new byte[0]))
        .isEqualTo(new Export(List.<Fact>of(), List.of(), List.of(), 0, 0));
    assertThatThrownBy(() -> OtlpDecoder.decode(Signal.METRICS, Encoding.JSON, new byte[0]))
        .isInstanceOf(OtlpException.class)
        .hasMessage("malformed OTLP JSON at byte 0: the body is not a JSON object");
  }
}
