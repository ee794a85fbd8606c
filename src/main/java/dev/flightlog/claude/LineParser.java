package dev.flightlog.claude;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.flightlog.Agent;
import dev.flightlog.CostStateFact;
import dev.flightlog.Drift;
import dev.flightlog.Usage;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads one transcript line in a single pass of Jackson's streaming parser and reduces it to an
 * {@link Entry}. Only the fields flightlog keeps are read; everything else — API request logs,
 * attachments, file contents inside tool results, thinking — is skipped without being decoded into
 * strings. Field order within a line is not fixed (a line's {@code type} may come after its {@code
 * message}), so fields are collected first and the entry is built at the end of the object.
 *
 * <p>One instance reads one line.
 */
final class LineParser {

  /**
   * Shared by every decoder (a factory is thread-safe). Strings may be as long as a line: a tool
   * result of tens of megabytes is still one JSON string, and the line is already in memory.
   */
  static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  /** The model Claude Code names on a reply it made up itself. */
  private static final String SYNTHETIC_MODEL = "<synthetic>";

  private @Nullable String type;
  private boolean typeNotText;
  private @Nullable String timestamp;
  private @Nullable String cwd;
  private @Nullable String version;
  private @Nullable String gitBranch;
  private @Nullable String promptId;
  private @Nullable String uuid;
  private @Nullable String requestId;
  private @Nullable String denialKind;
  private boolean injected;
  private boolean apiError;
  private boolean interrupted;
  private @Nullable Double totalCostUsd;
  private final List<CostStateFact.ModelCost> modelCosts = new ArrayList<>();
  private final List<String> fieldNames = new ArrayList<>(32);
  private @Nullable MessageReader message;

  /** The first value a record rejected; the line becomes {@link Entry.NotAnEntry}. */
  private @Nullable String problem;

  /** A line reduced to its entry, the version that wrote it and what in it was unknown. */
  record Line(Entry entry, @Nullable String version, List<Drift> drift) {
    Line {
      drift = List.copyOf(drift);
    }
  }

  /**
   * Reads {@code buffer[offset, offset + length)}.
   *
   * @param fallbackVersion the version to report drift under when the line names none
   * @throws JsonProcessingException when the bytes are not one complete JSON value
   */
  Line parse(byte[] buffer, int offset, int length, @Nullable String fallbackVersion)
      throws IOException {
    var parser = JSON.createParser(buffer, offset, length);
    try (parser) {
      var first = parser.nextToken();
      if (first == null) {
        return new Line(new Entry.NotAnEntry("empty line"), null, List.of());
      }
      if (first != JsonToken.START_OBJECT) {
        parser.skipChildren();
        requireEnd(parser);
        return new Line(
            new Entry.NotAnEntry("expected a JSON object, found " + describe(first)),
            null,
            List.of());
      }
      readFields(parser);
      requireEnd(parser);
    } catch (StreamConstraintsException e) {
      // A limit (nesting depth, number length) says what but not where.
      throw new JsonParseException(parser, e.getOriginalMessage(), parser.currentLocation(), e);
    }
    var lineVersion = version != null && !version.isBlank() ? version : null;
    var driftVersion = lineVersion != null ? lineVersion : fallbackVersion;
    var drift = new ArrayList<Drift>();
    var entry =
        entry(driftVersion == null || driftVersion.isBlank() ? "unknown" : driftVersion, drift);
    return new Line(entry, lineVersion, drift);
  }

  private void readFields(JsonParser parser) throws IOException {
    String name;
    while ((name = parser.nextFieldName()) != null) {
      var token = parser.nextToken();
      fieldNames.add(name);
      switch (name) {
        case "type" -> {
          type = text(parser);
          typeNotText = type == null;
        }
        case "timestamp" -> timestamp = text(parser);
        case "cwd" -> cwd = text(parser);
        case "version" -> version = text(parser);
        case "gitBranch" -> gitBranch = text(parser);
        case "promptId" -> promptId = text(parser);
        case "uuid" -> uuid = text(parser);
        case "requestId" -> requestId = text(parser);
        case "toolDenialKind" -> denialKind = text(parser);
        case "isMeta", "isCompactSummary", "isVisibleInTranscriptOnly" ->
            injected |= token == JsonToken.VALUE_TRUE;
        case "isApiErrorMessage" -> apiError = token == JsonToken.VALUE_TRUE;
        case "toolUseResult" -> readToolUseResult(parser);
        case "message" -> {
          // An api-request-blob has a message too; read only those of conversation lines.
          if (token == JsonToken.START_OBJECT
              && (type == null || type.equals("user") || type.equals("assistant"))) {
            var reader = new MessageReader("assistant".equals(type));
            reader.read(parser);
            message = reader;
          } else {
            parser.skipChildren();
          }
        }
        case "totalCostUSD" -> {
          if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            totalCostUsd = parser.getDoubleValue();
          } else {
            parser.skipChildren();
          }
        }
        case "modelUsage" -> {
          if (type == null || type.equals("cost-state")) {
            readModelUsage(parser);
          } else {
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  /** Bash's result object says whether the user interrupted the command. */
  private void readToolUseResult(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    String name;
    while ((name = parser.nextFieldName()) != null) {
      var token = parser.nextToken();
      if (name.equals("interrupted")) {
        interrupted = token == JsonToken.VALUE_TRUE;
      } else {
        parser.skipChildren();
      }
    }
  }

  /**
   * {@code cost-state.modelUsage}: per model, Claude Code's own token counts and cost. As in a
   * message's usage, cache writes without a split by lifetime count as 5-minute writes.
   */
  private void readModelUsage(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    String modelName;
    while ((modelName = parser.nextFieldName()) != null) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      // -1: not in the line.
      long[] counts = {0, 0, 0, 0, -1, -1};
      double cost = 0;
      String name;
      while ((name = parser.nextFieldName()) != null) {
        var token = parser.nextToken();
        int index =
            switch (name) {
              case "inputTokens" -> 0;
              case "outputTokens" -> 1;
              case "cacheReadInputTokens" -> 2;
              case "cacheCreationInputTokens" -> 3;
              case "cacheCreationEphemeral5mInputTokens" -> 4;
              case "cacheCreationEphemeral1hInputTokens" -> 5;
              default -> -1;
            };
        if (index >= 0) {
          long count = count(parser);
          if (count < 0) {
            reject("modelUsage." + modelName + "." + name + " is not a token count");
          }
          counts[index] = Math.max(count, 0);
        } else if (name.equals("costUSD")
            && (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT)) {
          cost = parser.getDoubleValue();
        } else {
          parser.skipChildren();
        }
      }
      long hour = Math.max(counts[5], 0);
      long fiveMinutes = Math.max(counts[4], counts[3] - hour);
      try {
        var usage = new Usage(counts[0], counts[1], counts[2], fiveMinutes, hour);
        modelCosts.add(new CostStateFact.ModelCost(modelName, usage, cost));
      } catch (IllegalArgumentException e) {
        reject("modelUsage." + modelName + ": " + e.getMessage());
      }
    }
  }

  private void reject(String detail) {
    if (problem == null) {
      problem = detail;
    }
  }

  private Entry entry(String driftVersion, List<Drift> drift) {
    var lineType = type;
    if (lineType == null) {
      return new Entry.NotAnEntry(
          typeNotText ? "the entry's 'type' is not a string" : "the entry has no 'type'");
    }
    if (lineType.isBlank()) {
      return new Entry.NotAnEntry("the entry's 'type' is blank");
    }
    var reader = message;
    var entry =
        switch (lineType) {
          case "user" -> user(reader);
          case "assistant" -> assistant(reader);
          case "cost-state" ->
              totalCostUsd == null
                  ? new Entry.NotAnEntry("cost-state entry without totalCostUSD")
                  : new Entry.CostState(instant(timestamp), totalCostUsd, modelCosts);
          default -> {
            if (Schema.IGNORED_TYPES.contains(lineType)) {
              yield new Entry.Ignored();
            }
            drift.add(new Drift(Agent.CLAUDE, driftVersion, "entry_type", lineType));
            yield new Entry.Unknown(lineType);
          }
        };
    // A value a record rejects spoils the line it belongs to (a bad count in an attachment does
    // not matter).
    var rejected =
        switch (entry) {
          case Entry.UserText u -> reader == null ? null : reader.problem();
          case Entry.ToolResults r -> reader == null ? null : reader.problem();
          case Entry.Assistant a -> reader == null ? null : reader.problem();
          case Entry.CostState c -> problem;
          case Entry.Ignored i -> null;
          case Entry.Unknown u -> null;
          case Entry.NotAnEntry n -> null;
        };
    if (rejected != null) {
      return new Entry.NotAnEntry(lineType + " entry: " + rejected);
    }
    switch (lineType) {
      case "user" -> noteUnknown(driftVersion, Schema.USER_FIELDS, reader, drift);
      case "assistant" -> noteUnknown(driftVersion, Schema.ASSISTANT_FIELDS, reader, drift);
      default -> {}
    }
    return entry;
  }

  private Entry user(@Nullable MessageReader reader) {
    if (reader == null) {
      return new Entry.NotAnEntry("user entry without a message");
    }
    if (!reader.toolResults().isEmpty()) {
      return new Entry.ToolResults(envelope(), denialKind, interrupted, reader.toolResults());
    }
    return new Entry.UserText(envelope(), reader.text(), injected);
  }

  private Entry assistant(@Nullable MessageReader reader) {
    if (reader == null) {
      return new Entry.NotAnEntry("assistant entry without a message");
    }
    return new Entry.Assistant(
        envelope(),
        reader.id(),
        requestId == null ? "" : requestId,
        reader.model(),
        reader.usage(),
        apiError || SYNTHETIC_MODEL.equals(reader.model()),
        reader.toolUses());
  }

  private Entry.Envelope envelope() {
    return new Entry.Envelope(instant(timestamp), cwd, version, gitBranch, promptId, uuid);
  }

  /** Unknown top-level fields and content blocks of a conversation line, once each. */
  private void noteUnknown(
      String driftVersion, Set<String> known, @Nullable MessageReader reader, List<Drift> drift) {
    for (var name : fieldNames) {
      if (!known.contains(name)) {
        var field = new Drift(Agent.CLAUDE, driftVersion, "field", type + "." + name);
        if (!drift.contains(field)) {
          drift.add(field);
        }
      }
    }
    if (reader != null) {
      for (var block : reader.unknownBlocks()) {
        drift.add(new Drift(Agent.CLAUDE, driftVersion, "content_block", type + "." + block));
      }
    }
  }

  /** A string value, or null (after skipping it) for any other kind of value. */
  static @Nullable String text(JsonParser parser) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    parser.skipChildren();
    return null;
  }

  /** A token count: a non-negative integer, null counting as zero; -1 for anything else. */
  static long count(JsonParser parser) throws IOException {
    var token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return 0;
    }
    if (token == JsonToken.VALUE_NUMBER_INT
        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      long count = parser.getLongValue();
      return count < 0 ? -1 : count;
    }
    parser.skipChildren();
    return -1;
  }

  /** Nothing may follow the entry on its line but whitespace. */
  private static void requireEnd(JsonParser parser) throws IOException {
    if (parser.nextToken() != null) {
      throw new JsonParseException(
          parser, "unexpected content after the entry", parser.currentTokenLocation());
    }
  }

  static String describe(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }

  /** A timestamp; one that is not an ISO-8601 instant is left out rather than failing the line. */
  static @Nullable Instant instant(@Nullable String text) {
    if (text == null) {
      return null;
    }
    // Claude Code writes JavaScript's toISOString(): 2026-11-23T20:26:11.623Z. Reading that
    // shape directly is several times faster than the general parser, which takes the rest.
    if (text.length() == 24
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && text.charAt(19) == '.'
        && text.charAt(23) == 'Z') {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 7);
      int day = digits(text, 8, 10);
      int hour = digits(text, 11, 13);
      int minute = digits(text, 14, 16);
      int second = digits(text, 17, 19);
      int millis = digits(text, 20, 23);
      if (year >= 0
          && month >= 1
          && month <= 12
          && day >= 1
          && day <= YearMonth.of(year, month).lengthOfMonth()
          && hour >= 0
          && hour <= 23
          && minute >= 0
          && minute <= 59
          && second >= 0
          && second <= 59
          && millis >= 0) {
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(
            days * 86_400 + hour * 3600L + minute * 60L + second, millis * 1_000_000L);
      }
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The decimal number in {@code text[from, to)}, or -1 if it is not all digits. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
