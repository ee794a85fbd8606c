package dev.flightlog.corpus;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * What a tool call hands back, for every {@link Outcome}: the tool_result content the model sees,
 * the structured {@code toolUseResult} Claude Code keeps beside it and the permission decision.
 * Error texts are the ones Claude Code 2.1.328 writes ("File does not exist…", "Exit code N",
 * "String to replace not found in file.", "No such tool available: X", the denials).
 */
final class ToolResults {
  private final Tools tools;
  private final Filler filler;
  private final SplittableRandom random;
  private final String cwd;

  ToolResults(Tools tools, Filler filler, SplittableRandom random, String cwd) {
    this.tools = tools;
    this.filler = filler;
    this.random = random;
    this.cwd = cwd;
  }

  /** The {@code content} of the tool_result block the model sees. */
  void writeResultContent(
      JsonGenerator gen, ToolCall call, @Nullable Slice output, @Nullable SubagentRun agentRun)
      throws IOException {
    if (call.outcome() != Outcome.OK) {
      gen.writeString(errorText(call, false));
      return;
    }
    switch (call.name()) {
      case "Edit" ->
          gen.writeString("The file " + call.target() + " has been updated successfully.");
      case "Write" ->
          gen.writeString(
              "File created successfully at: "
                  + call.target()
                  + " (file state is current in your context \u2014 no need to Read it back)");
      case "Grep" ->
          gen.writeString("Found 3 files\n" + String.join("\n", Tools.FILES.subList(0, 3)));
      case "Glob" -> gen.writeString(String.join("\n", Tools.FILES.subList(2, 7)));
      case "TodoWrite" ->
          gen.writeString(
              "Todos have been modified successfully. Ensure that you continue to use the todo"
                  + " list to track your progress. Please proceed with the current tasks if"
                  + " applicable");
      case "mcp__github__get_issue" -> {
        gen.writeStartArray();
        textBlock(gen, output);
        gen.writeEndArray();
      }
      case "Agent" -> {
        gen.writeStartArray();
        gen.writeStartObject();
        gen.writeStringField("type", "text");
        gen.writeStringField("text", agentReport(agentRun));
        gen.writeEndObject();
        gen.writeEndArray();
      }
      default -> writeOutput(gen, output);
    }
  }

  /** The structured {@code toolUseResult} Claude Code keeps beside the tool_result. */
  void writeToolUseResult(
      JsonGenerator gen, ToolCall call, @Nullable Slice output, @Nullable SubagentRun agentRun)
      throws IOException {
    if (call.outcome() != Outcome.OK) {
      gen.writeString(errorText(call, true));
      return;
    }
    switch (call.name()) {
      case "Bash" -> {
        gen.writeStartObject();
        gen.writeFieldName("stdout");
        writeOutput(gen, output);
        gen.writeStringField("stderr", "");
        gen.writeBooleanField("interrupted", false);
        gen.writeBooleanField("isImage", false);
        gen.writeBooleanField("noOutputExpected", false);
        gen.writeEndObject();
      }
      case "Read" -> {
        int lines = 1 + (output == null ? 0 : output.length() / 48);
        gen.writeStartObject();
        gen.writeStringField("type", "text");
        gen.writeObjectFieldStart("file");
        gen.writeStringField("filePath", call.target());
        gen.writeFieldName("content");
        writeOutput(gen, output);
        gen.writeNumberField("numLines", lines);
        gen.writeNumberField("startLine", 1);
        gen.writeNumberField("totalLines", lines);
        gen.writeEndObject();
        gen.writeEndObject();
      }
      case "Edit" -> {
        gen.writeStartObject();
        gen.writeStringField("filePath", call.target());
        gen.writeFieldName("oldString");
        filler.write(gen, random, 40 + random.nextInt(300));
        gen.writeFieldName("newString");
        filler.write(gen, random, 40 + random.nextInt(400));
        gen.writeFieldName("originalFile");
        writeOutput(gen, output);
        gen.writeArrayFieldStart("structuredPatch");
        gen.writeStartObject();
        int line = 1 + random.nextInt(300);
        gen.writeNumberField("oldStart", line);
        gen.writeNumberField("oldLines", 3);
        gen.writeNumberField("newStart", line);
        gen.writeNumberField("newLines", 4);
        gen.writeArrayFieldStart("lines");
        for (int i = 0; i < 4; i++) {
          filler.write(gen, random, 30 + random.nextInt(60));
        }
        gen.writeEndArray();
        gen.writeEndObject();
        gen.writeEndArray();
        gen.writeBooleanField("userModified", false);
        gen.writeBooleanField("replaceAll", false);
        gen.writeEndObject();
      }
      case "Write" -> {
        gen.writeStartObject();
        gen.writeStringField("type", "create");
        gen.writeStringField("filePath", call.target());
        gen.writeFieldName("content");
        writeOutput(gen, output);
        gen.writeArrayFieldStart("structuredPatch");
        gen.writeEndArray();
        gen.writeNullField("originalFile");
        gen.writeBooleanField("userModified", false);
        gen.writeEndObject();
      }
      case "Grep" -> {
        gen.writeStartObject();
        gen.writeStringField("mode", "files_with_matches");
        gen.writeArrayFieldStart("filenames");
        for (var file : Tools.FILES.subList(0, 3)) {
          gen.writeString(file);
        }
        gen.writeEndArray();
        gen.writeNumberField("numFiles", 3);
        gen.writeEndObject();
      }
      case "Glob" -> {
        gen.writeStartObject();
        gen.writeArrayFieldStart("filenames");
        for (var file : Tools.FILES.subList(2, 7)) {
          gen.writeString(cwd + "/" + file);
        }
        gen.writeEndArray();
        gen.writeNumberField("durationMs", 3 + random.nextInt(60));
        gen.writeNumberField("numFiles", 5);
        gen.writeBooleanField("truncated", false);
        gen.writeEndObject();
      }
      case "TodoWrite" -> {
        gen.writeStartObject();
        gen.writeArrayFieldStart("oldTodos");
        gen.writeEndArray();
        gen.writeArrayFieldStart("newTodos");
        tools.todos(gen);
        gen.writeEndArray();
        gen.writeEndObject();
      }
      case "WebFetch" -> {
        gen.writeStartObject();
        gen.writeNumberField("bytes", output == null ? 0 : output.length() * 3L);
        gen.writeNumberField("code", 200);
        gen.writeStringField("codeText", "OK");
        gen.writeFieldName("result");
        writeOutput(gen, output);
        gen.writeNumberField("durationMs", 200 + random.nextInt(3_000));
        gen.writeStringField("url", call.target());
        gen.writeEndObject();
      }
      case "mcp__github__get_issue" -> {
        gen.writeStartArray();
        textBlock(gen, output);
        gen.writeEndArray();
      }
      case "Agent" -> agentResult(gen, agentRun);
      default -> writeOutput(gen, output);
    }
  }

  void writePermissionDecision(JsonGenerator gen, ToolCall call) throws IOException {
    switch (call.outcome()) {
      case UNKNOWN_TOOL, INVALID_INPUT -> {}
      case DENIED_BY_USER -> {
        gen.writeObjectFieldStart("permissionDecision");
        gen.writeStringField("decision", "reject");
        gen.writeStringField("source", "config");
        gen.writeStringField("reasonCode", "unknown");
        gen.writeEndObject();
      }
      case DENIED_BY_RULE -> {
        gen.writeObjectFieldStart("permissionDecision");
        gen.writeStringField("decision", "reject");
        gen.writeStringField("source", "config");
        gen.writeStringField("reasonType", "subcommandResults");
        gen.writeStringField("ruleSource", "userSettings");
        gen.writeStringField("reasonCode", "rule:userSettings");
        gen.writeEndObject();
      }
      case OK, ERROR, INTERRUPTED -> {
        gen.writeObjectFieldStart("permissionDecision");
        gen.writeStringField("decision", "accept");
        gen.writeStringField("source", "config");
        gen.writeStringField("reasonType", "rule");
        gen.writeStringField("ruleSource", "cliArg");
        gen.writeEndObject();
      }
    }
  }

  /**
   * The error text of a failed call; {@code forToolUseResult} gives the variant Claude Code keeps
   * in {@code toolUseResult} (prefixed with "Error: ", without the tool_use_error tags).
   */
  private String errorText(ToolCall call, boolean forToolUseResult) {
    String prefix = forToolUseResult ? "Error: " : "";
    return switch (call.outcome()) {
      case OK -> "";
      case ERROR -> failure(call, forToolUseResult);
      case UNKNOWN_TOOL ->
          forToolUseResult
              ? "Error: No such tool available: " + call.name()
              : "<tool_use_error>Error: No such tool available: "
                  + call.name()
                  + "</tool_use_error>";
      case INVALID_INPUT ->
          forToolUseResult
              ? "InputValidationError: [{\"expected\": \"string\", \"code\": \"invalid_type\","
                  + " \"path\": [\"file_path\"]}]"
              : "<tool_use_error>InputValidationError: Read failed due to the following"
                  + " issues:\nThe required parameter `file_path` is missing\nAn unexpected"
                  + " parameter `path` was provided</tool_use_error>";
      case DENIED_BY_USER ->
          prefix
              + "Claude requested permissions to use "
              + call.name()
              + " on "
              + call.target()
              + ", but you haven't granted it yet.";
      case DENIED_BY_RULE ->
          prefix
              + "Permission to use "
              + call.name()
              + " with command "
              + call.target()
              + " has been denied.";
      case INTERRUPTED -> prefix + "[Request interrupted by user for tool use]";
    };
  }

  private String failure(ToolCall call, boolean forToolUseResult) {
    String prefix = forToolUseResult ? "Error: " : "";
    return switch (call.name()) {
      case "Bash" ->
          prefix
              + "Exit code "
              + (1 + random.nextInt(2))
              + "\n"
              + pick(
                  List.of(
                      "npm ERR! Test failed.  See above for more details.",
                      "error: could not compile `app` due to 2 previous errors",
                      "FAILED tests/test_parser.py::test_empty_line - AssertionError",
                      "fatal: not a git repository (or any of the parent directories): .git"));
      case "Read" ->
          prefix + "File does not exist. Note: your current working directory is " + cwd + ".";
      case "Edit" ->
          forToolUseResult
              ? "Error: String to replace not found in file.\nString: return session.apply("
              : "<tool_use_error>String to replace not found in file.\nString: return"
                  + " session.apply(</tool_use_error>";
      case "Write" ->
          forToolUseResult
              ? "Error: File has not been read yet. Read it first before writing to it."
              : "<tool_use_error>File has not been read yet. Read it first before writing to"
                  + " it.</tool_use_error>";
      case "WebFetch" -> prefix + "Request failed with status code 404";
      case "mcp__github__get_issue" -> prefix + "MCP error -32603: Not Found";
      default -> prefix + "Path does not exist: " + cwd + "/vendor";
    };
  }

  private void agentResult(JsonGenerator gen, @Nullable SubagentRun run) throws IOException {
    if (run == null) {
      throw new IllegalStateException("an Agent call needs its subagent run");
    }
    gen.writeStartObject();
    gen.writeStringField("status", "completed");
    gen.writeStringField("prompt", run.prompt());
    gen.writeStringField("agentId", run.agentId());
    gen.writeStringField("agentType", run.agentType());
    gen.writeArrayFieldStart("toolsUsed");
    for (var tool : run.toolsUsed()) {
      gen.writeString(tool);
    }
    gen.writeEndArray();
    gen.writeArrayFieldStart("content");
    gen.writeStartObject();
    gen.writeStringField("type", "text");
    gen.writeStringField("text", run.report());
    gen.writeEndObject();
    gen.writeEndArray();
    gen.writeStringField("resolvedModel", run.model().id);
    gen.writeNumberField("totalDurationMs", run.durationMs());
    gen.writeNumberField("totalTokens", run.totalTokens());
    gen.writeNumberField("totalToolUseCount", run.toolUseCount());
    // The subagent's last usage, repeated here; a reader must not count it as a request.
    gen.writeObjectFieldStart("usage");
    gen.writeNumberField("input_tokens", run.lastTokens().input());
    gen.writeNumberField("cache_creation_input_tokens", run.lastTokens().cacheWrite());
    gen.writeNumberField("cache_read_input_tokens", run.lastTokens().cacheRead());
    gen.writeNumberField("output_tokens", run.lastTokens().output());
    gen.writeStringField("service_tier", "standard");
    gen.writeEndObject();
    gen.writeBooleanField("canContinueAgent", true);
    gen.writeEndObject();
  }

  private static String agentReport(@Nullable SubagentRun run) {
    if (run == null) {
      throw new IllegalStateException("an Agent call needs its subagent run");
    }
    return "<tools-used-before-summary>"
        + String.join(", ", run.toolsUsed())
        + "</tools-used-before-summary>\n"
        + run.report()
        + "\n<usage>subagent_tokens: "
        + run.totalTokens()
        + "\ntool_uses: "
        + run.toolUseCount()
        + "\nduration_ms: "
        + run.durationMs()
        + "</usage>";
  }

  private void textBlock(JsonGenerator gen, @Nullable Slice output) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", "text");
    gen.writeFieldName("text");
    writeOutput(gen, output);
    gen.writeEndObject();
  }

  private void writeOutput(JsonGenerator gen, @Nullable Slice output) throws IOException {
    if (output == null) {
      gen.writeString("");
    } else {
      filler.write(gen, output);
    }
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
