package dev.flightlog.claude;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One Claude Code hook payload, read in a single pass of Jackson's streaming parser and reduced to
 * the fields flightlog uses. Field order is not fixed ({@code hook_event_name} may come after the
 * tool fields), so every field is collected whatever the event, and the decoder picks by event
 * afterwards. A tool input is re-serialised (bounded) as the transcript decoder does; a
 * PostToolUse's {@code tool_response} (the tool's structured result) is skipped; a PostToolBatch
 * call's {@code tool_response} (the text the model got) is kept as a bounded head with its size.
 *
 * <p>One instance reads one payload.
 */
final class HookPayload {

  /** One entry of PostToolBatch's {@code tool_calls}. */
  record Call(
      @Nullable String toolUseId,
      @Nullable String tool,
      @Nullable String input,
      @Nullable String summary,
      @Nullable String responseHead,
      long responseBytes) {}

  /** Why the bytes are no hook payload at all, or null when they are a JSON object. */
  @Nullable String notAnObject;

  /** Whether {@link #notAnObject} is because there was no JSON value at all. */
  boolean empty;

  @Nullable String sessionId;
  @Nullable String event;
  @Nullable String transcriptPath;
  @Nullable String agentTranscriptPath;
  @Nullable String cwd;
  @Nullable String promptId;
  @Nullable String agentId;
  @Nullable String agentType;
  @Nullable String toolName;
  @Nullable String toolInput;
  String @Nullable [] toolSummaries;
  @Nullable String toolUseId;
  @Nullable Long durationMs;
  @Nullable String errorHead;
  long errorBytes;
  boolean interrupt;
  @Nullable String reason;
  @Nullable String prompt;
  final List<Call> calls = new ArrayList<>();

  /** Every top-level field name, in order, for schema drift. */
  final List<String> fieldNames = new ArrayList<>(16);

  /** Fields of {@code tool_calls} entries outside {@link Schema#HOOK_BATCH_CALL_FIELDS}. */
  final List<String> unknownCallFields = new ArrayList<>();

  /** Content block types of batch results outside {@link Schema#CONTENT_BLOCKS}. */
  final List<String> unknownBlocks = new ArrayList<>();

  private HookPayload() {}

  /**
   * Reads a payload.
   *
   * @throws com.fasterxml.jackson.core.JsonProcessingException when the bytes are not one complete
   *     JSON value
   */
  static HookPayload parse(byte[] bytes) throws IOException {
    var payload = new HookPayload();
    var parser = LineParser.JSON.createParser(bytes);
    try (parser) {
      var first = parser.nextToken();
      if (first == null) {
        payload.notAnObject = "empty payload";
        payload.empty = true;
        return payload;
      }
      if (first != JsonToken.START_OBJECT) {
        parser.skipChildren();
        requireEnd(parser);
        payload.notAnObject = "expected a JSON object, found " + LineParser.describe(first);
        return payload;
      }
      payload.readFields(parser);
      requireEnd(parser);
    } catch (StreamConstraintsException e) {
      // A limit (nesting depth, number length) says what but not where.
      throw new JsonParseException(parser, e.getOriginalMessage(), parser.currentLocation(), e);
    }
    return payload;
  }

  private void readFields(JsonParser parser) throws IOException {
    String name;
    while ((name = parser.nextFieldName()) != null) {
      var token = parser.nextToken();
      fieldNames.add(name);
      switch (name) {
        case "session_id" -> sessionId = id(parser);
        case "hook_event_name" -> event = id(parser);
        case "transcript_path" -> transcriptPath = id(parser);
        case "agent_transcript_path" -> agentTranscriptPath = id(parser);
        case "cwd" -> cwd = id(parser);
        case "prompt_id" -> promptId = id(parser);
        case "agent_id" -> agentId = id(parser);
        case "agent_type" -> agentType = id(parser);
        case "tool_name" -> toolName = id(parser);
        case "tool_use_id" -> toolUseId = id(parser);
        case "tool_input" -> {
          toolSummaries = MessageReader.summarySlots();
          toolInput = MessageReader.serialise(parser, toolSummaries);
        }
        case "duration_ms" -> durationMs = duration(parser);
        case "is_interrupt" -> interrupt = token == JsonToken.VALUE_TRUE;
        case "error" -> {
          if (token == JsonToken.VALUE_STRING) {
            var excerpt = new TextExcerpt(ToolResult.HEAD_BYTES);
            excerpt.append(
                parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            errorHead = excerpt.text();
            errorBytes = excerpt.totalBytes();
          } else {
            parser.skipChildren();
          }
        }
        case "reason" -> reason = id(parser);
        case "prompt" -> prompt = LineParser.text(parser);
        case "tool_calls" -> {
          if (token == JsonToken.START_ARRAY) {
            readCalls(parser);
          } else {
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  private void readCalls(JsonParser parser) throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      String id = null;
      String tool = null;
      String input = null;
      String[] summaries = null;
      TextExcerpt response = null;
      String name;
      while ((name = parser.nextFieldName()) != null) {
        parser.nextToken();
        switch (name) {
          case "tool_use_id" -> id = id(parser);
          case "tool_name" -> tool = id(parser);
          case "tool_input" -> {
            summaries = MessageReader.summarySlots();
            input = MessageReader.serialise(parser, summaries);
          }
          case "tool_response" -> {
            // The same shape as a transcript tool_result's content: a string or content blocks.
            var reader = new MessageReader(false);
            response = reader.readResultContent(parser);
            for (var block : reader.unknownBlocks()) {
              if (!unknownBlocks.contains(block)) {
                unknownBlocks.add(block);
              }
            }
          }
          default -> {
            parser.skipChildren();
            if (!Schema.HOOK_BATCH_CALL_FIELDS.contains(name)
                && !unknownCallFields.contains(name)) {
              unknownCallFields.add(name);
            }
          }
        }
      }
      calls.add(
          new Call(
              id,
              tool,
              input,
              MessageReader.summary(tool, summaries),
              response == null ? null : response.text(),
              response == null ? 0 : response.totalBytes()));
    }
  }

  /** A string that names something: null (after skipping) when absent, not a string, or blank. */
  private static @Nullable String id(JsonParser parser) throws IOException {
    var text = LineParser.text(parser);
    return text == null || text.isBlank() ? null : text;
  }

  /** A duration in milliseconds: a non-negative integer; null for anything else. */
  private static @Nullable Long duration(JsonParser parser) throws IOException {
    var token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT
        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      long value = parser.getLongValue();
      return value < 0 ? null : value;
    }
    parser.skipChildren();
    return null;
  }

  /** Nothing may follow the payload but whitespace. */
  private static void requireEnd(JsonParser parser) throws IOException {
    if (parser.nextToken() != null) {
      throw new JsonParseException(
          parser, "unexpected content after the payload", parser.currentTokenLocation());
    }
  }
}
