package dev.flightlog.metrics;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One turn: a prompt and, when the agent said it stopped, its end.
 *
 * @param promptId {@code ""} for the calls and requests of the session whose turn is not known
 */
public record Turn(String promptId, @Nullable Instant startedAt, @Nullable Instant endedAt) {}
