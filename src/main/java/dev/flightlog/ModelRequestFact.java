package dev.flightlog;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One model request (one API response). Natural key: agent + request id when known, else agent +
 * message id. A transcript writes the same request once per content block with the usage repeated;
 * each copy is a fact about the same key, so the request is counted once. OTLP knows only the
 * request id; the transcript knows both, so the two merge into one record.
 *
 * @param messageId the API message id, or the empty string when the channel does not know it
 * @param requestId the API request id, or the empty string when the channel does not know it
 * @param agentCostUsd the cost the agent itself reported for this request, if any
 */
public record ModelRequestFact(
    Agent agent,
    String messageId,
    String requestId,
    String sessionId,
    @Nullable String threadId,
    @Nullable String promptId,
    @Nullable String model,
    @Nullable Usage usage,
    @Nullable Instant at,
    @Nullable String project,
    @Nullable Double agentCostUsd,
    Channel channel)
    implements Fact {
  public ModelRequestFact {
    if (messageId.isBlank() && requestId.isBlank()) {
      throw new IllegalArgumentException("a model request needs a message id or a request id");
    }
    Keys.require("sessionId", sessionId);
    if (agentCostUsd != null && !(agentCostUsd >= 0)) {
      throw new IllegalArgumentException("agentCostUsd must be a non-negative number");
    }
  }
}
