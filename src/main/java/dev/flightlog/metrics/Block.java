package dev.flightlog.metrics;

import java.time.Instant;

/**
 * A 5-hour usage block: it starts at the whole UTC hour of its first activity and ends 5 hours
 * later; {@code last} is the start of the last hour with activity in it.
 */
public record Block(Instant start, Instant end, Instant last) {}
