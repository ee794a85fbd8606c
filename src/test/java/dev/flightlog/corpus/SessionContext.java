package dev.flightlog.corpus;

/**
 * What every line of one session repeats: its id, working directory and branch, the effort and
 * permission mode it runs with, the hook command its project configures (empty: no hooks), and
 * whether it is a small session (for many-file corpora: shorter prompts and schemas).
 */
record SessionContext(
    String sessionId,
    String cwd,
    String gitBranch,
    String effort,
    String permissionMode,
    String hookCommand,
    boolean small) {
  SessionContext {
    if (sessionId.isEmpty() || cwd.isEmpty() || gitBranch.isEmpty()) {
      throw new IllegalArgumentException("session id, cwd and branch are required");
    }
  }

  boolean hooks() {
    return !hookCommand.isEmpty();
  }
}
