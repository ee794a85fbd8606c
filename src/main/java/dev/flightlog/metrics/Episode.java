package dev.flightlog.metrics;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A recovery episode (PRODUCT.md §4, "Recovery").
 *
 * @param file for file edits, the file the episode is about; else null
 * @param first the signature of the failure that started it
 * @param failures the failed calls in it (at least 1)
 * @param attempts the calls of the episode's tool (or file) after the first failure, up to and
 *     including the one that recovered
 * @param startedAt when the first failure started (else ended), null when unknown
 * @param recoveryMs from the end of the first failure to the end of the recovering call; null when
 *     not recovered or a time is unknown
 */
public record Episode(
    String threadId,
    String promptId,
    String tool,
    @Nullable String file,
    ErrorSignature first,
    Outcome outcome,
    int failures,
    int attempts,
    @Nullable Instant startedAt,
    @Nullable Long recoveryMs) {}
