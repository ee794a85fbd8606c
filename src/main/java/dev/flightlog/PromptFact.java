package dev.flightlog;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A prompt and the turn it starts. Natural key: agent + prompt id. A fact with only {@code endedAt}
 * extends the turn to that time (the turn ends at the latest activity seen inside it, or at Stop).
 */
public record PromptFact(
    Agent agent,
    String sessionId,
    String promptId,
    @Nullable String text,
    @Nullable Instant startedAt,
    @Nullable Instant endedAt,
    @Nullable String project,
    Channel channel)
    implements Fact {
  public PromptFact {
    Keys.require("sessionId", sessionId);
    Keys.require("promptId", promptId);
  }
}
