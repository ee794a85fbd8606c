package dev.flightlog.metrics;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The flow of one turn (PRODUCT.md §4, "Flow"). Durations are milliseconds, null when a time they
 * need is unknown.
 *
 * @param wallMs from the prompt to Stop
 * @param toolMs the time at least one tool call ran (overlapping calls counted once)
 * @param modelMs the time spent waiting for the model
 * @param waitingMs the time spent waiting for the user (permission prompts, questions)
 * @param calls the tool calls of the turn, every thread
 * @param longestStreak the most consecutive successful calls, in start order
 * @param idleBeforeMs the gap from the end of the session's previous turn to this one's start
 */
public record TurnFlow(
    String promptId,
    @Nullable Instant startedAt,
    @Nullable Instant endedAt,
    @Nullable Long wallMs,
    @Nullable Long toolMs,
    @Nullable Long modelMs,
    @Nullable Long waitingMs,
    int calls,
    int longestStreak,
    @Nullable Long idleBeforeMs) {}
