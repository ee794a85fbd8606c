package dev.flightlog.store;

import org.jspecify.annotations.Nullable;

/**
 * The sums over the turns in a range: each duration sums the turns that know it (null when none
 * does); {@code longestStreak} is the longest of any turn.
 *
 * @param timedCalls the calls of the turns whose wall time is known, for calls per minute
 */
public record FlowTotals(
    long turns,
    @Nullable Long wallMs,
    @Nullable Long toolMs,
    @Nullable Long modelMs,
    @Nullable Long waitingMs,
    @Nullable Long otherMs,
    long calls,
    long timedCalls,
    long longestStreak,
    @Nullable Long idleBeforeMs) {}
