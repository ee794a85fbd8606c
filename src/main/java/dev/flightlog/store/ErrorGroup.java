package dev.flightlog.store;

import dev.flightlog.metrics.ErrorSignature;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the error catalog: the failed calls in range with one signature.
 *
 * @param sessions how many sessions had such a failure
 * @param firstSeen the earliest known time of one of them, null when no time is known
 * @param example the raw first line of the latest failure that has an error text, bounded; null
 *     when none has one
 * @param exampleSessionId the session of that failure (of the latest failure when none has text)
 */
public record ErrorGroup(
    ErrorSignature signature,
    long count,
    long sessions,
    @Nullable Instant firstSeen,
    @Nullable Instant lastSeen,
    @Nullable String example,
    String exampleSessionId) {}
