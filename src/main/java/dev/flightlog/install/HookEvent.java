package dev.flightlog.install;

/**
 * The Claude Code hook events flightlog registers for (Claude Code 2.1.328 accepts these and
 * WorktreeCreate / WorktreeRemove, which flightlog leaves alone: a hook there replaces git's
 * worktree creation instead of observing it).
 */
public enum HookEvent {
  PRE_TOOL_USE("PreToolUse", Kind.TOOL),
  POST_TOOL_USE("PostToolUse", Kind.TOOL),
  POST_TOOL_USE_FAILURE("PostToolUseFailure", Kind.TOOL),
  POST_TOOL_BATCH("PostToolBatch", Kind.OTHER),
  NOTIFICATION("Notification", Kind.OTHER),
  USER_PROMPT_SUBMIT("UserPromptSubmit", Kind.OTHER),
  USER_PROMPT_EXPANSION("UserPromptExpansion", Kind.OTHER),
  SESSION_START("SessionStart", Kind.COMMAND_ONLY),
  SESSION_END("SessionEnd", Kind.OTHER),
  STOP("Stop", Kind.OTHER),
  STOP_FAILURE("StopFailure", Kind.OTHER),
  SUBAGENT_START("SubagentStart", Kind.OTHER),
  SUBAGENT_STOP("SubagentStop", Kind.OTHER),
  PRE_COMPACT("PreCompact", Kind.OTHER),
  POST_COMPACT("PostCompact", Kind.OTHER),
  PRE_MODEL_SWITCH("PreModelSwitch", Kind.OTHER),
  POST_MODEL_SWITCH("PostModelSwitch", Kind.OTHER),
  PERMISSION_REQUEST("PermissionRequest", Kind.TOOL),
  PERMISSION_DENIED("PermissionDenied", Kind.TOOL),
  SETUP("Setup", Kind.COMMAND_ONLY),
  TEAMMATE_IDLE("TeammateIdle", Kind.OTHER),
  TASK_CREATED("TaskCreated", Kind.OTHER),
  TASK_COMPLETED("TaskCompleted", Kind.OTHER),
  ELICITATION("Elicitation", Kind.OTHER),
  ELICITATION_RESULT("ElicitationResult", Kind.OTHER),
  CONFIG_CHANGE("ConfigChange", Kind.OTHER),
  INSTRUCTIONS_LOADED("InstructionsLoaded", Kind.OTHER),
  CWD_CHANGED("CwdChanged", Kind.OTHER),
  FILE_CHANGED("FileChanged", Kind.OTHER),
  DIRECTORY_ADDED("DirectoryAdded", Kind.OTHER),
  MESSAGE_DISPLAY("MessageDisplay", Kind.OTHER);

  /** How Claude Code treats an event's hooks. */
  private enum Kind {
    /** A per-tool event: its hook group carries {@code "matcher": "*"} (all tools). */
    TOOL,
    /** Claude Code runs only command hooks for it ("HTTP hooks are not supported for …"). */
    COMMAND_ONLY,
    /** Any other event: no matcher, HTTP allowed. */
    OTHER
  }

  private final String wireName;
  private final Kind kind;

  HookEvent(String wireName, Kind kind) {
    this.wireName = wireName;
    this.kind = kind;
  }

  /** The event's name in Claude Code's settings and payloads. */
  public String wireName() {
    return wireName;
  }

  /** Whether Claude Code can deliver this event to an HTTP hook. */
  public boolean httpSupported() {
    return kind != Kind.COMMAND_ONLY;
  }

  /** Whether the event's hook group takes a tool matcher. */
  boolean toolMatcher() {
    return kind == Kind.TOOL;
  }
}
