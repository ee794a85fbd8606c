package dev.flightlog.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.Drift;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.SessionFact;
import dev.flightlog.SkipReason;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.Usage;
import dev.flightlog.otlp.Collector.Exporter;
import dev.flightlog.otlp.Wire.LogRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps Claude Code's OTLP log events to facts (see RATIONALE.md, "OTLP", and FORMATS.md for the
 * events and attributes of Claude Code 2.1): {@code tool_result} and a rejecting {@code
 * tool_decision} to tool calls, {@code api_request} to model requests, {@code user_prompt} to
 * prompts, and every record with a {@code session.id} to its session. Other known events carry
 * nothing flightlog records; an unknown event name is schema drift.
 */
final class ClaudeLogs {

  /** Every event Claude Code 2.1.328 was seen to export. */
  static final Set<String> KNOWN_EVENTS =
      Set.of(
          "user_prompt",
          "api_request",
          "api_error",
          "assistant_response",
          "tool_decision",
          "tool_result",
          "subagent_completed",
          "hook_registered",
          "hook_execution_start",
          "hook_execution_complete",
          "plugin_loaded",
          "managed_settings_resolved");

  /** Claude Code's stand-in for a prompt's text when prompt logging is off. */
  private static final String REDACTED = "<REDACTED>";

  private static final String EVENT_PREFIX = "claude_code.";

  private static final JsonFactory JSON = new JsonFactory();

  /** Claude Code's tool results for a call the user stopped (see claude.ToolResult). */
  private static final List<String> INTERRUPTED =
      List.of(
          "[Request interrupted by user", "The user doesn't want to take this action right now");

  /** Claude Code's tool results for a call that was refused (see claude.ToolResult). */
  private static final List<String> REFUSED =
      List.of("The user doesn't want to proceed with this tool use");

  private final Collector out;
  private final Exporter exporter;

  /** The earliest and latest time a session was seen in a request. */
  private record Seen(@Nullable Instant first, @Nullable Instant last) {
    Seen merge(Seen other) {
      return new Seen(earliest(first, other.first), latest(last, other.last));
    }
  }

  private final Map<String, Seen> sessions = new LinkedHashMap<>();

  private ClaudeLogs(Collector out, Exporter exporter) {
    this.out = out;
    this.exporter = exporter;
  }

  static Export map(Wire.Logs logs, Dropped dropped) {
    var out = new Collector(Signal.LOGS.path(), dropped);
    for (var resource : logs.resources()) {
      for (var scope : resource.scopes()) {
        var exporter = Exporter.of(resource.attributes(), scope.scope());
        if (!exporter.decoded()) {
          exporter.leaveOut(out, scope.scope(), scope.records().size(), "log record(s)");
          continue;
        }
        var mapper = new ClaudeLogs(out, exporter);
        for (var record : scope.records()) {
          mapper.record(record);
        }
        mapper.sessions();
      }
    }
    return out.export();
  }

  private void record(LogRecord record) {
    var a = new Attributes(record.attributes());
    var event = eventName(record, a);
    var at = time(record, a);
    var session = a.text("session.id");
    if (session != null) {
      sessions.merge(session, new Seen(at, at), Seen::merge);
    }
    String rejected;
    try {
      rejected =
          switch (event) {
            case "tool_result" -> toolResult(a, session, at);
            case "tool_decision" -> toolDecision(a, session, at);
            case "api_request" -> apiRequest(a, session, at);
            case "user_prompt" -> userPrompt(a, session, at);
            default -> {
              if (!KNOWN_EVENTS.contains(event)) {
                out.drift(
                    new Drift(
                        Agent.CLAUDE,
                        exporter.version(),
                        "otlp_event",
                        event.isEmpty() ? "(none)" : event));
              }
              yield null;
            }
          };
    } catch (IllegalArgumentException e) {
      rejected = e.getMessage();
    }
    if (rejected == null) {
      out.accept();
    } else {
      out.reject(
          SkipReason.NOT_AN_ENTRY,
          "log record at byte " + record.offset() + " (" + event + "): " + rejected);
    }
  }

  /**
   * The event's name without its {@code claude_code.} prefix: the {@code event.name} attribute,
   * else the record's {@code event_name}, else its body (Claude Code writes {@code
   * claude_code.<name>} there).
   */
  private static String eventName(LogRecord record, Attributes a) {
    var name = a.text("event.name");
    if (name == null && !record.eventName().isBlank()) {
      name = record.eventName();
    }
    if (name == null
        && record.body() instanceof AnyValue.Text body
        && body.value().startsWith(EVENT_PREFIX)) {
      name = body.value();
    }
    if (name == null) {
      return "";
    }
    return name.startsWith(EVENT_PREFIX) ? name.substring(EVENT_PREFIX.length()) : name;
  }

  /**
   * When the event happened: its {@code event.timestamp} (milliseconds, as Claude Code writes
   * them), else the record's time, else when it was observed; null when none is known.
   */
  private static @Nullable Instant time(LogRecord record, Attributes a) {
    var stamp = a.text("event.timestamp");
    if (stamp != null) {
      try {
        return Instant.parse(stamp);
      } catch (DateTimeParseException e) {
        // fall back to the record's own times
      }
    }
    var nanos = record.timeUnixNano() != 0 ? record.timeUnixNano() : record.observedTimeUnixNano();
    return instant(nanos);
  }

  /** An OTLP time (unsigned nanoseconds since the epoch, 0 for unknown) as an instant. */
  static @Nullable Instant instant(long nanos) {
    if (nanos <= 0) {
      return null;
    }
    return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
  }

  // --- the events that carry records; each returns why it was rejected, or null ---

  private @Nullable String toolResult(
      Attributes a, @Nullable String session, @Nullable Instant at) {
    var toolUseId = a.text("tool_use_id");
    if (session == null || toolUseId == null) {
      return session == null ? "no session.id" : "no tool_use_id";
    }
    var success = a.flag("success");
    var error = a.text("error");
    if (error == null) {
      error = a.text("error_type");
    }
    ToolStatus status;
    if (success == null) {
      status = error == null ? null : ToolStatus.ERROR;
    } else if (success) {
      status = ToolStatus.OK;
      error = null;
    } else {
      status = failure(a.text("decision"), error);
    }
    out.fact(
        new ToolCallFact(
            Agent.CLAUDE,
            toolUseId,
            session,
            a.text("agent_id"),
            a.text("prompt.id"),
            a.text("tool_name"),
            input(a.text("tool_input")),
            null,
            status,
            error,
            null,
            null,
            null,
            at,
            nonNegative(a.whole("duration_ms")),
            null,
            null,
            Channel.OTLP));
    return null;
  }

  /**
   * The outcome of a call that did not succeed: denied when the permission decision was {@code
   * reject} or the error is Claude Code's refusal text, interrupted when it is its interruption
   * text, else an error.
   */
  private static ToolStatus failure(@Nullable String decision, @Nullable String error) {
    if ("reject".equals(decision)) {
      return ToolStatus.DENIED;
    }
    if (error != null) {
      var text = error.startsWith("Error: ") ? error.substring("Error: ".length()) : error;
      if (INTERRUPTED.stream().anyMatch(text::startsWith)) {
        return ToolStatus.INTERRUPTED;
      }
      if (REFUSED.stream().anyMatch(text::startsWith)) {
        return ToolStatus.DENIED;
      }
    }
    return ToolStatus.ERROR;
  }

  /**
   * A permission decision. {@code reject} ends the call as denied at the decision's time; {@code
   * accept} says only that the call exists (its tool, prompt and thread), its outcome comes later.
   */
  private @Nullable String toolDecision(
      Attributes a, @Nullable String session, @Nullable Instant at) {
    var toolUseId = a.text("tool_use_id");
    if (session == null || toolUseId == null) {
      return session == null ? "no session.id" : "no tool_use_id";
    }
    var decision = a.text("decision");
    boolean reject = "reject".equals(decision);
    if (!reject && !"accept".equals(decision)) {
      out.drift(
          new Drift(
              Agent.CLAUDE,
              exporter.version(),
              "otlp_value",
              "tool_decision.decision=" + (decision == null ? "(none)" : decision)));
    }
    out.fact(
        new ToolCallFact(
            Agent.CLAUDE,
            toolUseId,
            session,
            a.text("agent_id"),
            a.text("prompt.id"),
            a.text("tool_name"),
            null,
            null,
            reject ? ToolStatus.DENIED : null,
            null,
            null,
            null,
            null,
            reject ? at : null,
            null,
            null,
            null,
            Channel.OTLP));
    return null;
  }

  private @Nullable String apiRequest(
      Attributes a, @Nullable String session, @Nullable Instant at) {
    var requestId = a.text("request_id");
    if (session == null || requestId == null) {
      return session == null ? "no session.id" : "no request_id";
    }
    var usage = usage(a);
    if (usage == null) {
      return "no usable input_tokens and output_tokens";
    }
    out.fact(
        new ModelRequestFact(
            Agent.CLAUDE,
            "",
            requestId,
            session,
            a.text("agent_id"),
            a.text("prompt.id"),
            a.text("model"),
            usage,
            at,
            null,
            cost(a),
            Channel.OTLP));
    return null;
  }

  /**
   * The request's tokens. Input and output must be there (an OTLP usage replaces the transcript's,
   * so a guess would overwrite a known count); cache counts default to 0. Cache writes are split by
   * lifetime when Claude Code sends the split ({@code cache_creation_5m_tokens}, {@code
   * _1h_tokens}); a total alone ({@code cache_creation_tokens}) is counted as 5-minute writes,
   * Claude Code's default cache lifetime.
   */
  private static @Nullable Usage usage(Attributes a) {
    var input = nonNegative(a.whole("input_tokens"));
    var output = nonNegative(a.whole("output_tokens"));
    if (input == null || output == null) {
      return null;
    }
    long read = orZero(nonNegative(a.whole("cache_read_tokens")));
    var total = nonNegative(a.whole("cache_creation_tokens"));
    var fiveMinutes = nonNegative(a.whole("cache_creation_5m_tokens"));
    var oneHour = nonNegative(a.whole("cache_creation_1h_tokens"));
    long write5m;
    long write1h;
    if (fiveMinutes != null || oneHour != null) {
      write1h = oneHour != null ? oneHour : Math.max(0, orZero(total) - orZero(fiveMinutes));
      write5m = fiveMinutes != null ? fiveMinutes : Math.max(0, orZero(total) - write1h);
    } else {
      write5m = orZero(total);
      write1h = 0;
    }
    return new Usage(input, output, read, write5m, write1h);
  }

  /** Claude Code's cost of the request: exact micro-dollars when sent, else {@code cost_usd}. */
  private static @Nullable Double cost(Attributes a) {
    var micros = nonNegative(a.whole("cost_usd_micros"));
    if (micros != null) {
      return micros / 1e6;
    }
    var usd = a.number("cost_usd");
    return usd != null && usd >= 0 ? usd : null;
  }

  private @Nullable String userPrompt(
      Attributes a, @Nullable String session, @Nullable Instant at) {
    var promptId = a.text("prompt.id");
    if (session == null || promptId == null) {
      return session == null ? "no session.id" : "no prompt.id";
    }
    var text = a.text("prompt");
    if (text == null) {
      text = a.text("prompt_text");
    }
    if (REDACTED.equals(text)) {
      text = null;
    }
    out.fact(new PromptFact(Agent.CLAUDE, session, promptId, text, at, null, null, Channel.OTLP));
    return null;
  }

  /** One session fact at the earliest and, if later, one at the latest time each was seen. */
  private void sessions() {
    for (var entry : sessions.entrySet()) {
      var first = entry.getValue().first();
      var last = entry.getValue().last();
      out.fact(session(entry.getKey(), first));
      if (last != null && !last.equals(first)) {
        out.fact(session(entry.getKey(), last));
      }
    }
  }

  private SessionFact session(String id, @Nullable Instant seenAt) {
    return new SessionFact(
        Agent.CLAUDE, id, null, null, exporter.version(), seenAt, null, null, Channel.OTLP);
  }

  /**
   * A tool input as compact JSON, written the way the transcript decoder writes it, so that both
   * channels store the same text; an input that is not valid JSON (Claude Code may cut long ones)
   * is kept as sent.
   */
  static @Nullable String input(@Nullable String text) {
    if (text == null) {
      return null;
    }
    var out = new StringWriter(text.length());
    try (var parser = JSON.createParser(text);
        var generator = JSON.createGenerator(out)) {
      if (parser.nextToken() == null) {
        return text;
      }
      generator.copyCurrentStructure(parser);
      generator.flush();
      if (parser.nextToken() != null) {
        return text;
      }
    } catch (IOException e) {
      return text;
    }
    return out.toString();
  }

  private static @Nullable Long nonNegative(@Nullable Long value) {
    return value == null || value < 0 ? null : value;
  }

  private static long orZero(@Nullable Long value) {
    return value == null ? 0 : value;
  }

  private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }
}
