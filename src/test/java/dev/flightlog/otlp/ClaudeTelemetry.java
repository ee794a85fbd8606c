package dev.flightlog.otlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OTLP log bodies as Claude Code 2.1.328 exports them, complete: the reference samples are abridged
 * (long attribute lists keep their first ten entries), so they lack the ids that tie a record to a
 * tool call or a model request. Attribute names, value types and order follow the samples and
 * FORMATS.md; numbers come as Claude Code sends them (some as integers, some as strings).
 */
public final class ClaudeTelemetry {

  /** What one log record says, before it is written as OTLP JSON. */
  private record Event(String name, String session, Instant at, Map<String, Object> attributes) {}

  private final String version;
  private final List<Event> events = new ArrayList<>();
  private int sequence;

  public ClaudeTelemetry(String version) {
    this.version = version;
  }

  /** A model request, with Claude Code's own cost in micro-dollars. */
  public ClaudeTelemetry apiRequest(
      String session,
      String agentId,
      String promptId,
      String requestId,
      String model,
      List<Long> usage,
      long costMicros,
      Instant at) {
    var a = new LinkedHashMap<String, Object>();
    a.put("prompt.id", promptId);
    a.put("model", model);
    a.put("input_tokens", usage.get(0));
    a.put("output_tokens", usage.get(1));
    a.put("cache_read_tokens", usage.get(2));
    a.put("cache_creation_tokens", usage.get(3) + usage.get(4));
    a.put("cache_creation_5m_tokens", usage.get(3));
    a.put("cache_creation_1h_tokens", usage.get(4));
    a.put("cost_usd", costMicros / 1e6);
    a.put("cost_usd_micros", costMicros);
    a.put("duration_ms", "812");
    a.put("ttft_ms", "140");
    a.put("request_id", requestId);
    a.put("query_source", agentId.isEmpty() ? "sdk" : "agent:builtin:general-purpose");
    a.put("effort", "medium");
    a.put("speed", "standard");
    if (!agentId.isEmpty()) {
      a.put("agent.name", "general-purpose");
      a.put("agent_id", agentId);
    }
    events.add(new Event("api_request", session, at, a));
    return this;
  }

  /** The permission decision for a call, then its result. */
  public ClaudeTelemetry toolCall(
      String session,
      String agentId,
      String promptId,
      String requestId,
      String toolUseId,
      String tool,
      String inputJson,
      boolean success,
      String error,
      long durationMs,
      Instant at) {
    var d = new LinkedHashMap<String, Object>();
    d.put("prompt.id", promptId);
    d.put("decision", "accept");
    d.put("source", "config");
    d.put("tool_name", tool);
    d.put("tool_use_id", toolUseId);
    d.put("tool_parameters", "{}");
    d.put("tool_source", "builtin");
    d.put("permission_mode", "default");
    d.put("request_id", requestId);
    if (!agentId.isEmpty()) {
      d.put("agent_id", agentId);
    }
    events.add(new Event("tool_decision", session, at.minusMillis(durationMs + 3), d));
    var r = new LinkedHashMap<String, Object>();
    r.put("prompt.id", promptId);
    r.put("tool_name", tool);
    r.put("success", Boolean.toString(success));
    r.put("duration_ms", durationMs);
    if (!success) {
      r.put("error", error);
      r.put("error_type", "ToolError");
    }
    r.put("tool_use_id", toolUseId);
    r.put("tool_input", inputJson);
    r.put("tool_parameters", "{}");
    r.put("tool_input_size_bytes", (long) inputJson.length());
    r.put("tool_result_size_bytes", 15L);
    r.put("request_id", requestId);
    if (!agentId.isEmpty()) {
      r.put("agent_id", agentId);
    }
    events.add(new Event("tool_result", session, at, r));
    return this;
  }

  public ClaudeTelemetry userPrompt(String session, String promptId, String text, Instant at) {
    var a = new LinkedHashMap<String, Object>();
    a.put("prompt.id", promptId);
    a.put("prompt_length", Integer.toString(text.length()));
    a.put("prompt", text);
    events.add(new Event("user_prompt", session, at, a));
    return this;
  }

  /** Every event so far as one {@code ExportLogsServiceRequest} in OTLP JSON. */
  public byte[] logsJson() {
    var records = new ArrayList<Object>();
    for (var event : events) {
      var attributes = new ArrayList<Object>();
      attributes.add(
          attribute("user.id", "62ec1062f263035775a494a1e9bab7b06ba943adcbddc6b84822ac"));
      attributes.add(attribute("session.id", event.session()));
      attributes.add(attribute("anthropic.provider", "firstParty"));
      attributes.add(attribute("anthropic.custom_base_url", true));
      attributes.add(attribute("terminal.type", "xterm"));
      attributes.add(attribute("event.name", event.name()));
      attributes.add(attribute("event.timestamp", event.at().toString()));
      attributes.add(attribute("event.sequence", (long) sequence++));
      event.attributes().forEach((key, value) -> attributes.add(attribute(key, value)));
      var nanos = Long.toString(event.at().toEpochMilli() * 1_000_000L);
      var record = new LinkedHashMap<String, Object>();
      record.put("timeUnixNano", nanos);
      record.put("observedTimeUnixNano", nanos);
      record.put("body", Map.of("stringValue", "claude_code." + event.name()));
      record.put("attributes", attributes);
      record.put("droppedAttributesCount", 0L);
      record.put("flags", 1L);
      record.put("traceId", "ea21921eb02c69c89ad62d8ad3bf398e");
      record.put("spanId", "a1cb7ecab76d8e9d");
      records.add(record);
    }
    var resource =
        List.of(
            attribute("host.arch", "amd64"),
            attribute("os.type", "linux"),
            attribute("service.name", "claude-code"),
            attribute("service.version", version));
    var body =
        Map.of(
            "resourceLogs",
            List.of(
                Map.of(
                    "resource",
                    Map.of("attributes", resource, "droppedAttributesCount", 0L),
                    "scopeLogs",
                    List.of(
                        Map.of(
                            "scope",
                            Map.of("name", "com.anthropic.claude_code.events", "version", version),
                            "logRecords",
                            records)))));
    return Json.write(body).getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, Object> attribute(String key, Object value) {
    var typed =
        switch (value) {
          case String s -> Map.<String, Object>of("stringValue", s);
          case Boolean b -> Map.<String, Object>of("boolValue", b);
          case Long l -> Map.<String, Object>of("intValue", l);
          case Double d -> Map.<String, Object>of("doubleValue", d);
          default -> throw new IllegalArgumentException("not an attribute value: " + value);
        };
    return Map.of("key", key, "value", typed);
  }

  // --- from transcripts ---

  /** A model request as the transcripts tell it. */
  public record Request(
      String session,
      String agentId,
      String promptId,
      String requestId,
      String model,
      List<Long> usage,
      Instant at) {
    /** The cost this telemetry states: a price per token, in whole micro-dollars. */
    public long costMicros() {
      return 3 * usage.get(0)
          + 15 * usage.get(1)
          + usage.get(2) / 10 * 3
          + usage.get(3) * 4
          + usage.get(4) * 6;
    }
  }

  /** A tool use block, waiting for its result. */
  private record Use(String tool, String input, String requestId, Instant at) {}

  /** A tool call as the transcripts tell it. */
  public record Call(
      String session,
      String agentId,
      String promptId,
      String requestId,
      String id,
      String tool,
      String input,
      boolean success,
      String error,
      long durationMs,
      Instant at) {}

  /** The model requests and tool calls of every transcript under a Claude Code home. */
  public record Transcripts(List<Request> requests, List<Call> calls, List<String[]> prompts) {}

  /**
   * Reads the transcripts under {@code claudeHome/projects}: each assistant message's request id,
   * model and final usage, each tool call with its result, and each prompt.
   */
  public static Transcripts read(Path claudeHome) {
    var requests = new TreeMap<String, Request>();
    var uses = new LinkedHashMap<String, Use>();
    var calls = new ArrayList<Call>();
    var prompts = new ArrayList<String[]>();
    List<Path> files;
    try (var walk = Files.walk(claudeHome.resolve("projects"))) {
      files = walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (var file : files) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      var promptId = "";
      for (var line : lines) {
        if (line.isBlank()) {
          continue;
        }
        var entry = Json.object(Json.parse(line.getBytes(StandardCharsets.UTF_8)));
        var session = String.valueOf(entry.getOrDefault("sessionId", ""));
        var agentId = String.valueOf(entry.getOrDefault("agentId", ""));
        if (entry.get("promptId") instanceof String p) {
          promptId = p;
        }
        if (!(entry.get("timestamp") instanceof String stamp)
            || !(entry.get("message") instanceof Map<?, ?> m)) {
          continue;
        }
        var at = Instant.parse(stamp);
        var message = Json.object(m);
        var type = entry.get("type");
        // Claude Code's own stand-in replies (an API error shown as a message) are no request.
        if ("assistant".equals(type)
            && entry.get("requestId") instanceof String requestId
            && !"<synthetic>".equals(message.get("model"))) {
          var usage = Json.object(message.getOrDefault("usage", Map.of()));
          var creation = Json.object(usage.getOrDefault("cache_creation", Map.of()));
          var counts =
              new long[] {
                number(usage, "input_tokens"),
                number(usage, "output_tokens"),
                number(usage, "cache_read_input_tokens"),
                number(creation, "ephemeral_5m_input_tokens"),
                number(creation, "ephemeral_1h_input_tokens")
              };
          var model = String.valueOf(message.getOrDefault("model", ""));
          var known = requests.get(requestId);
          if (known != null) {
            for (int i = 0; i < counts.length; i++) {
              counts[i] = Math.max(counts[i], known.usage().get(i));
            }
          }
          requests.put(
              requestId,
              new Request(
                  session,
                  agentId,
                  promptId,
                  requestId,
                  model,
                  java.util.Arrays.stream(counts).boxed().toList(),
                  known == null ? at : known.at()));
          for (var block : Json.objects(message, "content")) {
            if ("tool_use".equals(block.get("type"))) {
              uses.put(
                  (String) block.get("id"),
                  new Use(
                      String.valueOf(block.get("name")),
                      Json.write(block.getOrDefault("input", Map.of())),
                      requestId,
                      at));
            }
          }
        }
        if ("user".equals(type)
            && message.get("content") instanceof String text
            && agentId.isEmpty()
            && !Boolean.TRUE.equals(entry.get("isMeta"))) {
          prompts.add(new String[] {session, promptId, text, stamp});
        }
        if ("user".equals(type)) {
          for (var block : Json.objects(message, "content")) {
            if (!"tool_result".equals(block.get("type"))
                || !(block.get("tool_use_id") instanceof String toolUseId)
                || uses.get(toolUseId) == null) {
              continue;
            }
            var use = java.util.Objects.requireNonNull(uses.get(toolUseId));
            boolean isError = Boolean.TRUE.equals(block.get("is_error"));
            var started = use.at();
            calls.add(
                new Call(
                    session,
                    agentId,
                    promptId,
                    use.requestId(),
                    toolUseId,
                    use.tool(),
                    use.input(),
                    !isError,
                    isError ? text(block.getOrDefault("content", "")) : "",
                    Math.max(1, at.toEpochMilli() - started.toEpochMilli() - 2),
                    at));
          }
        }
      }
    }
    return new Transcripts(List.copyOf(requests.values()), calls, prompts);
  }

  /** Telemetry of everything the transcripts tell. */
  public static ClaudeTelemetry of(String version, Transcripts transcripts) {
    var telemetry = new ClaudeTelemetry(version);
    for (var p : transcripts.prompts()) {
      telemetry.userPrompt(p[0], p[1], p[2], Instant.parse(p[3]));
    }
    for (var r : transcripts.requests()) {
      telemetry.apiRequest(
          r.session(),
          r.agentId(),
          r.promptId(),
          r.requestId(),
          r.model(),
          r.usage(),
          r.costMicros(),
          r.at().plusMillis(5));
    }
    for (var c : transcripts.calls()) {
      telemetry.toolCall(
          c.session(),
          c.agentId(),
          c.promptId(),
          c.requestId(),
          c.id(),
          c.tool(),
          c.input(),
          c.success(),
          c.error(),
          c.durationMs(),
          c.at().minusMillis(1));
    }
    return telemetry;
  }

  private static long number(Map<String, Object> object, String name) {
    return object.get(name) instanceof Long value ? value : 0;
  }

  private static String text(Object content) {
    if (content instanceof String s) {
      return s;
    }
    var out = new StringBuilder();
    if (content instanceof List<?> blocks) {
      for (var block : blocks) {
        if (block instanceof Map<?, ?> map && map.get("text") instanceof String t) {
          out.append(t);
        }
      }
    }
    return out.toString();
  }
}
