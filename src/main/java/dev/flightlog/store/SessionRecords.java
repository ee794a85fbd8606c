package dev.flightlog.store;

import dev.flightlog.Usage;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every stored record of one session, for its timeline: the session, its subagent threads, its
 * prompts, tool calls and model requests, each list in the order of its time (unknown last).
 */
public record SessionRecords(
    Session session,
    List<Subagent> subagents,
    List<Prompt> prompts,
    List<ToolCallRow> toolCalls,
    List<Request> requests) {

  public SessionRecords {
    subagents = List.copyOf(subagents);
    prompts = List.copyOf(prompts);
    toolCalls = List.copyOf(toolCalls);
    requests = List.copyOf(requests);
  }

  /** The session; {@code endedAt} and {@code endReason} come from the agent's SessionEnd. */
  public record Session(
      String agent,
      String sessionId,
      @Nullable String project,
      @Nullable String gitBranch,
      @Nullable String agentVersion,
      @Nullable Instant firstSeen,
      @Nullable Instant lastSeen,
      @Nullable Instant endedAt,
      @Nullable String endReason) {}

  /** A subagent thread: its id, type and task, the tool call that started it, when it was seen. */
  public record Subagent(
      String threadId,
      @Nullable String agentType,
      @Nullable String description,
      @Nullable String parentToolUseId,
      @Nullable String model,
      @Nullable Instant firstSeen,
      @Nullable Instant lastSeen) {}

  /** A prompt and its turn: {@code endedAt} is the turn's end (Stop, or its last activity). */
  public record Prompt(
      String promptId,
      @Nullable String text,
      @Nullable Instant startedAt,
      @Nullable Instant endedAt) {}

  /**
   * A model request with the inputs of its cost (see {@code report.Cost}).
   *
   * @param agentCostUsd the agent's own cost figure for it, if any
   * @param stateCostUsd its share of the session's cost-state for its model, if any
   */
  public record Request(
      String messageId,
      @Nullable String threadId,
      @Nullable String promptId,
      String model,
      Usage usage,
      @Nullable Instant at,
      @Nullable Double agentCostUsd,
      @Nullable Double stateCostUsd) {}
}
