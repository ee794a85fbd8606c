package dev.flightlog.claude;

import java.util.Set;

/**
 * The transcript vocabulary this decoder knows: entry types, the top-level fields of conversation
 * lines and content block types. Anything outside it is reported as drift, counted per Claude Code
 * version, so a new release that changes the format shows up in the numbers instead of in silently
 * wrong records. Taken from what Claude Code 2.1.328 writes (the unions in the reference
 * FORMATS.md), plus the few types and fields of other 2.x releases named in the comments.
 */
final class Schema {

  private Schema() {}

  /** Entry types that carry nothing flightlog stores. */
  static final Set<String> IGNORED_TYPES =
      Set.of(
          "queue-operation",
          "attachment",
          "api-request",
          "api-request-shape",
          "api-request-blob",
          "tools-used",
          "last-prompt",
          "atis-latch",
          "system",
          "mode",
          // Written by earlier 2.x releases: session summaries, file backups for rewind, tool
          // progress, and the title and name entries.
          "summary",
          "file-history-snapshot",
          "progress",
          "ai-title",
          "custom-title",
          "agent-name",
          "bridge-session");

  /** Top-level fields of {@code user} lines. */
  static final Set<String> USER_FIELDS =
      Set.of(
          "agentId",
          "cwd",
          "entrypoint",
          "gitBranch",
          "isMeta",
          "isSidechain",
          "message",
          "origin",
          "parentUuid",
          "permissionDecision",
          "permissionMode",
          "promptId",
          "promptSource",
          "queueSkipAttachments",
          "sandboxed",
          "sessionId",
          "sourceToolAssistantUUID",
          "timestamp",
          "toolDenialKind",
          "toolUseResult",
          "turnCompanion",
          "turnOrigin",
          "turnPosition",
          "type",
          "userType",
          "uuid",
          "version",
          // Compaction summaries, interrupts, MCP results and session slugs in 2.1.2xx.
          "isCompactSummary",
          "isVisibleInTranscriptOnly",
          "interruptedMessageId",
          "classifierMetaLines",
          "mcpMeta",
          "sourceToolUseID",
          "toolEndsTurn",
          "slug");

  /** Top-level fields of {@code assistant} lines. */
  static final Set<String> ASSISTANT_FIELDS =
      Set.of(
          "agentId",
          "apiBlockIndex",
          "apiErrorStatus",
          "apiErrorType",
          "attributionAgent",
          "cwd",
          "effort",
          "entrypoint",
          "error",
          "failedResponseHadNoToolCall",
          "gitBranch",
          "isApiErrorMessage",
          "isSidechain",
          "madeBy",
          "message",
          "parentUuid",
          "perTurnEffort",
          "promptCacheRequested",
          "requestId",
          "requestRef",
          "requestedModel",
          "sessionId",
          "thinkingDisplay",
          "thinkingDurationMs",
          "timestamp",
          "toolInputStreamMs",
          "type",
          "userType",
          "uuid",
          "version",
          "slug");

  /**
   * Content block types of messages: those of the Messages API that Claude Code writes into
   * transcripts, including server tools (their results come back inside the same response, so they
   * are not tool calls flightlog tracks).
   */
  static final Set<String> CONTENT_BLOCKS =
      Set.of(
          "text",
          "thinking",
          "redacted_thinking",
          "tool_use",
          "tool_result",
          "image",
          "document",
          "search_result",
          "tool_reference",
          "server_tool_use",
          "web_search_tool_result",
          "web_fetch_tool_result",
          "code_execution_tool_result",
          "bash_code_execution_tool_result",
          "text_editor_code_execution_tool_result",
          "mcp_tool_use",
          "mcp_tool_result",
          "container_upload");

  /** Fields of a subagent's {@code agent-<id>.meta.json}. */
  static final Set<String> META_FIELDS =
      Set.of(
          "agentType",
          "isBuiltIn",
          "description",
          "toolUseId",
          "spawnDepth",
          "requestShape",
          "requestNonInteractive",
          "model",
          "pickedEffortModel",
          "finished");
}
