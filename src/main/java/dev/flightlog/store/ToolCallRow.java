package dev.flightlog.store;

import dev.flightlog.ToolStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One stored tool call, as exported.
 *
 * @param durationMs the duration measured by the agent, else the end minus the start, else null
 * @param sources the provenance bit set (see {@code Channel.names})
 */
public record ToolCallRow(
    String agent,
    String toolUseId,
    String sessionId,
    @Nullable String threadId,
    @Nullable String promptId,
    @Nullable String tool,
    @Nullable String mcpServer,
    @Nullable String input,
    @Nullable String summary,
    ToolStatus status,
    @Nullable String error,
    @Nullable String outputExcerpt,
    @Nullable Long outputBytes,
    @Nullable Instant startedAt,
    @Nullable Instant endedAt,
    @Nullable Long durationMs,
    String project,
    @Nullable String messageId,
    int sources) {}
