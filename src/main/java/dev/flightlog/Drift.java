package dev.flightlog;

/**
 * Schema drift: something in an agent's output that flightlog does not know, counted per agent
 * version and never fatal.
 *
 * @param agentVersion the agent version that wrote it, or {@code "unknown"}
 * @param kind what is unknown: {@code entry_type}, {@code field}, {@code content_block} …
 * @param name the unknown name, e.g. {@code user.someNewField}
 */
public record Drift(Agent agent, String agentVersion, String kind, String name) {
  public Drift {
    Keys.require("agentVersion", agentVersion);
    Keys.require("kind", kind);
    Keys.require("name", name);
  }
}
