package dev.flightlog;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A thread of a session: {@link #MAIN} or a subagent, whose id is the agent's subagent id. Natural
 * key: agent + session id + thread id. {@code parentToolUseId} is the tool call that spawned it.
 */
public record ThreadFact(
    Agent agent,
    String sessionId,
    String threadId,
    @Nullable String agentType,
    @Nullable String description,
    @Nullable String parentToolUseId,
    @Nullable String model,
    @Nullable Instant seenAt,
    Channel channel)
    implements Fact {

  /** The thread id of a session's main conversation. */
  public static final String MAIN = "main";

  public ThreadFact {
    Keys.require("sessionId", sessionId);
    Keys.require("threadId", threadId);
  }
}
