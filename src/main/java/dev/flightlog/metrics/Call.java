package dev.flightlog.metrics;

import dev.flightlog.ToolStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One tool call as the definitions see it.
 *
 * @param threadId the thread: {@code ""} for the main thread, else the subagent's id
 * @param promptId the turn's prompt id, {@code ""} when the call's turn is not known
 * @param tool the tool name, {@code ""} when not known
 * @param summary the input's summary (for Read, Write, Edit, MultiEdit and NotebookEdit the file
 *     path)
 * @param measuredMs the duration the agent measured, else null
 */
public record Call(
    String toolUseId,
    String threadId,
    String promptId,
    String tool,
    ToolStatus status,
    @Nullable String error,
    @Nullable String summary,
    @Nullable Instant startedAt,
    @Nullable Instant endedAt,
    @Nullable Long measuredMs) {}
