package dev.flightlog.claude;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.Decoded;
import dev.flightlog.Drift;
import dev.flightlog.SkipReason;
import dev.flightlog.ThreadFact;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A subagent's {@code agent-<id>.meta.json}, written beside its transcript when it is spawned:
 * {@code {agentType, description, toolUseId, model, …}}. It names what the transcript lines do not:
 * the kind of agent and the Agent tool call that started it.
 */
final class SubagentMeta {

  private SubagentMeta() {}

  static Decoded decode(TranscriptFile file, byte[] json) {
    if (!file.subagent()) {
      return new Decoded.Skipped(
          SkipReason.NOT_AN_ENTRY, "not a subagent transcript: " + file.path());
    }
    try (var parser = LineParser.JSON.createParser(json)) {
      var first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return new Decoded.Skipped(
            SkipReason.NOT_AN_ENTRY, "expected a JSON object in " + file.metaPath());
      }
      String agentType = null;
      String description = null;
      String toolUseId = null;
      String model = null;
      var drift = new ArrayList<Drift>();
      String name;
      while ((name = parser.nextFieldName()) != null) {
        parser.nextToken();
        switch (name) {
          case "agentType" -> agentType = LineParser.text(parser);
          case "description" -> description = LineParser.text(parser);
          case "toolUseId" -> toolUseId = LineParser.text(parser);
          case "model" -> model = LineParser.text(parser);
          default -> {
            parser.skipChildren();
            var unknown = new Drift(Agent.CLAUDE, "unknown", "field", "meta." + name);
            if (!Schema.META_FIELDS.contains(name) && !drift.contains(unknown)) {
              drift.add(unknown);
            }
          }
        }
      }
      if (parser.nextToken() != null) {
        return new Decoded.Skipped(
            SkipReason.MALFORMED_JSON,
            "unexpected content after the object at byte "
                + parser.currentTokenLocation().getByteOffset());
      }
      var thread =
          new ThreadFact(
              Agent.CLAUDE,
              file.sessionId(),
              file.threadId(),
              blankToNull(agentType),
              blankToNull(description),
              blankToNull(toolUseId),
              blankToNull(model),
              null,
              Channel.TRANSCRIPT);
      return new Decoded.Facts(List.of(thread), drift);
    } catch (JsonProcessingException e) {
      return Unreadable.skip(e, json, 0, json.length);
    } catch (IOException | RuntimeException e) {
      return new Decoded.Skipped(SkipReason.MALFORMED_JSON, "unreadable meta file: " + e);
    }
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
