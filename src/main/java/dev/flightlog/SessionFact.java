package dev.flightlog;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A session was seen. Natural key: agent + session id. {@code seenAt} widens the session's first
 * and last seen times; {@code endedAt} and {@code endReason} come from the agent's SessionEnd hook.
 */
public record SessionFact(
    Agent agent,
    String sessionId,
    @Nullable String project,
    @Nullable String gitBranch,
    @Nullable String agentVersion,
    @Nullable Instant seenAt,
    @Nullable Instant endedAt,
    @Nullable String endReason,
    Channel channel)
    implements Fact {
  public SessionFact {
    Keys.require("sessionId", sessionId);
  }
}
