package dev.flightlog;

/**
 * The outcome of a tool call. Denied and interrupted calls are distinct outcomes, never errors: the
 * tool success rate is ok / (ok + error).
 */
public enum ToolStatus {
  /** Requested by the model, no outcome observed yet. */
  PENDING("pending"),
  OK("ok"),
  /** The tool ran (or was validated) and failed. */
  ERROR("error"),
  /** The call was refused by a permission rule, the user or the agent's tool policy. */
  DENIED("denied"),
  /** The user interrupted the call. */
  INTERRUPTED("interrupted");

  private final String wireName;

  ToolStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static ToolStatus fromWireName(String name) {
    for (var status : values()) {
      if (status.wireName.equals(name)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "unknown tool status '" + name + "' (expected pending, ok, error, denied or interrupted)");
  }
}
