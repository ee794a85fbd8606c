package dev.flightlog.web;

import dev.flightlog.Agent;
import dev.flightlog.live.Change;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The filters of {@code GET /api/events}: the query parameters {@code kind=} (comma-separated,
 * repeatable), {@code session=} (a session id) and {@code agent=} (an agent's wire name). Each
 * given filter must match; none given passes everything. Unknown parameters and values are refused,
 * so a typo is not a silent "match nothing".
 */
record EventQuery(Set<String> kinds, @Nullable String session, @Nullable Agent agent) {

  EventQuery {
    kinds = Set.copyOf(kinds);
  }

  static EventQuery parse(@Nullable String rawQuery) {
    var kinds = new LinkedHashSet<String>();
    String session = null;
    Agent agent = null;
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (var pair : rawQuery.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        var name = decode(equals < 0 ? pair : pair.substring(0, equals));
        var value = equals < 0 ? "" : decode(pair.substring(equals + 1)).strip();
        switch (name) {
          case "kind" -> {
            for (var kind : value.split(",", -1)) {
              var trimmed = kind.strip();
              if (!Change.KINDS.contains(trimmed)) {
                throw malformed(
                    "unknown kind '"
                        + trimmed
                        + "' (expected one of: "
                        + String.join(", ", Change.KINDS)
                        + ")");
              }
              kinds.add(trimmed);
            }
          }
          case "session" -> session = value.isEmpty() ? null : value;
          case "agent" -> {
            try {
              agent = value.isEmpty() ? null : Agent.fromWireName(value);
            } catch (IllegalArgumentException e) {
              throw malformed(e.getMessage());
            }
          }
          default ->
              throw malformed(
                  "unknown query parameter '" + name + "' (expected kind, session or agent)");
        }
      }
    }
    return new EventQuery(kinds, session, agent);
  }

  boolean accepts(Change change) {
    var fact = change.fact();
    return (kinds.isEmpty() || kinds.contains(change.kind()))
        && (session == null || session.equals(fact.sessionId()))
        && (agent == null || agent == fact.agent());
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed("malformed query: " + e.getMessage());
    }
  }

  private static Rejection malformed(@Nullable String message) {
    return new Rejection(Rejection.Reason.MALFORMED, String.valueOf(message));
  }
}
