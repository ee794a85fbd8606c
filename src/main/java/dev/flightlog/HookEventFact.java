package dev.flightlog;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One hook payload exactly as the agent delivered it, kept for audit and replay. Natural key: the
 * SHA-256 of the payload bytes, so a payload received twice (a retry, or both the HTTP hook and the
 * spooler) is stored once with both channels in its provenance.
 *
 * @param sessionId the payload's session id, or the empty string when it has none (not JSON, say)
 * @param event the payload's {@code hook_event_name}, or null when it has none
 * @param payloadSha256 lower-case hex SHA-256 of the payload bytes as received
 * @param payload the payload as text (invalid UTF-8 replaced), bounded by the capture policy
 * @param payloadBytes the size of the payload as received
 * @param json whether the payload was a JSON object; anything else is kept and counted as a skip
 * @param receivedAt when flightlog received it (the agent's payloads carry no time)
 */
public record HookEventFact(
    Agent agent,
    String sessionId,
    @Nullable String event,
    String payloadSha256,
    String payload,
    long payloadBytes,
    boolean json,
    Instant receivedAt,
    Channel channel)
    implements Fact {
  public HookEventFact {
    if (!payloadSha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("payloadSha256 must be 64 lower-case hex digits");
    }
    if (payloadBytes < 0) {
      throw new IllegalArgumentException("payloadBytes cannot be negative: " + payloadBytes);
    }
    if (channel != Channel.HOOK && channel != Channel.HTTP_HOOK) {
      throw new IllegalArgumentException(
          "a hook event arrives by hook or http_hook, not " + channel);
    }
  }

  /** A copy with the payload text replaced (used by the capture policy). */
  public HookEventFact withPayload(String text) {
    return new HookEventFact(
        agent, sessionId, event, payloadSha256, text, payloadBytes, json, receivedAt, channel);
  }
}
