package dev.flightlog;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a channel saw of one tool call. Natural key: agent + tool use id. The request (name, input,
 * start) and the result (status, error, output, end) usually arrive as separate facts and are
 * merged by the store.
 *
 * @param input the tool input as compact JSON, bounded by the capture policy
 * @param summary a short human summary of the input: the command, file path or pattern
 * @param outputBytes the size of the complete output, even when only an excerpt is kept
 * @param durationMs the duration measured by the agent, when it reports one
 */
public record ToolCallFact(
    Agent agent,
    String toolUseId,
    String sessionId,
    @Nullable String threadId,
    @Nullable String promptId,
    @Nullable String tool,
    @Nullable String input,
    @Nullable String summary,
    @Nullable ToolStatus status,
    @Nullable String error,
    @Nullable String outputExcerpt,
    @Nullable Long outputBytes,
    @Nullable Instant startedAt,
    @Nullable Instant endedAt,
    @Nullable Long durationMs,
    @Nullable String project,
    @Nullable String messageId,
    Channel channel)
    implements Fact {
  public ToolCallFact {
    Keys.require("toolUseId", toolUseId);
    Keys.require("sessionId", sessionId);
    if (durationMs != null && durationMs < 0) {
      throw new IllegalArgumentException("durationMs cannot be negative: " + durationMs);
    }
    if (outputBytes != null && outputBytes < 0) {
      throw new IllegalArgumentException("outputBytes cannot be negative: " + outputBytes);
    }
  }

  /** The MCP server of an {@code mcp__server__tool} name, else null. */
  public @Nullable String mcpServer() {
    if (tool == null || !tool.startsWith("mcp__")) {
      return null;
    }
    int end = tool.indexOf("__", 5);
    return end < 0 ? null : tool.substring(5, end);
  }

  /** A copy with the content fields replaced (used by the capture policy). */
  public ToolCallFact withContent(
      @Nullable String input,
      @Nullable String summary,
      @Nullable String error,
      @Nullable String outputExcerpt) {
    return new ToolCallFact(
        agent,
        toolUseId,
        sessionId,
        threadId,
        promptId,
        tool,
        input,
        summary,
        status,
        error,
        outputExcerpt,
        outputBytes,
        startedAt,
        endedAt,
        durationMs,
        project,
        messageId,
        channel);
  }
}
