package dev.flightlog.web;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.flightlog.CostStateFact;
import dev.flightlog.HookEventFact;
import dev.flightlog.MetricPointFact;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.SessionFact;
import dev.flightlog.ThreadFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.live.Change;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The data of one live event (PRODUCT.md §10): a JSON object with {@code kind}, {@code id} (the
 * record's natural key), {@code agent}, {@code session_id}, {@code channel}, {@code at} (the fact's
 * own time, or null), then the useful fields of the fact in snake_case. Times are RFC 3339 UTC;
 * what the channel did not know is null. Long texts are cut to {@value #TEXT} characters.
 */
final class EventJson {

  /** Characters kept of prompt and error texts. */
  static final int TEXT = 200;

  private EventJson() {}

  static byte[] of(Change change) {
    return Json.bytes(generator -> write(generator, change));
  }

  private static void write(JsonGenerator g, Change change) throws IOException {
    var fact = change.fact();
    g.writeStartObject();
    g.writeStringField("kind", change.kind());
    g.writeStringField("id", change.id());
    g.writeStringField("agent", fact.agent().wireName());
    Json.string(g, "session_id", fact.sessionId().isEmpty() ? null : fact.sessionId());
    g.writeStringField("channel", fact.channel().wireName());
    switch (fact) {
      case ToolCallFact t -> {
        Json.time(g, "at", t.endedAt() != null ? t.endedAt() : t.startedAt());
        g.writeStringField("tool_use_id", t.toolUseId());
        Json.string(g, "tool", t.tool());
        Json.string(g, "status", t.status() == null ? null : t.status().wireName());
        Json.string(g, "error", cut(t.error()));
        Json.string(g, "summary", t.summary());
        Json.string(g, "thread_id", t.threadId());
        Json.string(g, "prompt_id", t.promptId());
        Json.time(g, "started_at", t.startedAt());
        Json.time(g, "ended_at", t.endedAt());
        Json.number(g, "duration_ms", t.durationMs());
        Json.number(g, "output_bytes", t.outputBytes());
        Json.string(g, "project", t.project());
      }
      case PromptFact p -> {
        Json.time(g, "at", p.startedAt() != null ? p.startedAt() : p.endedAt());
        g.writeStringField("prompt_id", p.promptId());
        Json.string(g, "text", cut(p.text()));
        Json.time(g, "started_at", p.startedAt());
        Json.time(g, "ended_at", p.endedAt());
        Json.string(g, "project", p.project());
      }
      case SessionFact s -> {
        Json.time(g, "at", s.endedAt() != null ? s.endedAt() : s.seenAt());
        Json.string(g, "project", s.project());
        Json.string(g, "git_branch", s.gitBranch());
        Json.string(g, "agent_version", s.agentVersion());
        Json.time(g, "seen_at", s.seenAt());
        Json.time(g, "ended_at", s.endedAt());
        Json.string(g, "end_reason", s.endReason());
      }
      case ModelRequestFact m -> {
        Json.time(g, "at", m.at());
        Json.string(g, "message_id", m.messageId().isEmpty() ? null : m.messageId());
        Json.string(g, "request_id", m.requestId().isEmpty() ? null : m.requestId());
        Json.string(g, "model", m.model());
        Json.string(g, "thread_id", m.threadId());
        Json.string(g, "prompt_id", m.promptId());
        var usage = m.usage();
        Json.number(g, "tokens", usage == null ? null : usage.totalTokens());
        Json.number(g, "input_tokens", usage == null ? null : usage.inputTokens());
        Json.number(g, "output_tokens", usage == null ? null : usage.outputTokens());
        Json.number(g, "cache_read_tokens", usage == null ? null : usage.cacheReadTokens());
        Json.number(g, "cache_creation_tokens", usage == null ? null : usage.cacheCreationTokens());
        Json.number(g, "cost_usd", m.agentCostUsd());
      }
      case ThreadFact t -> {
        Json.time(g, "at", t.seenAt());
        g.writeStringField("thread_id", t.threadId());
        Json.string(g, "agent_type", t.agentType());
        Json.string(g, "description", cut(t.description()));
        Json.string(g, "parent_tool_use_id", t.parentToolUseId());
        Json.string(g, "model", t.model());
      }
      case CostStateFact c -> {
        Json.time(g, "at", c.at());
        g.writeNumberField("total_cost_usd", c.totalCostUsd());
        g.writeArrayFieldStart("models");
        for (var model : c.models()) {
          g.writeStartObject();
          g.writeStringField("model", model.model());
          g.writeNumberField("cost_usd", model.costUsd());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      case HookEventFact h -> {
        Json.time(g, "at", h.receivedAt());
        Json.string(g, "event", h.event());
        g.writeNumberField("payload_bytes", h.payloadBytes());
        g.writeBooleanField("json", h.json());
      }
      case MetricPointFact m -> {
        Json.time(g, "at", m.at());
        g.writeStringField("name", m.name());
        g.writeNumberField("value", m.value());
        Json.string(g, "unit", m.unit());
        g.writeStringField("temporality", m.temporality().wireName());
        g.writeStringField("series", m.series());
        Json.time(g, "started_at", m.startedAt());
      }
    }
    g.writeEndObject();
  }

  /** The first {@value #TEXT} characters, never splitting a surrogate pair. */
  static @Nullable String cut(@Nullable String text) {
    if (text == null || text.length() <= TEXT) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(TEXT - 1)) ? TEXT - 1 : TEXT;
    return text.substring(0, end);
  }
}
