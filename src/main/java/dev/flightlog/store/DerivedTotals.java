package dev.flightlog.store;

import org.jspecify.annotations.Nullable;

/**
 * The overview's part of the derived tables in a range: recovery episodes that ended (recovered,
 * unrecovered or interrupted; open ones are not counted), of them the recovered ones, and the
 * active time (the sum of the known wall times of the turns started in the range; null when none is
 * known).
 */
public record DerivedTotals(long episodes, long recovered, @Nullable Long activeMs) {}
