package dev.flightlog.store;

import dev.flightlog.metrics.TurnFlow;
import org.jspecify.annotations.Nullable;

/**
 * The stored flow of one turn, with its session and its project ({@code ""} when unknown).
 *
 * @param otherMs wall time that is neither tool, model nor waiting time; null when one is unknown
 */
public record TurnRow(
    String agent, String sessionId, String project, TurnFlow flow, @Nullable Long otherMs) {}
