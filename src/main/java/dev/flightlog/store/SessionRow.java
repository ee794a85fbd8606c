package dev.flightlog.store;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One session with its totals: prompts, tool calls, failed tool calls, and the usage of each model
 * (sorted by model id). The totals are the whole session's, whatever the filter's time range.
 *
 * @param costStateUsd the agent's own running cost total for the session (its cost-state), if any
 * @param activeMs the sum of the known wall times of its turns, null when none is known
 * @param idleMs the sum of the known idle gaps before its turns, null when none is known
 */
public record SessionRow(
    String agent,
    String sessionId,
    @Nullable String project,
    @Nullable Instant firstSeen,
    @Nullable Instant lastSeen,
    long prompts,
    long toolCalls,
    long toolErrors,
    List<ModelUsage> models,
    @Nullable Double costStateUsd,
    @Nullable Long activeMs,
    @Nullable Long idleMs) {

  public SessionRow {
    models = List.copyOf(models);
  }
}
