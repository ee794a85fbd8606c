package dev.flightlog;

/** The coding agents flightlog records. The wire name is what the store and JSON output use. */
public enum Agent {
  CLAUDE("claude"),
  CODEX("codex"),
  GEMINI("gemini");

  private final String wireName;

  Agent(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The agent with this wire name; throws with the allowed values when there is none. */
  public static Agent fromWireName(String name) {
    for (var agent : values()) {
      if (agent.wireName.equals(name)) {
        return agent;
      }
    }
    throw new IllegalArgumentException(
        "unknown agent '" + name + "' (expected one of: claude, codex, gemini)");
  }
}
