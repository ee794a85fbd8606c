package dev.flightlog.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One live event as a readable line for {@code flightlog tail}: {@code 14:03:07 tool_call Bash ok
 * 812 ms ls -la [session 72116e04…]}. Reads the top-level fields of the event's JSON (see
 * docs/interfaces.md, "GET /api/events"); a field it does not know is ignored.
 */
final class EventLine {

  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  private static final String RESET = "\u001b[0m";
  private static final String DIM = "\u001b[2m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";

  private final ZoneId zone;
  private final boolean colour;

  EventLine(ZoneId zone, boolean colour) {
    this.zone = zone;
    this.colour = colour;
  }

  /** The line for one event's data, or null when the data is not a JSON object. */
  @Nullable String format(String data, Instant now) {
    var fields = fields(data);
    if (fields == null) {
      return null;
    }
    var kind = fields.getOrDefault("kind", "?");
    var parts = new ArrayList<String>();
    parts.add(paint(DIM, CLOCK.format(time(fields.get("at"), now).atZone(zone))));
    parts.add(paint(CYAN, kind));
    switch (kind) {
      case "tool_call" -> {
        parts.add(paint(BOLD, fields.getOrDefault("tool", "?")));
        var status = fields.getOrDefault("status", "pending");
        parts.add(paint(statusColour(status), status));
        add(parts, fields.get("duration_ms"), ms -> ms + " ms");
        add(parts, fields.get("summary"), EventLine::oneLine);
        add(parts, fields.get("error"), error -> paint(RED, oneLine(error)));
      }
      case "prompt" -> add(parts, fields.get("text"), text -> "\"" + oneLine(text) + "\"");
      case "session" -> {
        var ended = fields.get("ended_at");
        parts.add(ended == null ? "active" : "ended");
        add(parts, fields.get("end_reason"), reason -> "(" + reason + ")");
        add(parts, fields.get("project"), project -> project);
      }
      case "model_request" -> {
        parts.add(fields.getOrDefault("model", "?"));
        add(parts, fields.get("tokens"), tokens -> grouped(tokens) + " tokens");
        add(parts, fields.get("cost_usd"), EventLine::dollars);
      }
      case "thread" -> {
        add(parts, fields.get("thread_id"), id -> id);
        add(parts, fields.get("agent_type"), type -> type);
        add(parts, fields.get("description"), EventLine::oneLine);
      }
      case "hook_event" -> {
        parts.add(fields.getOrDefault("event", "?"));
        add(parts, fields.get("payload_bytes"), bytes -> grouped(bytes) + " bytes");
      }
      case "metric_point" -> {
        parts.add(fields.getOrDefault("name", "?"));
        var value = fields.getOrDefault("value", "?");
        var unit = fields.get("unit");
        parts.add(unit == null || unit.isEmpty() ? value : value + " " + unit);
      }
      case "cost_state" -> add(parts, fields.get("total_cost_usd"), EventLine::dollars);
      default -> {
        // A kind newer than this tail: its time, kind and session say enough.
      }
    }
    var session = fields.get("session_id");
    if (session != null) {
      var shortId = session.length() > 8 ? session.substring(0, 8) + "…" : session;
      parts.add(paint(DIM, "[session " + shortId + "]"));
    }
    return String.join("  ", parts);
  }

  private static Instant time(@Nullable String text, Instant now) {
    if (text == null) {
      return now;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      return now;
    }
  }

  private static void add(
      java.util.List<String> parts,
      @Nullable String value,
      java.util.function.Function<String, String> render) {
    if (value != null && !value.isEmpty()) {
      parts.add(render.apply(value));
    }
  }

  private String paint(String code, String text) {
    return colour ? code + text + RESET : text;
  }

  private static String statusColour(String status) {
    return switch (status) {
      case "ok" -> GREEN;
      case "error" -> RED;
      case "denied", "interrupted" -> YELLOW;
      default -> DIM;
    };
  }

  /** The first line, at most 100 characters, with control characters shown as spaces. */
  static String oneLine(String text) {
    var line = text.strip();
    int newline = line.indexOf('\n');
    boolean cut = newline >= 0;
    if (cut) {
      line = line.substring(0, newline).stripTrailing();
    }
    if (line.length() > 100) {
      int end = Character.isHighSurrogate(line.charAt(99)) ? 99 : 100;
      line = line.substring(0, end);
      cut = true;
    }
    var clean = new StringBuilder(line.length() + 1);
    line.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return cut ? clean.append('…').toString() : clean.toString();
  }

  private static String grouped(String number) {
    try {
      return String.format(Locale.ROOT, "%,d", Long.parseLong(number));
    } catch (NumberFormatException e) {
      return number;
    }
  }

  private static String dollars(String number) {
    try {
      return String.format(Locale.ROOT, "$%.4f", Double.parseDouble(number));
    } catch (NumberFormatException e) {
      return number;
    }
  }

  /** The top-level scalar fields of a JSON object as text (null values left out), or null. */
  static @Nullable Map<String, String> fields(String json) {
    try (var parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      var fields = new HashMap<String, String>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        var name = parser.currentName();
        var token = parser.nextToken();
        if (token == null) {
          return null;
        }
        if (token.isStructStart()) {
          parser.skipChildren();
        } else if (token != JsonToken.VALUE_NULL) {
          fields.put(name, parser.getText());
        }
      }
      return fields;
    } catch (IOException e) {
      return null;
    }
  }
}
