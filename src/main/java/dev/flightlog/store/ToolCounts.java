package dev.flightlog.store;

/**
 * The tool calls of one tool in one period (see {@link Grouping}), by outcome. Calls still pending
 * are {@code calls - ok - errors - denied - interrupted}.
 *
 * @param tool the tool name, {@code ""} when unknown
 */
public record ToolCounts(
    long period, String tool, long calls, long ok, long errors, long denied, long interrupted) {

  public ToolCounts {
    if (ok < 0 || errors < 0 || denied < 0 || interrupted < 0) {
      throw new IllegalArgumentException("negative tool counts for '" + tool + "'");
    }
    if (ok + errors + denied + interrupted > calls) {
      throw new IllegalArgumentException(
          "tool '" + tool + "' has more outcomes than calls (" + calls + ")");
    }
  }

  public long pending() {
    return calls - ok - errors - denied - interrupted;
  }

  public ToolCounts plus(ToolCounts other) {
    return new ToolCounts(
        period,
        tool,
        calls + other.calls,
        ok + other.ok,
        errors + other.errors,
        denied + other.denied,
        interrupted + other.interrupted);
  }
}
