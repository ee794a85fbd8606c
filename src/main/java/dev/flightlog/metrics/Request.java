package dev.flightlog.metrics;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One model request as flow sees it: its thread, turn and the time its response was recorded. */
public record Request(String threadId, String promptId, @Nullable Instant at) {}
