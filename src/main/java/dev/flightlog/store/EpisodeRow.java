package dev.flightlog.store;

import dev.flightlog.metrics.ErrorSignature;
import dev.flightlog.metrics.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * A stored recovery episode as the recovery report aggregates it (see {@code metrics.Episode}).
 *
 * @param first the signature of the failure that started it; rows of one signature share the
 *     instance
 */
public record EpisodeRow(
    ErrorSignature first, Outcome outcome, int attempts, @Nullable Long recoveryMs) {}
