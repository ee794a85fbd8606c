package dev.flightlog.store;

/**
 * One session's cost-state figure for one model, Claude Code's own running total, beside the usage
 * of the requests of that model flightlog recorded for the whole session, for a cross-check.
 *
 * @param stateUsd the cost Claude Code wrote into the session's cost-state for the model
 * @param recorded the usage of the session's requests of the model (0 requests when none)
 */
public record CostStateCheck(
    String agent, String sessionId, double stateUsd, ModelUsage recorded) {}
