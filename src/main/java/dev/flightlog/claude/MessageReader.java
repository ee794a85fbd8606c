package dev.flightlog.claude;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.flightlog.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code message} of a conversation line: its id, model and usage, the tool calls of an
 * assistant message, the tool results of a user message and the text of a prompt. Thinking,
 * signatures, images and the bodies of server tool results are skipped.
 *
 * <p>One instance reads one message.
 */
final class MessageReader {

  /** Input fields that summarise a call, in the order {@link #summaryKey} refers to them. */
  private static final List<String> SUMMARY_FIELDS =
      List.of("command", "file_path", "notebook_path", "pattern", "url", "query", "description");

  /** The longest summary kept, in characters: the first line of the field, cut. */
  static final int SUMMARY_CHARS = 200;

  /** Whether the line is already known to be an assistant line, whose text is never a prompt. */
  private final boolean assistantLine;

  private @Nullable String id;
  private @Nullable String model;
  private @Nullable String role;
  private @Nullable Usage usage;
  private @Nullable StringBuilder text;
  private final List<Entry.ToolUse> toolUses = new ArrayList<>();
  private final List<ToolResult> toolResults = new ArrayList<>();
  private final List<String> unknownBlocks = new ArrayList<>();
  private @Nullable String problem;

  MessageReader(boolean assistantLine) {
    this.assistantLine = assistantLine;
  }

  /** Reads the message object the parser is at. */
  void read(JsonParser parser) throws IOException {
    String name;
    while ((name = parser.nextFieldName()) != null) {
      var token = parser.nextToken();
      switch (name) {
        case "id" -> id = LineParser.text(parser);
        case "model" -> model = LineParser.text(parser);
        case "role" -> role = LineParser.text(parser);
        case "usage" -> usage = readUsage(parser);
        case "content" -> {
          if (token == JsonToken.START_ARRAY) {
            readBlocks(parser);
          } else if (token == JsonToken.VALUE_STRING && keepsText()) {
            appendText(parser.getText());
          } else {
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }
  }

  @Nullable String id() {
    return id == null || id.isBlank() ? null : id;
  }

  @Nullable String model() {
    return model;
  }

  @Nullable Usage usage() {
    return usage;
  }

  /** The prompt text: the content string, or the text blocks joined by newlines. */
  String text() {
    var builder = text;
    return builder == null ? "" : builder.toString();
  }

  List<Entry.ToolUse> toolUses() {
    return toolUses;
  }

  List<ToolResult> toolResults() {
    return toolResults;
  }

  /** Content block types outside {@link Schema#CONTENT_BLOCKS}, tool result parts prefixed. */
  List<String> unknownBlocks() {
    return unknownBlocks;
  }

  /** The first value that could not be accepted, or null. */
  @Nullable String problem() {
    return problem;
  }

  /** Whether the message's text may be a prompt: it is not known to be the model's. */
  private boolean keepsText() {
    return !assistantLine && !"assistant".equals(role);
  }

  private void appendText(String part) {
    var builder = text;
    if (builder == null) {
      text = new StringBuilder(part);
    } else {
      builder.append('\n').append(part);
    }
  }

  private void readBlocks(JsonParser parser) throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      if (token == JsonToken.START_OBJECT) {
        readBlock(parser);
      } else {
        parser.skipChildren();
      }
    }
  }

  /** One content block. Its {@code type} may come after the fields that depend on it. */
  private void readBlock(JsonParser parser) throws IOException {
    String blockType = null;
    String blockId = null;
    String toolName = null;
    String toolUseId = null;
    boolean isError = false;
    String input = null;
    String[] summaries = null;
    TextExcerpt result = null;
    String blockText = null;
    String name;
    while ((name = parser.nextFieldName()) != null) {
      var token = parser.nextToken();
      switch (name) {
        case "type" -> blockType = LineParser.text(parser);
        case "id" -> blockId = LineParser.text(parser);
        case "name" -> toolName = LineParser.text(parser);
        case "tool_use_id" -> toolUseId = LineParser.text(parser);
        case "is_error" -> isError = token == JsonToken.VALUE_TRUE;
        case "input" -> {
          summaries = summarySlots();
          input = serialise(parser, summaries);
        }
        case "content" -> result = readResultContent(parser);
        case "text" -> {
          if (token == JsonToken.VALUE_STRING && keepsText()) {
            blockText = parser.getText();
          } else {
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (blockType == null || blockType.isBlank()) {
      return;
    }
    switch (blockType) {
      case "tool_use" -> {
        if (blockId == null || blockId.isBlank()) {
          reject("tool_use block without an id");
        } else {
          toolUses.add(new Entry.ToolUse(blockId, toolName, input, summary(toolName, summaries)));
        }
      }
      case "tool_result" -> {
        if (toolUseId == null || toolUseId.isBlank()) {
          reject("tool_result block without a tool_use_id");
        } else {
          toolResults.add(
              new ToolResult(
                  toolUseId,
                  isError,
                  result == null ? null : result.text(),
                  result == null ? 0 : result.totalBytes()));
        }
      }
      case "text" -> {
        if (blockText != null) {
          appendText(blockText);
        }
      }
      case "image" -> {
        if (keepsText()) {
          appendText("[image]");
        }
      }
      default -> unknownBlock(blockType);
    }
  }

  private void unknownBlock(String blockType) {
    if (!Schema.CONTENT_BLOCKS.contains(blockType) && !unknownBlocks.contains(blockType)) {
      unknownBlocks.add(blockType);
    }
  }

  /**
   * A tool result's content: a string, or blocks whose texts are joined by newlines, images and
   * other blocks standing in as {@code [image]}, {@code [document]} … Only the head is kept; the
   * size is counted in full. A PostToolBatch hook's {@code tool_response} has the same shape and is
   * read here too.
   */
  @Nullable TextExcerpt readResultContent(JsonParser parser) throws IOException {
    var token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      var excerpt = new TextExcerpt(ToolResult.HEAD_BYTES);
      excerpt.append(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
      return excerpt;
    }
    if (token != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return null;
    }
    var excerpt = new TextExcerpt(ToolResult.HEAD_BYTES);
    boolean first = true;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      String partType = null;
      String early = null;
      boolean appended = false;
      String name;
      while ((name = parser.nextFieldName()) != null) {
        var value = parser.nextToken();
        if (name.equals("type")) {
          partType = LineParser.text(parser);
        } else if (name.equals("text") && value == JsonToken.VALUE_STRING) {
          if ("text".equals(partType)) {
            // The usual order: copied straight from the parser's buffer.
            if (!first) {
              excerpt.append("\n");
            }
            excerpt.append(
                parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            appended = true;
            first = false;
          } else {
            early = parser.getText();
          }
        } else {
          parser.skipChildren();
        }
      }
      if (partType == null || partType.isBlank() || appended) {
        continue;
      }
      String part;
      if (partType.equals("text")) {
        part = early;
      } else {
        part = "[" + partType + "]";
        if (!Schema.CONTENT_BLOCKS.contains(partType)) {
          unknownBlock("tool_result." + partType);
        }
      }
      if (part != null) {
        if (!first) {
          excerpt.append("\n");
        }
        excerpt.append(part);
        first = false;
      }
    }
    return excerpt;
  }

  /** Room for the fields {@link #serialise} notes, one slot each. */
  static String[] summarySlots() {
    return new String[SUMMARY_FIELDS.size()];
  }

  /**
   * Re-serialises a tool input as compact JSON (bounded, see {@link BoundedJson}), noting the first
   * line of each top-level string field that can summarise the call. Hook payloads' {@code
   * tool_input} goes through here too, so both channels store the same input and summary.
   */
  static String serialise(JsonParser parser, String[] summaries) throws IOException {
    var out = new BoundedJson();
    try (var generator = LineParser.JSON.createGenerator(out)) {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        generator.copyCurrentStructure(parser);
      } else {
        generator.writeStartObject();
        String name;
        while ((name = parser.nextFieldName()) != null) {
          var token = parser.nextToken();
          generator.writeFieldName(name);
          if (token == JsonToken.VALUE_STRING) {
            char[] chars = parser.getTextCharacters();
            int offset = parser.getTextOffset();
            int length = parser.getTextLength();
            int key = SUMMARY_FIELDS.indexOf(name);
            if (key >= 0 && summaries[key] == null) {
              summaries[key] = firstLine(chars, offset, length);
            }
            generator.writeString(chars, offset, length);
          } else {
            generator.copyCurrentStructure(parser);
          }
        }
        generator.writeEndObject();
      }
    }
    return out.text();
  }

  /**
   * The summary of a call to {@code tool}: Bash's command, the file of Read, Write, Edit and
   * NotebookEdit, the pattern of Grep and Glob, WebFetch's URL, WebSearch's query, the description
   * of Agent (Task before Claude Code 2.1). Null for other tools.
   */
  static @Nullable String summary(@Nullable String tool, String @Nullable [] summaries) {
    if (tool == null || summaries == null) {
      return null;
    }
    int key = summaryKey(tool);
    if (key < 0) {
      return null;
    }
    var summary = summaries[key];
    if (summary == null && tool.equals("NotebookEdit")) {
      summary = summaries[SUMMARY_FIELDS.indexOf("file_path")];
    }
    return summary;
  }

  private static int summaryKey(String tool) {
    var field =
        switch (tool) {
          case "Bash" -> "command";
          case "Read", "Write", "Edit", "MultiEdit" -> "file_path";
          case "NotebookEdit" -> "notebook_path";
          case "Grep", "Glob" -> "pattern";
          case "WebFetch" -> "url";
          case "WebSearch" -> "query";
          case "Agent", "Task" -> "description";
          default -> null;
        };
    return field == null ? -1 : SUMMARY_FIELDS.indexOf(field);
  }

  /** The first non-blank line of a string, at most {@link #SUMMARY_CHARS} characters. */
  static String firstLine(char[] chars, int offset, int length) {
    int start = offset;
    int end = offset + length;
    while (start < end && Character.isWhitespace(chars[start])) {
      start++;
    }
    int stop = start;
    while (stop < end
        && stop - start < SUMMARY_CHARS
        && chars[stop] != '\n'
        && chars[stop] != '\r') {
      stop++;
    }
    if (stop > start && Character.isHighSurrogate(chars[stop - 1])) {
      stop--;
    }
    while (stop > start && Character.isWhitespace(chars[stop - 1])) {
      stop--;
    }
    return new String(chars, start, stop - start);
  }

  /**
   * {@code message.usage}. Cache writes are split by lifetime when {@code cache_creation} breaks
   * them down; writes the breakdown does not account for (all of them, without one) count as
   * 5-minute writes, the default lifetime.
   */
  private @Nullable Usage readUsage(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    long input = 0;
    long output = 0;
    long cacheRead = 0;
    long cacheWrite = 0;
    long write5m = 0;
    long write1h = 0;
    boolean breakdown = false;
    String name;
    while ((name = parser.nextFieldName()) != null) {
      var token = parser.nextToken();
      switch (name) {
        case "input_tokens" -> input = count(parser, name);
        case "output_tokens" -> output = count(parser, name);
        case "cache_read_input_tokens" -> cacheRead = count(parser, name);
        case "cache_creation_input_tokens" -> cacheWrite = count(parser, name);
        case "cache_creation" -> {
          if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
          } else {
            breakdown = true;
            String inner;
            while ((inner = parser.nextFieldName()) != null) {
              parser.nextToken();
              switch (inner) {
                case "ephemeral_5m_input_tokens" ->
                    write5m = count(parser, "cache_creation." + inner);
                case "ephemeral_1h_input_tokens" ->
                    write1h = count(parser, "cache_creation." + inner);
                default -> parser.skipChildren();
              }
            }
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (breakdown) {
      write5m = Math.max(write5m, cacheWrite - write1h);
    } else {
      write5m = cacheWrite;
    }
    try {
      return new Usage(input, output, cacheRead, write5m, write1h);
    } catch (IllegalArgumentException e) {
      reject("message.usage: " + e.getMessage());
      return null;
    }
  }

  private long count(JsonParser parser, String field) throws IOException {
    long count = LineParser.count(parser);
    if (count < 0) {
      reject("message.usage." + field + " is not a token count");
      return 0;
    }
    return count;
  }

  private void reject(String detail) {
    if (problem == null) {
      problem = detail;
    }
  }
}
