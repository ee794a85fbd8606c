package dev.flightlog.corpus;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The lines of a transcript that stand outside its {@code parentUuid} chain: the record of each API
 * request (its shape, the message blobs it sends, the request itself) and the session's bookkeeping
 * (queue operations, last prompt, tools used, mode, cost state).
 */
final class Records {
  private static final List<String> SHAPE_TOOLS =
      List.of(
          "Agent",
          "Bash",
          "Edit",
          "ListAgents",
          "Read",
          "ReportFindings",
          "ScheduleWakeup",
          "Skill",
          "ToolSearch",
          "Workflow",
          "DeferredToolPlaceholder",
          "Write");

  private static final List<String> BETAS =
      List.of(
          "claude-code-20250219",
          "interleaved-thinking-2025-05-14",
          "context-management-2025-06-27",
          "per-turn-control-2026-07-01",
          "mid-conversation-tool-changes-2026-07-01",
          "thinking-token-count-2026-05-13",
          "advanced-tool-use-2025-11-20",
          "effort-2025-11-24");

  private final Transcript t;
  private final JsonGenerator gen;
  private final SessionContext context;
  private final Filler filler;
  private final SplittableRandom random;
  private final Ids ids;

  Records(Transcript t) {
    this.t = t;
    this.gen = t.gen();
    this.context = t.context();
    this.filler = t.filler();
    this.random = t.random();
    this.ids = t.ids();
  }

  void queueOperation(boolean enqueue, @Nullable String content, long at) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", "queue-operation");
    gen.writeStringField("operation", enqueue ? "enqueue" : "dequeue");
    t.timestamp(at);
    gen.writeStringField("sessionId", context.sessionId());
    if (content != null) {
      gen.writeStringField("content", content);
    }
    t.end("queue-operation");
  }

  void atisLatch() throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", "atis-latch");
    gen.writeStringField("atis", "");
    gen.writeStringField("sessionId", context.sessionId());
    t.end("atis-latch");
  }

  void lastPrompt(String prompt) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", "last-prompt");
    gen.writeStringField("lastPrompt", prompt);
    String leaf = t.parent();
    gen.writeStringField("leafUuid", leaf == null ? ids.uuid() : leaf);
    gen.writeStringField("sessionId", context.sessionId());
    t.end("last-prompt");
  }

  void toolsUsed(Iterable<String> names) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", "tools-used");
    gen.writeArrayFieldStart("tools");
    for (var name : names) {
      gen.writeString(name);
    }
    gen.writeEndArray();
    gen.writeStringField("sessionId", context.sessionId());
    t.end("tools-used");
  }

  void mode() throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", "mode");
    gen.writeStringField("mode", "normal");
    gen.writeStringField("sessionId", context.sessionId());
    t.end("mode");
  }

  /** The cumulative cost line Claude Code writes when a run (a process) ends. */
  void costState(CostState state, long now) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", "cost-state");
    gen.writeStringField("sessionId", context.sessionId());
    gen.writeNumberField("totalCostUSD", state.totalCostUsd());
    gen.writeNumberField("totalAPIDuration", state.apiDurationMs);
    gen.writeNumberField("totalAPIDurationWithoutRetries", state.apiDurationWithoutRetriesMs);
    gen.writeNumberField("totalToolDuration", state.toolDurationMs);
    gen.writeNumberField("totalLinesAdded", state.linesAdded);
    gen.writeNumberField("totalLinesRemoved", state.linesRemoved);
    gen.writeNumberField("totalDuration", now - state.startTime);
    gen.writeNumberField("startTime", state.startTime);
    gen.writeObjectFieldStart("modelUsage");
    for (var entry : state.byModel.entrySet()) {
      var tokens = entry.getValue().tokens;
      gen.writeObjectFieldStart(entry.getKey().id);
      gen.writeNumberField("inputTokens", tokens.input());
      gen.writeNumberField("outputTokens", tokens.output());
      gen.writeNumberField("thinkingTokens", 0);
      gen.writeNumberField("cacheReadInputTokens", tokens.cacheRead());
      gen.writeNumberField("cacheCreationInputTokens", tokens.cacheWrite());
      gen.writeNumberField("cacheCreationEphemeral5mInputTokens", tokens.cacheWrite5m());
      gen.writeNumberField("cacheCreationEphemeral1hInputTokens", tokens.cacheWrite1h());
      gen.writeNumberField("webSearchRequests", 0);
      gen.writeNumberField("costUSD", entry.getValue().costUsd);
      gen.writeEndObject();
    }
    gen.writeEndObject();
    gen.writeBooleanField("hasUnknownModelCost", false);
    t.end("cost-state");
  }

  /** The request's system prompt and tool schemas, written once per shape (25–40 KB). */
  void apiRequestShape(String shapeHash, long at) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", "api-request-shape");
    gen.writeStringField("sessionId", context.sessionId());
    t.agentIdField();
    gen.writeStringField("shapeHash", shapeHash);
    t.timestamp(at);
    gen.writeStringField("version", Transcript.VERSION);
    gen.writeObjectFieldStart("shape");
    gen.writeArrayFieldStart("system");
    t.textBlock("You are a Claude agent, built on Anthropic's Claude Agent SDK.");
    gen.writeStartObject();
    gen.writeStringField("type", "text");
    gen.writeFieldName("text");
    filler.write(gen, random, context.small() ? 2_000 : 6_000 + random.nextInt(6_000));
    gen.writeEndObject();
    gen.writeEndArray();
    gen.writeArrayFieldStart("tools");
    for (var name : SHAPE_TOOLS) {
      gen.writeStartObject();
      gen.writeStringField("name", name);
      gen.writeFieldName("description");
      filler.write(gen, random, context.small() ? 150 : 500 + random.nextInt(1_000));
      gen.writeObjectFieldStart("input_schema");
      gen.writeStringField("$schema", "https://json-schema.org/draft/2020-12/schema");
      gen.writeStringField("type", "object");
      gen.writeObjectFieldStart("properties");
      for (var property : List.of("description", "prompt", "command", "timeout")) {
        gen.writeObjectFieldStart(property);
        gen.writeFieldName("description");
        filler.write(gen, random, context.small() ? 40 : 60 + random.nextInt(160));
        gen.writeStringField("type", property.equals("timeout") ? "number" : "string");
        gen.writeEndObject();
      }
      gen.writeEndObject();
      gen.writeArrayFieldStart("required");
      gen.writeString("description");
      gen.writeEndArray();
      gen.writeBooleanField("additionalProperties", false);
      gen.writeEndObject();
      gen.writeEndObject();
    }
    gen.writeEndArray();
    gen.writeEndObject();
    t.end("api-request-shape");
  }

  /** A message the request sends, stored once by hash; its text repeats transcript content. */
  String apiRequestBlob(String role, @Nullable String text, @Nullable Slice slice)
      throws IOException {
    String hash = ids.sha256();
    gen.writeStartObject();
    gen.writeStringField("type", "api-request-blob");
    gen.writeStringField("sessionId", context.sessionId());
    t.agentIdField();
    gen.writeStringField("hash", hash);
    gen.writeObjectFieldStart("message");
    gen.writeStringField("role", role);
    gen.writeArrayFieldStart("content");
    if (text != null) {
      t.textBlock(text);
    }
    if (slice != null) {
      gen.writeStartObject();
      gen.writeStringField("type", "text");
      gen.writeFieldName("text");
      filler.write(gen, slice);
      gen.writeEndObject();
    }
    gen.writeEndArray();
    if (role.equals("system")) {
      gen.writeObjectFieldStart("output_config");
      gen.writeStringField("effort", context.effort());
      gen.writeEndObject();
    }
    gen.writeEndObject();
    t.end("api-request-blob");
    return hash;
  }

  void apiRequest(
      String id,
      long at,
      String shapeHash,
      Model model,
      @Nullable String base,
      int keep,
      List<String> tail)
      throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", "api-request");
    gen.writeStringField("sessionId", context.sessionId());
    t.agentIdField();
    gen.writeStringField("id", id);
    t.timestamp(at);
    gen.writeStringField("version", Transcript.VERSION);
    gen.writeStringField("querySource", !t.inSubagent() ? "sdk" : "agent:builtin:general-purpose");
    gen.writeStringField("shapeHash", shapeHash);
    gen.writeObjectFieldStart("params");
    gen.writeStringField("model", model.id);
    gen.writeArrayFieldStart("betas");
    for (var beta : BETAS) {
      gen.writeString(beta);
    }
    gen.writeEndArray();
    gen.writeNumberField("max_tokens", 128000);
    gen.writeObjectFieldStart("thinking");
    gen.writeStringField("type", "adaptive");
    gen.writeStringField("display", "omitted");
    gen.writeEndObject();
    gen.writeObjectFieldStart("context_management");
    gen.writeArrayFieldStart("edits");
    gen.writeStartObject();
    gen.writeStringField("type", "clear_thinking_20251015");
    gen.writeStringField("keep", "all");
    gen.writeEndObject();
    gen.writeEndArray();
    gen.writeEndObject();
    gen.writeObjectFieldStart("output_config");
    gen.writeStringField("effort", context.effort());
    gen.writeEndObject();
    gen.writeEndObject();
    if (base != null) {
      gen.writeStringField("base", base);
    }
    gen.writeNumberField("keep", keep);
    gen.writeArrayFieldStart("tail");
    for (var hash : tail) {
      gen.writeString(hash);
    }
    gen.writeEndArray();
    gen.writeArrayFieldStart("cacheControl");
    cacheControl("system", 0, -1);
    cacheControl("system", 1, -1);
    cacheControl("messages", keep + 1, 0);
    gen.writeEndArray();
    gen.writeStringField("requestDigest", ids.sha256());
    t.end("api-request");
  }

  private void cacheControl(String root, int index, int contentIndex) throws IOException {
    gen.writeStartObject();
    gen.writeArrayFieldStart("path");
    gen.writeString(root);
    gen.writeNumber(index);
    if (contentIndex >= 0) {
      gen.writeString("content");
      gen.writeNumber(contentIndex);
    }
    gen.writeEndArray();
    gen.writeObjectFieldStart("value");
    gen.writeStringField("type", "ephemeral");
    gen.writeEndObject();
    gen.writeEndObject();
  }
}
