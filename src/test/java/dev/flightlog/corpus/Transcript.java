package dev.flightlog.corpus;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * One transcript file being written: a main session file or a subagent's file. Knows the shape of
 * every line type Claude Code 2.1.328 writes (field names and order follow the reference samples)
 * and keeps the {@code parentUuid} chain; what happens, and when, is decided by {@link
 * SessionScript}. Every line is counted in the {@link Tally}.
 */
final class Transcript implements AutoCloseable {
  static final String VERSION = "2.1.328";

  private static final JsonFactory JSON = new JsonFactory();
  private final JsonGenerator gen;
  private final SessionContext context;
  private final @Nullable String agentId;
  private final Tally tally;
  private final Filler filler;
  private final SplittableRandom random;
  private final Ids ids;
  private final UtcMillis clock = new UtcMillis();
  private final Tools tools;
  private final ToolResults results;
  private final Records records;
  private final Attachments attachments;
  private @Nullable String parent;

  Transcript(
      Path file,
      boolean append,
      SessionContext context,
      @Nullable String agentId,
      Tally tally,
      Filler filler,
      SplittableRandom random,
      Ids ids)
      throws IOException {
    this.context = context;
    this.agentId = agentId;
    this.tally = tally;
    this.filler = filler;
    this.random = random;
    this.ids = ids;
    this.tools = new Tools(filler, random, context.cwd());
    this.results = new ToolResults(tools, filler, random, context.cwd());
    // A resumed session appends its next run to the same file, as Claude Code does.
    var out =
        new BufferedOutputStream(
            append
                ? Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                : Files.newOutputStream(file),
            1 << 16);
    this.gen = JSON.createGenerator(out, JsonEncoding.UTF8);
    gen.setRootValueSeparator(null);
    this.records = new Records(this);
    this.attachments = new Attachments(this);
  }

  /** The uuid of the last line in the {@code parentUuid} chain. */
  @Nullable String parent() {
    return parent;
  }

  boolean inSubagent() {
    return agentId != null;
  }

  JsonGenerator gen() {
    return gen;
  }

  SessionContext context() {
    return context;
  }

  Filler filler() {
    return filler;
  }

  SplittableRandom random() {
    return random;
  }

  Ids ids() {
    return ids;
  }

  Tally tally() {
    return tally;
  }

  /** The off-chain lines: request records and session bookkeeping. */
  Records records() {
    return records;
  }

  Attachments attachments() {
    return attachments;
  }

  /** Makes the next chain line a child of {@code uuid}, when given. */
  void linkTo(@Nullable String uuid) {
    if (uuid != null) {
      parent = uuid;
    }
  }

  // ---- chain lines: user, assistant, system ----

  /** A prompt typed (or sent through the SDK) by the user; returns its uuid. */
  String userPrompt(String promptId, String text, int promptIndex, int turnIndex, long at)
      throws IOException {
    String uuid = ids.uuid();
    head(promptId);
    gen.writeStringField("type", "user");
    gen.writeObjectFieldStart("message");
    gen.writeStringField("role", "user");
    gen.writeStringField("content", text);
    gen.writeEndObject();
    gen.writeStringField("uuid", uuid);
    timestamp(at);
    if (agentId == null) {
      gen.writeStringField("permissionMode", context.permissionMode());
      gen.writeStringField("promptSource", "sdk");
      gen.writeStringField("turnOrigin", "sdk");
      gen.writeObjectFieldStart("turnPosition");
      gen.writeNumberField("promptIndex", promptIndex);
      gen.writeNumberField("turnIndex", turnIndex);
      gen.writeEndObject();
    }
    tail("user", uuid);
    return uuid;
  }

  /** The marker Claude Code appends after the user interrupts a running tool. */
  void interruptMarker(String promptId, long at) throws IOException {
    String uuid = ids.uuid();
    head(promptId);
    gen.writeStringField("type", "user");
    gen.writeObjectFieldStart("message");
    gen.writeStringField("role", "user");
    gen.writeArrayFieldStart("content");
    textBlock("[Request interrupted by user for tool use]");
    gen.writeEndArray();
    gen.writeEndObject();
    gen.writeStringField("uuid", uuid);
    timestamp(at);
    tail("user", uuid);
  }

  /** One content block of a model response; returns the line's uuid. */
  String assistant(
      Response response, Block block, int blockIndex, @Nullable String parentUuid, long at)
      throws IOException {
    String uuid = ids.uuid();
    if (parentUuid != null) {
      parent = parentUuid;
    }
    head(null);
    gen.writeObjectFieldStart("message");
    gen.writeStringField("id", response.messageId());
    gen.writeStringField("type", "message");
    gen.writeStringField("role", "assistant");
    gen.writeStringField("model", response.model().id);
    gen.writeArrayFieldStart("content");
    gen.writeStartObject();
    switch (block) {
      case Block.Thinking(int bytes) -> {
        gen.writeStringField("type", "thinking");
        gen.writeFieldName("thinking");
        filler.write(gen, random, bytes);
        gen.writeStringField("signature", ids.signature());
      }
      case Block.Text(int bytes) -> {
        gen.writeStringField("type", "text");
        gen.writeFieldName("text");
        filler.write(gen, random, bytes);
      }
      case Block.ToolUse(ToolCall call) -> {
        gen.writeStringField("type", "tool_use");
        gen.writeStringField("id", call.id());
        gen.writeStringField("name", call.name());
        gen.writeFieldName("input");
        tools.writeInput(gen, call);
      }
    }
    gen.writeEndObject();
    gen.writeEndArray();
    gen.writeStringField("stop_reason", response.stopReason());
    gen.writeNullField("stop_sequence");
    gen.writeFieldName("usage");
    usage(response.tokens());
    gen.writeNullField("stop_details");
    gen.writeEndObject();
    if (block instanceof Block.ToolUse) {
      gen.writeNumberField("toolInputStreamMs", 1 + random.nextInt(40));
    }
    gen.writeNumberField("apiBlockIndex", blockIndex);
    gen.writeStringField("requestId", response.requestId());
    gen.writeStringField("requestRef", response.requestRef());
    gen.writeStringField("requestedModel", response.model().id);
    gen.writeStringField("promptCacheRequested", "5m");
    gen.writeStringField("type", "assistant");
    gen.writeStringField("uuid", uuid);
    timestamp(at);
    gen.writeStringField("effort", context.effort());
    gen.writeStringField("perTurnEffort", context.effort());
    gen.writeStringField("madeBy", "model");
    tail(null, uuid);
    tally.line("assistant");
    return uuid;
  }

  private void usage(Tokens tokens) throws IOException {
    gen.writeStartObject();
    gen.writeNumberField("input_tokens", tokens.input());
    gen.writeNumberField("cache_creation_input_tokens", tokens.cacheWrite());
    gen.writeNumberField("cache_read_input_tokens", tokens.cacheRead());
    gen.writeNumberField("output_tokens", tokens.output());
    gen.writeObjectFieldStart("output_tokens_details");
    gen.writeNumberField("thinking_tokens", 0);
    gen.writeEndObject();
    gen.writeObjectFieldStart("server_tool_use");
    gen.writeNumberField("web_search_requests", 0);
    gen.writeNumberField("web_fetch_requests", 0);
    gen.writeEndObject();
    gen.writeStringField("service_tier", "standard");
    gen.writeObjectFieldStart("cache_creation");
    gen.writeNumberField("ephemeral_1h_input_tokens", tokens.cacheWrite1h());
    gen.writeNumberField("ephemeral_5m_input_tokens", tokens.cacheWrite5m());
    gen.writeEndObject();
    gen.writeStringField("inference_geo", "");
    gen.writeArrayFieldStart("iterations");
    gen.writeEndArray();
    gen.writeStringField("speed", "standard");
    gen.writeNullField("fallback_credit");
    gen.writeEndObject();
  }

  /**
   * The result of one tool call, as a user line pointing back at the assistant line that asked for
   * it; returns its uuid. Subagent results carry the subagent's report in {@code agentRun}.
   */
  String toolResult(
      String promptId,
      ToolCall call,
      String assistantUuid,
      @Nullable Slice output,
      @Nullable SubagentRun agentRun,
      long at)
      throws IOException {
    String uuid = ids.uuid();
    parent = assistantUuid;
    head(promptId);
    gen.writeStringField("type", "user");
    gen.writeObjectFieldStart("message");
    gen.writeStringField("role", "user");
    gen.writeArrayFieldStart("content");
    gen.writeStartObject();
    gen.writeStringField("tool_use_id", call.id());
    gen.writeStringField("type", "tool_result");
    gen.writeFieldName("content");
    results.writeResultContent(gen, call, output, agentRun);
    if (call.outcome().isError() || random.nextInt(4) != 0) {
      gen.writeBooleanField("is_error", call.outcome().isError());
    }
    gen.writeEndObject();
    gen.writeEndArray();
    gen.writeEndObject();
    gen.writeStringField("uuid", uuid);
    timestamp(at);
    if (agentId == null || call.outcome() != Outcome.OK || random.nextBoolean()) {
      gen.writeFieldName("toolUseResult");
      results.writeToolUseResult(gen, call, output, agentRun);
    }
    switch (call.outcome()) {
      case DENIED_BY_USER -> gen.writeStringField("toolDenialKind", "user-rejected");
      case DENIED_BY_RULE -> gen.writeStringField("toolDenialKind", "permission-rule");
      case OK, ERROR, UNKNOWN_TOOL, INVALID_INPUT, INTERRUPTED -> {}
    }
    if (call.name().equals("Bash")) {
      gen.writeBooleanField("sandboxed", false);
    }
    gen.writeStringField("sourceToolAssistantUUID", assistantUuid);
    results.writePermissionDecision(gen, call);
    tail("user", uuid);
    return uuid;
  }

  void systemStopHookSummary(String toolUseId, long at) throws IOException {
    String uuid = ids.uuid();
    head(null);
    gen.writeStringField("type", "system");
    gen.writeStringField("subtype", "stop_hook_summary");
    gen.writeNumberField("hookCount", 1);
    gen.writeArrayFieldStart("hookInfos");
    gen.writeStartObject();
    gen.writeStringField("command", hookCommand("Stop"));
    gen.writeNumberField("durationMs", 20 + random.nextInt(200));
    gen.writeEndObject();
    gen.writeEndArray();
    names("hookErrors", List.of());
    names("failedHookErrorIndexes", List.of());
    names("hookAdditionalContext", List.of());
    gen.writeBooleanField("preventedContinuation", false);
    gen.writeStringField("stopReason", "");
    gen.writeBooleanField("hasOutput", true);
    gen.writeStringField("level", "suggestion");
    timestamp(at);
    gen.writeStringField("uuid", uuid);
    gen.writeStringField("toolUseID", toolUseId);
    tail(null, uuid);
    tally.system("stop_hook_summary");
  }

  /** A retried API failure (529 overloaded); no response, so no usage. */
  void systemApiError(String requestId, int attempt, long at) throws IOException {
    String uuid = ids.uuid();
    head(null);
    gen.writeStringField("type", "system");
    gen.writeStringField("subtype", "api_error");
    gen.writeStringField("level", "error");
    gen.writeObjectFieldStart("error");
    gen.writeStringField(
        "message",
        "529 {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
    gen.writeNumberField("status", 529);
    gen.writeStringField("requestId", requestId);
    gen.writeStringField("formatted", "529 Overloaded");
    gen.writeNullField("connection");
    gen.writeBooleanField("isNetworkDown", false);
    gen.writeNullField("rateLimits");
    gen.writeNullField("noResponse");
    gen.writeEndObject();
    gen.writeNumberField("retryInMs", 500 + random.nextInt(4_000));
    gen.writeNumberField("retryAttempt", attempt);
    gen.writeNumberField("maxRetries", 10);
    gen.writeStringField("source", "request_retry");
    timestamp(at);
    gen.writeStringField("uuid", uuid);
    tail(null, uuid);
    tally.system("api_error");
  }

  /**
   * The synthetic assistant message Claude Code writes for a fatal API error (HTTP 400): model
   * {@code <synthetic>}, all-zero usage. Not a model response.
   */
  void syntheticApiError(String requestId, long at) throws IOException {
    String uuid = ids.uuid();
    head(null);
    gen.writeStringField("type", "assistant");
    gen.writeStringField("uuid", uuid);
    timestamp(at);
    gen.writeObjectFieldStart("message");
    gen.writeNullField("diagnostics");
    gen.writeStringField("id", ids.uuid());
    gen.writeNullField("container");
    gen.writeStringField("model", "<synthetic>");
    gen.writeStringField("role", "assistant");
    gen.writeNullField("stop_details");
    gen.writeStringField("stop_reason", "stop_sequence");
    gen.writeStringField("stop_sequence", "");
    gen.writeStringField("type", "message");
    gen.writeObjectFieldStart("usage");
    gen.writeNullField("output_tokens_details");
    for (var field :
        List.of(
            "input_tokens",
            "output_tokens",
            "cache_creation_input_tokens",
            "cache_read_input_tokens")) {
      gen.writeNumberField(field, 0);
    }
    gen.writeObjectFieldStart("server_tool_use");
    gen.writeNumberField("web_search_requests", 0);
    gen.writeNumberField("web_fetch_requests", 0);
    gen.writeEndObject();
    gen.writeNullField("service_tier");
    gen.writeObjectFieldStart("cache_creation");
    gen.writeNumberField("ephemeral_1h_input_tokens", 0);
    gen.writeNumberField("ephemeral_5m_input_tokens", 0);
    gen.writeEndObject();
    gen.writeNullField("inference_geo");
    gen.writeNullField("iterations");
    gen.writeNullField("speed");
    gen.writeNullField("fallback_credit");
    gen.writeEndObject();
    gen.writeArrayFieldStart("content");
    textBlock("API Error: 400 prompt is too long: 212034 tokens > 200000 maximum");
    gen.writeEndArray();
    gen.writeNullField("context_management");
    gen.writeEndObject();
    gen.writeStringField("requestId", requestId);
    gen.writeStringField("error", "invalid_request");
    gen.writeBooleanField("isApiErrorMessage", true);
    gen.writeNumberField("apiErrorStatus", 400);
    gen.writeStringField("apiErrorType", "invalid_request_error");
    gen.writeStringField("perTurnEffort", context.effort());
    gen.writeBooleanField("failedResponseHadNoToolCall", true);
    gen.writeStringField("madeBy", "model");
    tail(null, uuid);
    tally.line("assistant");
  }

  // ---- helpers ----

  /** HTTP hooks are registered per event ({@code …/hook/Stop}); command hooks are one script. */
  String hookCommand(String event) {
    String command = context.hookCommand();
    return command.startsWith("http") ? command + event : command;
  }

  void attachmentStart(String type) throws IOException {
    head(null);
    gen.writeObjectFieldStart("attachment");
    gen.writeStringField("type", type);
    tally.attachment(type);
  }

  /** Ends an attachment line; {@code renderedRole} null means the attachment is not rendered. */
  void attachmentEnd(@Nullable String renderedRole, @Nullable String rendered, long at)
      throws IOException {
    String uuid = ids.uuid();
    gen.writeStringField("type", "attachment");
    gen.writeStringField("uuid", uuid);
    timestamp(at);
    if (renderedRole != null) {
      gen.writeArrayFieldStart("rendered");
      gen.writeStartObject();
      gen.writeFieldName("content");
      if (rendered != null) {
        gen.writeString(rendered);
      } else {
        filler.write(gen, random, context.small() ? 200 : 400 + random.nextInt(1_200));
      }
      gen.writeEndObject();
      gen.writeEndArray();
      gen.writeStringField("renderedRole", renderedRole);
      if (renderedRole.equals("user")) {
        gen.writeBooleanField("renderedBesideToolResult", true);
      }
    }
    tail(null, uuid);
  }

  void head(@Nullable String promptId) throws IOException {
    gen.writeStartObject();
    if (parent == null) {
      gen.writeNullField("parentUuid");
    } else {
      gen.writeStringField("parentUuid", parent);
    }
    gen.writeBooleanField("isSidechain", agentId != null);
    if (promptId != null) {
      gen.writeStringField("promptId", promptId);
    }
    agentIdField();
  }

  /** Ends a chain line with the fields every one of them carries, and links the chain. */
  void tail(@Nullable String countAs, String uuid) throws IOException {
    gen.writeStringField("userType", "external");
    gen.writeStringField("entrypoint", "sdk-cli");
    gen.writeStringField("cwd", context.cwd());
    gen.writeStringField("sessionId", context.sessionId());
    gen.writeStringField("version", VERSION);
    gen.writeStringField("gitBranch", context.gitBranch());
    gen.writeEndObject();
    gen.writeRaw('\n');
    parent = uuid;
    if (countAs != null) {
      tally.line(countAs);
    }
  }

  void agentIdField() throws IOException {
    if (agentId != null) {
      gen.writeStringField("agentId", agentId);
    }
  }

  void timestamp(long at) throws IOException {
    gen.writeFieldName("timestamp");
    clock.write(gen, at);
  }

  void textBlock(String text) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("type", "text");
    gen.writeStringField("text", text);
    gen.writeEndObject();
  }

  void names(String field, List<String> values) throws IOException {
    gen.writeArrayFieldStart(field);
    for (var value : values) {
      gen.writeString(value);
    }
    gen.writeEndArray();
  }

  void end(String type) throws IOException {
    gen.writeEndObject();
    gen.writeRaw('\n');
    tally.line(type);
  }

  @Override
  public void close() throws IOException {
    gen.close();
  }
}
