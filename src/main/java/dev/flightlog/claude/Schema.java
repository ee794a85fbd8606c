package dev.flightlog.claude;

import java.util.Map;
import java.util.Set;

/**
 * The vocabulary the decoders know: transcript entry types, the top-level fields of conversation
 * lines, content block types, and hook event names and their fields. Anything outside it is
 * reported as drift, counted per Claude Code version, so a new release that changes the format
 * shows up in the numbers instead of in silently wrong records. Taken from what Claude Code 2.1.328
 * writes (the unions in the reference FORMATS.md), plus the few types and fields of other 2.x
 * releases named in the comments.
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

  /**
   * Every hook event name Claude Code 2.1.328 accepts in its settings (README of the reference
   * samples). A payload naming another event is drift.
   */
  static final Set<String> HOOK_EVENTS =
      Set.of(
          "PreToolUse",
          "PostToolUse",
          "PostToolUseFailure",
          "PostToolBatch",
          "Notification",
          "UserPromptSubmit",
          "UserPromptExpansion",
          "SessionStart",
          "SessionEnd",
          "Stop",
          "StopFailure",
          "SubagentStart",
          "SubagentStop",
          "PreCompact",
          "PostCompact",
          "PreModelSwitch",
          "PostModelSwitch",
          "PermissionRequest",
          "PermissionDenied",
          "Setup",
          "TeammateIdle",
          "TaskCreated",
          "TaskCompleted",
          "Elicitation",
          "ElicitationResult",
          "ConfigChange",
          "WorktreeCreate",
          "WorktreeRemove",
          "InstructionsLoaded",
          "CwdChanged",
          "FileChanged",
          "DirectoryAdded",
          "MessageDisplay");

  /**
   * Fields any hook payload may carry: the common ones, those of most events, and those added
   * inside a subagent.
   */
  private static final Set<String> HOOK_COMMON_FIELDS =
      Set.of(
          "session_id",
          "transcript_path",
          "cwd",
          "hook_event_name",
          "prompt_id",
          "permission_mode",
          "effort",
          "agent_id",
          "agent_type");

  /**
   * The fields of each hook event seen fired (the unions over all scenarios in the reference
   * FORMATS.md), besides {@link #HOOK_COMMON_FIELDS}. Events that never fired have no entry: their
   * fields are not checked.
   */
  private static final Map<String, Set<String>> HOOK_FIELDS =
      Map.ofEntries(
          Map.entry("MessageDisplay", Set.of("delta", "final", "index", "message_id", "turn_id")),
          Map.entry(
              "PermissionRequest", Set.of("permission_suggestions", "tool_input", "tool_name")),
          Map.entry("PostToolBatch", Set.of("tool_calls")),
          Map.entry(
              "PostToolUse",
              Set.of("duration_ms", "tool_input", "tool_name", "tool_response", "tool_use_id")),
          Map.entry(
              "PostToolUseFailure",
              Set.of(
                  "duration_ms",
                  "error",
                  "is_interrupt",
                  "tool_input",
                  "tool_name",
                  "tool_use_id")),
          Map.entry("PreToolUse", Set.of("tool_input", "tool_name", "tool_use_id")),
          Map.entry("SessionEnd", Set.of("reason")),
          Map.entry(
              "SessionStart",
              Set.of(
                  "context_tokens",
                  "estimated_cache_write_usd",
                  "prompt_cache_likely_expired",
                  "seconds_since_last_response",
                  "source")),
          Map.entry(
              "Stop",
              Set.of(
                  "background_tasks",
                  "last_assistant_message",
                  "session_crons",
                  "stop_hook_active")),
          Map.entry("StopFailure", Set.of("error", "last_assistant_message")),
          Map.entry("SubagentStart", Set.of()),
          Map.entry(
              "SubagentStop",
              Set.of(
                  "agent_transcript_path",
                  "background_tasks",
                  "last_assistant_message",
                  "session_crons",
                  "stop_hook_active")),
          Map.entry("UserPromptSubmit", Set.of("prompt")));

  /** The fields of one entry of PostToolBatch's {@code tool_calls}. */
  static final Set<String> HOOK_BATCH_CALL_FIELDS =
      Set.of("tool_name", "tool_input", "tool_use_id", "tool_response");

  /**
   * Whether a field of a hook payload is unknown for its event: false for fields every payload may
   * carry and for any field of an event whose fields were never observed.
   */
  static boolean unknownHookField(String event, String field) {
    var fields = HOOK_FIELDS.get(event);
    return fields != null && !HOOK_COMMON_FIELDS.contains(field) && !fields.contains(field);
  }
}
